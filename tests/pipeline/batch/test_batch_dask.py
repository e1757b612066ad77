"""`render.py batch` on a real Dask LocalCluster of two worker processes (no mocks), one cluster for the module:
lesson folders byte-identical to rendering each variant alone, shared sections rendered once, a re-run renders
nothing, a worker killed mid-job and the batch still completes, a worker of other code refuses its job."""

import json
import uuid
from pathlib import Path

import pytest

from pipeline.batch.code_version import CodeVersionMismatch
from pipeline.batch.task import SectionTask, run_on_dask_worker
from tests.helpers import run_cli, run_main, tree_hash
from tests.helpers.fakes import batch_file

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dask")]

# every variant draws section 3 (three of them the same sigmoid loss); one draws section 4 (its explorable's
# files go through the store too), one section 1
VARIANTS = (("x^3 - 12x", (-3.5, 3.5), ("plateaus", "gradient_descent")), ("(x+1)^2", (-4, 2), ("plateaus",)),
            ("abs(x-1) + 0.5x", (-1, 3), ("critical_points", "plateaus")), ("x^2*exp(-x)", (-1, 6), ("plateaus",)))


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


@pytest.fixture(scope="module")
def first_batch(cluster, tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    path = batch_file(folder, VARIANTS)
    args = ("batch", str(path), "--out", str(folder / "out"), "--store", f"file://{folder}/store",
            "--scheduler", cluster.scheduler_address)
    done = run_main(*args)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder, args, done


def index(folder: Path) -> dict:
    return json.loads((folder / "out" / "batch.json").read_text(encoding="utf-8"))


def without_rendered_at(manifest: Path) -> dict:
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in data["sections"]:
        entry.pop("rendered_at")
    return data


def test_every_lesson_folder_is_the_variant_rendered_alone(first_batch, tmp_path):
    folder, _, _ = first_batch
    lessons = index(folder)["lessons"]
    assert [lesson["status"] for lesson in lessons] == ["ok"] * 4
    for lesson, (function, (a, b), sections) in zip(lessons, VARIANTS):
        alone = tmp_path / "alone"
        done = run_cli("--function", function, "--domain", str(a), str(b), "--quality", "tiny", "--voice", "none",
                       *(f"--section={s}" for s in sections), "--out", str(alone), timeout=600)
        assert done.returncode == 0, done.stderr
        ours, theirs = folder / "out" / lesson["folder"], alone / lesson["folder"]
        assert theirs.is_dir()
        mine, other = tree_hash(ours), tree_hash(theirs)
        assert set(mine) == set(other) and len(mine) >= 11  # 7 files a section, the 4 pages
        assert {n: h for n, h in mine.items() if n != "manifest.json"} == \
            {n: h for n, h in other.items() if n != "manifest.json"}
        assert without_rendered_at(ours / "manifest.json") == without_rendered_at(theirs / "manifest.json")


def test_the_sigmoid_loss_section_is_rendered_once_for_three_functions(first_batch):
    folder, _, done = first_batch
    record = index(folder)
    totals = record["totals"]
    # x³ − 12x, (x+1)² and |x − 1| + x/2 have no plateau, for the same reason: one render for the three;
    # x² e^(−x)'s section 3 says another reason, so it is another section
    assert (totals["sections"], totals["rendered"], totals["shared"]) == (6, 4, 2)
    states = [[s["state"] for s in lesson["sections"]] for lesson in record["lessons"]]
    assert states == [["rendered", "rendered"], ["shared"], ["rendered", "shared"], ["rendered"]]
    keys = {s["content_key"] for lesson in record["lessons"] for s in lesson["sections"]}
    committed = list((folder / "store").glob("*/commit.json"))
    assert len(keys) == len(committed) == 4  # four renders, counted by the store's entries
    assert "4 sections rendered" in done.stdout and "Dask cluster tcp://" in done.stdout
    page = (folder / "out" / "batch.html").read_text(encoding="utf-8")
    assert page.count('data-status="ok"') == 4 and page.count('data-state="shared"') == 2
    explorable = folder / "out" / record["lessons"][0]["folder"] / "explore"
    assert sorted(p.name for p in explorable.iterdir())[-2:] == ["explore.css", "explore.js"]
    assert page.count("its own function <code>(sigmoid(2x) - 0.9)^2</code> (no plateau)") == 3


def test_running_the_same_batch_again_renders_nothing(first_batch):
    folder, args, _ = first_batch
    before = tree_hash(folder / "out")
    done = run_main(*args)
    assert done.returncode == 0, done.stderr
    totals = index(folder)["totals"]
    assert (totals["rendered"], totals["up_to_date"]) == (0, 6)
    after = tree_hash(folder / "out")
    assert {n: h for n, h in after.items() if not n.startswith("batch.")} == \
        {n: h for n, h in before.items() if not n.startswith("batch.")}


def test_a_worker_killed_mid_job_has_its_job_rerun_and_the_batch_completes(cluster, tmp_path):
    path = batch_file(tmp_path, [(f, d, ("critical_points",)) for f, d, _ in VARIANTS[:2]])
    marker = tmp_path / "killed-once"
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"), "--store", f"memory://{uuid.uuid4().hex}",
                    "--scheduler", cluster.scheduler_address,
                    env={"LESSON_VIDEO_FAULT": "batch-rendering:SIGKILL", "LESSON_VIDEO_FAULT_ONCE": str(marker)})
    assert marker.exists()  # a Dask worker process was killed while its section's worker ran
    assert done.returncode == 0, done.stdout + done.stderr
    record = json.loads((tmp_path / "out" / "batch.json").read_text(encoding="utf-8"))
    assert [lesson["status"] for lesson in record["lessons"]] == ["ok", "ok"]
    assert record["totals"]["rendered"] == 2
    for lesson in record["lessons"]:
        assert (tmp_path / "out" / lesson["folder"] / "01_critical_points.mp4").stat().st_size > 0


def test_a_worker_running_other_code_refuses_the_job_with_a_clear_line(cluster):
    from distributed import Client

    task = SectionTask(plan={}, quality="tiny", voice="none", details={}, key="0" * 64, code_version="f" * 64)
    with Client(cluster.scheduler_address) as client:
        with pytest.raises(CodeVersionMismatch, match="the batch was planned with ffffffffffff: install"):
            client.submit(run_on_dask_worker, task, pure=False).result(timeout=120)


def test_a_local_cluster_renders_the_others_when_one_variant_is_refused(tmp_path):
    path = batch_file(tmp_path, (("x^^2", (-1, 1), ("critical_points",)), ("x^2", (-1, 1), ("critical_points",))))
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"), "--scheduler", "local:1")
    assert done.returncode == 1
    assert "error: entry 1 (x^^2):" in done.stderr
    record = json.loads((tmp_path / "out" / "batch.json").read_text(encoding="utf-8"))
    assert [lesson["status"] for lesson in record["lessons"]] == ["refused", "ok"]
    assert record["lessons"][0]["error"] and record["where"] == "Dask cluster local:1"
    assert (tmp_path / "out" / record["lessons"][1]["folder"] / "01_critical_points.mp4").is_file()
