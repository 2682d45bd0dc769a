"""Geometry for the insight charts: plain numbers in, shapes to draw out (no Django here).

Templates only draw what these return; every chart also says its numbers in words and in a
table, which the readers in journal/insights.py write.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # under the bar
    empty: bool  # nothing to show for this slot (drawn as a quiet mark, never as zero)

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    baseline: float
    top: float

    @property
    def half(self) -> float:
        """Where half of the way up is: a guide line at 50%."""
        return round((self.top + self.baseline) / 2, 1)

    @property
    def label_y(self) -> float:
        return self.height - 6.0


def bar_chart(
    values: list[float | None],
    labels: list[str],
    *,
    width: int = 360,
    height: int = 150,
    label_room: int = 22,
) -> BarChart:
    """Bars for values between 0 and 1; None is a slot with nothing logged."""
    top, baseline = 8.0, float(height - label_room)
    slot = width / max(len(values), 1)
    bars = []
    for n, (value, label) in enumerate(zip(values, labels, strict=True)):
        share = min(max(value or 0.0, 0.0), 1.0)
        tall = (baseline - top) * share
        bars.append(
            Bar(
                x=round(n * slot + slot * 0.15, 1),
                y=round(baseline - tall, 1),
                width=round(slot * 0.7, 1),
                height=round(tall, 1),
                label=label,
                empty=value is None,
            )
        )
    return BarChart(width=width, height=height, bars=bars, baseline=baseline, top=top)


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    size: float
    day: date
    level: int  # 0: nothing logged; 1: mostly grey rocks; 2: even; 3: mostly Jar O' Copes

    @property
    def cx(self) -> float:
        return round(self.x + self.size / 2, 1)

    @property
    def cy(self) -> float:
        return round(self.y + self.size / 2, 1)

    @property
    def line_x1(self) -> float:
        return round(self.x + self.size * 0.27, 1)

    @property
    def line_x2(self) -> float:
        return round(self.x + self.size * 0.73, 1)


@dataclass(frozen=True)
class Calendar:
    width: int
    height: int
    cells: list[Cell]
    months: list[tuple[float, date]]  # where each month's label goes


def level_of(copes: int, negative: int) -> int:
    """A day's balance as one of four plain levels."""
    if copes + negative == 0:
        return 0
    if copes > negative:
        return 3
    return 2 if copes == negative else 1


def calendar(year: int, days: dict[date, tuple[int, int]], *, cell: float = 11.0) -> Calendar:
    """A year of days in week columns (Monday on top), each with its level."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    start = first - timedelta(days=first.weekday())
    gap, left, top = 2.0, 4.0, 16.0
    cells, months = [], []
    day = first
    while day <= last:
        column = (day - start).days // 7
        x = left + column * (cell + gap)
        if day.day == 1:
            months.append((x, day))
        copes, negative = days.get(day, (0, 0))
        cells.append(
            Cell(
                x=x,
                y=top + day.weekday() * (cell + gap),
                size=cell,
                day=day,
                level=level_of(copes, negative),
            )
        )
        day += timedelta(days=1)
    columns = (last - start).days // 7 + 1
    return Calendar(
        width=math.ceil(left * 2 + columns * (cell + gap)),
        height=math.ceil(top + 7 * (cell + gap)),
        cells=cells,
        months=months,
    )


def presence(daily_uses: list[int], *, half_life: float = 14.0) -> float:
    """How present a rock has been lately, from 0 to 1: each day with a use lifts it, and it
    fades by half over `half_life` quiet days. Never a streak: one quiet day takes only a
    little, and nothing drops to zero at once. `daily_uses` runs oldest first, ending today.
    """
    keep = 0.5 ** (1 / half_life)
    level = 0.0
    for uses in daily_uses:
        level = level * keep + (1 - keep) * min(uses, 1)
    return round(level, 3)


@dataclass(frozen=True)
class Curve:
    path: str
    start: int
    end: int


def curves(
    waves: list[list[tuple[float, int]]],
    *,
    minutes: int = 20,
    width: int = 160,
    height: int = 90,
) -> list[Curve]:
    """Several surfs' strength curves on one small chart: minutes across, 0 to 10 up."""
    left, right, top, bottom = 4.0, width - 4.0, 4.0, height - 4.0
    drawn = []
    for points in waves:
        if not points:
            continue
        coords = []
        for seconds, strength in points:
            x = left + (right - left) * min(seconds / 60, minutes) / minutes
            y = bottom - (bottom - top) * strength / 10
            coords.append(f"{x:.1f},{y:.1f}")
        drawn.append(Curve(path="M" + " L".join(coords), start=points[0][1], end=points[-1][1]))
    return drawn
