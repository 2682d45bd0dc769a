"""Writes to the journal: urges and uses are created, changed and deleted only through here.

Each creating form carries a one-time key, so a double tap, a retry after a dropped
connection, or an offline queue sent twice still makes one entry.
"""

from __future__ import annotations

import uuid

from django.db import transaction

from copejar.accounts.once import once
from copejar.accounts.services import history_changed
from journal import tallies
from journal.models import Tally, UrgeLog, UsageLog
from skills.models import CopingSkill
from skills.services import forget_files, photo_files, skill_update

# Past this many days, recounting the whole journal is cheaper than recounting day by day.
MANY_DAYS = 60


@transaction.atomic
def entry_create(
    *, owner, entry: UrgeLog | UsageLog, once_key: uuid.UUID | None = None
) -> tuple[UrgeLog | UsageLog, bool]:
    """Log a new urge or use for its owner; returns it, and whether this call made it."""
    if getattr(entry, "skill_id", None) and entry.skill.owner_id != owner.pk:
        raise ValueError("An entry can only name one of its owner's skills.")
    entry.owner = owner
    entry, new = once(entry, once_key, type(entry).objects.filter(owner=owner))
    if new:
        tallies.add(owner, entry)
    return entry, new


@transaction.atomic
def entry_update(*, entry: UrgeLog | UsageLog) -> UrgeLog | UsageLog:
    """Save the changes a form made to an entry."""
    was = type(entry).objects.filter(pk=entry.pk).values_list("occurred_at", flat=True).get()
    entry.save()
    moments = [was, entry.occurred_at]
    if isinstance(entry, UrgeLog):
        # The uses that answered it count whether it eased, so their days change too.
        moments += entry.answers.values_list("occurred_at", flat=True)
    tallies.recount(entry.owner, tallies.local_days(entry.owner, *moments))
    return entry


@transaction.atomic
def entry_delete(*, entry: UrgeLog | UsageLog) -> None:
    """Delete one entry; a use that answered a deleted urge stays, unlinked."""
    moments = [entry.occurred_at]
    if isinstance(entry, UrgeLog):
        moments += entry.answers.values_list("occurred_at", flat=True)
    owner = entry.owner
    entry.delete()
    tallies.recount(owner, tallies.local_days(owner, *moments))


@transaction.atomic
def skill_save(*, skill: CopingSkill, **fields) -> CopingSkill:
    """Save the changes to a skill; when it becomes private or shared, what its urges were
    answered by moves in or out of what a therapist may count, so the journal is recounted."""
    was_private = CopingSkill.objects.filter(pk=skill.pk).values_list("private", flat=True).get()
    skill = skill_update(skill=skill, **fields)
    if skill.private != was_private:
        owner = skill.owner
        answers = UsageLog.objects.filter(owner=owner, urge__skill=skill)
        days = tallies.local_days(owner, *answers.values_list("occurred_at", flat=True))
        if len(days) > MANY_DAYS:
            tallies.recount_all(owner)
        else:
            tallies.recount(owner, days)
    return skill


@transaction.atomic
def skill_delete(*, skill: CopingSkill) -> None:
    """Delete a skill, its photo and the uses logged for it; the urges that pulled toward it
    stay, unlinked, and keep their privacy (see journal.models.unlink_keeping_privacy)."""
    owner = skill.owner
    history_changed(owner)
    days = set(Tally.objects.filter(owner=owner, skill_key=skill.pk).values_list("day", flat=True))
    forget_files(photo_files(skill))
    skill.delete()
    if len(days) > MANY_DAYS:
        tallies.recount_all(owner)
    else:
        tallies.recount(owner, days)


@transaction.atomic
def settings_save(*, form) -> None:
    """Save the person's settings; a new time zone puts entries on other days, so the
    journal's counts are made again in the same transaction (no page reads the old ones)."""
    owner = form.save()
    if "time_zone" in form.changed_data:
        tallies.recount_all(owner)
