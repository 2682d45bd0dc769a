"""A therapist's suggestions: a handful at a time, set aside all at once, gone when sharing ends."""

from __future__ import annotations

import importlib
from datetime import timedelta
from html import unescape

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from copejar.sharing.models import SUGGESTIONS_WAITING_PER_SHARE, ShareGrant, SkillSuggestion
from copejar.sharing.services import SuggestionsFull, grant_stop, suggestion_make
from tests.conftest import make_grant


def _suggest(client, grant, name: str):
    return client.post(reverse("care:suggest", kwargs={"code": grant.code}), {"name": name})


def _jars(client, person) -> str:
    client.force_login(person)
    return unescape(client.get(reverse("jars")).content.decode())


def test_a_share_holds_only_a_handful_of_waiting_suggestions(client, alice, bob):
    grant = make_grant(alice, bob)
    client.force_login(bob)
    for n in range(40):
        response = _suggest(client, grant, f"Idea {n}")

    assert SUGGESTIONS_WAITING_PER_SHARE == 5
    assert SkillSuggestion.objects.count() == 5
    assert response.status_code == 200
    assert "Al has 5 suggestions waiting already." in unescape(response.content.decode())
    assert _jars(client, alice).count("to my jar</button>") == 5


def test_deciding_on_one_makes_room_for_another(client, alice, bob):
    grant = make_grant(alice, bob)
    for n in range(5):
        suggestion_make(grant=grant, name=f"Idea {n}", category="", why="")
    client.force_login(alice)
    first = SkillSuggestion.objects.first()
    client.post(reverse("sharing:suggestion", kwargs={"code": first.code}), {"decision": "dismiss"})

    client.force_login(bob)
    assert _suggest(client, grant, "One more").status_code == 302
    assert SkillSuggestion.objects.filter(decided_at__isnull=True).count() == 5


def test_the_limit_holds_even_past_the_form(alice, bob):
    grant = make_grant(alice, bob)
    for n in range(5):
        suggestion_make(grant=grant, name=f"Idea {n}", category="", why="")
    with pytest.raises(SuggestionsFull):
        suggestion_make(grant=grant, name="Sixth", category="", why="")
    assert SkillSuggestion.objects.count() == 5


def test_each_share_has_its_own_handful(client, alice, bob, charlie):
    for person in (alice, charlie):
        grant = make_grant(person, bob)
        for n in range(5):
            suggestion_make(grant=grant, name=f"Idea {n}", category="", why="")
    assert SkillSuggestion.objects.count() == 10


def test_all_suggestions_can_be_set_aside_at_once(client, alice, bob, charlie):
    grant = make_grant(alice, bob)
    for n in range(3):
        suggestion_make(grant=grant, name=f"Idea {n}", category="", why="")
    others = make_grant(charlie, bob)
    suggestion_make(grant=others, name="Charlie's idea", category="", why="")
    assert "Set all 3 suggestions aside" in _jars(client, alice)

    response = client.post(reverse("sharing:suggestions_set_aside"), follow=True)

    html = unescape(response.content.decode())
    assert "3 suggestions set aside." in html
    assert "to my jar</button>" not in html
    assert SkillSuggestion.objects.filter(owner=alice, decided_at__isnull=True).count() == 0
    assert SkillSuggestion.objects.get(owner=charlie).decided_at is None


def test_setting_all_aside_takes_a_post(alice_client):
    assert alice_client.get(reverse("sharing:suggestions_set_aside")).status_code == 405


@pytest.mark.parametrize("ending", ["stopped", "expired"])
def test_when_sharing_ends_its_suggestions_leave_the_persons_view(client, alice, bob, ending):
    grant = make_grant(alice, bob)
    suggestion = suggestion_make(grant=grant, name="Paced breathing", category="", why="")
    assert "Paced breathing" in _jars(client, alice)

    if ending == "stopped":
        grant_stop(grant=grant)
    else:
        ShareGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now())

    assert "Paced breathing" not in _jars(client, alice)
    decide = reverse("sharing:suggestion", kwargs={"code": suggestion.code})
    assert client.post(decide, {"decision": "add"}).status_code == 404
    assert SkillSuggestion.objects.get().decided_at is None  # kept, not decided for them


def test_a_new_share_does_not_bring_back_the_old_ones(client, alice, bob):
    old = make_grant(alice, bob)
    suggestion_make(grant=old, name="Paced breathing", category="", why="")
    grant_stop(grant=old)
    make_grant(alice, bob)
    assert "Paced breathing" not in _jars(client, alice)


def test_suggestions_made_before_they_knew_their_share_are_linked_to_it(alice, bob):
    older = make_grant(alice, bob)
    ShareGrant.objects.filter(pk=older.pk).update(
        redeemed_at=timezone.now() - timedelta(days=60), revoked_at=timezone.now()
    )
    current = make_grant(alice, bob)
    ShareGrant.objects.filter(pk=current.pk).update(redeemed_at=timezone.now() - timedelta(days=10))
    during_old = SkillSuggestion.objects.create(
        owner=alice, therapist=bob, name="Old", created_at=timezone.now() - timedelta(days=30)
    )
    during_new = SkillSuggestion.objects.create(owner=alice, therapist=bob, name="New")
    migration = importlib.import_module("copejar.sharing.migrations.0003_suggestion_grant")

    migration.link_to_their_shares(apps, None)

    during_old.refresh_from_db()
    during_new.refresh_from_db()
    assert (during_old.grant, during_new.grant) == (older, current)
