"""Placeholder until the render pipeline lands (issue 3)."""


def run_render(argv: list[str]) -> int:
    from mathcore import LessonInputError
    raise LessonInputError("rendering is not available yet; use `python render.py analyze EXPR --domain A B`")
