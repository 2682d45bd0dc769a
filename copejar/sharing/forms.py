"""Forms for inviting a therapist, redeeming a code and suggesting a skill."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from copejar.accounts.once import OnceField, already
from copejar.accounts.text import many_lines, one_line
from copejar.sharing.models import (
    SUGGESTIONS_WAITING_PER_SHARE,
    Length,
    Scope,
    ShareGrant,
    SkillSuggestion,
)
from skills.models import Category


class InviteForm(forms.ModelForm):
    # Sent twice, it still makes one invitation.
    once = OnceField()

    class Meta:
        model = ShareGrant
        fields = ("shown_name", "scope", "length")
        widgets = {"scope": forms.RadioSelect, "length": forms.RadioSelect}
        help_texts = {
            "shown_name": _("Your first name, a nickname, initials: whatever you like."),
        }
        error_messages = {
            "shown_name": {
                "required": _("Give a name for your therapist to see, like 'Sam K.'"),
                "max_length": _("Keep the name to %(limit_value)d characters or fewer."),
            },
            "scope": {
                "required": _("Pick what your therapist can see."),
                "invalid_choice": _("Pick what your therapist can see."),
            },
            "length": {
                "required": _("Pick how long sharing lasts."),
                "invalid_choice": _("Pick how long sharing lasts."),
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = Scope.choices
        self.fields["length"].choices = Length.choices

    def clean_shown_name(self) -> str:
        name = one_line(self.cleaned_data["shown_name"])
        if not name:
            raise forms.ValidationError(_("Give a name for your therapist to see, like 'Sam K.'"))
        return name


class ScopeForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("What they can see"),
        choices=Scope.choices,
        error_messages={"invalid_choice": _("Pick one of the three choices.")},
    )


class RedeemForm(forms.Form):
    invite_code = forms.CharField(
        label=_("Invitation code"),
        max_length=20,
        # The link's code (after "#") is filled in here by static/copejar.js.
        widget=forms.TextInput(attrs={"data-invite-code": "", "autocomplete": "off"}),
        help_text=_("Eight letters and numbers, like K7QM-3XPA."),
        error_messages={
            "required": _("Enter the code from the invitation."),
            "max_length": _("The code is eight letters and numbers, like K7QM-3XPA."),
        },
    )


def full_message(grant: ShareGrant) -> str:
    """What a therapist reads when a share already has as many suggestions waiting as it may."""
    return _(
        "%(name)s has %(count)d suggestions waiting already. Once they add some or set them "
        "aside, there is room for more."
    ) % {"name": grant.shown_name, "count": SUGGESTIONS_WAITING_PER_SHARE}


class SuggestionForm(forms.ModelForm):
    # Sent twice, it still makes one suggestion.
    once = OnceField()
    category = forms.ChoiceField(
        label=_("Category (optional)"),
        required=False,
        choices=[("", _("No category")), *Category.choices],
        error_messages={"invalid_choice": _("Pick a category from the list, or none.")},
    )

    class Meta:
        model = SkillSuggestion
        fields = ("name", "category", "why")
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}
        labels = {"why": _("Why it might help (optional)")}
        error_messages = {
            "name": {
                "required": _("Give the skill a name, like 'Box breathing'."),
                "max_length": _("Keep the name to %(limit_value)d characters or fewer."),
            },
            "why": {"max_length": _("Keep this to %(limit_value)d characters or fewer.")},
        }

    def __init__(self, *args, grant: ShareGrant | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.grant = grant

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.grant is None or already(cleaned.get("once"), self.grant.suggestions):
            # The same form sent again: the suggestion it made is answer enough.
            return cleaned
        if self.grant.suggestions.open().count() >= SUGGESTIONS_WAITING_PER_SHARE:
            raise forms.ValidationError(full_message(self.grant))
        return cleaned

    def clean_name(self) -> str:
        name = one_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Give the skill a name, like 'Box breathing'."))
        return name

    def clean_why(self) -> str:
        return many_lines(self.cleaned_data["why"])
