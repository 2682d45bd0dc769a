"""Keep the tallies in step with the journal: recount the days a write touched, from the
entries themselves, in the same transaction as the write.

Recounting whole days (rather than adding and subtracting) means a tally can never drift
from its entries: whatever a write did, the day is counted again. The services in
journal/services.py and journal/surf/services.py call `recount` for every write; a change
of time zone, an import or the demo data call `recount_all`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from journal.models import Band, Tally, UrgeLog, UsageLog

Key = tuple[date, int, int, bool]  # day, band, skill_key, hidden

_USAGE = ("occurred_at", "skill_id", "helped", "urge_id")
_URGE = ("occurred_at", "skill_id", "intensity", "intensity_after", "passed", "private")


@dataclass
class Counts:
    uses: int = 0
    helped_n: int = 0
    helped_sum: int = 0
    answers: int = 0
    urges: int = 0
    strength_sum: int = 0
    passed: int = 0
    eased: int = 0
    drop_n: int = 0
    drop_sum: int = 0


COUNTED = [field.name for field in fields(Counts)]


def _place(moment: datetime, zone) -> tuple[date, int]:
    local = timezone.localtime(moment, zone)
    return local.date(), Band.of_hour(local.hour)


def local_days(owner, *moments: datetime | None) -> set[date]:
    """The person's days these moments fall on."""
    zone = owner.zone()
    return {timezone.localtime(m, zone).date() for m in moments if m is not None}


def _add_usage(counts: dict[Key, Counts], row: dict, zone) -> None:
    day, band = _place(row["occurred_at"], zone)
    tally = counts.setdefault((day, band, row["skill_id"], False), Counts())
    tally.uses += 1
    if row["helped"] is not None:
        tally.helped_n += 1
        tally.helped_sum += row["helped"]
    tally.answers += row["urge_id"] is not None


def _add_urge(counts: dict[Key, Counts], row: dict, zone) -> None:
    day, band = _place(row["occurred_at"], zone)
    hidden = row["private"] and row["skill_id"] is None
    tally = counts.setdefault((day, band, row["skill_id"] or 0, hidden), Counts())
    tally.urges += 1
    tally.strength_sum += row["intensity"]
    after = row["intensity_after"]
    tally.passed += row["passed"] is True
    tally.eased += row["passed"] is True or (after is not None and after < row["intensity"])
    if after is not None:
        tally.drop_n += 1
        tally.drop_sum += row["intensity"] - after


def count(owner, days: Iterable[date] | None = None) -> dict[Key, Counts]:
    """Count the person's entries on these days (every day when None), straight from the rows."""
    zone = owner.zone()
    urges, usages = UrgeLog.objects.filter(owner=owner), UsageLog.objects.filter(owner=owner)
    wanted = None
    if days is not None:
        wanted = set(days)
        if not wanted:
            return {}
        spans = [
            Q(occurred_at__gte=_start(day, zone), occurred_at__lt=_start(day + timedelta(1), zone))
            for day in wanted
        ]
        within = reduce(or_, spans)
        urges, usages = urges.filter(within), usages.filter(within)
    counts: dict[Key, Counts] = {}
    for row in usages.values(*_USAGE).iterator(chunk_size=2000):
        _add_usage(counts, row, zone)
    for row in urges.values(*_URGE).iterator(chunk_size=2000):
        _add_urge(counts, row, zone)
    if wanted is not None:
        counts = {key: value for key, value in counts.items() if key[0] in wanted}
    return counts


def _start(day: date, zone) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def _lock(owner) -> None:
    """One recount per person at a time (PostgreSQL); SQLite's writers queue anyway."""
    list(get_user_model().objects.select_for_update().filter(pk=owner.pk).values_list("pk"))


def _store(owner, counts: dict[Key, Counts]) -> None:
    Tally.objects.bulk_create(
        Tally(
            owner=owner,
            day=day,
            band=band,
            skill_key=skill_key,
            hidden=hidden,
            **{name: getattr(tally, name) for name in COUNTED},
        )
        for (day, band, skill_key, hidden), tally in counts.items()
    )


@transaction.atomic
def recount(owner, days: Iterable[date]) -> None:
    """Count these days of the person's journal again (call inside the write's transaction)."""
    days = set(days)
    if not days:
        return
    _lock(owner)
    Tally.objects.filter(owner=owner, day__in=days).delete()
    _store(owner, count(owner, days))


@transaction.atomic
def recount_all(owner) -> None:
    """Count the person's whole journal again: after a change of time zone or an import."""
    _lock(owner)
    Tally.objects.filter(owner=owner).delete()
    _store(owner, count(owner))


def tallied(owner) -> dict[Key, Counts]:
    """The tallies as stored, in the same shape as `count`, to compare the two."""
    return {
        (t.day, t.band, t.skill_key, t.hidden): Counts(**{n: getattr(t, n) for n in COUNTED})
        for t in Tally.objects.filter(owner=owner)
    }
