"""Writes to the safety plan: one section at a time, the plan made on its first save."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from copejar.safety.crisis_table import PLACES
from copejar.safety.models import BY_KEY, SafetyContact, SafetyPlan


def _plan(owner) -> SafetyPlan:
    plan, _created = SafetyPlan.objects.select_for_update().get_or_create(owner=owner)
    return plan


@transaction.atomic
def plan_save_lines(*, owner, key: str, text: str) -> SafetyPlan:
    """Replace one list section's text."""
    if BY_KEY[key].kind != "lines":
        raise ValueError(f"{key} is not a list section")
    plan = _plan(owner)
    setattr(plan, key, text)
    plan.updated_at = timezone.now()
    plan.save(update_fields=[key, "updated_at"])
    return plan


@transaction.atomic
def plan_add_line(*, owner, key: str, line: str) -> SafetyPlan:
    """Add one item to a list section, unless it is there already."""
    plan = _plan(owner)
    if line not in plan.lines(key):
        return plan_save_lines(owner=owner, key=key, text="\n".join([*plan.lines(key), line]))
    return plan


@transaction.atomic
def plan_save_contacts(*, owner, key: str, people: list[tuple[str, str]]) -> SafetyPlan:
    """Replace the people in one contact section with this list, in this order."""
    if BY_KEY[key].kind != "contacts":
        raise ValueError(f"{key} is not a contact section")
    plan = _plan(owner)
    plan.contacts.filter(section=key).delete()
    SafetyContact.objects.bulk_create(
        SafetyContact(plan=plan, section=key, name=name, phone=phone, position=n)
        for n, (name, phone) in enumerate(people)
    )
    plan.updated_at = timezone.now()
    plan.save(update_fields=["updated_at"])
    return plan


@transaction.atomic
def plan_set_place(*, owner, country: str) -> SafetyPlan:
    """Remember where the person lives, for the crisis lines; '' goes back to the guess."""
    if country and country not in PLACES:
        raise ValueError(f"No crisis lines are known for {country!r}.")
    plan = _plan(owner)
    plan.country = country
    plan.save(update_fields=["country"])
    return plan
