"""`render.py batch --scheduler` against hostile clusters (issue 33): a scheduler that accepts and never
answers, a LocalCluster larger than the machine, TLS and UCX addresses, and workers that must not outlive
their client. Probes are faked (LESSON_VIDEO_CORES, LESSON_VIDEO_MEMORY), the silent scheduler is a socket on
loopback, and Dask's connect timeout is set small through its own configuration."""

import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from pipeline.batch.executors import DaskExecutor, SchedulerError, check_scheduler
from pipeline.render.resources import CORES_ENV, MEMORY_ENV
from tests.helpers import one_line_error, run_cli, run_main
from tests.helpers.fakes import batch_file

ONE = [("x^2 - 2x", (-1, 3), ("critical_points",))]
GUARD_S = 120  # "within 2 minutes": only a guard against a hang, far above the few seconds it takes


@pytest.fixture
def silent_scheduler():
    """A socket on loopback that accepts every connection and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted, stop = [], threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{listener.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


@pytest.mark.slow
def test_a_scheduler_that_accepts_and_never_answers_is_one_line_with_progress_meanwhile(tmp_path, silent_scheduler):
    """The probe was still waiting at 590 s: Dask's connect timeout does not cover a silent peer."""
    address, accepted = silent_scheduler
    started = time.monotonic()
    done = run_cli("batch", str(batch_file(tmp_path, ONE)), "--out", str(tmp_path / "out"), "--scheduler", address,
                   env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}, timeout=GUARD_S)
    assert time.monotonic() - started < GUARD_S
    one_line_error(done, f"the Dask scheduler {address} did not answer within 4 s (it accepts connections but "
                         "is silent: is it a Dask scheduler, and is it running?)")
    assert accepted, "the client never connected"
    assert f"waiting for the Dask scheduler {address}: no answer after" in done.stdout


def test_a_local_cluster_larger_than_the_machine_is_refused_before_anything_starts(tmp_path, monkeypatch):
    """local:999 in a 4 GiB cgroup was killed by the kernel at 53 s; its 71 workers outlived it."""
    import distributed

    def started(*args, **kwargs):
        raise AssertionError("a LocalCluster was started")
    monkeypatch.setattr(distributed, "LocalCluster", started)
    path = batch_file(tmp_path, ONE)
    fake = {CORES_ENV: "16", MEMORY_ENV: "4G"}
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"), "--scheduler", "local:999", env=fake)
    one_line_error(done, "--scheduler local:999: this machine holds 4 Dask workers drawing at once (16 cores, 4.0 "
                         "GiB of memory available, about 0.9 GiB per section at tiny); use local:4 or fewer")
    assert not (tmp_path / "out").exists()
    fake = {CORES_ENV: "2", MEMORY_ENV: "64G"}
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"), "--scheduler", "local:3", env=fake)
    one_line_error(done, "this machine holds 2 Dask workers drawing at once (2 cores")
    fake = {CORES_ENV: "2", MEMORY_ENV: "512M"}
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"), "--scheduler", "local:1", env=fake)
    one_line_error(done, "holds 0 Dask workers drawing at once (2 cores, 0.5 GiB of memory available, about 0.9 GiB "
                         "per section at tiny); use the local pool (no --scheduler)")


def test_the_local_pool_caps_jobs_at_what_the_memory_holds_with_a_warning(tmp_path):
    done = run_main("batch", str(batch_file(tmp_path, ONE)), "--out", str(tmp_path / "out"), "--jobs", "100",
                    "--dry-run", env={CORES_ENV: "2", MEMORY_ENV: "3G"})
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == ("warning: --jobs 100: this machine holds 10 sections at once (2 cores, "
                                           "3.0 GiB of memory available, about 0.3 GiB per section at tiny); "
                                           "rendering 10 at once")


@pytest.mark.parametrize("address, needle", [
    ("tls://127.0.0.1:8786", "tls:// needs the client's certificates in Dask's configuration: set "
                             "distributed.comm.tls.ca-file, distributed.comm.tls.client.cert and "
                             "distributed.comm.tls.client.key"),
    ("ucx://127.0.0.1:8786", "ucx:// needs UCX and the distributed-ucxx package, which this tool does not install"),
    ("inproc://10.0.0.1/1/2", "inproc:// is not an address another process can reach"),
])
def test_an_address_dask_cannot_use_from_here_is_one_line_saying_how(tmp_path, address, needle):
    """tls:// and ucx:// raised TypeError tracebacks."""
    one_line_error(run_main("batch", str(batch_file(tmp_path, ONE)), "--scheduler", address, "--dry-run"), needle)


@pytest.fixture
def certificates(tmp_path):
    """A self-signed certificate for 127.0.0.1, its own authority: the scheduler's and the client's."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost"], check=True, capture_output=True, timeout=60)
    return cert, key


def test_a_tls_scheduler_is_reached_with_the_certificates_of_dasks_configuration(certificates):
    import dask
    from distributed import LocalCluster
    from distributed.security import Security

    cert, key = certificates
    security = Security(tls_ca_file=str(cert), tls_scheduler_cert=str(cert), tls_scheduler_key=str(key),
                        tls_client_cert=str(cert), tls_client_key=str(key), require_encryption=True)
    with LocalCluster(n_workers=0, processes=False, protocol="tls://", host="127.0.0.1", security=security,
                      dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tls://")
        with pytest.raises(SchedulerError, match="needs the client's certificates"):
            check_scheduler(address)
        with dask.config.set({"distributed.comm.tls.ca-file": str(cert), "distributed.comm.tls.client.cert": str(cert),
                              "distributed.comm.tls.client.key": str(key)}):
            check_scheduler(address)
            executor = DaskExecutor(address).start()
            try:
                assert executor.client.scheduler_info()["address"] == address
            finally:
                executor.close()
        with dask.config.set({"distributed.comm.tls.ca-file": str(cert) + ".missing",
                              "distributed.comm.tls.client.cert": str(cert), "distributed.comm.tls.client.key": str(key)}):
            with pytest.raises(SchedulerError, match=r"Dask's TLS configuration .* cannot be used"):
                check_scheduler(address)


def processes_marked(mark: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if mark.encode() in Path(f"/proc/{entry}/environ").read_bytes():
                    found.append(int(entry))
            except OSError:
                continue
    return found


@pytest.mark.slow
def test_no_local_cluster_worker_outlives_its_client_killed(tmp_path):
    mark = f"LESSON_VIDEO_TEST_MARK={uuid.uuid4().hex}"
    name, value = mark.split("=")
    done = run_cli("batch", str(batch_file(tmp_path, ONE)), "--out", str(tmp_path / "out"), "--scheduler", "local:2",
                   env={name: value, "LESSON_VIDEO_FAULT": "batch-cluster:SIGKILL"}, timeout=GUARD_S)
    assert done.returncode == -signal.SIGKILL, done.stderr
    deadline = time.monotonic() + 30  # a guard: they end as soon as they see their client gone
    while processes_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_marked(mark) == []
