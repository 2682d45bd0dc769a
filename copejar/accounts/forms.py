"""Sign-up and settings forms."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    UserCreationForm,
    UsernameField,
)
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from copejar.accounts.models import User, time_zone_names
from copejar.accounts.text import one_line


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=_time_zone_choices,
            label=_("Time zone"),
            help_text=_("Decides which day an entry belongs to."),
            error_messages={
                "required": _("Pick a time zone from the list."),
                "invalid_choice": _("Pick a time zone from the list."),
            },
            **kwargs,
        )


class VisibleUsernameField(UsernameField):
    """A username without invisible characters, taken out before any other check."""

    def to_python(self, value):
        return super().to_python(one_line(value) if isinstance(value, str) else value)


# What an empty field says, in the form's voice rather than Django's "This field is required."
NEEDED = {
    "username": _("Enter a username."),
    "password": _("Enter the password."),
    "password1": _("Enter a password."),
    "password2": _("Enter the password again, to be sure it is the one you meant."),
    "old_password": _("Enter the password you use now."),
    "new_password1": _("Enter a new password."),
    "new_password2": _("Enter the new password again, to be sure it is the one you meant."),
}
# Django's own labels, in the app's catalogue so that every language speaks in the app's voice
# (Django's Spanish, say, addresses the person as "usted"; this app says "tú").
LABELS = {
    "username": _("Username"),
    "password": _("Password"),
    "password1": _("Password"),
    "password2": _("Password confirmation"),
    "old_password": _("Old password"),
    "new_password1": _("New password"),
    "new_password2": _("New password confirmation"),
}
HELP = {
    "password2": _("Enter the same password as before, for verification."),
    "new_password2": _("Enter the same password as before, for verification."),
}
EMAIL_INVALID = _("An email address has an @ and a domain, like sam@example.org.")
MISMATCH = _("The two passwords are different; typing them again usually sorts it out.")


def _kind_required(form: forms.Form) -> None:
    for name, field in form.fields.items():
        if name in NEEDED:
            field.error_messages["required"] = NEEDED[name]
        if name in LABELS:
            field.label = LABELS[name]
        if name in HELP:
            field.help_text = HELP[name]


class LoginForm(AuthenticationForm):
    username = VisibleUsernameField(widget=forms.TextInput(attrs={"autofocus": True}))
    shared_device = forms.BooleanField(
        label=_("This is a shared device"),
        required=False,
        help_text=_(
            "A library computer, or a phone someone else uses too: closing the browser then "
            "signs you out."
        ),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That username and password are not a match for any account. Capital letters count."
        ),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _kind_required(self)
        # Django only sets the field's maxlength for the browser; refuse longer names here, so
        # they never reach a password check (or the wrong-password records).
        longest = self.fields["username"].max_length
        self.fields["username"].validators.append(
            MaxLengthValidator(longest, _("Usernames are %(limit_value)d characters or fewer."))
        )


class ChangePasswordForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("That is not the current password."),
        "password_mismatch": MISMATCH,
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _kind_required(self)


class SignUpForm(UserCreationForm):
    time_zone = TimeZoneField(initial="UTC")
    role = forms.ChoiceField(
        label=_("I am here"),
        choices=User.Role.choices,
        initial=User.Role.PERSON,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pick who this account is for.")},
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "role", "time_zone")
        field_classes = {"username": VisibleUsernameField}
        labels = {"email": _("Email (optional)")}
        help_texts = {
            "email": _("Optional, and never shared."),
            "username": _("Letters, digits and @ . + - _ only, up to 150 characters."),
        }
        error_messages = {"email": {"invalid": EMAIL_INVALID}}

    error_messages = {**UserCreationForm.error_messages, "password_mismatch": MISMATCH}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _kind_required(self)
        self.fields["time_zone"].widget.attrs["data-guess-time-zone"] = ""
        self.fields["username"].widget.attrs.update(autocomplete="username")
        self.fields["username"].error_messages["unique"] = _(
            "That username is taken. Another one will work."
        )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=settings.LANGUAGES,
            label=_("Language"),
            error_messages={
                "required": _("Pick a language from the list."),
                "invalid_choice": _("Pick a language from the list."),
            },
            **kwargs,
        )


class LanguageForm(forms.Form):
    """The language picker: one button for each language, on any page that shows it."""

    language = LanguageField()


class SettingsForm(forms.ModelForm):
    language = LanguageField(
        required=False,
        help_text=_("Every page, on any device you sign in on, in this language."),
    )
    time_zone = TimeZoneField()

    class Meta:
        model = User
        fields = ("email", "language", "time_zone", "tab_title")
        labels = {"email": _("Email (optional)")}
        error_messages = {
            "email": {"invalid": EMAIL_INVALID},
            "tab_title": {"max_length": _("Keep the tab title to %(limit_value)d characters.")},
        }

    def clean_language(self) -> str:
        # A form sent without the field (an older page, say) keeps the language as it was.
        return self.cleaned_data["language"] or self.instance.language

    def clean_tab_title(self) -> str:
        return one_line(self.cleaned_data["tab_title"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
