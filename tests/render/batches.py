"""Helpers for the batch tests: a tiny, silent batch file of (function, domain, sections) variants."""

from pathlib import Path


def batch_file(folder: Path, variants) -> Path:
    text = '[defaults]\nquality = "tiny"\nvoice = "none"\n'
    for function, (a, b), sections in variants:
        text += f'\n[[variant]]\nfunction = "{function}"\ndomain = [{a}, {b}]\nsections = {list(sections)!r}\n'
    path = folder / "batch.toml"
    path.write_text(text, encoding="utf-8")
    return path
