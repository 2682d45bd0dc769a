"""Urges a person noticed and the coping choices they made."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copejar.accounts.owned import OwnedQuerySet


class Helped(models.IntegerChoices):
    NOT_AT_ALL = 0, _("Not at all")
    A_LITTLE = 1, _("A little")
    SOMEWHAT = 2, _("Somewhat")
    QUITE_A_BIT = 3, _("Quite a bit")
    A_LOT = 4, _("A lot")


# An urge this strong or stronger gently offers the safety plan and the help page.
HIGH_URGE = 8
# The lengths a person can pick for riding out an urge, in minutes.
SURF_LENGTHS = (5, 10, 15, 20)
# A surf stays open this long after its planned end; after that it counts as left mid-way.
SURF_GRACE = timedelta(minutes=60)


class SurfOutcome(models.TextChoices):
    PASSED = "passed", _("It passed")
    SMALLER = "smaller", _("It got smaller")
    CHOSE = "chose", _("Chose a skill from the Jar O' Copes")
    REACHED = "reached", _("Reached for a rock from Negative Skillz")
    STILL_STRONG = "strong", _("Still strong; stopped there for now")


# The endings that come with a skill the person picked, logged as a use answering the urge.
SURF_WITH_SKILL = {SurfOutcome.CHOSE: "copes", SurfOutcome.REACHED: "negative"}


def unlink_keeping_privacy(collector, field, sub_objs, using) -> None:
    """When a skill is deleted, its urges stay in the journal, unlinked; those that pulled
    toward a private skill are marked private, so deleting never hands them to a therapist.

    Django runs this as the skill link's on_delete rule, inside the same delete.
    """
    collector.add_field_update(
        UrgeLog._meta.get_field("private"), True, sub_objs.filter(skill__private=True)
    )
    collector.add_field_update(field, None, sub_objs)


unlink_keeping_privacy.lazy_sub_objs = True


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
        on_delete=unlink_keeping_privacy,
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
    # Riding the urge out with the wave: set when the urge started as a surf.
    surf_minutes = models.PositiveSmallIntegerField(
        _("Minutes planned for riding it out"), null=True, blank=True
    )
    surf_ended_at = models.DateTimeField(_("When the surf ended"), null=True, blank=True)
    surf_outcome = models.CharField(
        _("How the surf ended"), max_length=16, choices=SurfOutcome, blank=True
    )
    # Set when the private skill this urge pulled toward is deleted, so it stays private
    # (see unlink_keeping_privacy); while the skill exists, its own flag decides.
    private = models.BooleanField(default=False, editable=False)
    # The one-time key of the form that made it: the same form sent twice makes one entry.
    once_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-occurred_at"]),
            # The list of past waves reads only the urges that were ridden out with the wave.
            models.Index(
                fields=["owner", "-occurred_at"],
                condition=models.Q(surf_minutes__isnull=False),
                name="urge_surfs",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["owner", "once_key"], name="urge_once_per_key")
        ]

    def __str__(self) -> str:
        return f"urge {self.intensity}/10"

    @property
    def is_high(self) -> bool:
        """Whether the urge was strong enough to offer the safety plan."""
        return self.intensity >= HIGH_URGE

    @property
    def is_surf(self) -> bool:
        """Whether this urge was ridden out with the wave."""
        return self.surf_minutes is not None

    @property
    def surf_planned_end(self) -> datetime | None:
        """When the length the person picked runs out."""
        if not self.is_surf:
            return None
        return self.occurred_at + timedelta(minutes=self.surf_minutes)

    def surf_closes_at(self) -> datetime | None:
        """When a surf that was never ended stops taking check-ins (None: not such a surf)."""
        if not self.is_surf or self.surf_ended_at is not None:
            return None
        return self.occurred_at + timedelta(minutes=self.surf_minutes) + SURF_GRACE

    def surf_is_open(self, now: datetime) -> bool:
        """Whether the surf can still take check-ins and an ending."""
        closes = self.surf_closes_at()
        return closes is not None and now < closes

    def surf_was_left(self, now: datetime) -> bool:
        """Whether the person stepped away from the surf before ending it."""
        return self.is_surf and self.surf_ended_at is None and not self.surf_is_open(now)

    def surf_points(self) -> list[tuple[float, int]]:
        """The intensity curve as (seconds since the start, intensity), start to end.

        Reads check_ins through the prefetch cache when there is one.
        """
        points = [(0.0, self.intensity)]
        for check_in in self.check_ins.all():
            seconds = max(0.0, (check_in.at - self.occurred_at).total_seconds())
            points.append((seconds, check_in.intensity))
        if self.surf_ended_at is not None and self.intensity_after is not None:
            seconds = max(0.0, (self.surf_ended_at - self.occurred_at).total_seconds())
            points.append((max(seconds, points[-1][0]), self.intensity_after))
        return points

    def surf_choice(self) -> UsageLog | None:
        """The use that ended the surf (a skill chosen, or a grey rock reached for), if any.

        Reads answers through the prefetch cache when there is one.
        """
        if self.surf_outcome not in SURF_WITH_SKILL:
            return None
        answers = sorted(self.answers.all(), key=lambda usage: (usage.occurred_at, usage.pk))
        return answers[0] if answers else None


class UrgeCheckIn(models.Model):
    """How strong the urge was at one moment while riding it out."""

    urge = models.ForeignKey(UrgeLog, on_delete=models.CASCADE, related_name="check_ins")
    at = models.DateTimeField(_("When"), default=timezone.now)
    intensity = models.PositiveSmallIntegerField(
        _("How strong (0 to 10)"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    once_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["urge", "once_key"], name="check_in_once_per_key")
        ]

    def __str__(self) -> str:
        return f"check-in {self.intensity}/10"


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
    once_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["owner", "-occurred_at"])]
        constraints = [
            models.UniqueConstraint(fields=["owner", "once_key"], name="usage_once_per_key")
        ]

    def __str__(self) -> str:
        return f"used {self.skill_id}"


class Band(models.IntegerChoices):
    """Parts of the day, in the person's own time zone."""

    NIGHT = 0, _("Night")  # 00:00 to 05:59
    MORNING = 1, _("Morning")  # 06:00 to 11:59
    AFTERNOON = 2, _("Afternoon")  # 12:00 to 17:59
    EVENING = 3, _("Evening")  # 18:00 to 23:59

    @classmethod
    def of_hour(cls, hour: int) -> Band:
        return cls(hour // 6)


class Tally(models.Model):
    """What one part of one day held, per skill: kept in step with every write to the journal.

    Readers that count over weeks, months or all time (the jars, the balance, insights) sum
    these few rows instead of every entry. journal/tallies.py is the only writer, and it
    recounts whole days from the entries themselves, so a tally always equals a recount.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tallies"
    )
    day = models.DateField()  # in the person's time zone
    band = models.PositiveSmallIntegerField(choices=Band)
    # The skill the entries name (0: none). Not a foreign key: a deleted skill's urges stay,
    # and the window joins privacy from the skill as it is now.
    skill_key = models.BigIntegerField(default=0)
    # Urges whose private skill was deleted: they stay out of every shared window.
    hidden = models.BooleanField(default=False)
    uses = models.PositiveIntegerField(default=0)
    helped_n = models.PositiveIntegerField(default=0)
    helped_sum = models.PositiveIntegerField(default=0)
    answers = models.PositiveIntegerField(default=0)  # uses that answered an urge
    answers_eased = models.PositiveIntegerField(default=0)  # ...an urge that then passed or eased
    urges = models.PositiveIntegerField(default=0)
    strength_sum = models.PositiveIntegerField(default=0)
    passed = models.PositiveIntegerField(default=0)
    eased = models.PositiveIntegerField(default=0)  # passed, or noted as smaller afterwards
    drop_n = models.PositiveIntegerField(default=0)  # urges with a strength afterwards
    drop_sum = models.IntegerField(default=0)  # how much those came down, together

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "day", "band", "skill_key", "hidden"], name="one_tally_per_key"
            )
        ]
        indexes = [models.Index(fields=["owner", "skill_key", "day"])]

    def __str__(self) -> str:
        return f"tally {self.owner_id} {self.day} {self.band}"


class Total(models.Model):
    """All-time sums of the tallies, per skill, weekday and part of the day.

    A person's whole history in a few hundred rows at most, so figures over all time (urges
    ridden out, what helps, when urges come) cost the same at any size. journal/tallies.py
    moves these by exactly what each recount changed.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totals"
    )
    skill_key = models.BigIntegerField(default=0)
    hidden = models.BooleanField(default=False)
    weekday = models.PositiveSmallIntegerField()  # 1 (Monday) to 7, in the person's time zone
    band = models.PositiveSmallIntegerField(choices=Band)
    uses = models.IntegerField(default=0)
    helped_n = models.IntegerField(default=0)
    helped_sum = models.IntegerField(default=0)
    answers = models.IntegerField(default=0)
    answers_eased = models.IntegerField(default=0)
    urges = models.IntegerField(default=0)
    strength_sum = models.IntegerField(default=0)
    passed = models.IntegerField(default=0)
    eased = models.IntegerField(default=0)
    drop_n = models.IntegerField(default=0)
    drop_sum = models.IntegerField(default=0)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "skill_key", "hidden", "weekday", "band"],
                name="one_total_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"total {self.owner_id} {self.skill_key} {self.weekday} {self.band}"
