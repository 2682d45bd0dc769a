"""Alice's account with something of every kind in it, and charlie's beside it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from copejar.safety.services import plan_save_contacts, plan_save_lines
from copejar.sharing.models import AccessLogEntry
from copejar.sharing.services import access_log, suggestion_make
from journal.surf.services import surf_check_in, surf_end, surf_start
from skills.photos import clean_photo
from skills.services import skill_create, skill_set_alternatives, skill_set_photo
from tests.conftest import log_urge, log_use, make_grant, picture_bytes


def fill(person, *, therapist=None, label: str = "") -> None:
    """Skills (one with a photo), urges, uses, a surf with check-ins, a plan, shares, views."""
    walk = skill_create(owner=person, name=f"Walk the dog{label}", kind="copes")
    scroll = skill_create(owner=person, name=f"Doom-scrolling{label}", kind="negative")
    skill_create(owner=person, name=f"Private rock{label}", kind="copes", private=True)
    skill_set_alternatives(skill=scroll, alternatives=[walk])
    skill_set_photo(skill=walk, photo=clean_photo(picture_bytes(size=(90, 60))))
    now = timezone.now()
    urge = log_urge(person, intensity=7, skill=scroll, note="=SUM(A1) long day", occurred_at=now)
    log_use(person, skill=walk, helped=3, urge=urge, occurred_at=now + timedelta(minutes=5))
    log_use(person, skill=scroll, note="", occurred_at=now - timedelta(days=3))
    start = now - timedelta(hours=2)
    surf = surf_start(owner=person, intensity=9, minutes=10, skill=scroll, started_at=start)
    surf_check_in(urge=surf, intensity=6, at=start + timedelta(minutes=2))
    surf_check_in(urge=surf, intensity=4, at=start + timedelta(minutes=5))
    surf_end(urge=surf, outcome="chose", skill=walk, ended_at=start + timedelta(minutes=9))
    plan_save_lines(owner=person, key="reasons", text="Rufus\nMy sister")
    plan_save_contacts(owner=person, key="help_people", people=[("Sam", "555 0100")])
    if therapist is not None:
        grant = make_grant(person, therapist, scope="everything")
        access_log(grant=grant, page=AccessLogEntry.Page.JARS)
        suggestion_make(grant=grant, name="Yoga", category="", why="Slow breath.")


def export_of(client) -> dict:
    from django.urls import reverse

    response = client.get(reverse("data:export_json"))
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


@pytest.fixture
def full_alice(alice, bob):
    fill(alice, therapist=bob)
    return alice


@pytest.fixture
def full_charlie(charlie, bob):
    fill(charlie, therapist=bob, label=" (charlie)")
    return charlie
