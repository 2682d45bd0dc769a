"""Urges a person noticed and the coping choices they made."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Helped(models.IntegerChoices):
    NOT_AT_ALL = 0, _("Not at all")
    A_LITTLE = 1, _("A little")
    SOMEWHAT = 2, _("Somewhat")
    QUITE_A_BIT = 3, _("Quite a bit")
    A_LOT = 4, _("A lot")


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user) -> OwnedQuerySet:
        """Only this person's entries: the one door every view goes through."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class UrgeLog(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="urges"
    )
    occurred_at = models.DateTimeField(_("When"), default=timezone.now)
    intensity = models.PositiveSmallIntegerField(
        _("How strong (0 to 10)"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    skill = models.ForeignKey(
        "skills.CopingSkill",
        verbose_name=_("Pulling toward"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="urges",
    )
    note = models.TextField(_("What was going on"), blank=True, max_length=4000)
    intensity_after = models.PositiveSmallIntegerField(
        _("How strong afterwards (0 to 10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    passed = models.BooleanField(_("Did it pass?"), null=True, blank=True)
    minutes_ridden_out = models.PositiveIntegerField(
        _("Minutes ridden out"), null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["owner", "-occurred_at"])]

    def __str__(self) -> str:
        return f"urge {self.intensity}/10"


class UsageLog(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="usages"
    )
    skill = models.ForeignKey(
        "skills.CopingSkill",
        verbose_name=_("Skill"),
        on_delete=models.CASCADE,
        related_name="usages",
    )
    occurred_at = models.DateTimeField(_("When"), default=timezone.now)
    helped = models.PositiveSmallIntegerField(
        _("How much it helped"), choices=Helped, null=True, blank=True
    )
    note = models.TextField(_("Note"), blank=True, max_length=4000)
    urge = models.ForeignKey(
        UrgeLog,
        verbose_name=_("The urge it answered"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["owner", "-occurred_at"])]

    def __str__(self) -> str:
        return f"used {self.skill_id}"
