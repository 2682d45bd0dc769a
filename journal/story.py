"""A rock's story: what the journal holds about one skill, read through the viewer's window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Sum

from journal.jars import RECENT_DAYS, recent_days
from journal.timeline import Entry, entry_for
from journal.window import Window
from skills.models import CopingSkill

RECENT_ENTRIES = 10


@dataclass(frozen=True)
class Story:
    recent: list[Entry]  # the latest uses, newest first
    recent_uses: int  # uses in the last RECENT_DAYS days
    days: int = RECENT_DAYS


def rock_story(window: Window, skill: CopingSkill, *, now: datetime) -> Story:
    """The latest uses of a skill and how often it was used lately."""
    uses = window.usages(answers=True).filter(skill=skill).order_by("-occurred_at", "-pk")
    recent = [entry_for(window, usage) for usage in uses[:RECENT_ENTRIES]]
    count = (
        window.tallies()
        .filter(skill_key=skill.pk, day__gte=recent_days(window, now=now))
        .aggregate(n=Sum("uses"))["n"]
    )
    return Story(recent=recent, recent_uses=count or 0)
