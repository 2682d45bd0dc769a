"""Forms for logging urges and choices. They clean and check; they never write.

The pieces the surf forms share (a strength scale, the "pulling toward" field, the moment of
an entry, a one-time key) are defined here once.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from copejar.accounts.once import OnceField
from journal.models import Helped, UrgeLog, UsageLog
from journal.timeline import EARLIEST
from skills.models import CopingSkill

# A phone's clock can run a little fast; anything later than this is a typo, not a memory.
FUTURE_SLACK = timedelta(minutes=5)
# A use can answer an urge from the last two weeks; the quick form offers the latest few.
RECENT_URGES = timedelta(days=14)
QUICK_URGES = 8


class WhenField(forms.DateTimeField):
    """A date and time in the person's own zone; empty means now.

    When the clocks go back, an hour happens twice: such a time is taken as the first of the
    two, and `repeated` says so. A time the clocks skip when they go forward is refused.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {
        "invalid": _("Enter a date and time, like 2026-03-14 18:30."),
        "skipped": _(
            "The clocks went forward then, so that time did not happen here; "
            "a time a little before or after will work."
        ),
        "future": _("Pick a time that has already happened."),
        "too_early": _("Pick a date from 1900 on."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("When"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Leave as it is for right now, or pick an earlier time."))
        super().__init__(**kwargs)
        self.repeated = False

    def to_python(self, value) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value if timezone.is_aware(value) else self._place(value)
        try:
            naive = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return naive if timezone.is_aware(naive) else self._place(naive)

    def _place(self, naive: datetime) -> datetime:
        if naive.date() < EARLIEST:
            raise ValidationError(self.error_messages["too_early"], code="too_early")
        zone = timezone.get_current_timezone()
        first = naive.replace(tzinfo=zone, fold=0)
        second = naive.replace(tzinfo=zone, fold=1)
        if first.utcoffset() != second.utcoffset():
            # Either a repeated hour (both exist) or a skipped one (neither round-trips).
            if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
                raise ValidationError(self.error_messages["skipped"], code="skipped")
            self.repeated = True
        return first

    def clean(self, value) -> datetime:
        moment = super().clean(value)
        if moment is None:
            return timezone.now()
        if moment > timezone.now() + FUTURE_SLACK:
            raise ValidationError(self.error_messages["future"], code="future")
        if timezone.localtime(moment).date() < EARLIEST:
            raise ValidationError(self.error_messages["too_early"], code="too_early")
        return moment


class CodeChoiceField(forms.ModelChoiceField):
    """Choose one of the person's own rows by its public code; any other text is one message."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", CopingSkill.objects.none())
        super().__init__(to_field_name="code", **kwargs)

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                uuid.UUID(str(value))
            except ValueError:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                ) from None
        return super().to_python(value)


def scale(low: int, high: int) -> list[tuple[int, str]]:
    return [(n, str(n)) for n in range(low, high + 1)]


STRENGTH_ERRORS = {
    "required": _("Pick how strong the urge is, from 0 to 10."),
    "invalid_choice": _("Pick how strong the urge is, from 0 to 10."),
}


def strength_field(label) -> forms.TypedChoiceField:
    """How strong an urge is, 0 to 10."""
    return forms.TypedChoiceField(
        label=label, choices=scale(0, 10), coerce=int, error_messages=STRENGTH_ERRORS
    )


def pulling_toward() -> CodeChoiceField:
    """The optional skill an urge pulls toward; each form narrows it to its owner's skills."""
    return CodeChoiceField(
        label=_("Pulling toward (optional)"),
        required=False,
        empty_label=_("Not sure, or nothing in particular"),
        error_messages={"invalid_choice": _("Pick one of your skills, or leave it empty.")},
    )


def note_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Keep the note to %(limit_value)d characters or fewer.")},
    )


class EntryForm(forms.ModelForm):
    """What urge and use forms share: the moment, a one-time key, and an edit that keeps
    everything the person did not touch."""

    occurred_at = WhenField()
    once = OnceField()

    def clean_occurred_at(self) -> datetime:
        moment = self.cleaned_data["occurred_at"]
        saved = self.instance.occurred_at if self.instance.pk else None
        # The field shows minutes only; an untouched time keeps its seconds.
        if saved is not None and moment == timezone.localtime(saved).replace(
            second=0, microsecond=0
        ):
            return saved
        return moment

    def once_key(self) -> uuid.UUID | None:
        """The key this entry is saved under: the form's key, told apart by what was picked,
        so a double tap on one chip makes one entry while a tap on another chip makes its own."""
        base = self.cleaned_data.get("once")
        return uuid.uuid5(base, self._picked()) if base else None

    def _picked(self) -> str:
        raise NotImplementedError

    def refuse_removed(self) -> None:
        """The skill or urge picked was deleted between the check and the write: say so on
        the field, in its own words for a choice that is not there."""
        for name in ("skill", "urge"):
            if name in self.fields and self.cleaned_data.get(name) is not None:
                self.add_error(name, self.fields[name].error_messages["invalid_choice"])

    def _get_validation_exclusions(self) -> set[str]:
        # The skill and urge fields choose only among the person's own rows, by their
        # querysets; the model's own check (does such a row exist at all?) would only ask the
        # database again, on every tap.
        return super()._get_validation_exclusions() | {"skill", "urge"}

    @property
    def time_was_repeated(self) -> bool:
        """Whether the time picked happened twice (clocks going back) and the first was used."""
        return self.fields["occurred_at"].repeated

    def _own_skills(self, owner, *, keep: int | None):
        """The person's active skills, plus the one this entry already uses (archived or not)."""
        skills = CopingSkill.objects.for_user(owner)
        active = skills.filter(archived_at__isnull=True)
        return active | skills.filter(pk=keep) if keep else active


class UsageForm(EntryForm):
    skill = CodeChoiceField(
        label=_("Skill"),
        empty_label=_("Pick a skill"),
        error_messages={
            "required": _("Pick a skill for this entry."),
            "invalid_choice": _("Pick one of your skills for this entry."),
        },
    )
    helped = forms.TypedChoiceField(
        label=_("How much it helped (optional)"),
        choices=[("", _("Not sure yet")), *Helped.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Pick one of the options for how much it helped.")},
    )
    urge = CodeChoiceField(
        label=_("The urge it answered (optional)"),
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("Pick one of your urges, or none.")},
    )
    note = note_field(_("Note (optional)"))

    class Meta:
        model = UsageLog
        fields = ("skill", "occurred_at", "helped", "note", "urge")

    def __init__(self, *args, owner, quick: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        skills = self._own_skills(owner, keep=self.instance.skill_id)
        self.fields["skill"].queryset = skills.order_by("kind", "name")
        self.fields["skill"].label_from_instance = lambda s: f"{s.name} ({s.get_kind_display()})"
        self.fields["urge"].label_from_instance = _urge_label
        if quick and self.is_bound and not self.data.get(self.add_prefix("urge")):
            # A tap that answers no urge: the field cleans to None and the answer never draws
            # it, so the latest urges are not asked for at all.
            self.fields["urge"].queryset = UrgeLog.objects.none()
            return
        urges = UrgeLog.objects.for_user(owner)
        recent = urges.filter(occurred_at__gte=timezone.now() - RECENT_URGES)
        if self.instance.urge_id:
            recent = recent | urges.filter(pk=self.instance.urge_id)
        recent = recent.order_by("-occurred_at")
        if quick:
            # The one-tap form offers the latest few; the full form offers two weeks. The few
            # are picked from the person's own urges, then read by id: asking for the owner
            # again outside would have the database walk every urge they ever noted.
            latest = recent.values("pk")[:QUICK_URGES]
            recent = UrgeLog.objects.filter(pk__in=latest).order_by("-occurred_at")
        self.fields["urge"].queryset = recent
        if self.instance.pk:
            # These fields choose by public code, but a saved entry knows its links by id.
            self.initial["skill"] = self.instance.skill.code
            self.initial["urge"] = self.instance.urge.code if self.instance.urge_id else None

    def _picked(self) -> str:
        return str(self.cleaned_data["skill"].code)


def _urge_label(urge: UrgeLog) -> str:
    moment = timezone.localtime(urge.occurred_at)
    return _("%(when)s, strength %(n)d") % {
        # The date in the page's language: month names and order come from the catalogue.
        "when": dateformat.format(moment, str(_("d M H:i"))),
        "n": urge.intensity,
    }


class PassedSelect(forms.NullBooleanSelect):
    """Yes / not yet / not noted, in the app's own words."""

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("Not noted")),
            ("true", _("Yes, it passed")),
            ("false", _("Not yet")),
        ]


class UrgeForm(EntryForm):
    intensity = strength_field(_("How strong (0 to 10)"))
    skill = pulling_toward()
    note = note_field(_("What was going on (optional)"))
    intensity_after = forms.TypedChoiceField(
        label=_("How strong afterwards (optional)"),
        choices=[("", _("Not noted")), *scale(0, 10)],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Pick a strength from 0 to 10, or leave it empty.")},
    )
    passed = forms.NullBooleanField(label=_("Did it pass?"), required=False, widget=PassedSelect)
    minutes_ridden_out = forms.IntegerField(
        label=_("Minutes ridden out (optional)"),
        required=False,
        min_value=0,
        max_value=24 * 60,
        error_messages={
            "invalid": _("Enter the minutes as a whole number, like 15."),
            "min_value": _("Enter the minutes as a whole number, like 15."),
            "max_value": _("Enter at most %(limit_value)s minutes (a whole day)."),
        },
    )

    class Meta:
        model = UrgeLog
        fields = (
            "occurred_at",
            "intensity",
            "skill",
            "note",
            "intensity_after",
            "passed",
            "minutes_ridden_out",
        )

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        skills = self._own_skills(owner, keep=self.instance.skill_id)
        self.fields["skill"].queryset = skills.order_by("-kind", "name")
        self.fields["skill"].label_from_instance = lambda s: s.name
        if self.instance.pk and self.instance.skill_id:
            self.initial["skill"] = self.instance.skill.code

    def _picked(self) -> str:
        return str(self.cleaned_data["intensity"])


class FollowUpForm(forms.ModelForm):
    """ "How did it go?": only the three things a person adds about an urge afterwards."""

    passed = forms.NullBooleanField(
        label=_("Did it pass?"),
        required=False,
        widget=forms.RadioSelect(
            choices=[("true", _("Yes, it passed")), ("false", _("Not yet")), ("", _("Not sure"))]
        ),
    )
    intensity_after = UrgeForm.base_fields["intensity_after"]
    minutes_ridden_out = UrgeForm.base_fields["minutes_ridden_out"]

    class Meta:
        model = UrgeLog
        fields = ("passed", "intensity_after", "minutes_ridden_out")
