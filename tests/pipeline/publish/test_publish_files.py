"""`render.py publish` and the files it reads and writes beside the page: `.published.json` and
`manifest.json` that are FIFOs, devices or huge (they can come with a docs tree or be put there), symbolic
link loops, and a full disk at every write (fault points that raise ENOSPC, or SIGKILL, at a chosen
step): always one line and exit 2, never a traceback or a hang; after a failure the page is as it was,
every file publish copied is recorded as its own, and the next publish finishes the job."""

import hashlib
import json
import os
import re
import shutil

import pytest

from tests.helpers import LESSON, one_line_error, run_cli, run_main, tree_hash
from tests.helpers.fakes import FIXTURE, PAGE, fake_render, rerender

MEDIA = f"27_math_deep_learning/media/{LESSON}"
RECORD = ".published.json"


@pytest.fixture
def site(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    return docs, fake_render(tmp_path / "out")


def publish_cli(docs, out, *args, env=None, timeout=60):
    """In this process unless the test kills the process or moves its temporary folder (the real command)."""
    argv = ("publish", "--docs", str(docs), "--out", str(out.parent), *args)
    if env and ("SIGKILL" in env.get("LESSON_VIDEO_FAULT", "") or "TMPDIR" in env):
        return run_cli(*argv, env=env, timeout=timeout)
    return run_main(*argv, env=env)


def leftovers(docs):
    return sorted(p.name for p in docs.rglob(".*") if p.name != RECORD)


def recorded(docs) -> list[str]:
    """The files the record owns: those written, and the one being replaced when publish stopped."""
    record = json.loads((docs / MEDIA / RECORD).read_text(encoding="utf-8"))
    return sorted({*record["files"], *record.get("landing", {})})


def finished(docs) -> list[str]:
    record = json.loads((docs / MEDIA / RECORD).read_text(encoding="utf-8"))
    assert "landing" not in record
    return sorted(record["files"])


def ours(out) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name != "manifest.json")


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "huge"])
def test_a_record_that_is_no_regular_small_file_is_one_line(site, tmp_path, kind):
    """Through /dev/zero it was a MemoryError traceback; as a FIFO publish hung."""
    docs, out = site
    (docs / MEDIA).mkdir(parents=True)
    record = docs / MEDIA / RECORD
    if kind == "dev-zero":
        record.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(record)
    else:
        record.write_text(json.dumps({"files": {}, "pad": "x" * 1_100_000}), encoding="utf-8")
    before = tree_hash(tmp_path)
    done = publish_cli(docs, out, timeout=30)
    one_line_error(done, ".published.json")
    assert "move it away" in done.stderr
    assert tree_hash(tmp_path) == before


@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
def test_a_manifest_that_is_no_regular_file_is_one_line(site, tmp_path, kind):
    """A FIFO manifest hung publish (and render) while they held the lesson lock."""
    docs, out = site
    manifest = out / "manifest.json"
    manifest.unlink()
    if kind == "dev-zero":
        manifest.symlink_to("/dev/zero")
    else:
        os.mkfifo(manifest)
    before = tree_hash(tmp_path)
    done = publish_cli(docs, out, timeout=30)
    one_line_error(done, "not a regular file: not a manifest this tool can use")
    assert ("a symbolic link" in done.stderr) == (kind == "dev-zero")
    assert tree_hash(tmp_path) == before


def test_render_refuses_a_fifo_manifest_instead_of_hanging(tmp_path):
    folder = tmp_path / "out" / LESSON
    folder.mkdir(parents=True)
    os.mkfifo(folder / "manifest.json")
    done = run_cli("--out", str(tmp_path / "out"), "--section", "critical_points", "--quality", "tiny",
                   env={"TMPDIR": str(tmp_path)}, timeout=60)
    one_line_error(done, "manifest.json: not a regular file")
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json"]


@pytest.mark.parametrize("loop", ["page", "media", "media-lesson"])
def test_symlink_loops_are_one_line(site, tmp_path, loop):
    """They were RuntimeError tracebacks ('Symlink loop from …')."""
    docs, out = site
    args = []
    if loop == "page":
        (docs / "loop.md").symlink_to(docs / "loop.md")
        args = ["--page", "loop.md"]
    elif loop == "media":
        (docs / "27_math_deep_learning" / "media").symlink_to(docs / "27_math_deep_learning" / "media")
    else:
        (docs / MEDIA).parent.mkdir(parents=True)
        (docs / MEDIA).symlink_to(docs / MEDIA)
    before = tree_hash(tmp_path)
    done = publish_cli(docs, out, *args)
    one_line_error(done, "cannot follow its symbolic links (a symbolic link loop)")
    assert tree_hash(tmp_path) == before


def test_a_full_disk_at_the_third_copy_keeps_the_page_and_owns_what_it_copied(site):
    """Before, a traceback left 7 files and no record, and the next publish refused them as someone
    else's. Now each file is recorded as it lands."""
    docs, out = site
    page = (docs / PAGE).read_bytes()
    done = publish_cli(docs, out, env={"LESSON_VIDEO_FAULT": "publish-copy-3:ENOSPC"})
    one_line_error(done, "No space left on device")
    assert "01_critical_points.webp" in done.stderr and "publish again" in done.stderr
    copied = sorted(p.name for p in (docs / MEDIA).iterdir() if p.name != RECORD)
    assert copied == ["01_critical_points.mp4", "01_critical_points.png"]
    assert recorded(docs) == copied
    assert (docs / PAGE).read_bytes() == page and leftovers(docs) == []
    again = publish_cli(docs, out)
    assert again.returncode == 0, again.stderr
    assert "updated; 33 media file(s) copied" in again.stdout
    assert finished(docs) == ours(out)
    assert publish_cli(docs, out, "--check").returncode == 0


@pytest.mark.parametrize("fault, needle", [
    ("publish-page:ENOSPC", rf"cannot write \S+/{LESSON}\.md \(No space left on device\)"),
    ("publish-record:ENOSPC", r"cannot write \S+/\.published\.json \(No space left on device\)"),
    ("publish-copy-1:EACCES", r"cannot write \S+/01_critical_points\.mp4 \(Permission denied\)"),
])
def test_any_failed_write_is_one_line_and_the_next_publish_finishes(site, fault, needle):
    docs, out = site
    page = (docs / PAGE).read_bytes()
    done = publish_cli(docs, out, env={"LESSON_VIDEO_FAULT": fault})
    one_line_error(done, "the page is unchanged")
    assert re.search(needle, done.stderr), done.stderr
    assert (docs / PAGE).read_bytes() == page and leftovers(docs) == []
    again = publish_cli(docs, out)
    assert again.returncode == 0, again.stderr
    assert finished(docs) == ours(out) and b"lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin" in (docs / PAGE).read_bytes()


def test_a_failed_removal_is_one_line_and_the_next_publish_removes_the_rest(site):
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    path = out / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["sections"] = manifest["sections"][:-1]
    path.write_text(json.dumps(manifest), encoding="utf-8")
    listed = sorted(name for entry in manifest["sections"] for name in entry["hashes"])
    done = publish_cli(docs, out, "--drop-missing", env={"LESSON_VIDEO_FAULT": "publish-remove-2:EIO"})
    one_line_error(done, "cannot remove")
    assert "the page no longer links it" in done.stderr
    assert "05_conclusion." not in (docs / PAGE).read_text(encoding="utf-8")
    again = publish_cli(docs, out, "--drop-missing")
    assert again.returncode == 0 and "6 no longer listed, removed" in again.stdout, again.stdout + again.stderr
    assert not list((docs / MEDIA).glob("05_*")) and finished(docs) == listed


def test_a_publish_killed_mid_copy_leaves_nothing_the_next_one_refuses(site):
    """SIGKILL with a temporary file open and the record naming the file being replaced: the next
    publish removes the temporary file, owns both versions of the file, and finishes."""
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    for name in ("01_critical_points.mp4", "01_critical_points.png"):
        rerender(out, name, b"a newer render of " + name.encode())
    killed = publish_cli(docs, out, env={"LESSON_VIDEO_FAULT": "publish-copy-2:SIGKILL"})
    assert killed.returncode == -9
    assert [p for p in leftovers(docs) if p.startswith(".01_critical_points.png-")]  # the killed copy's
    again = publish_cli(docs, out)
    assert again.returncode == 0, again.stderr
    assert leftovers(docs) == []
    assert (docs / MEDIA / "01_critical_points.png").read_bytes() == (out / "01_critical_points.png").read_bytes()
    assert finished(docs) == ours(out)


def test_killed_between_the_replace_and_the_record_the_file_is_still_owned(site):
    """The record names the file it is about to replace (`landing`) before it does: killed right after
    the replace, the new bytes are publish's own too."""
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    record = json.loads((docs / MEDIA / RECORD).read_text(encoding="utf-8"))
    # as a run killed right after replacing the file left it: new bytes, the record naming them landing
    (docs / MEDIA / "01_critical_points.png").write_bytes(b"newer")
    landing = {"01_critical_points.png": hashlib.sha256(b"newer").hexdigest()}
    (docs / MEDIA / RECORD).write_text(json.dumps({**record, "landing": landing}), encoding="utf-8")
    rerender(out, "01_critical_points.png", b"newest")  # and a render since
    done = publish_cli(docs, out)
    assert done.returncode == 0, done.stderr
    assert (docs / MEDIA / "01_critical_points.png").read_bytes() == b"newest"
    assert "landing" not in json.loads((docs / MEDIA / RECORD).read_text(encoding="utf-8"))
