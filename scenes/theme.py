"""Colours, sizes and layout constants: the only place a scene's look is spelled out.

The sign colours are a colour-blind-safe pair (orange / sky blue) and mean the same in every section:
orange = f' < 0 (falling), blue = f' > 0 (rising), yellow = f' = 0 (flat).
"""

BACKGROUND = "#11151C"
TEXT = "#F1F3F5"
MUTED = "#98A2B3"
AXES = "#7D8796"
CURVE = "#E9ECEF"
NEGATIVE = "#FFA94D"  # f' < 0
POSITIVE = "#74C0FC"  # f' > 0
FLAT = "#FFE066"  # f' = 0
MINIMUM = "#63E6BE"
MAXIMUM = "#E599F7"
NEITHER = "#ADB5BD"
PLATEAU = "#FFE066"
PLATEAU_OPACITY = 0.14
BALL = "#FF6B6B"
PANEL_FILL = "#1A202A"

SADDLE = "#FFD43B"
CONTOUR_LOW = "#102A43"  # the lowest band of a contour map; its highest is CONTOUR_HIGH (white text reads on both)
CONTOUR_HIGH = "#5B7A99"
GRADIENT_ARROW = "#F1F3F5"



def band_colours(bands: int) -> list[str]:
    """The contour bands' colours, lowest first, as hex: from CONTOUR_LOW to CONTOUR_HIGH in equal steps (as
    manim interpolates colours: in RGB, truncated), so the video's map and the explorable's are painted alike."""
    low, high = ([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)] for colour in (CONTOUR_LOW, CONTOUR_HIGH))
    steps = (k / max(bands - 1, 1) for k in range(bands))
    return ["#" + "".join(f"{int((lo * (1 - t) + hi * t) * 255):02X}" for lo, hi in zip(low, high)) for t in steps]


KIND_COLORS = {"min": MINIMUM, "max": MAXIMUM, "neither": NEITHER, "saddle": SADDLE}
SIGN_COLORS = {"-": NEGATIVE, "+": POSITIVE, "0": FLAT}

TITLE_SIZE = 40
BODY_SIZE = 30
LABEL_SIZE = 26
SMALL_SIZE = 22
TICK_SIZE = 18
# The least em a text may be drawn at, as a fraction of the frame height (after any scaling): body text (set
# at LABEL_SIZE or larger) 1/40, tick labels and small annotations 1/60. The layout check enforces them.
BODY_EM, SMALL_EM = 1 / 40, 1 / 60

CURVE_WIDTH = 4
TANGENT_WIDTH = 4
TANGENT_LENGTH = 2.6  # scene units
DOT_RADIUS = 0.09
FRAME_MARGIN = 0.5  # safe area: nothing is drawn closer than this to the frame edge (EBU R95 action-safe)
CURVE_SAMPLES = 900

# Layout of the frame (14.22 x 8 units): title band on top, graph on the left, a panel on the right.
TITLE_Y = 3.2
TITLE_BAND = 0.75  # the top of the safe area kept for the section title
GRAPH_WIDTH = 7.5
GRAPH_HEIGHT = 4.9
GRAPH_CENTER = (-2.35, -0.15, 0)
PANEL_X = 4.3  # centre of the right-hand panel
PANEL_WIDTH = 4.3
PANEL_LEFT = PANEL_X - PANEL_WIDTH / 2

