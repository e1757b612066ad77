"""Renders one section in its own process: `python -m pipeline.worker JOB.json`.

The job names the lesson inputs, the section and a private work directory; manim's media, Typst and
partial-movie files all live there, so parallel workers never share a mutable file. The worker writes the
raw MP4, `cues.json` and (with a voice) the section's narration track `narration.wav` into the work
directory and prints a JSON line describing them, with the warnings of the voice (recordings replaced by
the synthetic voice).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

QUALITIES = {"tiny": None, "low": "low_quality", "medium": "medium_quality", "high": "high_quality",
             "4k": "fourk_quality"}
TINY = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 10}
PR_SET_PDEATHSIG = 1
FAIL_ENV = "LESSON_VIDEO_FAIL_SECTION"  # fault injection for tests: the named section fails mid-render


def configure_manim(workdir: Path, quality: str, stem: str) -> None:
    from manim import config

    if quality == "tiny":
        config.pixel_width, config.pixel_height, config.frame_rate = TINY["pixel_width"], TINY["pixel_height"], \
            TINY["frame_rate"]
    else:
        config.quality = QUALITIES[quality]
    config.media_dir = str(workdir / "media")
    config.output_file = stem
    config.disable_caching = True
    config.write_to_movie = True
    config.format = "mp4"
    config.progress_bar = "none"
    config.verbosity = "WARNING"


def run(job: dict) -> dict:
    from lessons.config import load_lesson, with_overrides
    from lessons.sections import plan_section
    from scenes.registry import scene_class

    from .audio import narration_track
    from .media import probe
    from .transcript import transcript
    from lessons.config import LANGUAGES
    from .voice import Voice, parse_voice

    workdir = Path(job["workdir"])
    lesson = with_overrides(load_lesson(job["config"]), job.get("function"),
                            tuple(job["domain"]) if job.get("domain") else None, job.get("language"))
    plan = plan_section(lesson, job["slug"])
    configure_manim(workdir, job["quality"], plan.stem)
    voice = Voice(parse_voice(job.get("voice") or "espeak"), workdir, stem=plan.stem)
    scene = scene_class(job["slug"])(plan=plan, voice=None if voice.silent else voice)
    if os.environ.get(FAIL_ENV) == job["slug"]:
        raise RuntimeError(f"fault injected by {FAIL_ENV}")
    scene.render()
    video = Path(scene.output_plan.primary_artifact)
    cues = [{"start": c.start, "end": c.end, "texts": dict(c.texts), "id": c.id, "spoken": c.spoken,
             "speech": c.speech} for c in scene.cues]
    (workdir / "cues.json").write_text(json.dumps(cues, ensure_ascii=False), encoding="utf-8")
    audio = None
    parts = [(c.start, Path(c.audio)) for c in scene.cues if c.audio]
    if parts:
        audio = str(narration_track(parts, probe(video).duration, workdir / "narration.wav"))
    transcripts = {}
    for language in LANGUAGES:
        path = workdir / f"transcript.{language}.txt"
        path.write_text(transcript(plan, cues, language), encoding="utf-8")
        transcripts[language] = str(path)
    return {"video": str(video), "cues": str(workdir / "cues.json"), "audio": audio, "transcripts": transcripts,
            "warnings": [f"section {plan.slug}: {w}" for w in voice.warnings], **plan.manifest()}


def die_with_parent(parent: int) -> None:
    """A worker must not outlive the render that started it (SIGKILL of the parent included): Linux kills
    it through PR_SET_PDEATHSIG; elsewhere a thread watches for the parent to go."""
    try:
        import ctypes

        if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError("prctl failed")
    except (OSError, AttributeError):
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)
        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def main() -> int:
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    if job.get("parent"):
        die_with_parent(int(job["parent"]))
    try:
        result = run(job)
    except KeyboardInterrupt:
        return 130
    except Exception as problem:  # noqa: BLE001 - reported to the orchestrator as one line
        print(f"{type(problem).__name__}: {problem}".splitlines()[0], file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
