"""Writes about sharing: inviting, redeeming, changing, stopping, logging views, suggestions."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from copejar.accounts.once import already, once
from copejar.sharing.models import (
    INVITATION_DAYS,
    SUGGESTIONS_WAITING_PER_SHARE,
    AccessLogEntry,
    RedeemAttempt,
    ShareGrant,
    SkillSuggestion,
    Status,
    hash_invite_code,
    new_invite_code,
)
from skills.models import CopingSkill, Kind
from skills.services import skill_create


@transaction.atomic
def grant_invite(
    *, owner, shown_name: str, scope: str, length: str, once_key: uuid.UUID | None = None
) -> tuple[ShareGrant, str]:
    """Create an invitation; the plain code is returned once and only its hash is kept.

    Under a one-time key already used, the invitation that key made is returned with no
    code (the code was given once, to the first request)."""
    now = timezone.now()
    while True:
        invite_code = new_invite_code()
        if not ShareGrant.objects.filter(invite_hash=hash_invite_code(invite_code)).exists():
            break
    grant = ShareGrant(
        owner=owner,
        shown_name=shown_name,
        scope=scope,
        length=length,
        invite_hash=hash_invite_code(invite_code),
        invite_expires_at=now + timedelta(days=INVITATION_DAYS),
        created_at=now,
    )
    grant, new = once(grant, once_key, ShareGrant.objects.filter(owner=owner))
    return grant, invite_code if new else ""


@transaction.atomic
def grant_redeem(*, therapist, invite_code: str, now: datetime | None = None) -> ShareGrant | None:
    """Accept an invitation once; a wrong, used, outdated or cancelled code gives None."""
    now = now or timezone.now()
    grant = (
        ShareGrant.objects.select_for_update()
        .filter(
            invite_hash=hash_invite_code(invite_code),
            redeemed_at__isnull=True,
            revoked_at__isnull=True,
        )
        .exclude(owner=therapist)
        .first()
    )
    if grant is None or grant.status(now) != Status.PENDING:
        return None
    grant.therapist = therapist
    grant.redeemed_at = now
    grant.expires_at = grant.end_for(now)
    grant.save(update_fields=["therapist", "redeemed_at", "expires_at"])
    return grant


def grant_change_scope(*, grant: ShareGrant, scope: str) -> ShareGrant:
    grant.scope = scope
    grant.save(update_fields=["scope"])
    return grant


def grant_stop(*, grant: ShareGrant, now: datetime | None = None) -> ShareGrant:
    """Revoke a grant (or cancel an invitation); it takes effect on the very next request."""
    if grant.revoked_at is None:
        grant.revoked_at = now or timezone.now()
        grant.save(update_fields=["revoked_at"])
    return grant


def access_log(*, grant: ShareGrant, page: str, detail: str = "") -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        grant=grant,
        owner_id=grant.owner_id,
        therapist=grant.therapist,
        therapist_name=grant.therapist.username,
        page=page,
        detail=detail,
    )


# Wrong invitation codes allowed per hour, per account and per address, before a pause.
REDEEM_TRIES_PER_ACCOUNT = 10
REDEEM_TRIES_PER_ADDRESS = 30
# An address past its limit may be a whole clinic behind one router: an account there with
# fewer wrong codes of its own than this still gets its try. Guessing stays slow, since
# each such account has only these few, and sign-ups per address are throttled too.
OWN_TRIES_AT_A_PAUSED_ADDRESS = 2


def redeem_paused(*, user, address: str | None, now: datetime | None = None) -> bool:
    """Whether this account may not try a code now: too many wrong ones of its own in the
    last hour, or its address has had too many and so has this account (a first try or two
    always gets through)."""
    since = (now or timezone.now()) - timedelta(hours=1)
    recent = RedeemAttempt.objects.filter(at__gte=since)
    own = recent.filter(user=user).count()
    if own >= REDEEM_TRIES_PER_ACCOUNT:
        return True
    if not address or own < OWN_TRIES_AT_A_PAUSED_ADDRESS:
        return False
    return recent.filter(address=address).count() >= REDEEM_TRIES_PER_ADDRESS


def redeem_attempt_failed(*, user, address: str | None) -> None:
    RedeemAttempt.objects.create(user=user, address=address or None)


class SuggestionsFull(Exception):
    """The share already has as many suggestions waiting as it may."""


@transaction.atomic
def suggestion_make(*, grant: ShareGrant, name: str, category: str, why: str) -> SkillSuggestion:
    """Send a suggestion through a share; SuggestionsFull when enough are already waiting."""
    return suggestion_send(grant=grant, name=name, category=category, why=why)[0]


@transaction.atomic
def suggestion_send(
    *, grant: ShareGrant, name: str, category: str, why: str, once_key: uuid.UUID | None = None
) -> tuple[SkillSuggestion, bool]:
    """Send a suggestion through a share, and say whether this call made it: under a one-time
    key already used, the suggestion that key made is returned. SuggestionsFull when enough
    are already waiting."""
    # The grant's row lock makes two suggestions sent at once count one after the other.
    ShareGrant.objects.select_for_update().values_list("pk", flat=True).get(pk=grant.pk)
    earlier = already(once_key, grant.suggestions)
    if earlier is not None:
        return earlier, False
    if grant.suggestions.open().count() >= SUGGESTIONS_WAITING_PER_SHARE:
        raise SuggestionsFull
    suggestion = SkillSuggestion(
        owner_id=grant.owner_id,
        therapist_id=grant.therapist_id,
        grant=grant,
        name=name,
        category=category,
        why=why,
    )
    return once(suggestion, once_key, grant.suggestions)


@transaction.atomic
def suggestion_accept(*, suggestion: SkillSuggestion) -> CopingSkill:
    """Add the suggested skill to the person's Jar O' Copes."""
    skill = skill_create(
        owner=suggestion.owner,
        name=suggestion.name,
        kind=Kind.COPES,
        category=suggestion.category,
        description=suggestion.why,
    )
    suggestion.decided_at = timezone.now()
    suggestion.added = True
    suggestion.save(update_fields=["decided_at", "added"])
    return skill


def suggestion_dismiss(*, suggestion: SkillSuggestion) -> None:
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["decided_at"])


def suggestion_dismiss_all(*, owner, now: datetime | None = None) -> int:
    """Set aside every suggestion waiting for this person; returns how many there were."""
    now = now or timezone.now()
    return SkillSuggestion.objects.for_user(owner).waiting(now=now).update(decided_at=now)
