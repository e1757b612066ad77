"""A zoomed view: a critical point its graph's scale cannot show as it is (lessons.scale.Zoom: too small to
see, or a smooth bottom so sharply rounded it looks like a kink), shown on a second graph of the same function
over the plan's window, in the main graph's place and at its size.

One component for the idea, used by every section that names such a point: the scene swaps the main graph
for the view while it says something about the point (`swap`), draws the point's marker and label on the
view (never on the main graph, where it cannot be seen as it is), and swaps back once it has been said."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, Create, Rectangle, VGroup

from lessons.scale import Zoom
from mathcore import CriticalPoint

from . import theme
from .fades import FadeIn, FadeOut
from .graphing import LessonGraph
from .layout import box_of, polyline_samples, safe_area
from .markers import CriticalMarker
from .text import label

__all__ = ["ZoomView"]


class ZoomView(VGroup):
    """The window of `zoom` as a LessonGraph (`graph`) where `main` is drawn, framed, with its `heading`
    (why it zoomed) above its top right corner; `mark` outlines the window on the main graph."""

    def __init__(self, main: LessonGraph, zoom: Zoom, heading: str,
                 size: tuple[float, float] | None = None) -> None:
        """In the main graph's place and at its size; or, with `size` (the axes' width and height), an inset
        the scene moves where it has room (beside the main graph, which then stays)."""
        super().__init__()
        self.main, self.zoom = main, zoom
        (width, height), (x_name, y_name) = size or main.size, main.names
        inset = size is not None
        self.graph = LessonGraph(main.analysis, width=width, height=height, x_name=x_name, y_name=y_name,
                                 tick_size=theme.TICK_SIZE - 2 if inset else main.tick_size, language=main.language,
                                 label_room=None if inset else main.label_room, window=(zoom.x_range, zoom.y_range))
        if not inset:
            self.graph.shift(main.axes.get_center() - self.graph.axes.get_center())
            self.graph.keep_ticks_inside(safe_area())
        left, right, bottom, top = self.graph.box()
        self.frame = Rectangle(width=right - left, height=top - bottom, stroke_color=theme.FLAT, stroke_width=2,
                               stroke_opacity=0.6).move_to([(left + right) / 2, (bottom + top) / 2, 0])
        self._clear_frame()
        self.heading = label(heading, theme.SMALL_SIZE, theme.FLAT).next_to(self.frame, UP, 0.1)
        self.heading.align_to(self.frame, RIGHT)
        self.add(self.frame, self.graph, self.heading)
        self.mark = self._mark()

    @classmethod
    def of(cls, scene, point: CriticalPoint, size: tuple[float, float] | None = None) -> ZoomView:
        """The plan's zoomed view of `point` for a section scene (its `plan`, its main `graph`), headed with why
        it zooms (lessons.scale.ZoomKind: the catalog's `zoom.small` or `zoom.rounded`)."""
        zoom = scene.plan.zoom(point.x)
        return cls(scene.graph, zoom, scene.t(f"zoom.{zoom.kind.value}"), size=size)

    def _clear_frame(self) -> None:
        """Keep the frame's lines off the view's tick labels (a tick at the window's edge is dropped: the axis
        has others) and its axis name (moved inside, under the frame's top)."""
        edges = polyline_samples(self.frame)
        graph = self.graph
        graph.drop_ticks_on(edges)
        name = graph.y_label
        if box_of(name).grown(0.03).contains_any(edges):
            name.next_to([name.get_center()[0], self.frame.get_top()[1], 0], DOWN, 0.08)

    def _mark(self) -> Rectangle:
        """The window's outline on the main graph, at least a little tall (the window is a sliver of its
        y range)."""
        (x0, x1), (y0, y1) = self.zoom.x_range, self.zoom.y_range
        low, high = self.main.c2p(x0, y0), self.main.c2p(x1, y1)
        return Rectangle(width=max(high[0] - low[0], 0.3), height=max(high[1] - low[1], 0.3),
                         stroke_color=theme.FLAT, stroke_width=2).move_to((low + high) / 2)

    def marker(self, point: CriticalPoint, **options) -> CriticalMarker:
        """A critical point's marker drawn on the view (options as CriticalMarker's)."""
        return CriticalMarker(self.graph, point, **options)

    def dots(self, points, shown: CriticalPoint) -> VGroup:
        """The other critical points inside the window, dots alone, in their markers' colour."""
        lo, hi = self.zoom.x_range
        return VGroup(*[CriticalMarker(self.graph, p, color=theme.FLAT).bare() for p in points
                        if lo <= p.x <= hi and p.x != shown.x])

    def outline(self) -> Create:
        """Outline the window on the main graph (what the view will enlarge)."""
        return Create(self.mark)

    def enter(self, hidden) -> list:
        """Take the main graph's objects `hidden` (those on screen) away, with the outline, and bring the
        view in their place."""
        return [FadeOut(*hidden, self.mark), FadeIn(self)]

    def leave(self, hidden) -> list:
        """The reverse: the view goes, the main graph's objects `hidden` come back."""
        return [FadeOut(self), FadeIn(*hidden)]
