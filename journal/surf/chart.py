"""The geometry of a surf's intensity curve: points in, an SVG line and its ticks out."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Room around the plot for the tick labels, in SVG user units.
LEFT, RIGHT, TOP, BOTTOM = 30, 12, 10, 28


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    intensity: int


@dataclass(frozen=True)
class Tick:
    at: float  # x or y in SVG user units
    value: int  # minutes or intensity


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    line: str
    area: str
    dots: list[Dot]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    left: float
    right: float
    top: float
    bottom: float


def _step(span: int) -> int:
    """A tick every so many minutes, so there are never more than about six."""
    for step in (1, 2, 5, 10, 15, 30, 60):
        if span / step <= 6:
            return step
    return 120


def surf_chart(points: list[tuple[float, int]], *, width: int = 320, height: int = 160) -> Chart:
    """Lay out (seconds since the start, intensity 0 to 10) points on a chart.

    The time axis runs from the start to the last point, in whole minutes (at least one).
    """
    if not points:
        points = [(0.0, 0)]
    last_seconds = max(seconds for seconds, _intensity in points)
    span = max(1, math.ceil(last_seconds / 60 - 1e-9))
    left, right, top, bottom = LEFT, width - RIGHT, TOP, height - BOTTOM

    def x_for(seconds: float) -> float:
        return round(left + (right - left) * min(seconds / 60, span) / span, 1)

    def y_for(intensity: int) -> float:
        return round(bottom - (bottom - top) * max(0, min(10, intensity)) / 10, 1)

    dots = [
        Dot(x=x_for(seconds), y=y_for(intensity), intensity=intensity)
        for seconds, intensity in points
    ]
    line = " ".join(f"{'M' if n == 0 else 'L'}{d.x:g},{d.y:g}" for n, d in enumerate(dots))
    area = f"{line} L{dots[-1].x:g},{bottom:g} L{dots[0].x:g},{bottom:g} Z"
    step = _step(span)
    x_ticks = [Tick(at=x_for(minute * 60), value=minute) for minute in range(0, span + 1, step)]
    if x_ticks[-1].value != span:
        # The end always gets a label; a regular tick crowding it steps aside.
        if span - x_ticks[-1].value < step / 2 and len(x_ticks) > 1:
            x_ticks.pop()
        x_ticks.append(Tick(at=x_for(span * 60), value=span))
    y_ticks = [Tick(at=y_for(value), value=value) for value in (0, 5, 10)]
    return Chart(
        width=width,
        height=height,
        line=line,
        area=area,
        dots=dots,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
    )
