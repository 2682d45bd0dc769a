"""A rock's story: what the journal holds about one skill, read through the viewer's window.

Uses per week over the last year, how much it helped, the urges it answered (or, for a grey
rock, the urges that pulled toward it), how present it has been lately, and its latest uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from journal import charts
from journal.jars import RECENT_DAYS
from journal.models import Helped
from journal.timeline import Entry, entry_for
from journal.window import Window
from skills.models import CopingSkill

RECENT_ENTRIES = 10
WEEKS = 52
PRESENCE_DAYS = 120


@dataclass(frozen=True)
class Story:
    recent: list[Entry]  # the latest uses, newest first
    recent_uses: int  # uses in the last RECENT_DAYS days
    weeks: charts.BarChart  # uses per week over the last year
    weekly: list[tuple[date, int]]  # the same as a table: each week's Monday and its uses
    weekly_words: str
    ratings: int
    average: float | None
    answers: int
    answers_eased: int
    urges: int  # urges that pulled toward it
    urges_eased: int
    presence: float  # 0 to 1
    days: int = RECENT_DAYS

    @property
    def average_words(self) -> str:
        return str(Helped(round(self.average)).label).lower() if self.average is not None else ""

    @property
    def presence_words(self) -> str:
        """How present the rock has been lately, in words that never scold a quiet spell."""
        if self.presence >= 0.5:
            return _("a steady part of things lately")
        if self.presence >= 0.2:
            return _("reached for now and then lately")
        if self.presence > 0.02:
            return _("reached for once in a while lately")
        return _("resting lately; it is still in the jar")

    @property
    def presence_percent(self) -> int:
        return round(100 * self.presence)


def _weeks(daily: dict[date, int], today: date) -> list[tuple[date, int]]:
    first = today - timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    weeks = {first + timedelta(weeks=n): 0 for n in range(WEEKS)}
    for day, uses in daily.items():
        monday = day - timedelta(days=day.weekday())
        if monday in weeks:
            weeks[monday] += uses
    return list(weeks.items())


def rock_story(window: Window, skill: CopingSkill, *, now: datetime) -> Story:
    """One skill's story, from three queries (its latest uses, its days, its totals)."""
    today = window.local_date(now)
    uses = window.usages(answers=True).filter(skill=skill).order_by("-occurred_at", "-pk")
    recent = [entry_for(window, usage) for usage in uses[:RECENT_ENTRIES]]
    first = today - timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    rows = (
        window.tallies()
        .filter(skill_key=skill.pk, day__gte=min(first, today - timedelta(PRESENCE_DAYS)))
        .values("day")
        .annotate(uses=Sum("uses"))
        .order_by()
    )
    daily = {row["day"]: row["uses"] for row in rows}
    totals = (
        window.totals()
        .filter(skill_key=skill.pk)
        .aggregate(
            ratings=Sum("helped_n"),
            helped=Sum("helped_sum"),
            answers=Sum("answers"),
            answers_eased=Sum("answers_eased"),
            urges=Sum("urges"),
            urges_eased=Sum("eased"),
        )
    )
    totals = {name: value or 0 for name, value in totals.items()}
    weekly = _weeks(daily, today)
    busiest = max((n for _m, n in weekly), default=0) or 1
    chart = charts.bar_chart(
        [n / busiest if n else None for _m, n in weekly],
        [date_format(monday, _("M")) if monday.day <= 7 else "" for monday, _n in weekly],
        width=364,
        height=90,
        label_room=16,
    )
    used_weeks = sum(1 for _m, n in weekly if n)
    uses = sum(n for _m, n in weekly)
    # Two sentences, so each number gets its own singular or plural.
    weekly_words = " ".join(
        (
            ngettext(
                "Used in %(weeks)d week of the last 52.",
                "Used in %(weeks)d weeks of the last 52.",
                used_weeks,
            )
            % {"weeks": used_weeks},
            ngettext("%(uses)d time in all.", "%(uses)d times in all.", uses) % {"uses": uses},
        )
    )
    recent_from = today - timedelta(days=RECENT_DAYS - 1)
    return Story(
        recent=recent,
        recent_uses=sum(n for day, n in daily.items() if day >= recent_from),
        weeks=chart,
        weekly=weekly,
        weekly_words=weekly_words,
        ratings=totals["ratings"],
        average=totals["helped"] / totals["ratings"] if totals["ratings"] else None,
        answers=totals["answers"],
        answers_eased=totals["answers_eased"],
        urges=totals["urges"],
        urges_eased=totals["urges_eased"],
        presence=charts.presence(
            [daily.get(today - timedelta(days=age), 0) for age in range(PRESENCE_DAYS, -1, -1)]
        ),
    )
