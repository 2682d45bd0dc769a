"""The form for adding and editing a coping skill."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from copejar.accounts.once import OnceField
from copejar.accounts.text import many_lines, one_line
from skills import palette
from skills.models import COLOUR_CHOICES, CopingSkill
from skills.photos import PhotoProblem, clean_photo


@dataclass(frozen=True)
class Swatch:
    """One colour to pick: its radio button, its name and its colour."""

    widget: BoundWidget
    name: str
    hex: str


@dataclass(frozen=True)
class SwatchGroup:
    """The colours that fit one jar ("negative" or "copes"), or "any" for the automatic pick."""

    jar: str
    name: str
    swatches: list[Swatch]


class CopingSkillForm(forms.ModelForm):
    rock_colour = forms.ChoiceField(
        label=_("Rock colour"),
        required=False,
        choices=[("", _("Pick one for me")), *COLOUR_CHOICES],
        widget=forms.RadioSelect,
        help_text=_("Negative Skillz rocks are always grey; Jar O' Copes rocks are colourful."),
        error_messages={"invalid_choice": _("Pick a colour from the list.")},
    )
    rock_shape = forms.ChoiceField(
        label=_("Rock shape"),
        required=False,
        choices=[("", _("Pick one for me")), *palette.SHAPES.items()],
        error_messages={"invalid_choice": _("Pick a shape from the list.")},
    )

    class Meta:
        model = CopingSkill
        fields = (
            "name",
            "kind",
            "category",
            "description",
            "rock_colour",
            "rock_shape",
            "what_it_does",
            "harm_reduction",
            "not_ready",
            "private",
        )
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "what_it_does": forms.Textarea(attrs={"rows": 3}),
            "harm_reduction": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"category": _("Category (optional)"), "description": _("Description (optional)")}
        help_texts = {
            "what_it_does": _("It got you through for a reason. What does it give you?"),
            "harm_reduction": _("If you do reach for it, what could make it a little safer?"),
            "not_ready": _("That is okay. The app will not nudge you about this one."),
        }
        error_messages = {
            "name": {
                "required": _("Give this skill a name, like 'Call Sam' or 'Walk the dog'."),
                "max_length": _("Keep the name to %(limit_value)d characters or fewer."),
            },
            "kind": {
                "required": _("Pick which jar this rock goes in."),
                "invalid_choice": _("Pick which jar this rock goes in."),
            },
            "category": {"invalid_choice": _("Pick a category from the list, or none.")},
            **{
                name: {"max_length": _("Keep this to %(limit_value)d characters or fewer.")}
                for name in ("description", "what_it_does", "harm_reduction")
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        categories = self.fields["category"].choices[1:]
        self.fields["category"].choices = [("", _("No category")), *categories]
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def swatch_groups(self) -> list[SwatchGroup]:
        """The colour choices as dots, grouped by the jar they fit (the page shows one group)."""
        by_value = {str(w.data["value"]): w for w in self["rock_colour"].subwidgets}
        groups = [
            SwatchGroup("any", "", [Swatch(by_value[""], str(by_value[""].choice_label), "")])
        ]
        for jar, name, colours in (
            ("negative", _("Greys, for Negative Skillz"), palette.GREYS),
            ("copes", _("Colours, for the Jar O' Copes"), palette.COLOURS),
        ):
            swatches = [
                Swatch(by_value[key], str(label), hex_) for key, (label, hex_) in colours.items()
            ]
            groups.append(SwatchGroup(jar, str(name), swatches))
        return groups

    def clean_name(self) -> str:
        name = one_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(
                _("Give this skill a name, like 'Call Sam' or 'Walk the dog'.")
            )
        return name

    def clean_description(self) -> str:
        return many_lines(self.cleaned_data["description"])

    def clean_what_it_does(self) -> str:
        return many_lines(self.cleaned_data["what_it_does"])

    def clean_harm_reduction(self) -> str:
        return many_lines(self.cleaned_data["harm_reduction"])


class NewSkillForm(CopingSkillForm):
    """A new skill, with a one-time key so the form sent twice makes one rock."""

    once = OnceField()


class AlternativesForm(forms.Form):
    """Which Jar O' Copes skills to offer first during an urge toward a negative skill."""

    alternatives = forms.ModelMultipleChoiceField(
        label=_("Alternatives from my Jar O' Copes"),
        queryset=CopingSkill.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Pick skills from your own Jar O' Copes."),
            "invalid_pk_value": _("Pick skills from your own Jar O' Copes."),
        },
    )

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["alternatives"]
        field.queryset = CopingSkill.objects.for_user(owner).active().copes().order_by("name")
        field.label_from_instance = lambda skill: skill.name


class PhotoForm(forms.Form):
    """One photo to go with a skill; it is checked and re-encoded as the form is cleaned."""

    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, up to 10 MB. Location and camera details are removed."),
        error_messages={"required": _("Pick a photo to add."), "empty": _("This file is empty.")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, too_big: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_big = too_big

    def clean_photo(self):
        upload = self.cleaned_data["photo"]
        try:
            return clean_photo(upload)
        except PhotoProblem as problem:
            raise forms.ValidationError(str(problem)) from None

    def clean(self):
        if self.too_big:
            self.errors.pop("photo", None)
            self.add_error(
                "photo", _("This photo is larger than 10 MB. A smaller copy of it could work.")
            )
        return super().clean()
