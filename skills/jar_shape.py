"""The glass jar itself: body, shoulder, rim, highlights, screw cap or cork, web and spider.

Pure geometry, like the rock layout: every part is a named shape with SVG path data and the
same outline as points, so the SVG template and a raster renderer draw the same jar. The
jar's floor sits at jar_layout.FLOOR whatever its height; a fuller jar grows upward.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from skills.jar_layout import CORNER, FLOOR, INSIDE_LEFT, INSIDE_RIGHT, MAX_HEAP, Heap
from skills.pebbles import Point

VIEW_WIDTH = 140.0
WALL = 4.0  # thickness of the glass
BASE = 5.0  # thickness of the glass under the floor
LEFT = INSIDE_LEFT - WALL
RIGHT = INSIDE_RIGHT + WALL
OUTER_CORNER = CORNER + WALL
NECK_LEFT = 36.0  # outside of the neck
NECK_RIGHT = VIEW_WIDTH - NECK_LEFT
SHOULDER = 20.0  # height of the curve from the wall in to the neck
NECK = 8.0
LID = 16.0  # height of the screw cap or the cork above the rim
TOP_MARGIN = 4.0
BOTTOM_MARGIN = 9.0  # room for the shadow under the jar

MIN_BODY = 48.0  # a jar with a few rocks is a small jar
EMPTY_BODY = 84.0  # the empty jar: room for its web and spider
MAX_BODY = MAX_HEAP + 14.0
HEADROOM = 22.0  # glass above the heap, so the top rock never touches the shoulder

KAPPA = 0.5523  # cubic Bézier handle length for a quarter ellipse


def body_height(heap: Heap | None) -> float:
    """How tall the straight part of the glass is: it follows the heap, within limits."""
    if heap is None:
        return EMPTY_BODY
    return round(min(MAX_BODY, max(MIN_BODY, heap.height + HEADROOM)), 2)


@dataclass(frozen=True)
class Shape:
    """One drawn part: SVG path data, and the same line as points (closed or open)."""

    name: str
    d: str
    points: tuple[Point, ...]
    closed: bool


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Pen:
    """Builds path data and its flattened points together, so the two never disagree."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.points: list[Point] = []
        self.at: Point = (0.0, 0.0)
        self.closed = False

    def move(self, x: float, y: float) -> _Pen:
        self.parts.append(f"M{_fmt(x)},{_fmt(y)}")
        self.points.append((round(x, 2), round(y, 2)))
        self.at = (x, y)
        return self

    def line(self, x: float, y: float) -> _Pen:
        self.parts.append(f"L{_fmt(x)},{_fmt(y)}")
        self.points.append((round(x, 2), round(y, 2)))
        self.at = (x, y)
        return self

    def curve(self, c1: Point, c2: Point, end: Point, steps: int = 8) -> _Pen:
        self.parts.append("C" + " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in (c1, c2, end)))
        start = self.at
        for step in range(1, steps + 1):
            x, y = _cubic(start, c1, c2, end, step / steps)
            self.points.append((round(x, 2), round(y, 2)))
        self.at = end
        return self

    def quad(self, control: Point, end: Point) -> _Pen:
        """A quadratic curve, written as the equivalent cubic."""
        start = self.at
        c1 = (
            start[0] + 2 / 3 * (control[0] - start[0]),
            start[1] + 2 / 3 * (control[1] - start[1]),
        )
        c2 = (end[0] + 2 / 3 * (control[0] - end[0]), end[1] + 2 / 3 * (control[1] - end[1]))
        return self.curve(c1, c2, end, steps=6)

    def close(self) -> _Pen:
        self.parts.append("Z")
        self.closed = True
        return self

    def shape(self, name: str) -> Shape:
        return Shape(
            name=name, d="".join(self.parts), points=tuple(self.points), closed=self.closed
        )


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    u = 1 - t
    a, b, c, d = u**3, 3 * u * u * t, 3 * u * t * t, t**3
    return (
        a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
    )


def _ellipse(name: str, cx: float, cy: float, rx: float, ry: float) -> Shape:
    kx, ky = rx * KAPPA, ry * KAPPA
    pen = _Pen().move(cx + rx, cy)
    pen.curve((cx + rx, cy + ky), (cx + kx, cy + ry), (cx, cy + ry))
    pen.curve((cx - kx, cy + ry), (cx - rx, cy + ky), (cx - rx, cy))
    pen.curve((cx - rx, cy - ky), (cx - kx, cy - ry), (cx, cy - ry))
    pen.curve((cx + kx, cy - ry), (cx + rx, cy - ky), (cx + rx, cy))
    return pen.close().shape(name)


def _rounded_box(name: str, left: float, top: float, right: float, bottom: float, r: float):
    k = r * (1 - KAPPA)
    pen = _Pen().move(left + r, top).line(right - r, top)
    pen.curve((right - k, top), (right, top + k), (right, top + r))
    pen.line(right, bottom - r)
    pen.curve((right, bottom - k), (right - k, bottom), (right - r, bottom))
    pen.line(left + r, bottom)
    pen.curve((left + k, bottom), (left, bottom - k), (left, bottom - r))
    pen.line(left, top + r)
    pen.curve((left, top + k), (left + k, top), (left + r, top))
    return pen.close().shape(name)


@dataclass(frozen=True)
class _Levels:
    shoulder: float  # where the straight wall ends
    neck: float  # where the shoulder curve meets the neck
    rim: float  # top of the glass


def _levels(body: float) -> _Levels:
    shoulder = FLOOR - body
    neck = shoulder - SHOULDER
    return _Levels(shoulder=shoulder, neck=neck, rim=neck - NECK)


def _jar_outline(name: str, levels: _Levels, inset: float) -> Shape:
    """The glass outline, or (inset by the wall) its inside, from the rim round the bottom."""
    left, right = LEFT + inset, RIGHT - inset
    neck_left, neck_right = NECK_LEFT + inset, NECK_RIGHT - inset
    bottom = FLOOR + BASE - (BASE if inset else 0)
    r = OUTER_CORNER - inset
    k = r * (1 - KAPPA)
    rim = levels.rim + (1 if inset else 0)
    pen = _Pen().move(neck_left, rim).line(neck_left, levels.neck)
    pen.curve((neck_left, levels.neck + 9), (left, levels.shoulder - 11), (left, levels.shoulder))
    pen.line(left, bottom - r)
    pen.curve((left, bottom - k), (left + k, bottom), (left + r, bottom))
    pen.line(right - r, bottom)
    pen.curve((right - k, bottom), (right, bottom - k), (right, bottom - r))
    pen.line(right, levels.shoulder)
    pen.curve(
        (right, levels.shoulder - 11), (neck_right, levels.neck + 9), (neck_right, levels.neck)
    )
    pen.line(neck_right, rim)
    return pen.close().shape(name)


def _shine(levels: _Levels) -> list[Shape]:
    """Light on the glass: a long streak on the left, a short one on the right, one on the
    shoulder. Each is a slim closed shape, so it can be filled with a soft fade."""
    top, bottom = levels.shoulder + 6, FLOOR - 10
    long = (
        _Pen()
        .move(LEFT + 5, top)
        .curve((LEFT + 9, top + 4), (LEFT + 9.5, bottom - 4), (LEFT + 6.5, bottom))
        .curve((LEFT + 6, bottom - 6), (LEFT + 5, top + 8), (LEFT + 5, top))
        .close()
        .shape("shine")
    )
    short_top = levels.shoulder + 10
    short_bottom = short_top + min(34.0, (bottom - short_top) * 0.45)
    short = (
        _Pen()
        .move(RIGHT - 7, short_top)
        .curve(
            (RIGHT - 5.5, short_top + 6), (RIGHT - 5.5, short_bottom - 6), (RIGHT - 7, short_bottom)
        )
        .curve((RIGHT - 8, short_bottom - 6), (RIGHT - 8, short_top + 6), (RIGHT - 7, short_top))
        .close()
        .shape("shine")
    )
    shoulder = (
        _Pen()
        .move(NECK_LEFT + 3, levels.neck + 3)
        .curve(
            (NECK_LEFT, levels.neck + 10),
            (LEFT + 10, levels.shoulder - 7),
            (LEFT + 5, levels.shoulder),
        )
        .curve(
            (LEFT + 9, levels.shoulder - 9),
            (NECK_LEFT + 1, levels.neck + 9),
            (NECK_LEFT + 3, levels.neck + 3),
        )
        .close()
        .shape("shine")
    )
    return [long, short, shoulder]


def _floor_edges() -> tuple[Shape, Shape]:
    """The round floor seen a little from above: its far edge behind the rocks, near edge in
    front."""
    left, right = INSIDE_LEFT + 2, INSIDE_RIGHT - 2
    back = (
        _Pen()
        .move(left, FLOOR)
        .curve((left + 12, FLOOR - 4), (right - 12, FLOOR - 4), (right, FLOOR))
    )
    front = (
        _Pen()
        .move(LEFT + 3, FLOOR + 1)
        .curve(
            (LEFT + 20, FLOOR + BASE + 1), (RIGHT - 20, FLOOR + BASE + 1), (RIGHT - 3, FLOOR + 1)
        )
    )
    return back.shape("floor-back"), front.shape("base-front")


def _screw_cap(levels: _Levels) -> list[Shape]:
    left, right = NECK_LEFT - 5, NECK_RIGHT + 5
    top, bottom = levels.rim - LID + 4, levels.neck + 2
    body = (
        _Pen()
        .move(left, top + 3)
        .curve((left, top - 1), (right, top - 1), (right, top + 3))
        .line(right, bottom)
        .curve((right - 8, bottom + 3), (left + 8, bottom + 3), (left, bottom))
        .close()
        .shape("cap")
    )
    face = _ellipse("cap-top", (left + right) / 2, top + 2.2, (right - left) / 2 - 0.6, 2.6)
    ridges = []
    step = 5.0
    x = left + step
    while x < right - step / 2:
        # Ridges wrap round the cap, so they crowd together toward its sides.
        u = (x - left) / (right - left) * 2 - 1
        bent = (left + right) / 2 + math.sin(u * math.pi / 2) * (right - left) / 2
        sag = 2.4 * (1 - u * u)
        ridges.append(
            _Pen().move(bent, top + 6 + sag * 0.4).line(bent, bottom - 2 + sag).shape("cap-ridge")
        )
        x += step
    band = (
        _Pen()
        .move(left + 0.6, bottom - 3.5)
        .curve((left + 8, bottom - 0.5), (right - 8, bottom - 0.5), (right - 0.6, bottom - 3.5))
        .shape("cap-band")
    )
    return [body, *ridges, band, face]


def _cork(levels: _Levels) -> list[Shape]:
    top, bottom = levels.rim - LID + 4, levels.neck + 6
    left_top, right_top = NECK_LEFT + 1, NECK_RIGHT - 1
    left_bottom, right_bottom = NECK_LEFT + 5, NECK_RIGHT - 5
    body = (
        _Pen()
        .move(left_top, top + 2)
        .line(left_bottom, bottom)
        .curve(
            (left_bottom + 10, bottom + 2.5),
            (right_bottom - 10, bottom + 2.5),
            (right_bottom, bottom),
        )
        .line(right_top, top + 2)
        .close()
        .shape("cork")
    )
    face = _ellipse("cork-top", VIEW_WIDTH / 2, top + 2, (right_top - left_top) / 2, 3.2)
    holes = [
        _ellipse("cork-hole", VIEW_WIDTH / 2 + dx, top + dy, rx, rx * 0.7)
        for dx, dy, rx in (
            (-18, 9, 1.1),
            (-4, 13, 0.8),
            (9, 8, 1.0),
            (21, 14, 0.9),
            (-24, 16, 0.7),
            (2, 19, 0.9),
            (15, 20, 0.7),
            (-12, 21, 0.8),
        )
        if top + dy < bottom - 2
    ]
    lip = _rounded_box("rim", NECK_LEFT - 3, levels.rim - 1, NECK_RIGHT + 3, levels.rim + 4, 2)
    return [lip, body, *holes, face]


def _inner_shoulder(levels: _Levels, t: float) -> Point:
    """A point on the inside of the left shoulder curve (t from the neck, 0, to the wall, 1)."""
    inset = WALL
    return _cubic(
        (NECK_LEFT + inset, levels.neck),
        (NECK_LEFT + inset, levels.neck + 9),
        (LEFT + inset, levels.shoulder - 11),
        (LEFT + inset, levels.shoulder),
        t,
    )


def _web(levels: _Levels) -> list[Shape]:
    """A small web in the upper left corner, strung between the cork, the shoulder and the
    wall, with its spider hanging a little below."""
    cork_bottom = levels.neck + 6
    hub = (NECK_LEFT + 5, levels.shoulder + 3)
    anchors = [
        (VIEW_WIDTH / 2 - 8, cork_bottom + 1.8),
        (NECK_LEFT + 7, cork_bottom + 0.8),
        (NECK_LEFT + WALL, levels.neck + 1),
        _inner_shoulder(levels, 0.45),
        _inner_shoulder(levels, 0.85),
        (INSIDE_LEFT, levels.shoulder + 10),
        (INSIDE_LEFT, levels.shoulder + 26),
    ]
    shapes = [_Pen().move(*hub).line(*anchor).shape("web-thread") for anchor in anchors]
    for ring in (0.22, 0.4, 0.58, 0.76, 0.92):
        points = [
            (hub[0] + (ax - hub[0]) * ring, hub[1] + (ay - hub[1]) * ring) for ax, ay in anchors
        ]
        pen = _Pen().move(*points[0])
        for (x0, y0), (x1, y1) in pairwise(points):
            # Each strand sags a little toward the hub.
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            pen.quad((mx + (hub[0] - mx) * 0.14, my + (hub[1] - my) * 0.14), (x1, y1))
        shapes.append(pen.shape("web-thread"))
    return shapes + _spider(hub, levels)


def _spider(hub: Point, levels: _Levels) -> list[Shape]:
    x = hub[0]
    hang = hub
    y = levels.shoulder + 34
    shapes = [_Pen().move(*hang).line(x, y - 3.4).shape("spider-thread")]
    for side in (-1, 1):
        for index, (reach, lift, drop) in enumerate(
            ((3.6, -2.6, 0.6), (4.4, -1.0, 2.2), (4.2, 0.9, 3.8), (3.4, 2.4, 5.0))
        ):
            root = (x + side * 0.9, y - 0.8 + index * 0.55)
            knee = (x + side * (reach - 0.6), y + lift - 1.6)
            foot = (x + side * (reach + 1.2), y + lift + drop - 1.2)
            shapes.append(_Pen().move(*root).line(*knee).line(*foot).shape("spider-leg"))
    shapes.append(_ellipse("spider", x, y + 1.6, 1.9, 2.4))
    shapes.append(_ellipse("spider", x, y - 1.6, 1.25, 1.15))
    return shapes


@dataclass(frozen=True)
class JarShape:
    """Everything about one jar's glass and lid, in drawing order around the rocks."""

    kind: str
    body: float
    view_box: tuple[float, float, float, float]  # min x, min y, width, height
    behind: tuple[Shape, ...]  # shadow, glass, far edge of the floor
    inside: Shape  # the glass outline, for clipping rocks as they fall in through the neck
    cavity: Shape  # the space inside the glass, where every rock rests
    front: tuple[Shape, ...]  # highlights and the glass outline, over the rocks
    lid: tuple[Shape, ...]  # screw cap or cork (and the rim the cork sits in)
    web: tuple[Shape, ...]  # threads and spider, only in the empty jar

    @property
    def view_box_attr(self) -> str:
        """The view box as an SVG attribute value."""
        return " ".join(_fmt(value) for value in self.view_box)


def jar_shape(kind: str, heap: Heap | None) -> JarShape:
    """The jar for one kind ("negative", "empty" or "copes"), sized to its heap of rocks."""
    return _jar_shape(kind, body_height(heap if kind != "empty" else None))


@lru_cache(maxsize=512)
def _jar_shape(kind: str, body: float) -> JarShape:
    """The glass, lid and web for one kind of jar with a body this tall (the same every time)."""
    levels = _levels(body)
    top = levels.rim - LID + 4 - 2 - TOP_MARGIN
    bottom = FLOOR + BASE + BOTTOM_MARGIN
    floor_back, base_front = _floor_edges()
    glass = _jar_outline("glass", levels, inset=0)
    shadow = _ellipse("shadow", VIEW_WIDTH / 2, FLOOR + BASE + 1.5, (RIGHT - LEFT) / 2 + 4, 4.5)
    return JarShape(
        kind=kind,
        body=body,
        view_box=(0.0, round(top, 2), VIEW_WIDTH, round(bottom - top, 2)),
        behind=(shadow, glass, floor_back),
        inside=_jar_outline("inside", levels, inset=0),
        cavity=_jar_outline("cavity", levels, inset=WALL),
        front=(*_shine(levels), base_front, _jar_outline("glass-edge", levels, inset=0)),
        lid=tuple(_cork(levels) if kind == "empty" else _screw_cap(levels)),
        web=tuple(_web(levels)) if kind == "empty" else (),
    )
