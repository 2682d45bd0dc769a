"""Pebble outlines: smooth, closed, slightly irregular shapes, seeded by a rock's key.

A rock keeps its outline for life: the same key and silhouette always give the same pebble,
lying the same way up, in the jar and as a small icon. Everything here is plain geometry
(points and SVG path data), so an SVG template and a raster renderer draw the same rock.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache

Point = tuple[float, float]

CONTROL_POINTS = 12  # points the smooth outline passes through
SAMPLES_PER_SEGMENT = 4  # outline points per curve segment, for renderers that draw polygons
WOBBLE = 0.05  # how far (as a share of the radius) a control point may stray, seeded per rock
TILT_DEGREES = 9.0  # a resting rock leans a little one way or the other, never stands on end

# Where the light comes from, as a share of a rock's bounding box (upper left).
LIGHT_FOCUS: Point = (0.34, 0.27)
LIGHT_CENTRE: Point = (0.42, 0.36)
LIGHT_RADIUS = 0.78


@dataclass(frozen=True)
class Silhouette:
    """A family of pebbles: how long, how boxy, how lopsided, how many soft corners."""

    aspect: float  # height over width, before the rock leans
    squareness: float  # 2 is an ellipse; more is boxier, less is more pointed
    taper: float = 0.0  # one end rounder than the other, like an egg
    lobes: int = 0  # soft corners, e.g. 3 for a wedge that rests on a flat side
    lobe_depth: float = 0.0


# The keys are stored on skills (rock_shape) and never change; the names people read are
# in palette.SHAPES.
SILHOUETTES: dict[str, Silhouette] = {
    "round": Silhouette(aspect=0.95, squareness=2.0),
    "pebble": Silhouette(aspect=0.5, squareness=2.2, taper=0.14),
    "chunk": Silhouette(aspect=0.74, squareness=4.6),
    "triangle": Silhouette(aspect=0.88, squareness=2.0, lobes=3, lobe_depth=0.17),
    "hexagon": Silhouette(aspect=0.36, squareness=2.6),
    "diamond": Silhouette(aspect=0.64, squareness=1.3),
}
DEFAULT_SILHOUETTE = "chunk"


def noise(key: str, salt: str) -> float:
    """A stable number in [0, 1) for this key, so the same rock always wobbles the same way."""
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _base_radius(silhouette: Silhouette, angle: float) -> float:
    """Distance from the middle to the silhouette's edge in one direction (y points down)."""
    cos, sin = math.cos(angle), math.sin(angle)
    n = silhouette.squareness
    radius = (abs(cos) ** n + abs(sin / silhouette.aspect) ** n) ** (-1 / n)
    radius *= 1 + silhouette.taper * cos
    if silhouette.lobes:
        # Corners at the top and lower sides, so a flat side rests on the floor (y is down).
        radius *= 1 + silhouette.lobe_depth * math.cos(silhouette.lobes * (angle + math.pi / 2))
    return radius


def _controls(key: str, shape: str) -> list[Point]:
    silhouette = SILHOUETTES.get(shape, SILHOUETTES[DEFAULT_SILHOUETTE])
    tilt = math.radians((noise(key, "tilt") - 0.5) * 2 * TILT_DEGREES)
    phase = noise(key, "phase") * 2 * math.pi / CONTROL_POINTS
    points = []
    for index in range(CONTROL_POINTS):
        angle = phase + 2 * math.pi * index / CONTROL_POINTS
        radius = _base_radius(silhouette, angle)
        radius *= 1 + (noise(key, f"wobble{index}") - 0.5) * 2 * WOBBLE
        x, y = radius * math.cos(angle), radius * math.sin(angle)
        points.append(
            (
                x * math.cos(tilt) - y * math.sin(tilt),
                x * math.sin(tilt) + y * math.cos(tilt),
            )
        )
    return points


def _segments(points: list[Point]) -> list[tuple[Point, Point, Point, Point]]:
    """Cubic Bézier segments of the closed Catmull-Rom curve through the points."""
    count = len(points)
    segments = []
    for index in range(count):
        before, start = points[index - 1], points[index]
        end, after = points[(index + 1) % count], points[(index + 2) % count]
        first = (start[0] + (end[0] - before[0]) / 6, start[1] + (end[1] - before[1]) / 6)
        second = (end[0] - (after[0] - start[0]) / 6, end[1] - (after[1] - start[1]) / 6)
        segments.append((start, first, second, end))
    return segments


def _bezier(segment: tuple[Point, Point, Point, Point], t: float) -> Point:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = segment
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)


def polygon_area(points: tuple[Point, ...] | list[Point]) -> float:
    """The area a closed outline encloses (shoelace formula)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        total += x0 * y1 - x1 * y0
    return abs(total) / 2


def _centroid(points: list[Point]) -> Point:
    area2 = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area2 += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (cx / (3 * area2), cy / (3 * area2))


@dataclass(frozen=True)
class Pebble:
    """One rock's outline around (0, 0), with the area of a circle of radius 1."""

    segments: tuple[tuple[Point, Point, Point, Point], ...]
    outline: tuple[Point, ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """Left, top, right and bottom of the outline."""
        xs = [x for x, _ in self.outline]
        ys = [y for _, y in self.outline]
        return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=4096)
def pebble(key: str, shape: str) -> Pebble:
    """The outline of this rock, centred on its middle, scaled to a unit circle's area."""
    segments = _segments(_controls(key, shape))
    samples = [
        _bezier(segment, step / SAMPLES_PER_SEGMENT)
        for segment in segments
        for step in range(SAMPLES_PER_SEGMENT)
    ]
    cx, cy = _centroid(samples)
    scale = math.sqrt(math.pi / polygon_area(samples))

    def place(point: Point) -> Point:
        return ((point[0] - cx) * scale, (point[1] - cy) * scale)

    return Pebble(
        segments=tuple(tuple(place(p) for p in segment) for segment in segments),
        outline=tuple(place(p) for p in samples),
    )


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def placed(shape: Pebble, cx: float, cy: float, size: float) -> tuple[str, tuple[Point, ...]]:
    """SVG path data and outline points for the pebble at (cx, cy), `size` its radius."""

    def at(point: Point) -> str:
        return f"{_fmt(cx + point[0] * size)},{_fmt(cy + point[1] * size)}"

    first = shape.segments[0][0]
    parts = [f"M{at(first)}"]
    parts += [f"C{at(a)} {at(b)} {at(c)}" for _, a, b, c in shape.segments]
    outline = tuple((round(cx + x * size, 2), round(cy + y * size, 2)) for x, y in shape.outline)
    return "".join(parts) + "Z", outline


ICON_BOX = 24.0
ICON_MARGIN = 1.5


@dataclass(frozen=True)
class Paint:
    """A rock's colours: its own, a lit side, a shaded side and a soft outline."""

    fill: str
    highlight: str
    shade: str
    line: str

    @property
    def name(self) -> str:
        """A short token for this paint, usable in an element id."""
        return self.fill.lstrip("#").lower()


def _mix(colour: str, other: str, share: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


@lru_cache(maxsize=256)
def paint(colour: str) -> Paint:
    """Lit and shaded tones of a rock colour (a #rrggbb value)."""
    colour = colour.lower() if _is_hex(colour) else "#7d8590"
    return Paint(
        fill=colour,
        highlight=_mix(colour, "#ffffff", 0.42),
        shade=_mix(colour, "#10151b", 0.38),
        line=_mix(colour, "#10151b", 0.55),
    )


def _is_hex(colour: str) -> bool:
    return (
        len(colour) == 7
        and colour.startswith("#")
        and all(c in "0123456789abcdefABCDEF" for c in colour[1:])
    )


@dataclass(frozen=True)
class Icon:
    """A rock drawn small, in a 24 by 24 box: the same outline, the same way up."""

    path: str
    paint: Paint


@lru_cache(maxsize=4096)
def icon(key: str, shape: str, colour: str) -> Icon:
    """The small drawing of a rock, identical in outline and colour to the rock in its jar."""
    outline = pebble(key, shape)
    left, top, right, bottom = outline.bounds()
    size = (ICON_BOX - 2 * ICON_MARGIN) / max(right - left, bottom - top)
    cx = ICON_BOX / 2 - (left + right) / 2 * size
    cy = ICON_BOX / 2 - (top + bottom) / 2 * size
    path, _ = placed(outline, cx, cy, size)
    return Icon(path=path, paint=paint(colour))
