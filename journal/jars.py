"""The three jars as a viewer may see them: rocks sized by recent use, when logs are shown."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Sum

from journal.window import Window
from skills.jars import Jars, jars_of

# A rock's size follows how often it was used in the last this-many days (today included).
RECENT_DAYS = 30


def recent_days(window: Window, *, now: datetime, days: int = RECENT_DAYS) -> date:
    """The first of the person's last `days` days, in their time zone, today included."""
    return window.local_date(now) - timedelta(days=days - 1)


def recent_uses(window: Window, *, now: datetime) -> dict[int, int]:
    """Uses per skill (by id) in the last RECENT_DAYS days; nothing when logs are not shown."""
    rows = (
        window.tallies()
        .filter(day__gte=recent_days(window, now=now))
        .values("skill_key")
        .annotate(n=Sum("uses"))
        .order_by()
    )
    return {row["skill_key"]: row["n"] for row in rows if row["n"]}


def jars_for(window: Window, *, now: datetime) -> Jars:
    """The person's three jars, from two queries: active skills, and their recent uses."""
    skills = list(window.skills().active().order_by("created_at", "id"))
    return jars_of(skills, uses=recent_uses(window, now=now), linked=window.own)
