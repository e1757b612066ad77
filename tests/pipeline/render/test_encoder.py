"""The section's stream (pipeline.render.encoder): an encoder per chunk, distinct frames converted once, IDR frames
where animations start, chunks of several processes joined in timeline order without re-encoding, skipped
animations moving the clock exactly as drawing them would."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from manim import FadeIn, Square, Wait, tempconfig
from manim._config.video_encoder import VideoEncoderSpec

from pipeline.render.chunks import Chunk, Chunking, assemble
from pipeline.render.encoder import FrameEncoder
from pipeline.render.renderer import SectionRenderer
from sections import SLUGS
from sections.section_scene import SectionScene
from tests.helpers import ROOT

SPEC = VideoEncoderSpec(container_format="mp4", codec="libx264", pixel_format="yuv420p", width=64, height=48,
                        frame_rate=Fraction(10), options=(("crf", "23"),))


def grey(level: int) -> np.ndarray:
    pixels = np.full((SPEC.height, SPEC.width, 4), level, dtype=np.uint8)
    pixels[:, :, 3] = 255
    return pixels


def levels(video: Path) -> list[int]:
    """The grey level of every frame, rounded to the 20s the test frames use."""
    with av.open(str(video)) as container:
        return [int(round(frame.to_ndarray(format="gray").mean() / 20) * 20) for frame in container.decode(video=0)]


def keyframes(video: Path) -> list[int]:
    with av.open(str(video)) as container:
        return [index for index, frame in enumerate(container.decode(video=0)) if frame.key_frame]


def encode(path: Path, frames: list[tuple[int, int, bool]], on_frame=None) -> None:
    encoder = FrameEncoder(path, SPEC, on_frame, threads=1)
    for level, repeat, keyframe in frames:
        encoder.put(grey(level), repeat, keyframe)
    encoder.close()


def test_a_repeated_frame_is_converted_once_and_shown_as_often_as_it_repeats(tmp_path):
    seen = []
    encode(tmp_path / "a.mp4", [(20, 1, True), (40, 5, False), (60, 2, True)],
           on_frame=lambda pixels, position, repeat: seen.append(repeat))
    assert seen == [1, 5, 2]
    assert levels(tmp_path / "a.mp4") == [20] + [40] * 5 + [60] * 2
    assert keyframes(tmp_path / "a.mp4") == [0, 6]  # an animation's first frame starts a closed GOP


def test_chunks_are_joined_in_timeline_order_whoever_encoded_them(tmp_path):
    # frames 0-2 and 6-8 in two chunks one process drew, frames 3-5 in a chunk another process drew
    encode(tmp_path / "a.mp4", [(20, 1, True), (40, 2, False)])
    encode(tmp_path / "b.mp4", [(80, 1, True), (100, 1, False), (120, 1, False)])
    encode(tmp_path / "c.mp4", [(140, 1, True), (160, 1, False), (180, 1, False)])
    chunks = [Chunk(2, 6, 3, str(tmp_path / "c.mp4")), Chunk(0, 0, 3, str(tmp_path / "a.mp4")),
              Chunk(1, 3, 3, str(tmp_path / "b.mp4"))]
    joined = assemble(chunks, tmp_path / "section.mp4")
    assert levels(joined) == [20, 40, 40, 80, 100, 120, 140, 160, 180]
    assert keyframes(joined) == [0, 3, 6]
    with av.open(str(joined)) as container:
        stream = container.streams.video[0]
        assert stream.frames == 9 and float(stream.duration * stream.time_base) == pytest.approx(0.9)


def test_frames_no_process_drew_fail_the_section(tmp_path):
    encode(tmp_path / "a.mp4", [(20, 2, True)])
    encode(tmp_path / "b.mp4", [(20, 1, True)])
    with pytest.raises(RuntimeError, match="frames 2-3 of the section were drawn by no process"):
        assemble([Chunk(0, 0, 2, str(tmp_path / "a.mp4")), Chunk(2, 4, 1, str(tmp_path / "b.mp4"))],
                 tmp_path / "s.mp4")


def test_a_chunk_begins_at_the_first_animation_past_its_length():
    chunking = Chunking(30)
    begins = [chunking.begins_at(position) for position in (0, 10, 29, 30, 45, 59, 61, 200)]
    assert begins == [True, False, False, True, False, False, True, True]
    assert chunking.index == 3


class Beats(SectionScene):
    """Run times that are not whole frames, and a static wait: the clock must still agree."""

    slug = "critical_points"

    def construct(self) -> None:
        square = Square()
        self.play(FadeIn(square), run_time=0.55)
        self.caption("tangent", 0.37, shows=square)
        self.wait(0.33)
        self.play(square.animate.shift([1, 0, 0]), run_time=0.26)
        self.play(Wait(0.71))
        self.caption("tangent", 0.2, shows=square)


@pytest.mark.parametrize("drawn", [set(), {0, 2}, {1, 3, 4}])
def test_a_skipped_animation_moves_the_clock_as_drawing_it_would(tmp_path, drawn, monkeypatch):
    monkeypatch.setattr("pipeline.render.chunks.CHUNK_SECONDS", 0.01)  # a chunk per animation

    def clock(claim):
        with tempconfig({"media_dir": str(tmp_path), "frame_rate": 15, "pixel_width": 64, "pixel_height": 36,
                         "write_to_movie": True, "format": "mp4", "disable_caching": True, "progress_bar": "none",
                         "verbosity": "ERROR"}):
            renderer = SectionRenderer(tmp_path / f"chunks-{len(drawn)}", claim=claim)
            scene = Beats(renderer=renderer)
            scene.render()
        return scene.renderer.time, [(c.start, c.end) for c in scene.cues], scene.renderer.file_writer.position
    assert clock(lambda index: index in drawn) == clock(lambda index: True)


@pytest.mark.slow
@pytest.mark.parametrize("slug, voice", [*((slug, "none") for slug in SLUGS), ("plateaus", "espeak")])
def test_two_processes_hand_the_encoder_the_frames_manim_drew(tmp_path, slug, voice):
    """Frame for frame (hashes of the RGBA arrays) and cue for cue, against manim's own renderer, camera and
    file writer: the split, the skipping and the lesson camera's path cache change no pixel, and narrated
    beats keep their length in every process."""
    found = {}
    for mode in ("stock", "split"):
        out = tmp_path / f"{mode}.json"
        done = subprocess.run([sys.executable, "-m", "tests.pipeline.render.frames", mode, slug, "tiny", str(out), "2", voice],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        found[mode] = json.loads(out.read_text())
    assert len(found["split"]["frames"]) == len(found["stock"]["frames"])
    assert found["split"]["frames"] == found["stock"]["frames"]
    assert found["split"]["cues"] == found["stock"]["cues"]


def test_every_chunk_says_its_colour_bt709_limited_range_and_is_converted_so(tmp_path):
    """The tags, read back by PyAV from the stream and the joined clip, and the pixels: pure red converted with
    BT.709's matrix to limited range (Y = 16 + 219 × 0.2126 ≈ 63; BT.601's would be 82)."""
    red = np.zeros((SPEC.height, SPEC.width, 4), dtype=np.uint8)
    red[:, :, 0] = red[:, :, 3] = 255
    for name in ("a", "b"):
        encoder = FrameEncoder(tmp_path / f"{name}.mp4", SPEC, threads=1)
        encoder.put(red, 3, True)
        encoder.close()
    joined = assemble([Chunk(0, 0, 3, str(tmp_path / "a.mp4")), Chunk(1, 3, 3, str(tmp_path / "b.mp4"))],
                      tmp_path / "joined.mp4")
    with av.open(str(joined)) as container:
        context = container.streams.video[0].codec_context
        assert (context.color_primaries, context.color_trc, context.colorspace, context.color_range) == (1, 1, 1, 1)
        frame = next(container.decode(video=0))
        assert (frame.color_primaries, frame.color_trc, frame.colorspace, frame.color_range) == (1, 1, 1, 1)
        luma = frame.to_ndarray()[:SPEC.height]  # yuv420p: the Y plane, then U and V
    assert abs(float(luma.mean()) - 63) <= 2
