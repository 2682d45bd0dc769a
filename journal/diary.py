"""A weekly diary card in the DBT style: days as columns, urges and skills as rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from journal.timeline import start_of
from journal.window import Window
from skills.models import Kind


@dataclass
class TargetRow:
    """One urge target: the day's highest urge toward it, and whether it was used."""

    name: str
    highest: list[int | None]
    used: list[bool]

    @property
    def cells(self) -> list[tuple[int | None, bool]]:
        return list(zip(self.highest, self.used, strict=True))


@dataclass
class SkillRow:
    """One skill from the Jar O' Copes and the days it was used."""

    name: str
    used: list[bool]


@dataclass(frozen=True)
class DayOfCard:
    """One day of the card, for a narrow screen: the urges noted and the skills used."""

    day: date
    urges: list[tuple[str, int | None, bool]]  # target, the day's highest urge, used that day
    skills: list[str]  # Jar O' Copes skills used that day


@dataclass
class DiaryCard:
    week_start: date
    days: list[date]
    targets: list[TargetRow] = field(default_factory=list)
    skills: list[SkillRow] = field(default_factory=list)
    notes: list[tuple[date, list[str]]] = field(default_factory=list)

    @property
    def by_day(self) -> list[DayOfCard]:
        """The same card turned, a day at a time: only what happened on each day."""
        return [
            DayOfCard(
                day=day,
                urges=[
                    (row.name, row.highest[n], row.used[n])
                    for row in self.targets
                    if row.highest[n] is not None or row.used[n]
                ],
                skills=[row.name for row in self.skills if row.used[n]],
            )
            for n, day in enumerate(self.days)
        ]

    @property
    def previous_week(self) -> date:
        return self.week_start - timedelta(days=7)

    @property
    def next_week(self) -> date:
        return self.week_start + timedelta(days=7)


def week_start_for(day: date) -> date:
    """The Monday of the week a day falls in."""
    return day - timedelta(days=day.weekday())


def diary_card(window: Window, *, week_start: date) -> DiaryCard:
    """Build the card for one week, in the current time zone, from three queries.

    Notes come along only when the window shows the person's words.
    """
    days = [week_start + timedelta(days=n) for n in range(7)]
    start, end = start_of(days[0]), start_of(days[-1] + timedelta(days=1))
    week = {"occurred_at__gte": start, "occurred_at__lt": end}
    skills = list(window.skills().order_by("created_at", "id"))
    usages = list(window.usages().filter(**week))
    urges = list(window.urges().filter(**week))
    index = {day: n for n, day in enumerate(days)}

    def column(moment: datetime) -> int:
        return index[timezone.localtime(moment).date()]

    shown = {skill.pk for skill in skills}
    rows: dict[int | None, TargetRow] = {}
    for skill in skills:
        if skill.kind == Kind.NEGATIVE and skill.archived_at is None:
            rows[skill.pk] = TargetRow(skill.name, [None] * 7, [False] * 7)
    for urge in urges:
        key = urge.skill_id if urge.skill_id in shown else None
        row = rows.get(key)
        if row is None:
            row = rows[key] = TargetRow(
                urge.skill.name if key else str(_("Other urges")), [None] * 7, [False] * 7
            )
        n = column(urge.occurred_at)
        row.highest[n] = max(row.highest[n] or 0, urge.intensity)
    added: dict[int, SkillRow] = {
        skill.pk: SkillRow(skill.name, [False] * 7)
        for skill in skills
        if skill.kind == Kind.COPES and skill.archived_at is None
    }
    for usage in usages:
        n = column(usage.occurred_at)
        if usage.skill.kind == Kind.NEGATIVE:
            row = rows.setdefault(
                usage.skill_id, TargetRow(usage.skill.name, [None] * 7, [False] * 7)
            )
            row.used[n] = True
        else:
            added.setdefault(usage.skill_id, SkillRow(usage.skill.name, [False] * 7)).used[n] = True
    card = DiaryCard(week_start=week_start, days=days)
    card.targets = sorted(rows.values(), key=lambda row: row.name == str(_("Other urges")))
    card.skills = list(added.values())
    by_day: dict[date, list[str]] = {}
    for entry in sorted([*urges, *usages], key=lambda e: e.occurred_at):
        if note := window.words_of(entry):
            by_day.setdefault(timezone.localtime(entry.occurred_at).date(), []).append(note)
    card.notes = sorted(by_day.items())
    return card
