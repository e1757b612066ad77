"""Which Scene class draws which section: derived from the lesson's section specs (named as strings, so
the orchestrator need not import manim)."""

from lessons.sections import SCENES


def scene_class(slug: str):
    import importlib

    module, _, name = SCENES[slug].partition(":")
    return getattr(importlib.import_module(module), name)
