"""Renders one section in its own process: `python -m pipeline.render.worker JOB.json`, or forked by render.py's
warm pool (pipeline.render.pool).

The job names the lesson inputs, the section, a private work directory and how many processes draw the
section (`processes`: the worker forks the others, pipeline.render.split); manim's media and Typst files and the
processes' streams all live there, so parallel workers never share a mutable file. The worker writes the
raw MP4 (pipeline.render.renderer and pipeline.render.encoder: an encoder per chunk of the timeline;
pipeline.render.chunks joins the chunks without re-encoding), its preview (from thumbnails taken while
drawing), `cues.json`, `beats.json` (where each beat ends) and (with a voice) the section's narration track
into the work directory and prints a JSON line describing them, with the warnings of the voice (recordings
replaced by the synthetic voice). The section's files are made from these by pipeline.render.section.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..faults import FAULT_ENV, fault_point
from ..jobs import WorkerJob, WorkerResult
from ..qualities import QUALITIES, TINY
from ..reaper import die_with_parent

if TYPE_CHECKING:
    from lessons.section_plan import SectionPlan

    from ..voice import Voice
    from .split import Claims, SharedVoice

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


def run(job: WorkerJob) -> WorkerResult:
    from lessons.cues import write_beats, write_cues

    from ..voice import Voice, parse_voice
    from .chunks import assemble, read_part
    from .preview import preview_from_thumbnails
    from .split import Claims, SharedVoice, start_helpers, stop_helpers

    workdir, plan = Path(job.workdir), job.section_plan()
    configure_manim(workdir, job.quality, plan.stem)
    voice = Voice(parse_voice(job.voice), workdir, stem=plan.stem)
    processes = max(1, job.processes)
    claims = Claims(workdir / "claims") if processes > 1 else None
    speaker = None if voice.silent else SharedVoice(voice, workdir / "speech-shared") if claims else voice
    draw = DrawJob(workdir, plan.slug, plan, speaker, claims)
    voice.start()  # Piper's engine: one process per worker, shared by the helpers forked next
    helpers = start_helpers(processes - 1, draw.helper) if claims is not None else []
    try:
        if os.environ.get(FAIL_ENV) == plan.slug:
            raise RuntimeError(f"fault injected by {FAIL_ENV}")
        scene = draw.scene(0)
        fault_point("drawing-0")
        scene.render()
        audio = narrate(scene, workdir)
        chunks = list(scene.renderer.file_writer.part().chunks)
        draw.save_thumbnails(0, scene)
        for index, helper in enumerate(helpers, start=1):
            helper.join()
            if helper.exitcode != 0:
                raise RuntimeError(draw.helper_error(index, helper.exitcode))
            chunks.extend(read_part(draw.part_file(index)).chunks)
    finally:
        stop_helpers(helpers)
        voice.stop()
    video = assemble(chunks, workdir / f"{plan.stem}.mp4")
    from manim import config

    key = None if scene.key_time is None else round(scene.key_time * config.frame_rate)
    preview = preview_from_thumbnails([draw.thumbnail_folder(i) for i in range(processes)],
                                      scene.renderer.file_writer.position, workdir / f"{plan.stem}.webp", key)
    cues = write_cues(scene.cues, workdir / "cues.json")
    beats = write_beats(scene.spans, workdir / "beats.json")
    # a cue the voice could not say within the subtitle rules (a recording's pace is the teacher's)
    problems = [] if voice.silent else [voice.engine.cue_problem(problem) for problem in scene.cue_problems]
    return WorkerResult(video=str(video), cues=str(cues), preview=str(preview),
                        audio=str(audio.result()) if audio is not None else None,
                        voice_warnings=tuple(voice.warnings) + tuple(problems), beats=str(beats))


def narrate(scene, workdir: Path) -> Future | None:
    """The section's narration track (mixed, loudness-normalised, AAC-encoded) made on a thread while the
    other processes finish drawing: once this process's scene has ended, its cues and the clip's length
    (frames ÷ frame rate, what the MP4 will say) are known. None for a silent section."""
    from manim import config

    from ..voice.audio import narration_track
    from .media import encode_aac_within

    speech = [(c.start, Path(c.audio)) for c in scene.cues if c.audio]
    if not speech:
        return None
    duration = scene.renderer.file_writer.position / config.frame_rate

    def make() -> Path:
        return encode_aac_within(narration_track(speech, duration, workdir / "narration.wav"),
                                 workdir / "narration.m4a")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="narration")
    made = pool.submit(make)
    pool.shutdown(wait=False)
    return made


@dataclass(frozen=True)
class DrawJob:
    """What each process drawing the section needs: process 0 is the worker itself, the others are its
    forked helpers (pipeline.render.split), each writing its chunks' streams, its part file and its thumbnails into
    `workdir`."""

    workdir: Path
    slug: str
    plan: SectionPlan
    voice: Voice | SharedVoice | None
    claims: Claims | None

    def scene(self, index: int):
        from manim import config

        from sections import scene_class

        from .preview import Thumbnails, thumbnail_interval
        from .renderer import SectionRenderer

        if index:
            config.media_dir = str(self.workdir / f"media-{index}")  # manim writes its Typst files unlocked
        renderer = SectionRenderer(self.workdir / "chunks",
                                   thumbnails=Thumbnails(thumbnail_interval(config.frame_rate)),
                                   **({"claim": self.claims.claim} if self.claims is not None else {}))
        return scene_class(self.slug)(plan=self.plan, voice=self.voice, renderer=renderer)

    def part_file(self, index: int) -> Path:
        return self.workdir / f"part-{index}.json"

    def thumbnail_folder(self, index: int) -> Path:
        return self.workdir / f"thumbnails-{index}"

    def save_thumbnails(self, index: int, scene) -> None:
        scene.renderer.thumbnails.save(self.thumbnail_folder(index))

    def helper(self, index: int) -> None:
        """A forked helper: draws what it claims; its chunks go to part-<index>.json, a failure's one line to
        part-<index>.error (the exit status says which)."""
        from .chunks import write_part

        die_with_parent(os.getppid())
        try:
            scene = self.scene(index)
            fault_point(f"drawing-{index}")
            scene.render()
            self.save_thumbnails(index, scene)
            write_part(scene.renderer.file_writer.part(), self.part_file(index))
        except BaseException as problem:  # noqa: BLE001 - reported to the worker as one line
            self.part_file(index).with_suffix(".error").write_text(
                f"{type(problem).__name__}: {problem}".splitlines()[0], encoding="utf-8")
            os._exit(1)

    def helper_error(self, index: int, status: int) -> str:
        reported = self.part_file(index).with_suffix(".error")
        if reported.exists():
            return reported.read_text(encoding="utf-8")
        return f"drawing process {index} exited with status {status}"


def serve(job_file: Path) -> int:
    """Render the job: its JSON line on stdout and status 0, or one line on stderr and status 1 (130 when
    interrupted)."""
    try:
        no_planning_here()
        result = run(WorkerJob.read(job_file))
    except KeyboardInterrupt:
        return 130
    except Exception as problem:  # noqa: BLE001 - reported to the orchestrator as one line
        print(f"{type(problem).__name__}: {problem}".splitlines()[0], file=sys.stderr)
        return 1
    print(result.line())
    return 0


def no_planning_here() -> None:
    """Fault point `LESSON_VIDEO_FAULT=worker-plans:raise`: analysing or planning inside a worker raises, which
    proves a worker draws the plan it was handed and never makes one."""
    if os.environ.get(FAULT_ENV) != "worker-plans:raise":
        return
    import mathcore.analysis
    import sections.planning

    def refuse(*args, **kwargs):
        raise RuntimeError("a worker analysed or planned (the plan is made once, by render.py)")
    mathcore.analysis.analyze_function = refuse
    sections.planning.LessonContext.plan = refuse
    sections.planning.LessonContext.analysis = refuse


def main() -> int:
    job_file = Path(sys.argv[1])
    parent = WorkerJob.parent_of(job_file)
    if parent:
        die_with_parent(int(parent))
    return serve(job_file)


if __name__ == "__main__":
    sys.exit(main())
