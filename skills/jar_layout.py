"""Where each rock sits in a jar: a pure, deterministic function of the skills and their use.

The same skills with the same recent use always give the same picture, and rocks are laid
in the order the skills were added, bottom row first, so a new rock lands on top.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

# The inside of the jar drawing (see templates/skills/_jar.html), in SVG user units.
INSIDE_LEFT = 34.0
INSIDE_RIGHT = 206.0
FLOOR = 304.0
NECK = 112.0

MIN_RADIUS = 14.0
MAX_RADIUS = 30.0
# Uses in the window at which a rock reaches its full size.
FULL_SIZE_USES = 12


@dataclass(frozen=True)
class RockSpec:
    """What the layout needs to know about one skill."""

    key: str
    label: str
    colour: str
    shape: str
    uses: int = 0


@dataclass(frozen=True)
class Rock:
    """One placed rock, ready for a renderer."""

    key: str
    label: str
    colour: str
    shape: str
    uses: int
    x: float
    y: float
    radius: float
    path: str
    icon: str  # the same rock, small, for a 24 by 24 legend swatch


def _noise(key: str, salt: str) -> float:
    """A stable number in [0, 1) for this key, so the same rock always wobbles the same way."""
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def rock_radius(uses: int) -> float:
    """A rock grows with the square root of its recent use, up to a cap."""
    share = min(1.0, math.sqrt(max(uses, 0)) / math.sqrt(FULL_SIZE_USES))
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share


def _polygon(cx: float, cy: float, r: float, points: list[tuple[float, float]], turn: float) -> str:
    cos, sin = math.cos(turn), math.sin(turn)
    coords = [(cx + r * (px * cos - py * sin), cy + r * (px * sin + py * cos)) for px, py in points]
    head, *rest = coords
    return f"M{head[0]:.1f},{head[1]:.1f} " + " ".join(f"L{x:.1f},{y:.1f}" for x, y in rest) + " Z"


def _regular(sides: int, start: float = 0.0) -> list[tuple[float, float]]:
    return [
        (math.cos(start + 2 * math.pi * i / sides), math.sin(start + 2 * math.pi * i / sides))
        for i in range(sides)
    ]


_OUTLINES: dict[str, list[tuple[float, float]]] = {
    "chunk": [
        (-0.8, -0.95),
        (0.8, -0.95),
        (0.95, -0.8),
        (0.95, 0.8),
        (0.8, 0.95),
        (-0.8, 0.95),
        (-0.95, 0.8),
        (-0.95, -0.8),
    ],
    "triangle": [
        (0.0, -1.0),
        (0.2, -0.95),
        (1.0, 0.7),
        (0.9, 0.85),
        (-0.9, 0.85),
        (-1.0, 0.7),
        (-0.2, -0.95),
    ],
    "hexagon": _regular(6),
    "diamond": [(0.0, -1.0), (0.85, 0.0), (0.0, 1.0), (-0.85, 0.0)],
}


def rock_path(shape: str, cx: float, cy: float, r: float, turn: float) -> str:
    """An SVG path for a rock of the given shape, centred on (cx, cy)."""
    if shape == "round":
        return (
            f"M{cx - r:.1f},{cy:.1f} a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0 "
            f"a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0 Z"
        )
    if shape == "pebble":
        # A turned ellipse, as two arcs between the ends of its long axis.
        rx, ry = r, r * 0.72
        dx, dy = rx * math.cos(turn), rx * math.sin(turn)
        degrees = math.degrees(turn)
        return (
            f"M{cx - dx:.1f},{cy - dy:.1f} "
            f"A{rx:.1f},{ry:.1f} {degrees:.0f} 1,0 {cx + dx:.1f},{cy + dy:.1f} "
            f"A{rx:.1f},{ry:.1f} {degrees:.0f} 1,0 {cx - dx:.1f},{cy - dy:.1f} Z"
        )
    return _polygon(cx, cy, r, _OUTLINES.get(shape, _OUTLINES["chunk"]), turn)


def _place(specs: list[RockSpec], scale: float) -> tuple[list[Rock], float]:
    """Lay rocks in rows from the floor up; return them and the height of the heap's top."""
    rocks: list[Rock] = []
    width = INSIDE_RIGHT - INSIDE_LEFT
    baseline = FLOOR
    x = INSIDE_LEFT
    row_height = 0.0
    top = FLOOR
    for index, spec in enumerate(specs):
        radius = rock_radius(spec.uses) * scale
        diameter = 2 * radius
        if x + diameter > INSIDE_RIGHT and x > INSIDE_LEFT:
            # Rows overlap a little, so the heap settles instead of stacking like bricks.
            baseline -= row_height * 0.82
            row_height = 0.0
            # Alternate rows start a little in from the wall, like rocks settling.
            x = INSIDE_LEFT + (width * 0.06 if (index % 2) else 0.0)
        wobble_x = (_noise(spec.key, "x") - 0.5) * radius * 0.3
        wobble_y = _noise(spec.key, "y") * radius * 0.2
        cx = min(max(x + radius + wobble_x, INSIDE_LEFT + radius), INSIDE_RIGHT - radius)
        cy = baseline - radius + wobble_y
        turn = _noise(spec.key, "turn") * 2 * math.pi
        rocks.append(
            Rock(
                key=spec.key,
                label=spec.label,
                colour=spec.colour,
                shape=spec.shape,
                uses=spec.uses,
                x=round(cx, 1),
                y=round(cy, 1),
                radius=round(radius, 1),
                path=rock_path(spec.shape, cx, cy, radius, turn),
                icon=rock_path(spec.shape, 12, 12, 10, turn),
            )
        )
        x += diameter * 0.96
        row_height = max(row_height, diameter)
        top = min(top, cy - radius)
    return rocks, top


def layout_jar(specs: list[RockSpec]) -> list[Rock]:
    """Place every rock inside the jar, shrinking them all evenly if the heap would overflow."""
    scale = 1.0
    while True:
        rocks, top = _place(specs, scale)
        if top >= NECK or scale <= 0.2:
            return rocks
        scale *= 0.92
