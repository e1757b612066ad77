"""One real tiny render of the whole default lesson, shared by the tests that inspect the outputs."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSON = "aero_llm_14_derivatives_find_minima"


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("render") / "out"
    done = subprocess.run([sys.executable, str(ROOT / "render.py"), "--quality", "tiny", "--out", str(out),
                           "--jobs", "2"], capture_output=True, text=True, cwd=ROOT, timeout=900,
                          env=dict(os.environ))
    assert done.returncode == 0, done.stdout + done.stderr
    return out / LESSON


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups into the test ids
def pytest_collection_modifyitems(items):
    """The tests that read the session's rendered lesson run on one worker, so it is rendered once."""
    for item in items:
        if "rendered" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("rendered"))
