"""The store of finished sections: an entry exists once its commit record is written, and only as recorded."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import uuid

import msgspec
import pytest

from pipeline.batch.code_version import CodeVersionMismatch, check_code_version, code_version
from pipeline.batch.store import COMMIT, DamagedEntry, SectionStore, StoredSection, StoreError
from pipeline.manifest import entry_record
from tests.helpers import ROOT, one_line_error, run_main, stored_section

KEY = hashlib.sha256(b"a section").hexdigest()


def section(video: bytes = b"mp4 bytes") -> StoredSection:
    return stored_section(KEY, video)


@pytest.fixture(params=["file", "memory"])
def store(request, tmp_path):
    url = f"file://{tmp_path}/store" if request.param == "file" else f"memory://store-{uuid.uuid4().hex}"
    return SectionStore(url).prepare()


def test_a_put_section_comes_back_byte_for_byte_with_its_entry(store):
    assert not store.has(KEY) and store.get(KEY) is None
    store.put(KEY, section())
    got = store.get(KEY)
    assert store.has(KEY)
    assert got.files == section().files
    assert entry_record(got.entry) == entry_record(section().entry)
    assert list(entry_record(got.entry)) == list(entry_record(section().entry))  # key order kept: same manifest bytes


def test_an_entry_without_its_commit_record_does_not_exist(store):
    store.put(KEY, section())
    store.fs.rm_file(store._path(KEY, COMMIT))  # the client killed before the record was written
    assert not store.has(KEY) and store.get(KEY) is None
    store.put(KEY, section(b"again"))  # the next put writes it whole
    assert dict(store.get(KEY).files)["03_plateaus.mp4"] == b"again"


def test_a_file_that_does_not_match_its_record_makes_the_entry_missing(store):
    store.put(KEY, section())
    store.fs.pipe_file(store._path(KEY, "files", "03_plateaus.mp4"), b"truncated")
    assert store.get(KEY) is None


def test_a_forced_put_replaces_the_entry(store):
    store.put(KEY, section(b"one"))
    store.put(KEY, section(b"two"))
    assert dict(store.get(KEY).files)["03_plateaus.mp4"] == b"two"


def test_a_store_that_cannot_be_written_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(StoreError, match="cannot write into it"):
        SectionStore(str(tmp_path / "afile")).prepare()
    with pytest.raises(StoreError, match="--store nosuch://x"):
        SectionStore("nosuch://x")


def test_a_worker_with_another_code_version_refuses_the_job_clearly():
    check_code_version(code_version())  # its own: nothing to say
    with pytest.raises(CodeVersionMismatch, match=r"runs code version [0-9a-f]{12}, the batch was planned with "
                       r"000000000000: install the client's commit"):
        check_code_version("0" * 64)


# --- a store that heals (issue 33): every damage makes the entry absent, with the reason, and a put replaces it


def damage(store: SectionStore, how: str, tmp_path) -> None:
    """Damage the entry under KEY as the hostile tests did; `outside` is a file the store must never write."""
    video = store._path(KEY, "files", "03_plateaus.mp4")
    if how == "truncated":
        store.fs.pipe_file(video, b"mp4")
    elif how == "a flipped byte":
        store.fs.pipe_file(video, b"mp4 bytez")
    elif how == "entry.json is '{'":
        store.fs.pipe_file(store._path(KEY, "entry.json"), b"{")
    elif how == "a file replaced by a folder":
        store.fs.rm_file(video)
        store.fs.makedirs(video + "/inside", exist_ok=True)
        store.fs.pipe_file(video + "/inside/x", b"x")
    elif how == "commit.json a folder":
        store.fs.rm_file(store._path(KEY, COMMIT))
        store.fs.makedirs(store._path(KEY, COMMIT), exist_ok=True)
        store.fs.pipe_file(store._path(KEY, COMMIT, "x"), b"x")
    elif how == "a file linked elsewhere":
        os.unlink(video)
        os.symlink(tmp_path / "outside", video)
    elif how == "files/ linked elsewhere":
        shutil.move(store._path(KEY, "files"), tmp_path / "elsewhere")
        os.symlink(tmp_path / "elsewhere", store._path(KEY, "files"))
    elif how == "a FIFO":
        os.unlink(video)
        os.mkfifo(video)
    elif how == "commit.json a huge file":
        store.fs.pipe_file(store._path(KEY, COMMIT), b" " * 2_000_000 + msgspec.json.encode(section().commit(KEY)).decode()
                           .encode())
    else:
        raise AssertionError(how)


def finishes(call, seconds: float = 60):
    """call() in a thread, given `seconds` (a guard: a read that blocks on a FIFO fails the test, not the suite)."""
    box = {}

    def run() -> None:
        try:
            box["value"] = call()
        except Exception as problem:  # noqa: BLE001 - raised again in the test's thread
            box["problem"] = problem
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the store blocked"
    if "problem" in box:
        raise box["problem"]
    return box["value"]


@pytest.mark.parametrize("how, needle", [
    ("truncated", "files/03_plateaus.mp4 does not match its commit record"),
    ("a flipped byte", "files/03_plateaus.mp4 does not match its commit record"),
    ("entry.json is '{'", "entry.json is not a manifest entry"),
    ("a file replaced by a folder", "files/03_plateaus.mp4 is a"),
    ("commit.json a folder", "commit.json is a"),
    ("commit.json a huge file", "commit.json is larger than its record allows"),
])
def test_a_damaged_entry_is_absent_with_its_reason_and_a_put_replaces_it(store, tmp_path, how, needle):
    damaged_then_healed(store, tmp_path, how, needle)


@pytest.mark.parametrize("how, needle", [
    ("a file linked elsewhere", "files/03_plateaus.mp4 is a symbolic link, not a file"),
    ("files/ linked elsewhere", "files/03_plateaus.mp4 is inside a link"),
    ("a FIFO", "files/03_plateaus.mp4 is not a regular file"),
])
def test_a_link_or_a_fifo_in_a_folder_store_is_damage_never_followed_nor_waited_on(tmp_path, how, needle):
    damaged_then_healed(SectionStore(f"file://{tmp_path}/store").prepare(), tmp_path, how, needle)


def damaged_then_healed(store: SectionStore, tmp_path, how: str, needle: str) -> None:
    outside = tmp_path / "outside"
    outside.write_bytes(b"mp4 bytes")  # the right bytes: a link to it must not pass for the stored file
    store.put(KEY, section())
    damage(store, how, tmp_path)
    assert finishes(lambda: store.get(KEY)) is None and not finishes(lambda: store.has(KEY))
    with pytest.raises(DamagedEntry, match=re.escape(needle)):
        finishes(lambda: store.read(KEY))
    store.put(KEY, section(b"healed"))
    assert dict(store.get(KEY).files)["03_plateaus.mp4"] == b"healed"
    assert outside.read_bytes() == b"mp4 bytes"  # replaced, never written through


def test_commit_json_linked_to_dev_zero_is_not_read_without_limit(tmp_path):
    """Run apart, under a memory limit: the old store read /dev/zero until memory ran out."""
    folder = tmp_path / "store"
    script = textwrap.dedent(f"""
        import os, resource, sys
        sys.path.insert(0, {str(ROOT)!r})
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        from pipeline.batch.store import SectionStore
        store = SectionStore({str(folder)!r}).prepare()
        os.makedirs(store._path({KEY!r}))
        os.symlink("/dev/zero", store._path({KEY!r}, "commit.json"))
        print(store.get({KEY!r}), store.has({KEY!r}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "None False"), done.stderr[-500:]


def test_a_read_error_of_one_entry_concerns_that_entry_only(tmp_path):
    """A permission taken away (tested as the backend raising it: the tests run as root) makes that entry
    absent; the other entry is read as usual."""
    store = SectionStore(f"memory://store-{uuid.uuid4().hex}").prepare()
    other = hashlib.sha256(b"another section").hexdigest()
    store.put(KEY, section())
    store.put(other, section(b"other"))
    refused = store._path(KEY, COMMIT)
    real_info = store.fs.info

    def info(path, **kwargs):
        if path.rstrip("/").endswith(refused.lstrip("/")):
            raise PermissionError(13, "Permission denied")
        return real_info(path, **kwargs)
    store.fs.info = info
    try:
        with pytest.raises(DamagedEntry, match=r"commit.json cannot be read \(Permission denied\)"):
            store.read(KEY)
        assert store.get(KEY) is None and dict(store.get(other).files)["03_plateaus.mp4"] == b"other"
    finally:
        del store.fs.info


def test_an_fsspec_url_whose_backend_fails_to_open_is_one_line(tmp_path):
    not_a_zip = tmp_path / "passwd"
    not_a_zip.write_text("root:x:0:0:root:/root:/bin/bash\n")
    with pytest.raises(StoreError, match=r"--store zip://x::file://\S+: cannot open it \(BadZipFile"):
        SectionStore(f"zip://x::file://{not_a_zip}")
    done = run_main("batch", str(ROOT / "examples" / "exercises.toml"), "--store", f"zip://x::file://{not_a_zip}",
                    "--dry-run")
    one_line_error(done, "cannot open it (BadZipFile")
