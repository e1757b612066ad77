"""Which Scene class draws which section, named as strings so the orchestrator need not import manim."""

SCENES = {
    "critical_points": "scenes.critical_points:CriticalPointsScene",
    "minima_vs_maxima": "scenes.minima_vs_maxima:MinimaVsMaximaScene",
    "plateaus": "scenes.plateaus:PlateausScene",
    "gradient_descent": "scenes.gradient_descent:GradientDescentScene",
    "conclusion": "scenes.conclusion:ConclusionScene",
}


def scene_class(slug: str):
    import importlib

    module, _, name = SCENES[slug].partition(":")
    return getattr(importlib.import_module(module), name)
