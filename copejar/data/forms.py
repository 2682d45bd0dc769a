"""Forms for taking data out and bringing it in, and for deleting the account."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from copejar.data.models import Source
from copejar.data.services import IMPORT_MAX_BYTES, JAR_CHOICES


class ImportForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Where the file comes from"),
        choices=Source.choices,
        initial=Source.JAR,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pick where the file comes from."),
            "invalid_choice": _("Pick where the file comes from."),
        },
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("Up to 50 MB. Nothing is added until you have seen what will be."),
        error_messages={
            "required": _("Pick a file to bring in."),
            "empty": _("This file is empty."),
        },
    )

    def __init__(self, *args, too_big: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_big = too_big

    def clean(self):
        if self.too_big:
            self.errors.pop("file", None)
            self.add_error(
                "file",
                _(
                    "This file is larger than %(mb)d MB, more than any export holds, so it was not "
                    "read."
                )
                % {"mb": IMPORT_MAX_BYTES // (1024 * 1024)},
            )
        return super().clean()


JAR_LABELS = [
    ("copes", _("Jar O' Copes")),
    ("negative", _("Negative Skillz")),
    ("skip", _("Leave it out")),
]


class JarsForm(forms.Form):
    """For an import from another app: which jar each activity goes in, or none."""

    def __init__(self, *args, activities: list[dict], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for index, activity in enumerate(activities):
            if activity.get("jar"):
                continue  # already a skill here: its uses go to it
            self.fields[f"jar_{index}"] = forms.ChoiceField(
                label=activity["name"],
                choices=JAR_LABELS,
                initial="copes",
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Pick a jar for this activity, or leave it out."),
                    "invalid_choice": _("Pick a jar for this activity, or leave it out."),
                },
            )

    def jars(self) -> dict[int, str]:
        return {
            int(name.removeprefix("jar_")): value
            for name, value in self.cleaned_data.items()
            if value in JAR_CHOICES
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to delete the account.")},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not this account's password."))
        return password
