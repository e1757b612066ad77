"""The RGBA frames a section's render hands to the encoder, as one hash per frame of the timeline:
`python -m tests.pipeline.render.frames stock|split SLUG QUALITY OUT.json PROCESSES [VOICE]`.

`stock` draws the section with manim's own renderer and file writer (nothing encoded); `split` draws it as
the worker does (pipeline.render.encoder and pipeline.render.split with PROCESSES processes). Equal lists mean the new
encoding path and the split hand the encoder exactly the frames manim drew before. Cue times are written
too (they must match as well)."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path


def digest(pixels) -> str:
    return hashlib.sha1(pixels.tobytes()).hexdigest()


def stock(slug: str, quality: str, workdir: Path, voice: str) -> tuple[list[str], list]:
    from manim.camera.camera import Camera
    from manim.scene.scene_file_writer import SceneFileWriter

    from pipeline.render.worker import configure_manim
    from pipeline.voice import Voice, parse_voice
    from sections import load_lesson, plan_section, scene_class

    frames: list[str] = []

    def write_frame(self, pixels, *, repeat=1):
        frames.extend([digest(pixels)] * repeat)
    SceneFileWriter.write_frame = write_frame
    SceneFileWriter.open_partial_movie_stream = lambda self, **kwargs: None
    SceneFileWriter.close_partial_movie_stream = lambda self: None
    SceneFileWriter.finish = lambda self: None
    plan = plan_section(load_lesson(), slug)
    configure_manim(workdir, quality, plan.stem)
    speaker = Voice(parse_voice(voice), workdir, stem=plan.stem)
    scene = scene_class(slug)(plan=plan, voice=None if speaker.silent else speaker, camera_class=Camera)
    scene.render()
    return frames, [[c.start, c.end] for c in scene.cues]


def split(slug: str, quality: str, workdir: Path, processes: int, voice: str) -> tuple[list[str], list]:
    from pipeline.render import encoder, worker

    record = workdir / "frames"
    record.mkdir()
    put = encoder.FrameEncoder.put

    def recording_put(self, pixels, repeat, keyframe, position=0):
        with open(record / f"{os.getpid()}.txt", "a") as handle:
            handle.write(f"{position} {repeat} {digest(pixels)}\n")
        put(self, pixels, repeat, keyframe, position)
    encoder.FrameEncoder.put = recording_put
    from pipeline.jobs import WorkerJob
    from sections import load_lesson, plan_section

    result = worker.run(WorkerJob(workdir=str(workdir), plan=plan_section(load_lesson(), slug).to_record(),
                                  quality=quality, voice=voice, processes=processes))
    timeline: dict[int, str] = {}
    for path in record.iterdir():
        for line in path.read_text().splitlines():
            position, repeat, hashed = line.split()
            for at in range(int(position), int(position) + int(repeat)):
                assert at not in timeline, f"frame {at} drawn twice"
                timeline[at] = hashed
    cues = json.loads(Path(result.cues).read_text(encoding="utf-8"))
    return [timeline[at] for at in sorted(timeline)], [[c["start"], c["end"]] for c in cues]


def main() -> None:
    mode, slug, quality, out, processes = sys.argv[1:6]
    voice = sys.argv[6] if len(sys.argv) > 6 else "none"
    with tempfile.TemporaryDirectory() as scratch:
        if mode == "stock":
            frames, cues = stock(slug, quality, Path(scratch), voice)
        else:
            frames, cues = split(slug, quality, Path(scratch), int(processes), voice)
    Path(out).write_text(json.dumps({"frames": frames, "cues": cues}))


if __name__ == "__main__":
    main()
