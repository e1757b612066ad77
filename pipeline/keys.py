"""Content keys: a section is rendered again exactly when something that can change its files changed.

A key names what the section shows and how it is made, by construction:
- its plan as a record (the functions it draws, its runs, every text in both languages: not the lesson's
  function when the section draws its own, nor the lesson's folder name, so two lessons whose section
  draws the same thing share its key);
- the source of every project module that draws it or makes its files, found by following the imports (lazy
  ones included) from the worker (pipeline.render.worker), the module that makes a section's files
  (pipeline.render.section) and the section's folder; another section's folder is followed only when this
  section's plan reads its plan;
- the versions of the packages that draw, encode and compute, the quality, and the voice's identity (its
  engine and version, the hashes of the section's recordings);
- for a section with an explorable (section 4), the modules that run and write its grid
  (pipeline.pages.explorable, followed for such a plan only, though the module that makes a section's files
  imports it) and the page's module and stylesheet.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
from functools import cache
from importlib import metadata
from pathlib import Path

from lessons.section_plan import SectionPlan

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("mathcore", "lessons", "scenes", "sections", "pipeline")
DRAWING_ROOTS = ("pipeline.render.worker", "pipeline.render.section")
EXPLORE_ROOT = "pipeline.pages.explorable"  # what writes section 4's explorable (only a plan with one follows it)
OPTIONAL = (EXPLORE_ROOT,)  # roots followed only when a plan asks for them, though the finishing code imports them
EXPLORE_ASSETS = ("pipeline", "pages", "explore_assets")  # ... and the page's module and stylesheet
VERSIONED = ("manim", "typst", "av", "sympy", "numpy", "mpmath", "pillow")


def package_versions(packages: tuple[str, ...] = VERSIONED) -> dict:
    found = {}
    for package in packages:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def module_file(module: str) -> Path | None:
    """The source file of a project module (a package's __init__.py), None for anything else."""
    if module.split(".")[0] not in PACKAGES:
        return None
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    parts = module.split(".")
    if parts[0] != "sections" or len(parts) < 2 or (ROOT / "sections" / parts[1]).exists():
        return None
    try:  # a section folder found elsewhere on the package's path; finding it imports only its __init__
        spec = importlib.util.find_spec(".".join(parts[:2]))
        if spec is not None and len(parts) > 2:
            spec = importlib.util.find_spec(module) if Path(spec.origin).parent.joinpath(
                *parts[2:]).with_suffix(".py").is_file() else None
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec is not None and spec.origin and spec.origin.endswith(".py") else None


@cache
def imported_by(module: str) -> tuple[str, ...]:
    """The project modules `module` imports anywhere in its source (inside functions too)."""
    path = module_file(module)
    if path is None:
        return ()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = _imported_names(package, path.read_text(encoding="utf-8"))
    return tuple(dict.fromkeys(name for name in found if module_file(name) is not None))


@cache
def _imported_names(package: str, source: str) -> tuple[str, ...]:
    """Every name an import statement of `source` (a module of `package`) may bring in, absolute. Kept per
    source text: parsing is most of a key's cost, and an edit is seen because the text differs."""
    found: list[str] = []
    for node in _statements(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            found.append(base)
            found += [f"{base}.{alias.name}" for alias in node.names]  # `from . import x`: x may be a module
    return tuple(found)


def _statements(tree: ast.AST):
    """Every statement of `tree`, nested ones included (an import is a statement: expressions are not
    walked, which is most of a module's nodes)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                todo.extend(block)


def drawing_modules(slug: str, depends: tuple[str, ...], extra: tuple[str, ...] = ()) -> list[str]:
    """Every project module that draws or finishes section `slug` (and the `extra` roots), in a stable order."""
    allowed = {slug, *depends}
    roots = [*DRAWING_ROOTS, *extra, f"sections.{slug}", f"sections.{slug}.scene", *(f"sections.{d}" for d in depends)]
    seen: dict[str, None] = {}
    todo = list(roots)
    while todo:
        module = todo.pop()
        parts = module.split(".")
        other_section = parts[0] == "sections" and len(parts) > 1 and (ROOT / "sections" / parts[1]).is_dir() \
            and parts[1] not in allowed
        optional = module in OPTIONAL and module not in roots  # the explorable's writer: only for a plan with one
        if module in seen or other_section or optional:
            continue
        seen[module] = None
        todo += imported_by(module)
    return sorted(seen)


def section_key(plan: SectionPlan, depends: tuple[str, ...], quality: str, voice: dict | None = None) -> str:
    record = plan.to_record()
    record.pop("lesson")  # the folder's name, not what is drawn
    digest = hashlib.sha256()
    digest.update(json.dumps({"plan": record, "quality": quality, "versions": package_versions(), "voice": voice},
                             sort_keys=True, ensure_ascii=False).encode())
    extra = (EXPLORE_ROOT,) if plan.explore else ()  # the explorable: its writer, its grid, the page's code
    for module in drawing_modules(plan.slug, depends, extra):
        path = module_file(module)
        digest.update(module.encode())
        digest.update(path.read_bytes())
    if plan.explore:
        for asset in sorted(ROOT.joinpath(*EXPLORE_ASSETS).iterdir()):
            digest.update(asset.name.encode())
            digest.update(asset.read_bytes())
    return digest.hexdigest()
