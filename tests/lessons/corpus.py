"""The public corpus of teacher functions (issue: any function gives a true lesson), with their domains."""

CORPUS = (
    ("x^3 - 12x", (-3.5, 3.5)), ("cos(x)", (-6.0, 6.0)), ("(x+1)^2", (-4.0, 2.0)), ("abs(x-1) + 0.5x", (-1.0, 3.0)),
    ("x^2*exp(-x)", (-1.0, 6.0)), ("x^(4/5)", (-1.0, 1.0)), ("(x+2)^2*(x-1)^3", (-3.0, 2.0)),
    ("50x^2 - 20x^4", (-1.5, 1.5)), ("0.01(x^4 - 4x^2)", (-2.5, 2.5)), ("x^5 - 5x^4 + 5x^3", (-1.0, 4.0)),
    ("sin(2x) + cos(x)", (-3.0, 3.0)), ("exp(-x^2)", (-3.0, 3.0)),
    # the functions textbooks ask first: a pole inside the domain, a removable hole
    ("x + 1/x", (-3.0, 3.0)), ("sin(x)/x", (-10.0, 10.0)),
)
