"""The public corpus of teacher functions (issue: any function gives a true lesson), with their domains."""

CORPUS = (
    ("x^3 - 12x", (-3.5, 3.5)), ("cos(x)", (-6.0, 6.0)), ("(x+1)^2", (-4.0, 2.0)), ("abs(x-1) + 0.5x", (-1.0, 3.0)),
    ("x^2*exp(-x)", (-1.0, 6.0)), ("x^(4/5)", (-1.0, 1.0)), ("(x+2)^2*(x-1)^3", (-3.0, 2.0)),
    ("50x^2 - 20x^4", (-1.5, 1.5)), ("0.01(x^4 - 4x^2)", (-2.5, 2.5)), ("x^5 - 5x^4 + 5x^3", (-1.0, 4.0)),
    ("sin(2x) + cos(x)", (-3.0, 3.0)), ("exp(-x^2)", (-3.0, 3.0)),
    # the functions textbooks ask first: a pole inside the domain, a removable hole
    ("x + 1/x", (-3.0, 3.0)), ("sin(x)/x", (-10.0, 10.0)),
)

# functions whose labels crowd the frame, with the language each is checked in (the layout test adds them)
# Crowded and extreme cases the legibility issue names: many close exact forms, many points, tiny and huge
# scales, kinks. Checked in one language each (the corpus runs in both) to keep CI within its time; sin 4x in both
# (four minima of one value: the English list of points is the longest spoken cue); a smooth bottom that looks
# like a kink (its zoomed views, lessons.scale.ZoomKind.ROUNDED).
CROWDED = (("cos(3x) + x/2", (-3.0, 3.0), "vi"), ("sin(x)", (-7.0, 7.0), "en"),
           ("0.001x^3 - 0.003x", (-3.0, 3.0), "vi"), ("100x^4 - 300x^2", (-2.0, 2.0), "en"),
           ("abs(x)", (-2.0, 2.0), "en"), ("x^(2/3)", (-1.0, 2.0), "vi"), ("sin(4x)", (-3.0, 3.0), "vi"),
           ("sin(4x)", (-3.0, 3.0), "en"), ("sqrt(x^2 + 0.0001)", (-2.0, 2.0), "vi"),
           # the textbook's rational functions (one or two poles) and no critical point at all (a slide)
           ("(x^2 - 2x + 2)/(x - 1)", (-2.0, 4.0), "vi"), ("1/(1 - x^2)", (-3.0, 3.0), "en"),
           ("tanh(x)", (-5.0, 5.0), "vi"), ("sigmoid(x)", (-10.0, 10.0), "en"),
           # the learning-rate panels reach the safe area's edges (a result's frame stepped outside it)
           ("x + 1/x", (0.25, 4.0), "en"))

# surfaces f(x, y) on their box, with the language each is checked in: the layout test draws the section
# saddle_points for them (the other sections do not read the surface). The double well in Vietnamese,
# the lesson's f lifted (f(x) + y²) in English.
SURFACES = (("(x^2 - 1)^2 + y^2", ((-1.6, 1.6), (-1.2, 1.2)), "vi"),
            ("x^4/4 - x^3/3 - x^2 + 1 + y^2", ((-2.0, 3.0), (-1.5, 1.5)), "en"))
