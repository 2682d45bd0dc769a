"""The journal timeline: urges and usages interleaved, newest first, grouped by the person's day.

A page covers up to a week of days that have entries, ending at the newest entry before the
cursor, so gaps of quiet weeks never show as empty pages. Every page costs the same handful of
queries however many entries it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.db.models import Max
from django.utils import timezone

from journal.models import UrgeLog, UsageLog

DAYS_PER_PAGE = 7


@dataclass(frozen=True)
class Entry:
    kind: str  # "urge" or "usage"
    item: UrgeLog | UsageLog

    @property
    def occurred_at(self) -> datetime:
        return self.item.occurred_at


@dataclass(frozen=True)
class Day:
    day: date
    entries: list[Entry]


@dataclass(frozen=True)
class TimelinePage:
    days: list[Day]
    earlier: date | None  # cursor for "show earlier", or None when this is the oldest page


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _latest_before(user, moment: datetime) -> datetime | None:
    latest = [
        model.objects.for_user(user)
        .filter(occurred_at__lt=moment)
        .aggregate(m=Max("occurred_at"))["m"]
        for model in (UrgeLog, UsageLog)
    ]
    present = [value for value in latest if value is not None]
    return max(present) if present else None


def timeline_page(user, *, before: date | None = None) -> TimelinePage:
    """Entries from the newest day with any (before the cursor day) back a week."""
    cursor = _start_of(before) if before else None
    newest = _latest_before(user, cursor) if cursor else _latest_any(user)
    if newest is None:
        return TimelinePage(days=[], earlier=None)
    last_day = timezone.localtime(newest).date()
    first_day = last_day - timedelta(days=DAYS_PER_PAGE - 1)
    start, end = _start_of(first_day), _start_of(last_day + timedelta(days=1))
    urges = (
        UrgeLog.objects.for_user(user)
        .filter(occurred_at__gte=start, occurred_at__lt=end)
        .select_related("skill")
    )
    usages = (
        UsageLog.objects.for_user(user)
        .filter(occurred_at__gte=start, occurred_at__lt=end)
        .select_related("skill", "urge")
    )
    entries = sorted(
        [Entry("urge", u) for u in urges] + [Entry("usage", u) for u in usages],
        key=lambda e: (e.occurred_at, e.item.pk),
        reverse=True,
    )
    days = [
        Day(day=day, entries=list(group))
        for day, group in groupby(entries, key=lambda e: timezone.localtime(e.occurred_at).date())
    ]
    has_older = _latest_before(user, start) is not None
    return TimelinePage(days=days, earlier=first_day if has_older else None)


def _latest_any(user) -> datetime | None:
    return _latest_before(user, timezone.now() + timedelta(days=3650))
