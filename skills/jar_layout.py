"""Where each rock rests in a jar: a pure, deterministic function of the skills and their use.

Rocks go in in the order the skills were added. Each one is dropped from above at a spot
seeded by its key and settles onto the floor or the rocks already there, rolling a little
toward lower ground. Earlier rocks never move when a new one comes, so a new rock always
lands on top of the heap. The same skills with the same recent use always give the same jar.

Coordinates are SVG user units, y pointing down. The inside of the glass runs from
INSIDE_LEFT to INSIDE_RIGHT, and its floor is the line y = FLOOR whatever the jar's height:
a fuller jar grows upward (see skills/jar_shape.py), so rocks keep their coordinates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

from skills import pebbles
from skills.pebbles import Icon, Paint, Point

INSIDE_LEFT = 20.0
INSIDE_RIGHT = 120.0
FLOOR = 300.0
CORNER = 10.0  # inner radius of the glass where the wall meets the floor

MIN_SIZE = 7.5  # a rock's radius (of a circle with the same area) before any use
MAX_SIZE = 13.0
FULL_SIZE_USES = 12  # uses in the window at which a rock reaches its full size
SIZE_JITTER = 0.06  # rocks of one size still differ a little, as real ones do

MAX_HEAP = 168.0  # the tallest heap a jar holds; past it every rock is drawn smaller
ROLL = 0.1  # how much lower a spot must be, per unit of roll, for a rock to roll to it

COLUMNS = round(INSIDE_RIGHT - INSIDE_LEFT)  # the floor is settled in 1-unit columns
LABEL_FONT = 7.0  # the hover label's font size, in the same units
LABEL_CHARS = 24  # labels are cut to this many characters


@dataclass(frozen=True)
class RockSpec:
    """What the layout needs to know about one skill."""

    key: str
    label: str
    colour: str  # #rrggbb
    shape: str
    uses: int = 0


@dataclass(frozen=True)
class Rock:
    """One placed rock, ready for any renderer: outline, path, colours, label spot."""

    key: str
    label: str
    colour: str
    shape: str
    uses: int
    order: int  # 0 for the first rock that went in
    x: float  # the rock's middle (centre of its area)
    y: float
    size: float  # radius of a circle with the same area
    path: str  # SVG path data, absolute, smooth cubic curves
    outline: tuple[Point, ...]  # the same outline as a closed polygon
    paint: Paint
    icon: Icon  # the same rock small, in a 24 by 24 box
    label_x: float  # where its name shows on hover or focus (text centred on this point)
    label_y: float
    drop: bool = False  # the newest change: the page lets this rock fall in once

    @property
    def short_label(self) -> str:
        """The label, cut to fit over the drawing."""
        if len(self.label) <= LABEL_CHARS:
            return self.label
        return self.label[: LABEL_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Heap:
    """All the rocks in one jar, and how high they reach above the floor."""

    rocks: tuple[Rock, ...]
    height: float
    scale: float  # 1, or less when a very full jar draws every rock smaller

    def dropping(self, key: str | None) -> Heap:
        """The same heap with the rock for `key` marked to fall in."""
        if key is None:
            return self
        rocks = tuple(replace(rock, drop=rock.key == key) for rock in self.rocks)
        return replace(self, rocks=rocks)


def rock_size(uses: int) -> float:
    """A rock grows with the square root of its recent use, up to a cap."""
    share = min(1.0, math.sqrt(max(uses, 0)) / math.sqrt(FULL_SIZE_USES))
    return MIN_SIZE + (MAX_SIZE - MIN_SIZE) * share


def _floor_profile() -> list[float]:
    """Height of the glass floor in each column: flat, rising into the rounded corners."""
    heights = []
    for column in range(COLUMNS):
        # The side of the column nearer the wall is the higher one.
        wall = min(column, COLUMNS - column - 1)
        if wall >= CORNER:
            heights.append(0.0)
        else:
            heights.append(CORNER - math.sqrt(CORNER**2 - (CORNER - wall) ** 2))
    return heights


FLOOR_PROFILE = _floor_profile()


def _profile(outline: tuple[Point, ...]) -> tuple[int, int, list[float], list[float]]:
    """The rock's underside and top per 1-unit column, relative to its middle (y up).

    Column j covers x in [j - 0.5, j + 0.5) around the middle. Returns the first and last
    column, and the lowest and highest point of the rock in each.
    """
    dense: list[Point] = []
    for (x0, y0), (x1, y1) in zip(outline, [*outline[1:], outline[0]], strict=True):
        steps = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / 0.2))
        dense += [(x0 + (x1 - x0) * s / steps, -(y0 + (y1 - y0) * s / steps)) for s in range(steps)]
    first = math.floor(min(x for x, _ in dense) + 0.5)
    last = math.floor(max(x for x, _ in dense) + 0.5)
    low = [math.inf] * (last - first + 1)
    high = [-math.inf] * (last - first + 1)
    for x, y in dense:
        column = math.floor(x + 0.5) - first
        low[column] = min(low[column], y)
        high[column] = max(high[column], y)
    for index in range(len(low)):  # a column between two samples takes its neighbours' values
        if low[index] == math.inf:
            low[index] = min(low[index - 1], low[index + 1])
            high[index] = max(high[index - 1], high[index + 1])
    return first, last, low, high


def _label_spot(x: float, top: float, label: str) -> tuple[float, float]:
    """Centre the name just above the rock, pulled in from the walls so it stays on the glass.

    The jar always has headroom above its heap (skills/jar_shape.py), so above is never cut.
    """
    half = min(len(label), LABEL_CHARS) * LABEL_FONT * 0.3
    margin = min(half, (INSIDE_RIGHT - INSIDE_LEFT) / 2)
    label_x = min(max(x, INSIDE_LEFT + margin), INSIDE_RIGHT - margin)
    return round(label_x, 2), round(top - 3, 2)


def _settle(specs: tuple[RockSpec, ...], scale: float) -> Heap:
    skyline = list(FLOOR_PROFILE)
    rocks: list[Rock] = []
    for order, spec in enumerate(specs):
        shape = pebbles.pebble(spec.key, spec.shape)
        jitter = 1 + (pebbles.noise(spec.key, "size") - 0.5) * 2 * SIZE_JITTER
        size = rock_size(spec.uses) * jitter * scale
        scaled = tuple((x * size, y * size) for x, y in shape.outline)
        first, last, low, high = _profile(scaled)
        # Middles where the rock fits between the walls, as column indices.
        start, stop = -first, COLUMNS - 1 - last
        if stop < start:  # wider than the jar (not with these sizes): centre it
            start = stop = (COLUMNS - 1) // 2
        drop = start + pebbles.noise(spec.key, "drop") * (stop - start)
        best: tuple[float, int, float] | None = None
        for middle in range(start, stop + 1):
            columns = range(max(0, middle + first), min(COLUMNS, middle + last + 1))
            rest = max(skyline[c] - low[c - middle - first] for c in columns)
            score = rest + ROLL * abs(middle - drop)
            if best is None or score < best[0]:
                best = (score, middle, rest)
        _, middle, rest = best
        for column in range(max(0, middle + first), min(COLUMNS, middle + last + 1)):
            skyline[column] = max(skyline[column], rest + high[column - middle - first])
        x = INSIDE_LEFT + middle + 0.5
        y = FLOOR - rest
        path, outline = pebbles.placed(shape, x, y, size)
        label_x, label_y = _label_spot(x, min(py for _, py in outline), spec.label)
        rocks.append(
            Rock(
                key=spec.key,
                label=spec.label,
                colour=spec.colour,
                shape=spec.shape,
                uses=spec.uses,
                order=order,
                x=round(x, 2),
                y=round(y, 2),
                size=round(size, 2),
                path=path,
                outline=outline,
                paint=pebbles.paint(spec.colour),
                icon=pebbles.icon(spec.key, spec.shape, spec.colour),
                label_x=label_x,
                label_y=label_y,
            )
        )
    height = max((FLOOR - min(py for _, py in rock.outline) for rock in rocks), default=0.0)
    return Heap(rocks=tuple(rocks), height=round(height, 2), scale=scale)


@lru_cache(maxsize=256)
def _layout(specs: tuple[RockSpec, ...]) -> Heap:
    scale = 1.0
    while True:
        heap = _settle(specs, scale)
        if heap.height <= MAX_HEAP or scale <= 0.3:
            return heap
        scale *= 0.94


def layout_jar(specs: list[RockSpec] | tuple[RockSpec, ...]) -> Heap:
    """Settle every rock into the jar, drawing them all smaller if the heap would overflow."""
    return _layout(tuple(specs))
