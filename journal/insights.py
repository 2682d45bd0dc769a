"""What a person's entries add up to: cumulative counts, never a streak.

Figures over all time sum the all-time totals (journal/tallies.py), so a page costs the same
whether the journal holds ten entries or a hundred thousand.
"""

from __future__ import annotations

from django.db.models import Sum

from journal.window import Window


def urges_ridden_out(window: Window) -> int:
    """Every urge that passed, ever: a number that only grows as urges pass."""
    return window.totals().aggregate(n=Sum("passed"))["n"] or 0
