"""The journal timeline: urges and usages interleaved, newest first, grouped by the person's day.

A page covers up to a week of days that have entries, ending at the newest entry before the
cursor, so gaps of quiet weeks never show as empty pages. Every page costs the same handful of
queries however many entries it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.db.models import Max, Q
from django.utils import timezone

from journal.models import UrgeLog, UsageLog

DAYS_PER_PAGE = 7
# Dates a person could mean; anything outside is a typo, and far enough from the calendar's
# ends that a week's arithmetic never overflows.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def parse_day(raw: str | None) -> date | None:
    """A YYYY-MM-DD from a query string, or None for anything else."""
    try:
        day = date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
    return day if day is not None and EARLIEST <= day <= LATEST else None


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


def _usages(user, shareable_only: bool):
    usages = UsageLog.objects.for_user(user)
    return usages.filter(skill__private=False) if shareable_only else usages


def urges_for(user, *, shareable_only: bool):
    """Urges; for a therapist, leaving out those that pull toward a private skill."""
    urges = UrgeLog.objects.for_user(user)
    if shareable_only:
        urges = urges.filter(Q(skill__isnull=True) | Q(skill__private=False), private=False)
    return urges


def _latest_before(user, moment: datetime, shareable_only: bool = False) -> datetime | None:
    latest = [
        entries.filter(occurred_at__lt=moment).aggregate(m=Max("occurred_at"))["m"]
        for entries in (
            urges_for(user, shareable_only=shareable_only),
            _usages(user, shareable_only),
        )
    ]
    present = [value for value in latest if value is not None]
    return max(present) if present else None


def timeline_page(
    user, *, before: date | None = None, shareable_only: bool = False
) -> TimelinePage:
    """Entries from the newest day with any (before the cursor day) back a week.

    With shareable_only, private skills and everything logged about them are left out.
    """
    cursor = _start_of(before) if before else timezone.now() + timedelta(days=3650)
    newest = _latest_before(user, cursor, shareable_only)
    if newest is None:
        return TimelinePage(days=[], earlier=None)
    last_day = timezone.localtime(newest).date()
    first_day = last_day - timedelta(days=DAYS_PER_PAGE - 1)
    start, end = _start_of(first_day), _start_of(last_day + timedelta(days=1))
    urges = (
        urges_for(user, shareable_only=shareable_only)
        .filter(occurred_at__gte=start, occurred_at__lt=end)
        .select_related("skill")
    )
    usages = list(
        _usages(user, shareable_only)
        .filter(occurred_at__gte=start, occurred_at__lt=end)
        .select_related("skill", "urge__skill")
    )
    linked = {usage.urge_id for usage in usages if usage.urge_id}
    if shareable_only and linked:
        shown = set(
            urges_for(user, shareable_only=True).filter(pk__in=linked).values_list("pk", flat=True)
        )
        for usage in usages:
            # Rows read for this page only, never saved: dropping the link keeps an urge the
            # timeline leaves out from showing through the choice that answered it.
            if usage.urge_id and usage.urge_id not in shown:
                usage.urge = None
    entries = sorted(
        [Entry("urge", u) for u in urges] + [Entry("usage", u) for u in usages],
        key=lambda e: (e.occurred_at, e.item.pk),
        reverse=True,
    )
    days = [
        Day(day=day, entries=list(group))
        for day, group in groupby(entries, key=lambda e: timezone.localtime(e.occurred_at).date())
    ]
    has_older = _latest_before(user, start, shareable_only) is not None
    return TimelinePage(days=days, earlier=first_day if has_older else None)
