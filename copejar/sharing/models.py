"""Consent to share, what it covers, and every time it was used."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from copejar.accounts.owned import OwnedQuerySet

INVITATION_DAYS = 7
# Easy to read aloud or type on a phone: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class Scope(models.TextChoices):
    JARS = "jars", _("The jars only")
    LOGS = "logs", _("Jars and logs, without my notes")
    EVERYTHING = "everything", _("Everything, including my notes")


# The same choices, said to the therapist rather than by the person.
THERAPIST_SCOPE_WORDS = {
    Scope.JARS: _("the jars only"),
    Scope.LOGS: _("jars and logs, without notes"),
    Scope.EVERYTHING: _("everything, including notes"),
}


class Status(models.TextChoices):
    """Where a grant stands; the labels are how the person's pages name each state."""

    PENDING = "pending", _("waiting to be accepted")
    UNUSED = "unused", _("the code was never used")
    ACTIVE = "active", _("shared")
    EXPIRED = "expired", _("ended")
    STOPPED = "stopped", _("stopped")


class Length(models.TextChoices):
    WEEK = "week", _("1 week")
    MONTH = "month", _("1 month")
    QUARTER = "quarter", _("3 months")
    OPEN = "open", _("Until I stop it")


LENGTH_DAYS = {Length.WEEK: 7, Length.MONTH: 30, Length.QUARTER: 91, Length.OPEN: None}


def new_invite_code() -> str:
    """A one-time code like 'K7QM-3XPA': 40 bits, shown once, stored only as a hash."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def hash_invite_code(invite_code: str) -> str:
    """The stored form of an invitation code; spaces, dashes and case do not matter."""
    normal = "".join(ch for ch in invite_code.upper() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


class GrantQuerySet(OwnedQuerySet):
    def active_for_therapist(self, user, *, now: datetime) -> GrantQuerySet:
        """Grants this therapist may use right now, read fresh from the database every time."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            therapist=user,
            redeemed_at__isnull=False,
            revoked_at__isnull=True,
        ).filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), _("j M Y"))


class ShareGrant(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants_given"
    )
    # A deleted therapist account ends the grant (no one is left to see) but keeps its record.
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants_received",
    )
    shown_name = models.CharField(_("The name your therapist sees"), max_length=60)
    scope = models.CharField(_("What they can see"), max_length=16, choices=Scope)
    length = models.CharField(_("For how long"), max_length=16, choices=Length)
    invite_hash = models.CharField(max_length=64, unique=True, editable=False)
    invite_expires_at = models.DateTimeField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    redeemed_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The invite form's one-time key: sent twice, it still makes one invitation.
    once_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "once_key"], name="grant_once_per_key")
        ]

    def __str__(self) -> str:
        return f"share {self.owner_id} → {self.therapist_id or 'pending'}"

    def status(self, now: datetime) -> Status:
        """Where this grant stands at a moment: pending, unused, active, expired or stopped."""
        if self.revoked_at is not None or (self.redeemed_at and self.therapist_id is None):
            return Status.STOPPED
        if self.redeemed_at is None:
            return Status.PENDING if now < self.invite_expires_at else Status.UNUSED
        if self.expires_at is not None and now >= self.expires_at:
            return Status.EXPIRED
        return Status.ACTIVE

    def ended_words(self, now: datetime) -> str:
        """How an ended grant ended, in the person's words: 'stopped 3 Mar 2026', say."""
        status = self.status(now)
        if status == Status.STOPPED and self.revoked_at is not None:
            return _("stopped %(when)s") % {"when": _day(self.revoked_at)}
        if status == Status.STOPPED:
            return str(_("ended when their account was closed"))
        if status == Status.EXPIRED:
            return _("ended %(when)s") % {"when": _day(self.expires_at)}
        return str(status.label)

    def scope_for_therapist(self) -> str:
        """What this grant covers, in words addressed to the therapist."""
        return str(THERAPIST_SCOPE_WORDS[self.scope])

    def end_for(self, start: datetime) -> datetime | None:
        """When a grant of this length that starts now would end."""
        days = LENGTH_DAYS[self.length]
        return start + timedelta(days=days) if days else None


# The insights pages a view can name, as the access log says them.
INSIGHT_PAGES = {
    "insights": _("the overview"),
    "year": _("the year in rocks"),
    "growth": _("how the jar grew"),
}


class AccessLogEntry(models.Model):
    """One view by a therapist. Never holds the person's words, only what page and when."""

    class Page(models.TextChoices):
        DASHBOARD = "dashboard", _("your name and last entry date, on their list")
        JARS = "jars", _("your jars")
        JOURNAL = "journal", _("your journal")
        DIARY = "diary", _("your weekly diary card")
        INSIGHTS = "insights", _("your insights")
        SUGGESTION = "suggestion", _("a skill suggestion they sent")
        PHOTO = "photo", _("the photo of a skill")

    # The person's record outlives the grant and the therapist's account: who saw what stays.
    grant = models.ForeignKey(
        ShareGrant, on_delete=models.SET_NULL, null=True, blank=True, related_name="views"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="views_of_me"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="views_made",
    )
    therapist_name = models.CharField(max_length=150, default="")
    page = models.CharField(max_length=16, choices=Page)
    detail = models.CharField(max_length=40, blank=True)  # e.g. the diary week shown
    viewed_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-viewed_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-viewed_at"]),
            # A grant's last view, on the sharing page.
            models.Index(fields=["grant", "-viewed_at"], name="access_grant_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.therapist_id} saw {self.page}"

    def detail_words(self) -> str:
        """What the view reached, in words with human dates: 'the week of Monday 2 March'."""
        if self.page == self.Page.DIARY and self.detail:
            try:
                monday = date.fromisoformat(self.detail)
            except ValueError:
                return ""
            return _("the week of %(day)s") % {"day": date_format(monday, _("l j F Y"))}
        if self.page == self.Page.JOURNAL and self.detail:
            try:
                oldest = date.fromisoformat(self.detail)
            except ValueError:
                return ""
            return _("back to %(day)s") % {"day": date_format(oldest, _("l j F Y"))}
        if self.page == self.Page.INSIGHTS:
            return str(INSIGHT_PAGES.get(self.detail, ""))
        return ""


# Suggestions one share may have waiting for the person at once; more wait until they decide.
SUGGESTIONS_WAITING_PER_SHARE = 5


class SuggestionQuerySet(OwnedQuerySet):
    def open(self) -> SuggestionQuerySet:
        return self.filter(decided_at__isnull=True)

    def waiting(self, *, now: datetime) -> SuggestionQuerySet:
        """Undecided suggestions sent through a share that is still on: when sharing stops or
        ends, its suggestions leave the person's view (they are kept, not decided)."""
        return (
            self.open()
            .filter(
                grant__redeemed_at__isnull=False,
                grant__revoked_at__isnull=True,
                grant__therapist__isnull=False,
            )
            .filter(models.Q(grant__expires_at__isnull=True) | models.Q(grant__expires_at__gt=now))
        )


class SkillSuggestion(models.Model):
    """A coping skill a therapist suggests; it becomes a rock only if the person adds it."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggestions"
    )
    # A therapist who closes their account leaves the person's record as it was.
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions_made",
    )
    # The share it came through: the person sees it only while that share is on.
    grant = models.ForeignKey(
        ShareGrant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="suggestions",
    )
    name = models.CharField(_("Skill"), max_length=80)
    category = models.CharField(_("Category"), max_length=32, blank=True)
    why = models.TextField(_("Why it might help"), blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    added = models.BooleanField(default=False, editable=False)
    # The suggest form's one-time key: sent twice, it still makes one suggestion.
    once_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "once_key"], name="suggestion_once_per_key")
        ]

    def __str__(self) -> str:
        return self.name


class RedeemAttempt(models.Model):
    """A wrong invitation code, kept for an hour to slow down guessing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "at"]), models.Index(fields=["address", "at"])]

    def __str__(self) -> str:
        return f"wrong code by {self.user_id}"
