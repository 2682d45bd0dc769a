"""Forms for riding out an urge: start, check in, end. They clean and check; they never write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from journal.forms import CodeChoiceField, OnceField, note_field, pulling_toward, strength_field
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
    """How a surf ended: it passed, it got smaller, or a skill from the Jar O' Copes."""

    outcome = forms.ChoiceField(
        choices=[(SurfOutcome.PASSED, _("It passed")), (SurfOutcome.SMALLER, _("It's smaller"))],
        required=False,
        error_messages={"invalid_choice": _("Pick how it ended: it passed, or it is smaller.")},
    )
    choice = CodeChoiceField(
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
