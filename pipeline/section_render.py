"""One section from its plan to its finished files, wherever it runs: a worker draws it (forked from render.py's
warm pool, or `python -m pipeline.worker` started by a batch task on a Dask worker), then its files are
post-processed into a staging folder. `render.py` lands them in the lesson folder; `render.py batch` keeps them
in its store (pipeline.store) and assembles lesson folders from there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from lessons.section_plan import SectionPlan

from .explore import write_explorable
from .faults import fault_point
from .finish import SectionOutput, finish_section
from .jobs import WorkerJob, WorkerResult
from .piper import voice_details
from .pool import Finished
from .voice import VoiceSpec

ROOT = Path(__file__).resolve().parents[1]
RunWorker = Callable[[Path], Finished]  # starts the worker on a job file and waits for its end


class SectionFailed(RuntimeError):
    """The section's worker failed: its one line (or its exit status) is the reason."""


def manifest_voice(spec: VoiceSpec) -> str:
    """The manifest's `voice`: the spec, or `piper` for a Piper voice (its model is `voice_model`)."""
    return "piper" if spec.kind == "piper" else str(spec)


def section_details(plan: SectionPlan, quality: str, language: str, voice: VoiceSpec, key: str) -> dict:
    """The manifest fields of a section that its plan and the run's settings give (the worker adds the voice's
    warnings): the same for every lesson whose section has this content key."""
    manifested = plan.manifest()
    return {"number": plan.number, "slug": plan.slug, "function": manifested["function"],
            "domain": tuple(manifested["domain"]), "substitute": manifested["substitute"],
            "runs": tuple(manifested["runs"]), "quality": quality, "language": language,
            "voice": manifest_voice(voice), "voice_model": voice_details(voice), "content_key": key}


def draw(plan: SectionPlan, workdir: Path, quality: str, voice: VoiceSpec, processes: int, run: RunWorker,
         parent: int | None = None) -> WorkerResult:
    """Write the job into `workdir`, run its worker, read its result (SectionFailed with the worker's last
    line when it fails)."""
    job_file = WorkerJob(workdir=str(workdir), plan=plan, quality=quality, voice=str(voice), processes=processes,
                         parent=os.getpid() if parent is None else parent).write(workdir / "job.json")
    finished = run(job_file)
    if finished.returncode != 0:
        lines = [line for line in finished.stderr.strip().splitlines() if line.strip()]
        raise SectionFailed(lines[-1] if lines else f"worker exited with status {finished.returncode}")
    return WorkerResult.from_line(finished.stdout.strip().splitlines()[-1])


def finish_drawn(plan: SectionPlan, result: WorkerResult, stage: Path, details: dict) -> SectionOutput:
    """The worker's files turned into the section's finished files in `stage` (its explorable too)."""
    explore = write_explorable(plan, stage) if plan.explore else None
    return finish_section(Path(result.video), Path(result.cues), stage, plan.stem,
                          {**details, "voice_warnings": tuple(result.voice_warnings)},
                          audio=Path(result.audio) if result.audio else None,
                          transcripts={lang: Path(p) for lang, p in result.transcripts},
                          preview=Path(result.preview), explore=explore,
                          beats_file=Path(result.beats) if result.beats else None)


def subprocess_runner(started: Callable[[subprocess.Popen], None] = lambda process: None,
                      env: Mapping[str, str] | None = None, stage: str = "rendering") -> RunWorker:
    """Run each job as `python -m pipeline.worker JOB` (a new interpreter); `started` is told of the process
    (to stop it on Ctrl-C). `env`: variables added to the worker's environment, whose fault point `stage`
    (pipeline.faults) this process reaches while the worker runs."""
    def run(job_file: Path) -> Finished:
        process = subprocess.Popen([sys.executable, "-m", "pipeline.worker", str(job_file)], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=None if env is None else {**os.environ, **env})
        started(process)
        fault_point(stage, env)
        stdout, stderr = process.communicate()
        return Finished(process.returncode, stdout, stderr)
    return run
