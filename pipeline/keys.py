"""Content keys: a section is re-rendered only when something that can change its pixels changed.

The key hashes the lesson's function and domain, the section's parameters (and those of the sections its
plan reads), the lesson's language, the
quality, the source of mathcore, lessons, the shared scene modules and the section's own scene module,
the post-processing code, the versions of manim, typst and PyAV, and the narration voice (its engine and
version, the hashes of the section's recordings; the spoken texts come from lessons/, hashed as code).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from lessons.config import LessonConfig
from lessons.sections import SCENES, dependencies

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCES = ("mathcore", "lessons", "scenes/base.py", "scenes/camera.py", "scenes/text.py", "scenes/fitting.py", "scenes/graphing.py", "scenes/tangent.py", "scenes/readouts.py", "scenes/markers.py", "scenes/sign_chart.py", "scenes/descent.py", "scenes/fades.py", "scenes/layout.py", "scenes/placement.py",
                  "scenes/theme.py", "scenes/typst_math.py", "scenes/registry.py", "pipeline/worker.py",
                  "pipeline/encoder.py", "pipeline/split.py", "pipeline/preview.py",
                  "pipeline/outputs.py", "pipeline/media.py", "pipeline/captions.py", "pipeline/voice.py",
                  "pipeline/audio.py")
VERSIONED = ("manim", "typst", "av")


def _source_files(entries: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for entry in entries:
        path = ROOT / entry
        files.extend(sorted(path.rglob("*.py")) + sorted(path.rglob("*.toml")) if path.is_dir() else [path])
    return files


def package_versions(packages: tuple[str, ...] = VERSIONED) -> dict:
    found = {}
    for package in packages:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def section_key(lesson: LessonConfig, slug: str, quality: str, voice: dict | None = None) -> str:
    digest = hashlib.sha256()
    configs = {name: asdict(lesson.params_of(name)) for name in (*dependencies(slug), slug)}
    digest.update(json.dumps({"function": lesson.function, "domain": lesson.domain, "configs": configs,
                              "language": lesson.language, "quality": quality,
                              "versions": package_versions(), "voice": voice}, sort_keys=True,
                             default=str).encode())
    scene_module = SCENES[slug].partition(":")[0].replace(".", "/") + ".py"
    for path in _source_files((*SHARED_SOURCES, scene_module)):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
