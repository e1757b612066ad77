"""The render qualities: the names the command line, batch files and jobs use, and what each means to manim
(its own quality presets; `tiny`, 256x144 at 10 fps, is this project's, for tests)."""

QUALITIES = {"tiny": None, "low": "low_quality", "medium": "medium_quality", "high": "high_quality",
             "4k": "fourk_quality"}
TINY = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 10}
