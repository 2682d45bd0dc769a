"""The three jars as a viewer may see them, and the recent balance beside them.

Rocks are sized by their uses in the last RECENT_DAYS days (when the window shows logs), and
the balance counts the choices of the last BALANCE_DAYS days; both come from one sum over
the tallies of those days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, Sum

from journal.window import Window
from skills.jars import Jars, jars_of
from skills.models import CopingSkill, Kind

# A rock's size follows how often it was used in the last this-many days (today included).
RECENT_DAYS = 30
# The balance counts the choices of the last four weeks (today included).
BALANCE_DAYS = 28


@dataclass(frozen=True)
class Balance:
    """How the choices of the last four weeks split between the two jars."""

    from_copes: int
    from_negative: int
    weeks: int = BALANCE_DAYS // 7

    @property
    def total(self) -> int:
        return self.from_copes + self.from_negative


def recent_days(window: Window, *, now: datetime, days: int = RECENT_DAYS) -> date:
    """The first of the person's last `days` days, in their time zone, today included."""
    return window.local_date(now) - timedelta(days=days - 1)


def _recent(window: Window, *, now: datetime) -> dict[int, tuple[int, int]]:
    """Per skill: uses in the last RECENT_DAYS days, and in the last BALANCE_DAYS days."""
    balance_from = recent_days(window, now=now, days=BALANCE_DAYS)
    rows = (
        window.tallies()
        .filter(day__gte=recent_days(window, now=now), day__lte=window.local_date(now))
        .values("skill_key")
        .annotate(n=Sum("uses"), lately=Sum("uses", filter=Q(day__gte=balance_from)))
        .order_by()
    )
    return {row["skill_key"]: (row["n"], row["lately"] or 0) for row in rows}


def recent_uses(window: Window, *, now: datetime) -> dict[int, int]:
    """Each skill's uses in the last RECENT_DAYS days, by skill id, from one sum of tallies."""
    return {key: n for key, (n, _lately) in _recent(window, now=now).items() if n}


def most_used_first(skills: list[CopingSkill], uses: dict[int, int]) -> list[CopingSkill]:
    """The skills a person reached for most lately first; the rest by name."""
    return sorted(skills, key=lambda skill: (-uses.get(skill.pk, 0), skill.name.casefold()))


def _balance(skills: list[CopingSkill], recent: dict[int, tuple[int, int]]) -> Balance:
    jar = {skill.pk: skill.kind for skill in skills}
    by_jar = {Kind.COPES: 0, Kind.NEGATIVE: 0}
    for skill_key, (_uses, lately) in recent.items():
        if skill_key in jar:
            by_jar[jar[skill_key]] += lately
    return Balance(from_copes=by_jar[Kind.COPES], from_negative=by_jar[Kind.NEGATIVE])


def jars_and_balance(window: Window, *, now: datetime) -> tuple[Jars, Balance]:
    """The three jars and the recent balance, from two queries: skills, and recent tallies."""
    skills = list(window.skills().order_by("created_at", "id"))
    recent = _recent(window, now=now)
    uses = {skill_key: n for skill_key, (n, _lately) in recent.items() if n}
    active = [skill for skill in skills if not skill.is_archived]
    jars = jars_of(active, uses=uses, linked=window.own, own=window.own)
    return jars, _balance(skills, recent)


def jars_for(window: Window, *, now: datetime) -> Jars:
    """The person's three jars."""
    return jars_and_balance(window, now=now)[0]


def recent_balance(window: Window, *, now: datetime) -> Balance:
    """How the choices of the last four weeks split between the jars."""
    return jars_and_balance(window, now=now)[1]
