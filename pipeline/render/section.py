"""A section's files, made in one place: from its plan to its finished files, wherever it runs.

A worker draws the section (forked from render.py's warm pool, or `python -m pipeline.render.worker` started by
a batch task on a Dask worker) into its work folder: the raw MP4, the narration track, the preview, the cues
and beats it recorded. `finish` makes every file of the section from them in a staging folder: the faststart
MP4 (with the narration's AAC track), its poster, captions, preview and transcripts in every language, the
explorable (a section whose plan has one), all checked web-ready, and the section's manifest entry.
`render.py` lands them in the lesson folder (pipeline.render.landing); `render.py batch` keeps them in its
store (pipeline.batch.store) and assembles lesson folders from there. What this module does is part of every
section's content key (pipeline.keys).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lessons.config import LANGUAGES
from lessons.cues import read_beats, read_cues
from lessons.section_plan import SectionPlan
from lessons.variation import variation_table
from sections import spec_of

from ..faults import fault_point
from ..jobs import WorkerJob, WorkerResult
from ..manifest import Cue as ManifestCue
from ..manifest import SectionEntry
from ..pages.captions import to_vtt
from ..pages.explorable import write_explorable
from ..pages.transcript import transcript
from ..voice import VoiceSpec, engine_of, voice_details
from . import media
from .pool import Finished

ROOT = Path(__file__).resolve().parents[2]
RunWorker = Callable[[Path], Finished]  # starts the worker on a job file and waits for its end


class SectionFailed(RuntimeError):
    """The section's worker failed: its one line (or its exit status) is the reason."""


def manifest_voice(spec: VoiceSpec) -> str:
    """The manifest's `voice`: the spec as its engine lets it be shown (a Piper voice: `piper`, its model is
    `voice_model`)."""
    return engine_of(spec).label()


def section_details(plan: SectionPlan, quality: str, language: str, voice: VoiceSpec, key: str) -> dict:
    """The manifest fields of a section that its plan and the run's settings give (the worker adds the voice's
    warnings): the same for every lesson whose section has this content key."""
    manifested = plan.manifest()
    return {"number": plan.number, "slug": plan.slug, "function": manifested["function"],
            "domain": tuple(manifested["domain"]), "substitute": manifested["substitute"],
            "runs": tuple(manifested["runs"]), "quality": quality, "language": language,
            "voice": manifest_voice(voice), "voice_model": voice_details(voice), "content_key": key,
            "variation_table": variation_table(plan.analysis, plan.language).record() if spec_of(plan.slug).shows_table
            else {}}


def draw(plan: SectionPlan, workdir: Path, quality: str, voice: VoiceSpec, processes: int, run: RunWorker,
         parent: int | None = None) -> WorkerResult:
    """Write the job into `workdir`, run its worker, read its result (SectionFailed with the worker's last
    line when it fails)."""
    job = WorkerJob(workdir=str(workdir), plan=plan.to_record(), quality=quality, voice=str(voice),
                    processes=processes, parent=os.getpid() if parent is None else parent)
    job_file = job.write(workdir / "job.json")
    finished = run(job_file)
    if finished.returncode != 0:
        lines = [line for line in finished.stderr.strip().splitlines() if line.strip()]
        raise SectionFailed(lines[-1] if lines else f"worker exited with status {finished.returncode}")
    return WorkerResult.from_line(finished.stdout.strip().splitlines()[-1])


def finish(plan: SectionPlan, result: WorkerResult, stage: Path, details: dict) -> SectionOutput:
    """The worker's files turned into the section's finished files in `stage` (its explorable too)."""
    explore = write_explorable(plan, stage) if plan.explore else None
    return finish_section(plan, Path(result.video), Path(result.cues), stage,
                          {**details, "voice_warnings": tuple(result.voice_warnings)},
                          audio=Path(result.audio) if result.audio else None,
                          preview=Path(result.preview), explore=explore,
                          beats_file=Path(result.beats) if result.beats else None)


def subprocess_runner(started: Callable[[subprocess.Popen], None] = lambda process: None,
                      env: Mapping[str, str] | None = None, stage: str = "rendering") -> RunWorker:
    """Run each job as `python -m pipeline.render.worker JOB` (a new interpreter); `started` is told of the process
    (to stop it on Ctrl-C). `env`: variables added to the worker's environment, whose fault point `stage`
    (pipeline.faults) this process reaches while the worker runs."""
    def run(job_file: Path) -> Finished:
        process = subprocess.Popen([sys.executable, "-m", "pipeline.render.worker", str(job_file)], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=None if env is None else {**os.environ, **env})
        started(process)
        fault_point(stage, env)
        stdout, stderr = process.communicate()
        return Finished(process.returncode, stdout, stderr)
    return run


class OutputError(RuntimeError):
    """A rendered file does not meet the web-ready contract (codec, pixel format, dimensions)."""


@dataclass(frozen=True)
class SectionOutput:
    stem: str
    files: tuple[Path, ...]  # staged paths, moved into out/<lesson>/ by pipeline.render.landing
    entry: SectionEntry  # this section's manifest entry
    names: tuple[str, ...] = ()  # each file's name in the lesson folder ('explore/…' for the explorable's)

    def name_of(self, index: int) -> str:
        return self.names[index] if self.names else self.files[index].name


def check_web_ready(info: media.VideoInfo) -> None:
    problems = []
    if info.codec != "h264":
        problems.append(f"codec {info.codec}, not h264")
    if info.pixel_format != "yuv420p":
        problems.append(f"pixel format {info.pixel_format}, not yuv420p")
    if info.width % 2 or info.height % 2:
        problems.append(f"odd dimensions {info.width}x{info.height}")
    if not info.faststart:
        problems.append("moov atom after mdat")
    if problems:
        raise OutputError("; ".join(problems))


def finish_section(plan: SectionPlan, raw_video: Path, cues_file: Path, stage: Path, details: dict, preview: Path,
                   audio: Path | None = None, explore: dict[str, Path] | None = None,
                   beats_file: Path | None = None) -> SectionOutput:
    """Remux with faststart (muxing the narration track as AAC when there is one), make the poster, captions
    and transcripts (from the cues the scene recorded), copy the preview the worker made while drawing, check
    everything; the files stay
    in `stage` (SectionOutput.files) until `land_section` moves them into place. `explore`: the explorable's
    files already written into `stage/explore/` (section 4, pipeline.pages.explorable), listed with the section's.
    `beats_file`: the beats the scene recorded (classroom mode's stops), checked against the clip's frames."""
    stem = plan.stem
    video = stage / f"{stem}.mp4"
    media.remux_faststart(raw_video, video, audio)
    info = media.probe(video)
    sound = media.probe_audio(video)
    check_web_ready(info)
    poster = stage / f"{stem}.png"
    media.save_png(media.last_frame(video), poster)
    cues = read_cues(cues_file)
    beats = tuple(read_beats(beats_file)) if beats_file is not None else ()
    if beats and (beats[0].start != 0 or beats[-1].end != info.frames
                  or any(a.end != b.start for a, b in zip(beats, beats[1:]))):
        raise OutputError(f"the beats recorded ({beats[0].start}..{beats[-1].end}) do not tile the clip's "
                          f"{info.frames} frames")
    sources = Counter(cue.source for cue in cues if cue.source)  # what spoke each cue: a fallback shows here
    captions = {}
    for language in LANGUAGES:
        path = stage / f"{stem}.{language}.vtt"
        path.write_text(to_vtt(cues, language, info.duration), encoding="utf-8")
        captions[language] = path
    preview = Path(shutil.copyfile(preview, stage / f"{stem}.webp"))
    credit = (details.get("voice_model") or {}).get("credit")  # what a CC BY voice's licence asks for
    texts = {}
    for language in LANGUAGES:
        texts[language] = stage / f"{stem}.{language}.txt"
        texts[language].write_text(transcript(plan, cues, language, credit), encoding="utf-8")
    explore = explore or {}
    staged = [video, poster, preview, *captions.values(), *texts.values(), *explore.values()]
    names = [path.relative_to(stage).as_posix() for path in staged]
    entry = SectionEntry(
        stem=stem, file=video.name, poster=poster.name, preview=preview.name,
        captions={language: path.name for language, path in captions.items()},
        transcripts={language: path.name for language, path in texts.items()},
        transcript={language: path.read_text(encoding="utf-8") for language, path in texts.items()},
        explore={role: path.relative_to(stage).as_posix() for role, path in explore.items()},
        sizes={name: path.stat().st_size for name, path in zip(names, staged)},
        hashes={name: media.sha256(path) for name, path in zip(names, staged)},
        width=info.width, height=info.height, fps=info.fps, frames=info.frames, duration=round(info.duration, 6),
        codec=info.codec, pixel_format=info.pixel_format, faststart=info.faststart,
        audio=None if sound is None else {"codec": sound.codec, "sample_rate": sound.sample_rate,
                                          "channels": sound.channels, "duration": round(sound.duration, 6)},
        cue_sources=dict(sorted(sources.items())), beats=beats,
        cues=tuple(ManifestCue(c.id, c.start, c.end, dict(c.texts)) for c in cues) if beats else (),
        bytes=video.stat().st_size, sha256=media.sha256(video),
        rendered_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **details)
    return SectionOutput(stem=stem, files=tuple(staged), entry=entry, names=tuple(names))
