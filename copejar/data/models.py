"""A file waiting to be imported: checked on upload, shown as a preview, applied on confirm."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copejar.accounts.owned import OwnedQuerySet


class Source(models.TextChoices):
    JAR = "jar", _("A Jar O' Copes export (.json)")
    DAYLIO = "daylio", _("Daylio's CSV export (.csv)")
    LOOP = "loop", _("Loop Habit Tracker's CSV export (.zip)")


class PendingImport(models.Model):
    """An uploaded file that passed every check, kept until the person confirms or cancels.

    The file stays in storage (never at a public address) and is read again on confirm; the
    summary holds what the preview shows, so showing it costs no second read.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    source = models.CharField(max_length=16, choices=Source)
    file = models.FileField(max_length=200)
    file_name = models.CharField(max_length=200, blank=True)
    summary = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"import {self.source} for {self.owner_id}"
