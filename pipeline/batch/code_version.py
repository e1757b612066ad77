"""The code version a batch ships with every section job: a machine that draws a section must draw it with the
same code and packages as the client that keyed it, or the store would hold other bytes under the same
content key. It hashes every project source file and asset, the versions of the packages that draw, encode
and compute (pipeline.keys.VERSIONED), Python's version and espeak-ng's.
"""

from __future__ import annotations

import hashlib
import os
import platform
import socket
from functools import cache

from ..keys import PACKAGES, ROOT, package_versions
from ..voice.engines.espeak import espeak_version

SOURCE_SUFFIXES = (".py", ".toml", ".js", ".css")


class CodeVersionMismatch(RuntimeError):
    """This worker's code or packages are not the client's."""


@cache
def code_version() -> str:
    digest = hashlib.sha256()
    files = [ROOT / "render.py"]
    for package in PACKAGES:
        files += [path for path in (ROOT / package).rglob("*") if path.suffix in SOURCE_SUFFIXES
                  and path.is_file() and "__pycache__" not in path.parts]
    for path in sorted(files):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(repr(sorted(package_versions().items())).encode())
    digest.update(platform.python_version().encode())
    digest.update(espeak_version().encode())
    return digest.hexdigest()


def check_code_version(wanted: str) -> None:
    """Refuse, before doing anything, a job planned by a client whose code version is not this machine's."""
    mine = code_version()
    if mine != wanted:
        raise CodeVersionMismatch(
            f"worker {socket.gethostname()} (pid {os.getpid()}) runs code version {mine[:12]}, the batch was planned "
            f"with {wanted[:12]}: install the client's commit and packages on every worker "
            "(scripts/bootstrap-system.sh, then pip install -e .)")
