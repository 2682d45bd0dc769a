"""What a person's entries add up to: cumulative counts and the recent balance, never a streak.

Everything here sums the tallies (journal/tallies.py), so a page costs the same whether the
journal holds ten entries or a hundred thousand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Sum

from journal.jars import recent_days
from journal.window import Window
from skills.models import Kind

BALANCE_DAYS = 28


@dataclass(frozen=True)
class Balance:
    """How the choices of the last four weeks split between the two jars."""

    from_copes: int
    from_negative: int
    weeks: int = BALANCE_DAYS // 7

    @property
    def total(self) -> int:
        return self.from_copes + self.from_negative


def jar_of_each_skill(window: Window) -> dict[int, str]:
    """Which jar each of the person's skills (archived too) sits in, by id."""
    return dict(window.skills().values_list("pk", "kind"))


def recent_balance(window: Window, *, now: datetime) -> Balance:
    """Count the choices logged in the last four weeks (today included), by jar."""
    rows = (
        window.tallies()
        .filter(day__gte=recent_days(window, now=now, days=BALANCE_DAYS))
        .values("skill_key")
        .annotate(n=Sum("uses"))
        .order_by()
    )
    jars = jar_of_each_skill(window)
    by_jar = {Kind.COPES: 0, Kind.NEGATIVE: 0}
    for row in rows:
        if row["skill_key"] in jars:
            by_jar[jars[row["skill_key"]]] += row["n"]
    return Balance(from_copes=by_jar[Kind.COPES], from_negative=by_jar[Kind.NEGATIVE])


def urges_ridden_out(window: Window) -> int:
    """Every urge that passed, ever: a number that only grows."""
    return window.tallies().aggregate(n=Sum("passed"))["n"] or 0
