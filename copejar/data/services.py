"""Writes that touch every app at once: an import checked, applied or set aside, and a whole
account deleted."""

from __future__ import annotations

import uuid
from dataclasses import asdict

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from copejar.accounts.uploads import MB
from copejar.data import other_apps, restore
from copejar.data.models import PendingImport, Source
from copejar.data.restore import FileProblem
from copejar.data.zips import ZipProblem, is_zip, read_members
from journal import tallies
from journal.models import UrgeCheckIn, UrgeLog, UsageLog
from skills.models import CopingSkill, Kind
from skills.services import forget_files, photo_files, skill_create

# The largest file an import takes, and the most a ZIP may unpack to: far more than the
# export of years of entries with photos, far less than a server would want to hold.
IMPORT_MAX_BYTES = 50 * MB
# A name space for the one-time keys of entries brought in from other apps, so bringing in
# the same file again finds the entries it made the first time.
OUTSIDE_KEYS = uuid.UUID("5b0c7d3e-2f6a-4c1b-9e8d-7a6f5e4d3c2b")
JAR_CHOICES = ("copes", "negative", "skip")


def _json_bytes(data: bytes) -> bytes:
    """The export itself, also when it comes zipped up."""
    if not is_zip(data):
        return data
    try:
        found = read_members(
            data, wanted=lambda name: name.lower().endswith(".json"), limit=IMPORT_MAX_BYTES
        )
    except ZipProblem as problem:
        raise FileProblem([str(problem)]) from None
    if len(found) != 1:
        raise FileProblem([_("This ZIP file holds no single .json export to bring in.")])
    return next(iter(found.values()))


def read(source: str, data: bytes):
    """The checked contents of an uploaded file, by the app it came from."""
    if source == Source.DAYLIO:
        return other_apps.read_daylio(data)
    if source == Source.LOOP:
        return other_apps.read_loop(data, limit=IMPORT_MAX_BYTES)
    return restore.read_export(_json_bytes(data))


def summarize(owner, source: str, contents) -> dict:
    if source == Source.JAR:
        return asdict(restore.preview(owner, contents))
    summary = contents.summary()
    known = {
        name.casefold(): kind
        for name, kind in CopingSkill.objects.filter(owner=owner).values_list("name", "kind")
    }
    for activity in summary["activities"]:
        activity["jar"] = known.get(activity["name"].casefold(), "")
    return summary


@transaction.atomic
def import_check(*, owner, source: str, data: bytes, file_name: str) -> PendingImport:
    """Check an uploaded file and keep it for the preview; FileProblem when it cannot be used."""
    summary = summarize(owner, source, read(source, data))
    for earlier in PendingImport.objects.for_user(owner):
        import_cancel(pending=earlier)
    name = default_storage.save(f"imports/{uuid.uuid4().hex}", ContentFile(data))
    try:
        return PendingImport.objects.create(
            owner=owner, source=source, file=name, file_name=file_name[:200], summary=summary
        )
    except BaseException:
        default_storage.delete(name)
        raise


def import_cancel(*, pending: PendingImport) -> None:
    forget_files([pending.file.name])
    pending.delete()


def _stored(pending: PendingImport) -> bytes:
    try:
        with default_storage.open(pending.file.name, "rb") as stored:
            return stored.read()
    except OSError:
        raise FileProblem([_("The uploaded file is no longer here; choose it again.")]) from None


@transaction.atomic
def import_apply(*, pending: PendingImport, jars: dict[int, str] | None = None) -> dict:
    """Bring the file in: all of it, or (with FileProblem) nothing."""
    owner = pending.owner
    contents = read(pending.source, _stored(pending))
    if pending.source == Source.JAR:
        added = asdict(restore.restore(owner, contents))
    else:
        added = _bring_in(owner, pending.source, contents, jars or {})
    import_cancel(pending=pending)
    return added


def _bring_in(owner, source: str, outside: other_apps.Outside, jars: dict[int, str]) -> dict:
    """Activities become skills in the jars the person chose, and each time one was done a use."""
    get_user_model().objects.select_for_update().filter(pk=owner.pk).exists()
    zone = owner.zone()
    known = {skill.name.casefold(): skill for skill in CopingSkill.objects.filter(owner=owner)}
    new_skills, uses = 0, []
    for index, activity in enumerate(outside.activities):
        skill = known.get(activity.name.casefold())
        jar = jars.get(index, "skip")
        if skill is None and jar == "skip":
            continue
        if skill is None:
            first = min((moment for moment, _note in activity.done), default=None)
            skill = skill_create(
                owner=owner,
                name=activity.name,
                kind=Kind.NEGATIVE if jar == "negative" else Kind.COPES,
                created_at=first.replace(tzinfo=zone) if first else None,
            )
            if activity.archived:
                skill.archived_at = timezone.now()
                skill.save(update_fields=["archived_at"])
            known[activity.name.casefold()] = skill
            new_skills += 1
        seen: dict[str, int] = {}
        for moment, note in activity.done:
            stamp = f"{source}:{activity.name.casefold()}:{moment.isoformat()}"
            seen[stamp] = seen.get(stamp, 0) + 1
            key = uuid.uuid5(OUTSIDE_KEYS, f"{stamp}:{seen[stamp]}")
            uses.append(
                UsageLog(
                    owner=owner,
                    skill=skill,
                    occurred_at=moment.replace(tzinfo=zone),
                    note=note,
                    once_key=key,
                )
            )
    have = set()
    keys = [use.once_key for use in uses]
    for start in range(0, len(keys), 1000):
        have |= set(
            UsageLog.objects.filter(
                owner=owner, once_key__in=keys[start : start + 1000]
            ).values_list("once_key", flat=True)
        )
    fresh = [use for use in uses if use.once_key not in have]
    UsageLog.objects.bulk_create(fresh, batch_size=1000)
    tallies.recount_all(owner)
    return {"skills": new_skills, "uses": len(fresh), "already": len(uses) - len(fresh)}


# --- deleting an account ---------------------------------------------------------------------


def _files_of(user) -> list[str]:
    names = []
    for skill in (
        CopingSkill.objects.filter(owner=user).exclude(photo="").only("photo", "photo_small")
    ):
        names += photo_files(skill)
    names += [p.file.name for p in PendingImport.objects.filter(owner=user)]
    return names


def _end_sessions(user) -> None:
    """Every session signed in to this account, ended (sessions live in the database)."""
    mine = str(user.pk)
    ended = []
    now = timezone.now()
    for session in Session.objects.filter(expire_date__gt=now).iterator(chunk_size=500):
        if session.get_decoded().get("_auth_user_id") == mine:
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()


@transaction.atomic
def account_delete(*, user, cache_keys: tuple[str, ...] = ()) -> None:
    """Delete the account and everything in it: every row and file of theirs, their sessions
    and every share they gave, which ends each therapist's access at once. Shares given to
    them (as a therapist) end too; the people who shared keep their record of every view."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
    files = _files_of(user)
    _end_sessions(user)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.username).delete()
    # The largest tables first, in one statement each, before the account's own row.
    UsageLog.objects.filter(owner=user).delete()
    UrgeCheckIn.objects.filter(urge__owner=user).delete()
    UrgeLog.objects.filter(owner=user).delete()
    user.delete()
    forget_files(files)
    if cache_keys:
        transaction.on_commit(lambda: cache.delete_many(list(cache_keys)))
