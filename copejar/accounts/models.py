"""The person using the app (a username and password are enough), and where they are signed in."""

from __future__ import annotations

import uuid
import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from copejar.accounts.devices import describe
from copejar.accounts.owned import OwnedQuerySet


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA time zone this machine knows, sorted, without the legacy aliases."""
    names = {
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    }
    return ("UTC", *sorted(names))


class User(AbstractUser):
    class Role(models.TextChoices):
        PERSON = "person", _("For myself")
        THERAPIST = "therapist", _("As a therapist")

    role = models.CharField(_("I am here"), max_length=16, choices=Role, default=Role.PERSON)
    time_zone = models.CharField(
        _("Time zone"),
        max_length=64,
        default="UTC",
        help_text=_("Decides which day an entry belongs to."),
    )
    tab_title = models.CharField(
        _("Tab title (optional)"),
        max_length=40,
        blank=True,
        help_text=_(
            "On a shared screen, every page's tab shows only this word (say, Notes) instead of "
            "the app and page name. Leave it empty for the usual titles."
        ),
    )
    # One of settings.LANGUAGES, checked by the forms that set it (no choices here, so a new
    # language needs no migration). Every page the person sees is in it, on any device.
    language = models.CharField(_("Language"), max_length=16, default="en")
    # Set only by `manage.py seed_demo`, which never touches an account without it.
    is_demo = models.BooleanField(default=False, editable=False)
    # Moved on by "sign out everywhere else": every session signed in before it no longer
    # matches the account (see get_session_auth_hash), so it is signed out on its next page.
    sessions_epoch = models.PositiveIntegerField(default=0, editable=False)
    # Moved on by every write to the person's skills or journal (accounts.services
    # history_changed): drawn parts of pages are kept under it, so a write makes them stale.
    history_version = models.PositiveIntegerField(default=0, editable=False)

    def get_session_auth_hash(self) -> str:
        """What a session must match to stay signed in: the password, as Django has it, and
        the sessions epoch, so ending the other sessions costs no query on any page."""
        return salted_hmac(
            "copejar.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.sessions_epoch}",
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield salted_hmac(
                "copejar.accounts.User.get_session_auth_hash",
                f"{self.password}:{self.sessions_epoch}",
                secret=fallback_secret,
                algorithm="sha256",
            ).hexdigest()

    @property
    def is_therapist(self) -> bool:
        """Whether this account reviews other people's jars (with their consent)."""
        return self.role == self.Role.THERAPIST

    def zone(self) -> zoneinfo.ZoneInfo:
        """The person's time zone, falling back to UTC if the stored name is unknown."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


class SignInQuerySet(OwnedQuerySet):
    owner_path = "user"


class SignIn(models.Model):
    """One browser signed in to an account: what it is, in plain words, and when it was last
    seen. The session holds this row's code. Ending the other sign-ins also moves the
    account's sessions epoch, which signs those sessions out on their next request."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_ins")
    # Only which browser and system (keys from devices.py), never the full user agent.
    browser = models.CharField(max_length=16, blank=True)
    system = models.CharField(max_length=16, blank=True)
    shared_device = models.BooleanField(default=False)
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    objects = SignInQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen", "-id"]
        indexes = [models.Index(fields=["user", "-last_seen"])]

    def __str__(self) -> str:
        return f"sign-in of {self.user_id}"

    def device(self) -> str:
        """The browser and system, in words: 'Firefox on Android', say."""
        return describe(self.browser, self.system)
