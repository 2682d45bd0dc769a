"""Deleting an account: every row and file of the person's goes, their sessions and shares
end at once, and nobody else's data moves."""

from __future__ import annotations

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from copejar.accounts.models import User
from copejar.sharing.models import AccessLogEntry, ShareGrant
from skills.models import CopingSkill
from tests.conftest import make_grant

APPS = ("accounts", "skills", "journal", "safety", "sharing", "data")


def _rows_of(person) -> dict[str, int]:
    """How many rows of every model belong to this person (by owner, user or through a row)."""
    counts = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            names = {f.name for f in model._meta.get_fields()}
            for path in ("owner", "user", "urge__owner", "plan__owner", "from_copingskill__owner"):
                if path.split("__")[0] in names:
                    counts[model.__name__] = model.objects.filter(**{path: person}).count()
                    break
    counts["User"] = User.objects.filter(pk=person.pk).count()
    return counts


def _files_of(person) -> list[str]:
    return [
        name
        for skill in CopingSkill.objects.filter(owner=person)
        for name in (skill.photo.name, skill.photo_small.name)
        if name
    ]


def test_deleting_removes_every_row_and_file_and_nobody_elses(
    client, full_alice, full_charlie, bob, django_capture_on_commit_callbacks
):
    charlie_before = _rows_of(full_charlie)
    assert charlie_before["UrgeLog"] and charlie_before["SkillSuggestion"]
    alice_files = _files_of(full_alice)
    charlie_files = _files_of(full_charlie)
    assert alice_files and all(default_storage.exists(n) for n in alice_files)
    elsewhere = Client()  # alice signed in on another device too
    elsewhere.force_login(full_alice)
    client.force_login(full_alice)
    client.get(reverse("data:poster_png"))  # a poster waiting in the cache
    assert cache.get(f"poster:png:{full_alice.pk}")
    grant = ShareGrant.objects.get(owner=full_alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("data:delete"), {"password": "a-long-kind-password"})

    assert response.status_code == 302
    assert all(count == 0 for count in _rows_of(full_alice).values()), _rows_of(full_alice)
    assert not any(default_storage.exists(n) for n in alice_files)
    assert not cache.get(f"poster:png:{full_alice.pk}")
    assert client.get(reverse("jars")).status_code == 302  # signed out here
    assert elsewhere.get(reverse("jars")).status_code == 302  # and everywhere else
    assert not Session.objects.filter(session_key=elsewhere.session.session_key).exists()
    bob_client = Client()
    bob_client.force_login(bob)
    assert bob_client.get(reverse("care:jars", kwargs={"code": grant.code})).status_code == 404
    assert _rows_of(full_charlie) == charlie_before
    assert all(default_storage.exists(n) for n in charlie_files)


def test_a_wrong_password_deletes_nothing(alice_client, full_alice):
    alice_client.get(reverse("data:delete"))  # the first page notes where she signed in
    before = _rows_of(full_alice)
    response = alice_client.post(reverse("data:delete"), {"password": "not it"})
    assert response.status_code == 200
    assert "not this account" in response.content.decode()
    assert _rows_of(full_alice) == before


def test_a_therapist_deleting_ends_their_grants_and_the_log_stays_readable(client, full_alice, bob):
    alice_before = _rows_of(full_alice)
    grant = ShareGrant.objects.get(owner=full_alice)
    client.force_login(bob)

    client.post(reverse("data:delete"), {"password": "a-long-kind-password"})

    assert not User.objects.filter(username="bob").exists()
    grant.refresh_from_db()
    assert grant.therapist is None
    assert _rows_of(full_alice) == alice_before  # the suggestion and every view are still hers
    client.force_login(full_alice)
    seen = client.get(reverse("sharing:seen")).content.decode()
    assert "bob" in seen
    assert AccessLogEntry.objects.filter(owner=full_alice, therapist_name="bob").exists()
    sharing = client.get(reverse("sharing:list")).content.decode()
    assert "ended when their account was closed" in sharing


def test_a_new_account_with_the_same_name_sees_none_of_the_old_one(client, full_alice, bob):
    client.force_login(full_alice)
    make_grant(full_alice, bob, scope="everything")
    client.post(reverse("data:delete"), {"password": "a-long-kind-password"})
    again = User.objects.create_user(username="alice", password="another-kind-password")
    client.force_login(again)
    assert "Walk the dog" not in client.get(reverse("jars")).content.decode()
    assert not ShareGrant.objects.filter(owner=again).exists()
