"""A worker's raw render turned into the section's files, in a staging folder: the faststart MP4 (with the
narration's AAC track), its poster, captions, preview and transcripts, checked web-ready, and the section's
manifest entry. What this module does is part of every section's content key (pipeline.keys); landing the
files in the lesson folder is pipeline.outputs."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lessons.config import LANGUAGES
from lessons.cues import read_beats, read_cues

from . import media
from .captions import to_vtt
from .manifest import SectionEntry


class OutputError(RuntimeError):
    """A rendered file does not meet the web-ready contract (codec, pixel format, dimensions)."""


@dataclass(frozen=True)
class SectionOutput:
    stem: str
    files: tuple[Path, ...]  # staged paths, moved into out/<lesson>/ by pipeline.outputs
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


def finish_section(raw_video: Path, cues_file: Path, stage: Path, stem: str,
                   details: dict, preview: Path, audio: Path | None = None,
                   transcripts: dict[str, Path] | None = None,
                   explore: dict[str, Path] | None = None, beats_file: Path | None = None) -> SectionOutput:
    """Remux with faststart (muxing the narration track as AAC when there is one), make the poster and
    captions, copy the preview the worker made while drawing, check everything; the files stay
    in `stage` (SectionOutput.files) until `land_section` moves them into place. `explore`: the explorable's
    files already written into `stage/explore/` (section 4, pipeline.explore), listed with the section's.
    `beats_file`: the beats the scene recorded (classroom mode's stops), checked against the clip's frames."""
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
    texts = {}
    for language, source in (transcripts or {}).items():
        texts[language] = stage / f"{stem}.{language}.txt"
        shutil.copyfile(source, texts[language])
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
        **info.to_json(),
        audio=None if sound is None else {"codec": sound.codec, "sample_rate": sound.sample_rate,
                                          "channels": sound.channels, "duration": round(sound.duration, 6)},
        cue_sources=dict(sorted(sources.items())), beats=beats,
        cues=tuple(cues) if beats else (),
        bytes=video.stat().st_size, sha256=media.sha256(video),
        rendered_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **details)
    return SectionOutput(stem=stem, files=tuple(staged), entry=entry, names=tuple(names))
