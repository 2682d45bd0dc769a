"""Forms for riding out an urge: start, check in, end. They clean and check; they never write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from copejar.accounts.once import OnceField
from journal.forms import CodeChoiceField, note_field, pulling_toward, strength_field
from journal.models import SURF_LENGTHS, SurfOutcome
from skills.models import CopingSkill


class SurfStartForm(forms.Form):
    """Start riding out an urge: how strong it is, how long to ride, what it pulls toward."""

    skill = pulling_toward()
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
    intensity = strength_field(_("How strong is it right now?"))
    note = note_field(_("What is going on (optional)"))
    once = OnceField()

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
    intensity = strength_field(_("How strong is it now?"))
    once = OnceField()


class SurfEndForm(forms.Form):
    """How a surf ended, in the person's words: it passed, it got smaller, it is still strong
    and they stop for now, a skill from the Jar O' Copes, or a grey rock they reached for."""

    outcome = forms.ChoiceField(
        choices=[
            (SurfOutcome.PASSED, _("It passed")),
            (SurfOutcome.SMALLER, _("It's smaller")),
            (SurfOutcome.STILL_STRONG, _("Still strong — stopping here for now")),
        ],
        required=False,
        error_messages={"invalid_choice": _("Pick how it ended from the buttons below.")},
    )
    choice = CodeChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Pick one of the skills in your Jar O' Copes.")},
    )
    reached = CodeChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Pick one of the rocks in your Negative Skillz jar.")},
    )

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        active = CopingSkill.objects.for_user(owner).active()
        self.fields["choice"].queryset = active.copes()
        self.fields["reached"].queryset = active.negative()

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        cleaned["skill"] = cleaned.get("choice") or cleaned.get("reached")
        if cleaned.get("choice") is not None and cleaned.get("reached") is not None:
            raise forms.ValidationError(_("Pick one ending: a skill you chose, or a rock."))
        if cleaned.get("choice") is not None:
            cleaned["outcome"] = SurfOutcome.CHOSE
        elif cleaned.get("reached") is not None:
            cleaned["outcome"] = SurfOutcome.REACHED
        elif not cleaned.get("outcome"):
            raise forms.ValidationError(_("Pick how it ended from the buttons below."))
        return cleaned
