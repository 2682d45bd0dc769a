"""The three jars as a viewer may see them: rocks sized by recent use, when logs are shown."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count

from journal.window import Window
from skills.jars import Jars, jars_of

# A rock's size follows how often it was used in this many days.
RECENT_DAYS = 30


def recent_uses(window: Window, *, now: datetime) -> dict[int, int]:
    """Uses per skill (by id) in the last RECENT_DAYS days; nothing when logs are not shown."""
    if not window.logs:
        return {}
    rows = (
        window.usages()
        .filter(occurred_at__gte=now - timedelta(days=RECENT_DAYS), occurred_at__lte=now)
        .order_by()
        .values("skill")
        .annotate(n=Count("id"))
    )
    return {row["skill"]: row["n"] for row in rows}


def jars_for(window: Window, *, now: datetime) -> Jars:
    """The person's three jars, from two queries: active skills, and their recent uses."""
    skills = list(window.skills().active().order_by("created_at", "id"))
    return jars_of(skills, uses=recent_uses(window, now=now), linked=window.own)
