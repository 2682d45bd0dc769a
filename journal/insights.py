"""What a person's entries add up to: cumulative counts and the recent balance, never a streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q

from journal.window import Window
from skills.models import Kind

BALANCE_DAYS = 28


@dataclass(frozen=True)
class Balance:
    """How the choices of the last four weeks split between the two jars."""

    from_copes: int
    from_negative: int

    @property
    def total(self) -> int:
        return self.from_copes + self.from_negative


def recent_balance(window: Window, *, now: datetime) -> Balance:
    """Count the choices logged in the last four weeks, by jar."""
    counts = (
        window.usages()
        .filter(occurred_at__gte=now - timedelta(days=BALANCE_DAYS), occurred_at__lte=now)
        .aggregate(
            copes=Count("id", filter=Q(skill__kind=Kind.COPES)),
            negative=Count("id", filter=Q(skill__kind=Kind.NEGATIVE)),
        )
    )
    return Balance(from_copes=counts["copes"], from_negative=counts["negative"])


def urges_ridden_out(window: Window) -> int:
    """Every urge that passed, ever: a number that only grows."""
    return window.urges().filter(passed=True).count()
