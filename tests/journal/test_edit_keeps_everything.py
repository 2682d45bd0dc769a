"""Saving an edit form nobody touched changes nothing, whatever became of the entry's skill."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from journal.models import UrgeLog, UsageLog
from journal.services import skill_delete
from skills.models import Kind
from skills.services import skill_create, skill_set_archived

STATES = ["active", "archived", "private", "private and archived", "deleted"]


def _skill(owner, kind: str, state: str):
    skill = skill_create(owner=owner, name=f"{state} {kind}", kind=kind, private="private" in state)
    return skill


def _settle(skill, state: str) -> None:
    if "archived" in state:
        skill_set_archived(skill=skill, archived=True)
    if state == "deleted":
        skill_delete(skill=skill)


def _as_submitted(form) -> dict:
    """What a browser sends back for a form nobody touched."""
    data = {}
    for field in form:
        value = field.value()
        if field.name == "passed" or field.name == "occurred_at":
            value = field.field.widget.format_value(value)
        data[field.html_name] = "" if value is None else value
    return data


def _everything(entry) -> dict:
    entry.refresh_from_db()
    return {**model_to_dict(entry), "occurred_at": entry.occurred_at}


@pytest.mark.parametrize("state", STATES)
def test_an_untouched_urge_edit_changes_nothing(alice_client, alice, state):
    skill = _skill(alice, Kind.NEGATIVE, state)
    moment = timezone.now() - timedelta(days=20, seconds=37, microseconds=1234)
    urge = UrgeLog.objects.create(
        owner=alice,
        occurred_at=moment,
        intensity=9,
        skill=skill,
        note="Long day.",
        intensity_after=4,
        passed=False,
        minutes_ridden_out=12,
    )
    _settle(skill, state)
    before = _everything(urge)
    url = reverse("journal:urge_edit", kwargs={"code": urge.code})
    form = alice_client.get(url).context["form"]
    assert alice_client.post(url, _as_submitted(form)).status_code == 302
    assert _everything(urge) == before


@pytest.mark.parametrize("state", [s for s in STATES if s != "deleted"])
def test_an_untouched_use_edit_changes_nothing(alice_client, alice, state):
    skill = _skill(alice, Kind.COPES, state)
    pull = _skill(alice, Kind.NEGATIVE, state)
    long_ago = timezone.now() - timedelta(days=60, seconds=11)
    urge = UrgeLog.objects.create(owner=alice, occurred_at=long_ago, intensity=6, skill=pull)
    usage = UsageLog.objects.create(
        owner=alice, skill=skill, occurred_at=long_ago, helped=2, note="Helped a bit.", urge=urge
    )
    _settle(skill, state)
    _settle(pull, state)
    before = _everything(usage)
    url = reverse("journal:usage_edit", kwargs={"code": usage.code})
    form = alice_client.get(url).context["form"]
    assert alice_client.post(url, _as_submitted(form)).status_code == 302
    assert _everything(usage) == before


def test_an_edit_still_cannot_pick_another_archived_skill(alice_client, alice, scrolling, urge):
    other = skill_create(owner=alice, name="Put away", kind=Kind.NEGATIVE)
    skill_set_archived(skill=other, archived=True)
    url = reverse("journal:urge_edit", kwargs={"code": urge.code})
    data = _as_submitted(alice_client.get(url).context["form"])
    data["skill"] = other.code
    response = alice_client.post(url, data)
    assert response.status_code == 200
    assert "Pick one of your skills, or leave it empty." in response.content.decode()
    urge.refresh_from_db()
    assert urge.skill == scrolling
