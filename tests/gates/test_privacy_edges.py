"""Privacy at the edges: what a therapist's pages leave out, what the person keeps, and how
the app holds against guessing and odd input.

They guard the design's principles 5 to 7: private by default, consent is the only door
(and the person sees every view), and the person owns the data.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from copejar.sharing.models import AccessLogEntry, ShareGrant
from copejar.sharing.services import grant_invite
from journal import tallies
from journal.models import UrgeLog
from journal.surf.services import surf_end, surf_start
from skills.models import Kind
from skills.services import skill_create
from tests.conftest import log_urge, log_use, make_grant

ROOT = Path(__file__).resolve().parents[2]
HTMX = {"HX-Request": "true"}


def _page(client, name: str, grant, query: str = "", headers=None) -> str:
    """A therapist page that must open (a 404 would hide anything and prove nothing)."""
    url = reverse(name, kwargs={"code": grant.code}) + query
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return unescape(response.content.decode())


# --- What a therapist's pages leave out --------------------------------------------------


@pytest.mark.parametrize("scope", ["logs", "everything"])
def test_an_urge_toward_a_private_skill_does_not_show_through_the_choice_that_answered_it(
    client, alice, bob, walk, scope
):
    hidden = skill_create(owner=alice, name="Hidden habit", kind=Kind.NEGATIVE, private=True)
    # Riding out an urge toward the private skill, and choosing a shared skill at the end:
    # surf_end logs a use of "Walk the dog" that answers the (hidden) urge.
    surf = surf_start(owner=alice, intensity=9, minutes=5, skill=hidden, note="private urge")
    surf_end(urge=surf, outcome="chose", skill=walk)
    grant = make_grant(alice, bob, scope=scope)
    client.force_login(bob)

    journal = _page(client, "care:journal", grant)
    fragment = _page(client, "care:journal", grant, "?before=2999-01-01", HTMX)
    assert "Walk the dog" in fragment

    assert "Walk the dog" in journal  # the shared choice itself may show
    for html in (journal, fragment):
        # ...but not the time and strength of an urge the timeline itself leaves out.
        assert "Answered the urge" not in html
        assert "9 out of 10" not in html


def test_what_helps_counts_no_urge_a_therapist_may_not_see(client, alice, bob, walk):
    hidden = skill_create(owner=alice, name="Hidden habit", kind=Kind.NEGATIVE, private=True)
    shared = skill_create(owner=alice, name="Snapping", kind=Kind.NEGATIVE)
    urge = log_urge(alice, skill=hidden, intensity=9, passed=True)
    log_use(alice, skill=walk, urge=urge)
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    alice_client = Client()
    alice_client.force_login(alice)

    # The person sees the urge their choice answered; the therapist learns nothing of it.
    assert "chosen after 1 urge" in _insights(alice_client)
    assert "chosen after 1 urge" not in _page(client, "care:insights", grant)

    # Sharing the skill again shows the count; making another one private takes it back.
    alice_client.post(
        reverse("skills:edit", kwargs={"code": hidden.code}), _skill_fields(hidden, private=False)
    )
    assert "chosen after 1 urge" in _page(client, "care:insights", grant)
    moved = log_urge(alice, skill=shared, intensity=8, passed=True)
    log_use(alice, skill=walk, urge=moved)
    assert "chosen after 2 urges" in _page(client, "care:insights", grant)
    alice_client.post(
        reverse("skills:edit", kwargs={"code": shared.code}), _skill_fields(shared, private=True)
    )
    assert "chosen after 1 urge" in _page(client, "care:insights", grant)
    assert "chosen after 2 urges" in _insights(alice_client)
    assert tallies.tallied(alice) == tallies.count(alice)


def _insights(client) -> str:
    return unescape(client.get(reverse("journal:insights")).content.decode())


def _skill_fields(skill, **changes) -> dict:
    fields = {
        "name": skill.name,
        "kind": skill.kind,
        "category": skill.category,
        "rock_colour": skill.rock_colour,
        "rock_shape": skill.rock_shape,
        **changes,
    }
    return {name: value for name, value in fields.items() if value not in (False, None)}


def test_deleting_a_private_skill_does_not_share_the_urges_that_pulled_toward_it(
    client, alice, bob, walk
):
    hidden = skill_create(owner=alice, name="Hidden habit", kind=Kind.NEGATIVE, private=True)
    UrgeLog.objects.create(owner=alice, intensity=9, skill=hidden, note="private urge note")
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    before = _page(client, "care:journal", grant)
    assert "private urge note" not in before

    client.force_login(alice)
    client.post(reverse("skills:delete", kwargs={"code": hidden.code}))
    assert UrgeLog.objects.filter(note="private urge note", skill__isnull=True).exists()

    client.force_login(bob)
    journal = _page(client, "care:journal", grant)
    diary = _page(client, "care:diary", grant)
    assert "private urge note" not in journal
    assert "9 out of 10" not in journal
    assert "private urge note" not in diary
    assert "Other urges" not in diary


# --- What the person keeps --------------------------------------------------------------


def test_a_deleted_therapist_account_leaves_the_persons_access_log(client, alice, bob):
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    client.get(reverse("care:jars", kwargs={"code": grant.code}))
    assert AccessLogEntry.objects.filter(owner=alice).count() == 1

    bob.delete()

    assert AccessLogEntry.objects.filter(owner=alice).count() == 1
    assert ShareGrant.objects.filter(owner=alice).exists()
    client.force_login(alice)
    seen = unescape(client.get(reverse("sharing:seen")).content.decode())
    assert "Nobody has seen anything of yours." not in seen


# --- Guessing and odd input --------------------------------------------------------------


def test_guessing_invitation_codes_is_limited(client, alice, bob):
    _grant, code = grant_invite(owner=alice, shown_name="Al", scope="everything", length="open")
    client.force_login(bob)
    for n in range(50):
        client.post(reverse("care:redeem"), {"invite_code": f"ZZZZ-{n:04d}"})

    # After 50 wrong codes in a row, a 51st try is refused whatever it holds, the way the
    # login form pauses after repeated wrong passwords.
    client.post(reverse("care:redeem"), {"invite_code": code})
    assert ShareGrant.objects.get(owner=alice).redeemed_at is None


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo"])
def test_a_date_at_the_calendars_edge_gets_a_message_not_an_error(client, alice, bob, zone):
    alice.time_zone = zone
    alice.save()
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(alice)
    posted = client.post(
        reverse("journal:urge_new"), {"intensity": 4, "occurred_at": "0001-01-01T12:00"}
    )
    assert posted.status_code == 200
    assert "Pick a date from 1900 on." in posted.content.decode()
    assert not UrgeLog.objects.exists()
    assert client.get(reverse("journal:journal")).status_code == 200
    client.force_login(bob)
    assert client.get(reverse("care:journal", kwargs={"code": grant.code})).status_code == 200


def test_a_malformed_skill_code_on_the_safety_plan_changes_nothing(alice_client, walk):
    response = alice_client.post(
        reverse("safety:plan"), {"section": "on_my_own", "add_skill": "not-a-uuid"}
    )
    assert response.status_code == 302
    plan = alice_client.get(reverse("safety:plan")).content.decode()
    assert "not-a-uuid" not in plan


# --- Private pages stay out of caches -------------------------------------------------------


def test_private_pages_tell_the_browser_not_to_store_them(client, alice, bob, usage):
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    pages = [
        client.get(reverse(n, kwargs={"code": grant.code}))
        for n in ("care:jars", "care:journal", "care:diary")
    ]
    client.force_login(alice)
    pages += [client.get(reverse(n)) for n in ("journal:journal", "safety:plan", "sharing:seen")]
    for response in pages:
        assert response.status_code == 200
        assert "no-store" in response.get("Cache-Control", ""), response.request["PATH_INFO"]


# --- Behind a proxy, the visitor's own address counts -----------------------------------------


def test_behind_a_proxy_login_lockouts_count_the_real_client_address():
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "copejar.settings",
        "DJANGO_DEBUG": "true",
        "DJANGO_BEHIND_TLS_PROXY": "true",
    }
    script = (
        "import django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "from axes.helpers import get_client_ip_address\n"
        "r = RequestFactory().get('/', REMOTE_ADDR='10.0.0.1',"
        " HTTP_X_FORWARDED_FOR='203.0.113.7', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(get_client_ip_address(r))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # With every request coming from the proxy, 8 wrong passwords from anyone anywhere lock
    # the account for everyone for an hour.
    assert result.stdout.strip() == "203.0.113.7"
