"""Renders before and after a change are the same bytes (issue 35: a restructure changes no output).

Renders the default lesson and the 12 corpus functions (tests/lessons/corpus.py) at `--quality tiny --voice
none --jobs 1`, one at a time, with two checkouts of the project (each run by its own tree's `render.py`, the
Python of this one's .venv), then compares the two lesson folders: the same files, every file byte for byte
except manifest.json, and the manifests equal as parsed JSON without `rendered_at`. A section's `content_key` and
the whole lesson's `key` are compared apart: they hash the source of the code that draws (pipeline/keys.py), so
any edit of that code changes them by design, and they are reported as such, not as a difference in output.

    python bench/same_bytes.py --base /path/to/old/checkout [--head .] [--out /tmp/same-bytes] [--reuse]

`--reuse` keeps a lesson folder already rendered under --out (a re-run compares without rendering again).
Prints one line per lesson and a total; exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.lessons.corpus import CORPUS  # noqa: E402

COMMON = ("--quality", "tiny", "--voice", "none", "--jobs", "1")
CASES = (("default", ()),) + tuple((f"corpus-{i:02d}", ("--function", f, "--domain", str(a), str(b)))
                                  for i, (f, (a, b)) in enumerate(CORPUS, 1))


def render(tree: Path, out: Path, name: str, extra: tuple[str, ...], reuse: bool) -> float:
    """Seconds `tree`'s render.py took for one lesson into out/name (0 when reused)."""
    if reuse and (out / name / "manifest.json").exists():
        return 0.0
    started = time.monotonic()
    subprocess.run([sys.executable, "render.py", *COMMON, "--out", str(out), "--name", name, *extra],
                   cwd=tree, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


CODE_KEYS = ("content_key", "key")  # hashes of the code's source, among other things (pipeline/keys.py)


def without(value, names: tuple[str, ...]):
    """A manifest with every field called one of `names` left out, at any depth."""
    if isinstance(value, dict):
        return {k: without(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [without(v, names) for v in value]
    return value


def differences(old: Path, new: Path) -> list[str]:
    """What differs between two lesson folders, one line each."""
    files = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    others = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    found = [f"only before: {p}" for p in sorted(files - others)] + [f"only after: {p}" for p in sorted(others - files)]
    for path in sorted(files & others):
        a, b = (old / path).read_bytes(), (new / path).read_bytes()
        if path.name == "manifest.json":
            old_manifest, new_manifest = json.loads(a), json.loads(b)
            if without(old_manifest, ("rendered_at", *CODE_KEYS)) != without(new_manifest, ("rendered_at", *CODE_KEYS)):
                found.append(f"manifest differs: {path}")
            elif without(old_manifest, ("rendered_at",)) != without(new_manifest, ("rendered_at",)):
                print(f"    {path}: content keys differ (they hash the code's source); every other field equal")
        elif a != b:
            found.append(f"bytes differ: {path}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the checkout before the change")
    parser.add_argument("--head", type=Path, default=ROOT, help="the checkout after it (default: this one)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/same-bytes"))
    parser.add_argument("--reuse", action="store_true", help="keep lesson folders already rendered under --out")
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    args = parser.parse_args()
    failed = 0
    for name, extra in CASES:
        if args.only and name not in args.only:
            continue
        before = render(args.base.resolve(), args.out / "before", name, extra, args.reuse)
        after = render(args.head.resolve(), args.out / "after", name, extra, args.reuse)
        found = differences(args.out / "before" / name, args.out / "after" / name)
        count = sum(1 for p in (args.out / "after" / name).rglob("*") if p.is_file())
        print(f"{name:10} {' '.join(extra[1:2]) or '(default lesson)':22} {count:3} files  "
              f"before {before:5.1f} s  after {after:5.1f} s  {'same' if not found else 'DIFFERENT'}", flush=True)
        for line in found:
            print(f"    {line}")
        failed += bool(found)
    print(f"{len(args.only or CASES) - failed} of {len(args.only or CASES)} lessons the same" if not failed
          else f"{failed} lesson(s) differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
