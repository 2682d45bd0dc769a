"""A personal safety plan: the standard sections, kept one row per person."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copejar.accounts.owned import OwnedQuerySet
from copejar.safety.crisis_lines import sms_href, tel_href


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str
    kind: str  # "lines": one item per line of text; "contacts": names with phone numbers


# The standard safety-plan steps, in the order a person works through them in a hard moment.
SECTIONS = [
    Section(
        "warning_signs",
        _("My warning signs"),
        _("Thoughts, feelings, moods or situations that tell me a hard time may be coming."),
        "lines",
    ),
    Section(
        "on_my_own",
        _("Things I can do on my own"),
        _("Ways to take my mind off things without anyone else: walks, music, a warm shower."),
        "lines",
    ),
    Section(
        "distractions",
        _("People and places that take my mind off it"),
        _("A friend to sit with, a café, a park, the library, a place of worship."),
        "lines",
    ),
    Section(
        "help_people",
        _("People I can ask for help"),
        _("Family or friends I can tell how I am doing. Add a phone number for one-tap calls."),
        "contacts",
    ),
    Section(
        "professionals",
        _("Professionals and crisis lines"),
        _("My doctor, therapist or counsellor, and the lines I can call any time."),
        "contacts",
    ),
    Section(
        "surroundings",
        _("Making my surroundings safer"),
        _("Steps that put distance between me and what could hurt me in a hard moment."),
        "lines",
    ),
    Section(
        "reasons",
        _("My reasons for living"),
        _("The people, plans, animals, places and hopes that matter most to me."),
        "lines",
    ),
]
BY_KEY = {section.key: section for section in SECTIONS}
LINE_SECTIONS = [section.key for section in SECTIONS if section.kind == "lines"]
CONTACT_SECTIONS = [section.key for section in SECTIONS if section.kind == "contacts"]


class SafetyPlan(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    warning_signs = models.TextField(_("My warning signs"), blank=True, max_length=4000)
    on_my_own = models.TextField(_("Things I can do on my own"), blank=True, max_length=4000)
    distractions = models.TextField(
        _("People and places that take my mind off it"), blank=True, max_length=4000
    )
    surroundings = models.TextField(_("Making my surroundings safer"), blank=True, max_length=4000)
    reasons = models.TextField(_("My reasons for living"), blank=True, max_length=4000)
    # Where the person lives, for the crisis lines on the help page (crisis_table.PLACES);
    # empty: guessed from their time zone.
    country = models.CharField(_("Where I live"), max_length=2, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"safety plan of {self.owner_id}"

    def lines(self, key: str) -> list[str]:
        """A text section as its items: one per non-empty line."""
        return [line.strip() for line in getattr(self, key).splitlines() if line.strip()]

    def contacts_in(self, key: str) -> list[SafetyContact]:
        """A contact section's people, in order; reads the prefetch cache when there is one."""
        if self.pk is None:
            return []
        return [contact for contact in self.contacts.all() if contact.section == key]

    @property
    def is_empty(self) -> bool:
        """Whether nothing has been written in any section yet."""
        if any(getattr(self, key).strip() for key in LINE_SECTIONS):
            return False
        return self.pk is None or not self.contacts.all()


class SafetyContact(models.Model):
    """A person or service in the plan, with a number to call."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="contacts")
    section = models.CharField(
        max_length=16, choices=[(key, BY_KEY[key].title) for key in CONTACT_SECTIONS]
    )
    name = models.CharField(_("Name"), max_length=120)
    phone = models.CharField(_("Phone number"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["section", "position", "id"]

    def __str__(self) -> str:
        return self.name

    def tel_href(self) -> str:
        """The phone number as a tel: link, or '' when there is none."""
        return tel_href(self.phone)

    def sms_href(self) -> str:
        """The phone number as an sms: link, or '' when there is none."""
        return sms_href(self.phone)
