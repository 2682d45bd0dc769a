"""Forms for the safety plan, one section at a time. They clean and check; they never write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from copejar.accounts.text import one_line
from copejar.safety.crisis_lines import PHONE
from copejar.safety.models import Section

MAX_CONTACTS = 12


class LinesForm(forms.Form):
    """A section written as a list: one item per line."""

    text = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Keep this section to %(limit_value)d characters.")},
    )

    def __init__(self, *args, section: Section, **kwargs) -> None:
        kwargs.setdefault("prefix", section.key)
        super().__init__(*args, **kwargs)
        self.fields["text"].label = section.title
        self.fields["text"].help_text = _("One item per line. %(hint)s") % {"hint": section.hint}

    def clean_text(self) -> str:
        lines = (one_line(line) for line in self.cleaned_data["text"].splitlines())
        return "\n".join(line for line in lines if line)


class ContactForm(forms.Form):
    """One person or service: a name, and a number to call if there is one."""

    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=120,
        error_messages={"max_length": _("Keep the name to %(limit_value)d characters.")},
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        error_messages={"max_length": _("Keep the number to %(limit_value)d characters.")},
    )

    def clean_name(self) -> str:
        return one_line(self.cleaned_data["name"])

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone) or (phone and not any(c.isdigit() for c in phone)):
            raise forms.ValidationError(
                _("A phone number uses digits, spaces and + ( ) -, like +1 555 010 0199.")
            )
        return phone

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("phone") and not cleaned.get("name"):
            self.add_error("name", _("Add a name to go with this number."))
        return cleaned


class BaseContactFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": _(
            "This section holds up to %(num)d people; take one off to add another."
        ),
    }

    def people(self) -> list[tuple[str, str]]:
        """The filled-in rows as (name, phone), in order; empty rows are left out."""
        return [
            (form.cleaned_data["name"], form.cleaned_data["phone"])
            for form in self.forms
            if form.cleaned_data.get("name")
        ]


ContactFormSet = forms.formset_factory(
    ContactForm,
    formset=BaseContactFormSet,
    extra=2,
    max_num=MAX_CONTACTS,
    validate_max=True,
    absolute_max=50,
)
