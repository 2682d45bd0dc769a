"""The person using the app: a username and password are enough."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    # Set only by `manage.py seed_demo`, which never touches an account without it.
    is_demo = models.BooleanField(default=False, editable=False)

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
