"""Keep the tallies in step with the journal: recount the days a write touched, from the
entries themselves, in the same transaction as the write.

Recounting whole days (rather than adding and subtracting) means a tally can never drift
from its entries: whatever a write did, the day is counted again. The services in
journal/services.py and journal/surf/services.py call `recount` for every write; a change
of time zone, an import or the demo data call `recount_all`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta
from functools import cache, reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from copejar.accounts.services import history_changed
from journal.models import Band, Tally, Total, UrgeLog, UsageLog

Key = tuple[date, int, int, bool]  # day, band, skill_key, hidden
TotalKey = tuple[int, bool, int, int]  # skill_key, hidden, weekday, band

_USAGE = (
    "occurred_at",
    "skill_id",
    "helped",
    "urge_id",
    "urge__intensity",
    "urge__intensity_after",
    "urge__passed",
    "urge__private",
    "urge__skill__private",
)
_URGE = ("occurred_at", "skill_id", "intensity", "intensity_after", "passed", "private")


@dataclass
class Counts:
    uses: int = 0
    helped_n: int = 0
    helped_sum: int = 0
    answers: int = 0
    answers_eased: int = 0
    urges: int = 0
    strength_sum: int = 0
    passed: int = 0
    eased: int = 0
    drop_n: int = 0
    drop_sum: int = 0


COUNTED = [field.name for field in fields(Counts)]


def _plus(into: Counts, more: Counts, sign: int = 1) -> None:
    for name in COUNTED:
        setattr(into, name, getattr(into, name) + sign * getattr(more, name))


def by_total(counts: dict[Key, Counts]) -> dict[TotalKey, Counts]:
    """Day tallies summed the way the all-time totals keep them."""
    totals: dict[TotalKey, Counts] = {}
    for (day, band, skill_key, hidden), tally in counts.items():
        _plus(totals.setdefault((skill_key, hidden, day.isoweekday(), band), Counts()), tally)
    return totals


def _place(moment: datetime, zone) -> tuple[date, int]:
    local = timezone.localtime(moment, zone)
    return local.date(), Band.of_hour(local.hour)


def local_days(owner, *moments: datetime | None) -> set[date]:
    """The person's days these moments fall on."""
    zone = owner.zone()
    return {timezone.localtime(m, zone).date() for m in moments if m is not None}


def _eased(intensity: int, after: int | None, passed: bool | None) -> bool:
    """An urge eased if it passed, or was noted as smaller afterwards."""
    return passed is True or (after is not None and after < intensity)


def _add_usage(counts: dict[Key, Counts], row: dict, zone) -> None:
    day, band = _place(row["occurred_at"], zone)
    tally = counts.setdefault((day, band, row["skill_id"], False), Counts())
    tally.uses += 1
    if row["helped"] is not None:
        tally.helped_n += 1
        tally.helped_sum += row["helped"]
    if row["urge_id"] is None:
        return
    # That a use answered an urge tells of the urge: when the urge is kept from shared windows
    # (its skill is private, or was and is deleted), so is the answer, in a hidden row.
    hidden = bool(row["urge__private"] or row["urge__skill__private"])
    answered = (
        tally if not hidden else counts.setdefault((day, band, row["skill_id"], True), Counts())
    )
    answered.answers += 1
    answered.answers_eased += _eased(
        row["urge__intensity"], row["urge__intensity_after"], row["urge__passed"]
    )


def _add_urge(counts: dict[Key, Counts], row: dict, zone) -> None:
    day, band = _place(row["occurred_at"], zone)
    hidden = row["private"] and row["skill_id"] is None
    tally = counts.setdefault((day, band, row["skill_id"] or 0, hidden), Counts())
    tally.urges += 1
    tally.strength_sum += row["intensity"]
    after = row["intensity_after"]
    tally.passed += row["passed"] is True
    tally.eased += _eased(row["intensity"], after, row["passed"])
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


def _move_totals(owner, before: dict[Key, Counts], after: dict[Key, Counts]) -> None:
    """Move the all-time totals by exactly what a recount changed."""
    change = by_total(after)
    for key, tally in by_total(before).items():
        _plus(change.setdefault(key, Counts()), tally, sign=-1)
    change = {key: delta for key, delta in change.items() if delta != Counts()}
    if not change:
        return
    rows = {
        (t.skill_key, t.hidden, t.weekday, t.band): t
        for t in Total.objects.filter(owner=owner, skill_key__in={k[0] for k in change})
    }
    fresh = []
    for key, delta in change.items():
        row = rows.get(key)
        if row is None:
            skill_key, hidden, weekday, band = key
            row = Total(owner=owner, skill_key=skill_key, hidden=hidden, weekday=weekday, band=band)
            fresh.append(row)
        for name in COUNTED:
            setattr(row, name, getattr(row, name) + getattr(delta, name))
    Total.objects.bulk_update([rows[key] for key in change if key in rows], COUNTED)
    Total.objects.bulk_create(fresh)


def _bump(model, owner, key: dict, counts: Counts) -> None:
    """Add counts to one row of tallies or totals, making the row if it is the first: one
    statement either way (INSERT … ON CONFLICT DO UPDATE, which SQLite and PostgreSQL both
    speak), so a tap costs the same whether or not its day had a row yet."""
    values = {"owner": owner.pk, **key, **asdict(counts)}
    moved = tuple(name for name in COUNTED if getattr(counts, name))
    sql, fields = _upsert(model, tuple(values), moved, connection.vendor)
    prepared = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(fields, values.values(), strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, prepared)


@cache
def _upsert(model, names: tuple[str, ...], moved: tuple[str, ...], vendor: str):
    """The upsert statement for these columns, and their fields: written once per shape, as
    every tap of a day sends the same few."""
    meta, quote = model._meta, connection.ops.quote_name
    fields = [meta.get_field(name) for name in names]
    table = quote(meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    key = names[: names.index(COUNTED[0])]
    conflict = ", ".join(quote(meta.get_field(name).column) for name in key)
    sums = ", ".join(
        f"{column} = {table}.{column} + excluded.{column}"
        for column in (quote(meta.get_field(name).column) for name in moved)
    )
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({conflict}) DO " + (f"UPDATE SET {sums}" if sums else "NOTHING")
    )
    return sql, fields


@transaction.atomic(savepoint=False)
def add(owner, entry: UrgeLog | UsageLog) -> None:
    """Count one new entry (the quick path for a new log; edits and deletes recount days)."""
    history_changed(owner)  # also one recount per person at a time on PostgreSQL
    counts: dict[Key, Counts] = {}
    if isinstance(entry, UsageLog):
        urge = entry.urge if entry.urge_id else None
        row = {
            "occurred_at": entry.occurred_at,
            "skill_id": entry.skill_id,
            "helped": entry.helped,
            "urge_id": entry.urge_id,
            "urge__intensity": urge.intensity if urge else None,
            "urge__intensity_after": urge.intensity_after if urge else None,
            "urge__passed": urge.passed if urge else None,
            "urge__private": urge.private if urge else None,
            "urge__skill__private": urge.skill.private if urge and urge.skill_id else None,
        }
        _add_usage(counts, row, owner.zone())
    else:
        _add_urge(counts, {name: getattr(entry, name) for name in _URGE}, owner.zone())
    # One row, or two for a use answering an urge kept from shared windows.
    for (day, band, skill_key, hidden), tally in counts.items():
        key = {"skill_key": skill_key, "hidden": hidden, "band": band}
        _bump(Tally, owner, {**key, "day": day}, tally)
        _bump(Total, owner, {**key, "weekday": day.isoweekday()}, tally)


@transaction.atomic(savepoint=False)
def recount(owner, days: Iterable[date]) -> None:
    """Count these days of the person's journal again (call inside the write's transaction)."""
    days = set(days)
    if not days:
        return
    history_changed(owner)  # also one recount per person at a time on PostgreSQL
    stale = Tally.objects.filter(owner=owner, day__in=days)
    before = {
        (t.day, t.band, t.skill_key, t.hidden): Counts(**{n: getattr(t, n) for n in COUNTED})
        for t in stale
    }
    stale.delete()
    after = count(owner, days)
    _store(owner, after)
    _move_totals(owner, before, after)


@transaction.atomic(savepoint=False)
def recount_all(owner) -> None:
    """Count the person's whole journal again: after a change of time zone or an import."""
    history_changed(owner)  # also one recount per person at a time on PostgreSQL
    Tally.objects.filter(owner=owner).delete()
    Total.objects.filter(owner=owner).delete()
    after = count(owner)
    _store(owner, after)
    _move_totals(owner, {}, after)


def tallied(owner) -> dict[Key, Counts]:
    """The tallies as stored, in the same shape as `count`, to compare the two."""
    return {
        (t.day, t.band, t.skill_key, t.hidden): Counts(**{n: getattr(t, n) for n in COUNTED})
        for t in Tally.objects.filter(owner=owner)
    }


def totalled(owner) -> dict[TotalKey, Counts]:
    """The all-time totals as stored (rows that came back to nothing left out)."""
    rows = {
        (t.skill_key, t.hidden, t.weekday, t.band): Counts(**{n: getattr(t, n) for n in COUNTED})
        for t in Total.objects.filter(owner=owner)
    }
    return {key: counts for key, counts in rows.items() if counts != Counts()}
