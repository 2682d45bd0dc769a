"""A coping skill: one rock in one of the jars."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copejar.accounts.owned import OwnedQuerySet
from skills import palette
from skills.pebbles import Icon, icon


class Kind(models.TextChoices):
    NEGATIVE = "negative", _("Negative Skillz")
    COPES = "copes", _("Jar O' Copes")


class Category(models.TextChoices):
    SELF_SOOTHE = "self_soothe", _("Self-soothe")
    DISTRACTION = "distraction", _("Distraction")
    CONNECTION = "connection", _("Connection")
    MOVEMENT = "movement", _("Movement")
    GROUNDING = "grounding", _("Grounding")
    CREATIVE = "creative", _("Creative")
    OPPOSITE_ACTION = "opposite_action", _("Opposite action")
    REST = "rest", _("Rest and body care")


COLOUR_CHOICES = [
    (_("Greys, for Negative Skillz"), [(k, label) for k, (label, _hex) in palette.GREYS.items()]),
    (_("Colours, for the Jar O' Copes"), [(k, lab) for k, (lab, _hex) in palette.COLOURS.items()]),
]


class CopingSkillQuerySet(OwnedQuerySet):
    def active(self) -> CopingSkillQuerySet:
        return self.filter(archived_at__isnull=True)

    def shareable(self) -> CopingSkillQuerySet:
        """Skills a therapist may see: everything the person has not marked private."""
        return self.filter(private=False)

    def negative(self) -> CopingSkillQuerySet:
        return self.filter(kind=Kind.NEGATIVE)

    def copes(self) -> CopingSkillQuerySet:
        return self.filter(kind=Kind.COPES)


class CopingSkill(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skills"
    )
    name = models.CharField(_("Name"), max_length=80)
    kind = models.CharField(_("Which jar"), max_length=16, choices=Kind, default=Kind.COPES)
    category = models.CharField(_("Category"), max_length=32, choices=Category, blank=True)
    description = models.TextField(_("Description"), blank=True, max_length=2000)
    rock_colour = models.CharField(_("Rock colour"), max_length=16)
    rock_shape = models.CharField(_("Rock shape"), max_length=16, choices=palette.SHAPES.items())
    what_it_does = models.TextField(_("What it does for me"), blank=True, max_length=2000)
    harm_reduction = models.TextField(_("Harm-reduction notes"), blank=True, max_length=2000)
    not_ready = models.BooleanField(_("Not ready to change this"), default=False)
    private = models.BooleanField(
        _("Keep private"),
        default=False,
        help_text=_("A private skill never appears in anything a therapist sees."),
    )
    alternatives = models.ManyToManyField(
        "self",
        verbose_name=_("Alternatives from my Jar O' Copes"),
        symmetrical=False,
        blank=True,
        related_name="alternative_for",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A photo that goes with the skill (a calm place, a pet, a person to call), re-encoded on
    # the way in (skills/photos.py) and served only through views that check who is asking.
    photo = models.FileField(max_length=200, blank=True, editable=False)
    photo_small = models.FileField(max_length=200, blank=True, editable=False)
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    # The new-skill form's one-time key: sent twice, it still makes one skill.
    once_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = CopingSkillQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["owner", "kind", "archived_at"])]
        constraints = [
            models.UniqueConstraint(fields=["owner", "once_key"], name="skill_once_per_key")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("skills:detail", kwargs={"code": self.code})

    @property
    def is_negative(self) -> bool:
        """Whether this rock sits in the Negative Skillz jar."""
        return self.kind == Kind.NEGATIVE

    @property
    def is_archived(self) -> bool:
        """Whether the person has put this skill aside (it is kept, just not in the jar)."""
        return self.archived_at is not None

    @property
    def has_photo(self) -> bool:
        """Whether a photo goes with this skill."""
        return bool(self.photo)

    def colour_hex(self) -> str:
        """The rock's fill colour."""
        return palette.hex_for(self.rock_colour)

    @property
    def icon(self) -> Icon:
        """This rock drawn small: the same outline and colours as in its jar."""
        return icon(str(self.code), self.rock_shape, self.colour_hex())

    def colour_name(self) -> str:
        """The rock's colour in words."""
        entry = palette.GREYS.get(self.rock_colour) or palette.COLOURS.get(self.rock_colour)
        return entry[0] if entry else ""
