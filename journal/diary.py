"""A weekly diary card in the DBT style: days as columns, urges and skills as rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from journal.models import UsageLog
from journal.timeline import urges_for
from skills.models import CopingSkill, Kind


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


@dataclass
class DiaryCard:
    week_start: date
    days: list[date]
    targets: list[TargetRow] = field(default_factory=list)
    skills: list[SkillRow] = field(default_factory=list)
    notes: list[tuple[date, list[str]]] = field(default_factory=list)

    @property
    def previous_week(self) -> date:
        return self.week_start - timedelta(days=7)

    @property
    def next_week(self) -> date:
        return self.week_start + timedelta(days=7)


def week_start_for(day: date) -> date:
    """The Monday of the week a day falls in."""
    return day - timedelta(days=day.weekday())


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def diary_card(
    user, *, week_start: date, shareable_only: bool = True, with_notes: bool = False
) -> DiaryCard:
    """Build the card for one week, in the current time zone, from three queries."""
    days = [week_start + timedelta(days=n) for n in range(7)]
    start, end = _start(days[0]), _start(days[-1] + timedelta(days=1))
    skills = CopingSkill.objects.for_user(user).order_by("created_at", "id")
    usages = UsageLog.objects.for_user(user).filter(occurred_at__gte=start, occurred_at__lt=end)
    if shareable_only:
        skills = skills.shareable()
        usages = usages.filter(skill__private=False)
    skills = list(skills)
    usages = list(usages.select_related("skill"))
    urges = list(
        urges_for(user, shareable_only=shareable_only)
        .filter(occurred_at__gte=start, occurred_at__lt=end)
        .select_related("skill")
    )
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
    if with_notes:
        by_day: dict[date, list[str]] = {}
        for entry in sorted([*urges, *usages], key=lambda e: e.occurred_at):
            if entry.note:
                by_day.setdefault(timezone.localtime(entry.occurred_at).date(), []).append(
                    entry.note
                )
        card.notes = sorted(by_day.items())
    return card
