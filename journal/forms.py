"""Forms for logging urges and choices. They clean and check; they never write."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from journal.models import SURF_LENGTHS, Helped, SurfOutcome, UrgeLog, UsageLog
from journal.timeline import EARLIEST
from skills.models import CopingSkill

# A phone's clock can run a little fast; anything later than this is a typo, not a memory.
FUTURE_SLACK = timedelta(minutes=5)
# A usage can answer any urge from the last two weeks.
RECENT_URGES = timedelta(days=14)


class WhenField(forms.DateTimeField):
    """A date and time in the person's own zone; empty means now."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("When"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Leave as it is for right now, or pick an earlier time."))
        kwargs.setdefault(
            "error_messages", {"invalid": _("Enter a date and time, like 2026-03-14 18:30.")}
        )
        super().__init__(**kwargs)

    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return timezone.now()
        if moment > timezone.now() + FUTURE_SLACK:
            raise forms.ValidationError(_("Pick a time that has already happened."))
        if timezone.localtime(moment).date() < EARLIEST:
            raise forms.ValidationError(_("Pick a date from 1900 on."))
        return moment


def _scale(low: int, high: int) -> list[tuple[int, str]]:
    return [(n, str(n)) for n in range(low, high + 1)]


class UsageForm(forms.ModelForm):
    skill = forms.ModelChoiceField(
        label=_("Skill"),
        queryset=CopingSkill.objects.none(),
        to_field_name="code",
        empty_label=_("Pick a skill"),
        error_messages={
            "required": _("Pick a skill for this entry."),
            "invalid_choice": _("Pick one of your skills for this entry."),
        },
    )
    occurred_at = WhenField()
    helped = forms.TypedChoiceField(
        label=_("How much it helped (optional)"),
        choices=[("", _("Not sure yet")), *Helped.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Pick one of the options for how much it helped.")},
    )
    urge = forms.ModelChoiceField(
        label=_("The urge it answered (optional)"),
        queryset=UrgeLog.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("Pick one of your urges, or none.")},
    )

    class Meta:
        model = UsageLog
        fields = ("skill", "occurred_at", "helped", "note", "urge")
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"note": _("Note (optional)")}
        error_messages = {
            "note": {"max_length": _("Keep the note to %(limit_value)d characters or fewer.")}
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        skills = CopingSkill.objects.for_user(owner)
        if self.instance.pk:
            # Keep an archived skill choosable on entries that already use it.
            skills = skills.filter(archived_at__isnull=True) | skills.filter(
                pk=self.instance.skill_id
            )
        else:
            skills = skills.filter(archived_at__isnull=True)
        self.fields["skill"].queryset = skills.order_by("kind", "name")
        self.fields["skill"].label_from_instance = lambda s: f"{s.name} ({s.get_kind_display()})"
        urges = UrgeLog.objects.for_user(owner)
        recent = urges.filter(occurred_at__gte=timezone.now() - RECENT_URGES)
        if self.instance.urge_id:
            recent = recent | urges.filter(pk=self.instance.urge_id)
        self.fields["urge"].queryset = recent.order_by("-occurred_at")
        if self.instance.pk:
            # These fields choose by public code, but a saved entry knows its links by id.
            self.initial["skill"] = self.instance.skill.code
            self.initial["urge"] = self.instance.urge.code if self.instance.urge_id else None
        self.fields["urge"].label_from_instance = _urge_label


def _urge_label(urge: UrgeLog) -> str:
    moment = timezone.localtime(urge.occurred_at)
    return _("%(when)s, strength %(n)d") % {
        "when": moment.strftime("%d %b %H:%M"),
        "n": urge.intensity,
    }


def _pulling_toward() -> forms.ModelChoiceField:
    """The optional skill an urge pulls toward; each form narrows it to its owner's skills."""
    return forms.ModelChoiceField(
        label=_("Pulling toward (optional)"),
        queryset=CopingSkill.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Not sure, or nothing in particular"),
        error_messages={"invalid_choice": _("Pick one of your skills, or leave it empty.")},
    )


STRENGTH_ERRORS = {
    "required": _("Pick how strong the urge is, from 0 to 10."),
    "invalid_choice": _("Pick how strong the urge is, from 0 to 10."),
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


class UrgeForm(forms.ModelForm):
    occurred_at = WhenField()
    intensity = forms.TypedChoiceField(
        label=_("How strong (0 to 10)"),
        choices=_scale(0, 10),
        coerce=int,
        error_messages=STRENGTH_ERRORS,
    )
    skill = _pulling_toward()
    intensity_after = forms.TypedChoiceField(
        label=_("How strong afterwards (optional)"),
        choices=[("", _("Not noted")), *_scale(0, 10)],
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
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"note": _("What was going on (optional)")}
        error_messages = {
            "note": {"max_length": _("Keep the note to %(limit_value)d characters or fewer.")}
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = (
            CopingSkill.objects.for_user(owner).active().order_by("-kind", "name")
        )
        self.fields["skill"].label_from_instance = lambda s: s.name
        if self.instance.pk and self.instance.skill_id:
            self.initial["skill"] = self.instance.skill.code


class SurfStartForm(forms.Form):
    """Start riding out an urge: how strong it is, how long to ride, what it pulls toward."""

    skill = _pulling_toward()
    minutes = forms.TypedChoiceField(
        label=_("How long to ride it out"),
        choices=[(n, str(n)) for n in SURF_LENGTHS],
        coerce=int,
        initial=10,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pick how long to ride it out: 5, 10, 15 or 20 minutes."),
            "invalid_choice": _("Pick how long to ride it out: 5, 10, 15 or 20 minutes."),
        },
    )
    intensity = forms.TypedChoiceField(
        label=_("How strong is it right now?"),
        choices=_scale(0, 10),
        coerce=int,
        error_messages=STRENGTH_ERRORS,
    )
    note = forms.CharField(
        label=_("What is going on (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Keep the note to %(limit_value)d characters or fewer.")},
    )

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = (
            CopingSkill.objects.for_user(owner).active().negative().order_by("name")
        )
        self.fields["skill"].label_from_instance = lambda s: s.name
        self.fields["minutes"].choices = [
            (n, gettext("%(n)d minutes") % {"n": n}) for n in SURF_LENGTHS
        ]


class CheckInForm(forms.Form):
    intensity = forms.TypedChoiceField(
        label=_("How strong is it now?"),
        choices=_scale(0, 10),
        coerce=int,
        error_messages=STRENGTH_ERRORS,
    )


class SurfEndForm(forms.Form):
    """How a surf ended: it passed, it got smaller, or a skill from the Jar O' Copes."""

    outcome = forms.ChoiceField(
        choices=[(SurfOutcome.PASSED, _("It passed")), (SurfOutcome.SMALLER, _("It's smaller"))],
        required=False,
        error_messages={"invalid_choice": _("Pick how it ended: it passed, or it is smaller.")},
    )
    choice = forms.ModelChoiceField(
        queryset=CopingSkill.objects.none(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": _("Pick one of the skills in your Jar O' Copes.")},
    )

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].queryset = CopingSkill.objects.for_user(owner).active().copes()

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("choice") is not None:
            cleaned["outcome"] = SurfOutcome.CHOSE
        elif not cleaned.get("outcome"):
            raise forms.ValidationError(
                _("Pick how it ended: it passed, it is smaller, or a skill you chose.")
            )
        return cleaned
