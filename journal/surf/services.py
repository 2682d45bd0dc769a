"""Riding out an urge: the urge is one entry, and everything after is added to it."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from copejar.accounts.once import once
from copejar.accounts.services import history_changed
from journal import tallies
from journal.models import (
    SURF_LENGTHS,
    SURF_WITH_SKILL,
    SurfOutcome,
    UrgeCheckIn,
    UrgeLog,
    UsageLog,
)
from skills.models import CopingSkill


@transaction.atomic
def surf_start(
    *,
    owner,
    intensity: int,
    minutes: int,
    skill: CopingSkill | None = None,
    note: str = "",
    started_at: datetime | None = None,
    once_key: uuid.UUID | None = None,
) -> UrgeLog:
    """Note the urge as it starts; everything after is added to this one entry.

    Started twice with the same key (a double tap), it is still one surf.
    """
    if minutes not in SURF_LENGTHS:
        raise ValueError(f"A surf lasts one of {SURF_LENGTHS} minutes, not {minutes}.")
    if skill is not None and skill.owner_id != owner.pk:
        raise ValueError("An urge can only pull toward one of its owner's skills.")
    urge = UrgeLog(
        owner=owner,
        occurred_at=started_at or timezone.now(),
        intensity=intensity,
        skill=skill,
        note=note,
        surf_minutes=minutes,
    )
    urge, new = once(urge, once_key, UrgeLog.objects.filter(owner=owner))
    if new:
        tallies.add(owner, urge)
    return urge


@transaction.atomic
def surf_check_in(
    *,
    urge: UrgeLog,
    intensity: int,
    at: datetime | None = None,
    once_key: uuid.UUID | None = None,
) -> UrgeCheckIn:
    """Record how strong the urge is right now; saved at once, so leaving keeps it."""
    check_in = UrgeCheckIn(urge=urge, intensity=intensity, at=at or timezone.now())
    check_in, new = once(check_in, once_key, UrgeCheckIn.objects.filter(urge=urge))
    if new:
        history_changed(urge.owner)
    return check_in


@transaction.atomic
def surf_end(
    *,
    urge: UrgeLog,
    outcome: str,
    skill: CopingSkill | None = None,
    ended_at: datetime | None = None,
) -> UrgeLog:
    """Close the surf with how it went, in the words the person picked.

    A skill chosen from the Jar O' Copes, or a grey rock reached for, is logged as a use
    answering the urge.
    """
    if outcome not in SurfOutcome.values:
        raise ValueError(f"Unknown outcome {outcome!r}.")
    if (outcome in SURF_WITH_SKILL) != (skill is not None):
        raise ValueError("A skill goes with the 'chose' and 'reached' outcomes, and only them.")
    if skill is not None and skill.owner_id != urge.owner_id:
        raise ValueError("Only one of the urge owner's own skills can be chosen.")
    if skill is not None and skill.kind != SURF_WITH_SKILL[outcome]:
        raise ValueError(f"The {outcome!r} outcome goes with a {SURF_WITH_SKILL[outcome]} skill.")
    ended_at = ended_at or timezone.now()
    latest = urge.check_ins.order_by("-at", "-id").first()
    if outcome == SurfOutcome.PASSED:
        urge.intensity_after = 0
    else:
        urge.intensity_after = latest.intensity if latest is not None else None
    not_yet = (SurfOutcome.SMALLER, SurfOutcome.STILL_STRONG)
    urge.passed = True if outcome == SurfOutcome.PASSED else (False if outcome in not_yet else None)
    urge.minutes_ridden_out = round(max(0.0, (ended_at - urge.occurred_at).total_seconds()) / 60)
    urge.surf_ended_at = ended_at
    urge.surf_outcome = outcome
    urge.save(
        update_fields=[
            "intensity_after",
            "passed",
            "minutes_ridden_out",
            "surf_ended_at",
            "surf_outcome",
        ]
    )
    if skill is not None:
        UsageLog.objects.create(owner=urge.owner, skill=skill, occurred_at=ended_at, urge=urge)
    answered = urge.answers.values_list("occurred_at", flat=True)
    tallies.recount(
        urge.owner, tallies.local_days(urge.owner, urge.occurred_at, ended_at, *answered)
    )
    return urge
