"""Consent is the only door: invitations, scope, expiry, revocation and the access log."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from copejar.accounts.models import User
from copejar.sharing.models import (
    AccessLogEntry,
    RedeemAttempt,
    ShareGrant,
    SkillSuggestion,
    hash_invite_code,
)
from copejar.sharing.services import grant_invite, grant_redeem
from journal.models import UrgeLog, UsageLog
from skills.models import CopingSkill, Kind
from skills.services import skill_create
from tests.conftest import log_urge, log_use, make_grant

SECRET = "PLANTED-NOTE-7f3a"
HTMX = {"HX-Request": "true"}


def _invite(client, **overrides):
    data = {"shown_name": "Al", "scope": "logs", "length": "month", **overrides}
    return client.post(reverse("sharing:list"), data)


def test_an_invitation_shows_its_code_once_and_keeps_only_a_hash(alice_client, alice):
    response = _invite(alice_client)
    grant = ShareGrant.objects.get(owner=alice)
    assert response["Location"] == reverse("sharing:detail", kwargs={"code": grant.code})
    first = unescape(alice_client.get(response["Location"]).content.decode())
    code = first.split('class="invite-code"')[1].split(">")[1].split("<")[0]
    assert len(code) == 9
    # The code rides after "#", which browsers keep to themselves: no server log holds it.
    assert f"/care/redeem/#code={code}" in first
    assert "?code=" not in first
    assert grant.invite_hash == hash_invite_code(code)
    assert code not in str(ShareGrant.objects.filter(pk=grant.pk).values().get())
    second = alice_client.get(response["Location"]).content.decode()
    assert code not in second


def test_an_invitation_needs_a_name_and_a_scope(alice_client):
    response = _invite(alice_client, shown_name="  ", scope="")
    html = unescape(response.content.decode())
    assert "Give a name for your therapist to see" in html
    assert "Pick what your therapist can see." in html
    assert not ShareGrant.objects.exists()


def test_a_therapist_redeems_a_code_once(client, alice, bob, charlie):
    grant, code = grant_invite(owner=alice, shown_name="Al", scope="jars", length="week")
    client.force_login(bob)
    response = client.post(reverse("care:redeem"), {"invite_code": code.lower().replace("-", " ")})
    assert response["Location"] == reverse("care:jars", kwargs={"code": grant.code})
    grant.refresh_from_db()
    assert grant.therapist == bob
    assert grant.expires_at - grant.redeemed_at == timedelta(days=7)
    charlie.role = "therapist"
    charlie.save()
    client.force_login(charlie)
    again = client.post(reverse("care:redeem"), {"invite_code": code})
    assert "This code does not open anything." in unescape(again.content.decode())


def test_the_code_field_is_marked_for_the_link_to_fill_in(client, bob):
    client.force_login(bob)
    html = client.get(reverse("care:redeem")).content.decode()
    assert 'name="invite_code"' in html and "data-invite-code" in html


def _wrong_codes(client, user, address: str, count: int) -> None:
    client.force_login(user)
    for _ in range(count):
        client.post(reverse("care:redeem"), {"invite_code": "WRON-GGGG"}, REMOTE_ADDR=address)


def _therapist(name: str) -> User:
    return User.objects.create_user(username=name, password="x" * 12, role=User.Role.THERAPIST)


def test_a_therapist_with_a_real_code_gets_in_from_an_address_someone_else_guessed_from(
    client, alice, bob
):
    guessers = [_therapist(f"guesser{n}") for n in range(4)]
    for guesser in guessers:
        _wrong_codes(client, guesser, "203.0.113.9", 9)  # the address passes its limit
    grant, code = grant_invite(owner=alice, shown_name="Al", scope="jars", length="week")

    client.force_login(bob)
    response = client.post(reverse("care:redeem"), {"invite_code": code}, REMOTE_ADDR="203.0.113.9")

    assert response["Location"] == reverse("care:jars", kwargs={"code": grant.code})


def test_at_a_paused_address_an_account_gets_only_a_first_try_or_two(client, bob):
    _wrong_codes(client, _therapist("guesser"), "203.0.113.9", 10)
    _wrong_codes(client, _therapist("helper"), "203.0.113.9", 10)
    _wrong_codes(client, _therapist("third"), "203.0.113.9", 10)

    _wrong_codes(client, bob, "203.0.113.9", 2)
    response = client.post(
        reverse("care:redeem"), {"invite_code": "WRON-GGGG"}, REMOTE_ADDR="203.0.113.9"
    )

    assert "entering codes is paused for an hour" in unescape(response.content.decode())
    assert RedeemAttempt.objects.filter(user=bob).count() == 2


def test_an_account_that_keeps_guessing_is_paused_wherever_it_is(client, bob):
    for n in range(10):
        _wrong_codes(client, bob, f"198.51.100.{n}", 1)
    response = client.post(
        reverse("care:redeem"), {"invite_code": "WRON-GGGG"}, REMOTE_ADDR="192.0.2.1"
    )
    assert "entering codes is paused for an hour" in unescape(response.content.decode())


def test_an_invitation_lapses_after_seven_days(alice, bob):
    _grant, code = grant_invite(owner=alice, shown_name="Al", scope="jars", length="open")
    later = timezone.now() + timedelta(days=7, minutes=1)
    assert grant_redeem(therapist=bob, invite_code=code, now=later) is None


def test_a_cancelled_invitation_cannot_be_redeemed(alice_client, alice, bob):
    grant, code = grant_invite(owner=alice, shown_name="Al", scope="jars", length="open")
    alice_client.post(reverse("sharing:stop", kwargs={"code": grant.code}))
    assert grant_redeem(therapist=bob, invite_code=code) is None


def test_a_person_account_is_told_codes_are_for_therapists(client, alice, charlie):
    _grant, code = grant_invite(owner=alice, shown_name="Al", scope="jars", length="open")
    client.force_login(charlie)
    html = client.get(reverse("care:redeem") + f"?code={code}").content.decode()
    assert "Invitation codes are for therapist accounts." in html
    assert client.post(reverse("care:redeem"), {"invite_code": code}).status_code == 200
    assert ShareGrant.objects.get().therapist is None


def test_revoking_works_on_the_very_next_request(client, alice, bob, walk):
    grant = make_grant(alice, bob, scope="everything")
    url = reverse("care:jars", kwargs={"code": grant.code})
    client.force_login(bob)
    assert client.get(url).status_code == 200
    owner = client.__class__()
    owner.force_login(alice)
    owner.post(reverse("sharing:stop", kwargs={"code": grant.code}))
    assert client.get(url).status_code == 410  # "this share has ended", and nothing more
    assert client.get(reverse("care:dashboard")).content.decode().count("Al</a>") == 0


def test_expiry_works_on_the_very_next_request(client, alice, bob):
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    url = reverse("care:journal", kwargs={"code": grant.code})
    assert client.get(url).status_code == 200
    ShareGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
    assert client.get(url).status_code == 410


def test_narrowing_the_scope_closes_the_journal_at_once(client, alice, bob):
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    url = reverse("care:journal", kwargs={"code": grant.code})
    assert client.get(url).status_code == 200
    owner = client.__class__()
    owner.force_login(alice)
    owner.post(reverse("sharing:scope", kwargs={"code": grant.code}), {"scope": "jars"})
    assert client.get(url).status_code == 404


@pytest.fixture
def planted(alice, walk, scrolling):
    """Alice's entries with a unique note everywhere a note can be, plus a private skill."""
    hidden = skill_create(
        owner=alice,
        name="Secret rock",
        kind=Kind.COPES,
        description=f"desc {SECRET}",
        private=True,
    )
    hidden_negative = skill_create(
        owner=alice, name="Hidden habit", kind=Kind.NEGATIVE, private=True
    )
    walk.description = f"walk {SECRET}"
    walk.save()
    scrolling.what_it_does = f"quiet {SECRET}"
    scrolling.harm_reduction = f"safer {SECRET}"
    scrolling.save()
    urge = UrgeLog.objects.create(owner=alice, intensity=6, skill=scrolling, note=f"urge {SECRET}")
    UsageLog.objects.create(owner=alice, skill=walk, note=f"use {SECRET}", urge=urge)
    UsageLog.objects.create(owner=alice, skill=hidden, note="private use")
    UrgeLog.objects.create(owner=alice, intensity=9, skill=hidden_negative, note="private urge")
    UsageLog.objects.create(
        owner=alice, skill=walk, occurred_at=timezone.now() - timedelta(days=30), note=SECRET
    )
    return hidden


def _everything_a_therapist_can_open(client, grant) -> str:
    pages = []
    for name in ("care:jars", "care:journal", "care:diary"):
        url = reverse(name, kwargs={"code": grant.code})
        pages.append(client.get(url).content.decode())
        pages.append(client.get(url + "?before=2100-01-01&week=2000-01-03").content.decode())
        pages.append(client.get(url + "?before=2100-01-01", headers=HTMX).content.decode())
    pages.append(client.get(reverse("care:dashboard")).content.decode())
    return unescape("\n".join(pages))


@pytest.mark.parametrize("scope", ["jars", "logs"])
def test_notes_never_reach_a_therapist_outside_everything(client, alice, bob, planted, scope):
    grant = make_grant(alice, bob, scope=scope)
    client.force_login(bob)
    seen = _everything_a_therapist_can_open(client, grant)
    assert "Walk the dog" in seen
    assert SECRET not in seen


def test_notes_do_reach_a_therapist_with_everything(client, alice, bob, planted):
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    seen = _everything_a_therapist_can_open(client, grant)
    for text in (f"use {SECRET}", f"urge {SECRET}", f"walk {SECRET}", f"quiet {SECRET}"):
        assert text in seen


@pytest.mark.parametrize(
    ("urge_private", "pull_private", "shown"),
    [(False, False, True), (True, False, False), (False, True, False)],
)
def test_a_shared_use_names_the_urge_it_answered_only_when_that_urge_may_show(
    client, alice, bob, walk, urge_private, pull_private, shown
):
    pull = skill_create(owner=alice, name="Pull", kind=Kind.NEGATIVE, private=pull_private)
    at = timezone.now() - timedelta(hours=1)
    urge = log_urge(alice, intensity=9, skill=pull, private=urge_private, occurred_at=at)
    log_use(alice, skill=walk, urge=urge)
    client.force_login(bob)

    grant = make_grant(alice, bob, scope="logs")
    page = client.get(reverse("care:journal", kwargs={"code": grant.code})).content.decode()

    assert "Walk the dog" in page
    assert ("(9 out of 10)" in page) is shown


@pytest.mark.parametrize("scope", ["jars", "logs", "everything"])
def test_private_skills_never_reach_a_therapist(client, alice, bob, planted, scope):
    grant = make_grant(alice, bob, scope=scope)
    client.force_login(bob)
    seen = _everything_a_therapist_can_open(client, grant)
    for text in ("Secret rock", "Hidden habit", "private use", "private urge", "9 out of 10"):
        assert text not in seen
    # The counts leave them out too: one added rock, one negative rock.
    assert "Jar O' Copes, a jar with a grey screw cap: 1 rock — Walk the dog." in seen
    assert "1 grey rock — Doom-scrolling." in seen


def test_the_log_names_the_week_shown_and_only_suggestions_sent(client, alice, bob):
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    client.get(reverse("care:diary", kwargs={"code": grant.code}) + "?week=2026-03-05")
    client.post(reverse("care:suggest", kwargs={"code": grant.code}), {"name": ""})
    client.post(reverse("care:suggest", kwargs={"code": grant.code}), {"name": "Yoga"})
    pages = list(AccessLogEntry.objects.order_by("id").values_list("page", "detail"))
    assert pages == [("diary", "2026-03-02"), ("suggestion", "")]


def test_the_access_log_speaks_in_human_dates(client, alice, bob):
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    client.get(reverse("care:diary", kwargs={"code": grant.code}) + "?week=2026-03-05")
    client.get(reverse("care:insights_year", kwargs={"code": grant.code}))
    client.force_login(alice)
    html = unescape(client.get(reverse("sharing:seen")).content.decode())
    assert "bob saw your weekly diary card (the week of Monday 2 March 2026)" in html
    assert "bob saw your insights (the year in rocks)" in html
    text = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1].split("</main>")[0])
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b|\bW\d{1,2}\b", text), text


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "2026-02-30", "soon"])
def test_any_week_in_the_address_gives_a_card(client, alice, bob, week):
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    response = client.get(reverse("care:diary", kwargs={"code": grant.code}) + f"?week={week}")
    assert response.status_code == 200


def test_the_person_sees_every_view_newest_first_without_notes(client, alice, bob, planted):
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    client.get(reverse("care:jars", kwargs={"code": grant.code}))
    client.get(reverse("care:diary", kwargs={"code": grant.code}))
    assert AccessLogEntry.objects.filter(owner=alice).count() == 2
    client.force_login(alice)
    html = unescape(client.get(reverse("sharing:seen")).content.decode())
    assert html.index("bob saw your weekly diary card") < html.index("bob saw your jars")
    assert SECRET not in html


def test_a_therapist_cannot_read_the_log(client, alice, bob):
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    client.get(reverse("care:jars", kwargs={"code": grant.code}))
    html = client.get(reverse("sharing:seen")).content.decode()
    assert "Nobody has seen anything of yours." in html


def test_the_sharing_page_lists_scope_dates_and_last_view(client, alice, bob):
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    client.get(reverse("care:jars", kwargs={"code": grant.code}))
    client.force_login(alice)
    html = unescape(client.get(reverse("sharing:list")).content.decode())
    assert "Jars and logs, without my notes" in html
    assert "Stop sharing with bob" in html
    assert timezone.localtime(grant.expires_at).strftime("%-d %b %Y") in html
    assert "not yet" not in html


def test_the_dashboard_lists_people_with_their_last_entry(client, alice, bob, usage):
    make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    html = unescape(client.get(reverse("care:dashboard")).content.decode())
    assert "Al</a>" in html
    assert "Jars and logs, without notes" in html
    assert timezone.localtime(usage.occurred_at).strftime("%-d %b %Y") in html
    assert AccessLogEntry.objects.filter(owner=alice, page="dashboard").count() == 1


def test_a_suggestion_becomes_a_rock_only_when_the_person_adds_it(client, alice, bob):
    grant = make_grant(alice, bob, scope="jars")
    client.force_login(bob)
    client.post(
        reverse("care:suggest", kwargs={"code": grant.code}),
        {"name": "Box breathing", "category": "grounding", "why": "Calms the body."},
    )
    assert not CopingSkill.objects.filter(owner=alice).exists()
    client.force_login(alice)
    jars = unescape(client.get(reverse("jars")).content.decode())
    assert "Box breathing" in jars and "from bob" in jars
    suggestion = SkillSuggestion.objects.get()
    client.post(
        reverse("sharing:suggestion", kwargs={"code": suggestion.code}), {"decision": "add"}
    )
    skill = CopingSkill.objects.get(owner=alice)
    assert (skill.name, skill.kind, skill.category) == ("Box breathing", "copes", "grounding")
    assert "from bob" not in client.get(reverse("jars")).content.decode()


def test_a_suggestion_can_be_dismissed(client, alice, bob):
    suggestion = SkillSuggestion.objects.create(
        owner=alice, therapist=bob, grant=make_grant(alice, bob), name="Yoga"
    )
    client.force_login(alice)
    url = reverse("sharing:suggestion", kwargs={"code": suggestion.code})
    client.post(url, {"decision": "explode"})
    assert SkillSuggestion.objects.get().decided_at is None
    client.post(url, {"decision": "dismiss"})
    assert not CopingSkill.objects.exists()
    assert SkillSuggestion.objects.get().decided_at is not None


def test_a_suggestion_without_a_name_gets_a_kind_message(client, alice, bob):
    grant = make_grant(alice, bob, scope="jars")
    client.force_login(bob)
    response = client.post(reverse("care:suggest", kwargs={"code": grant.code}), {"name": " "})
    assert "Give the skill a name" in response.content.decode()
    assert not SkillSuggestion.objects.exists()


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_after_a_share_ends_the_therapist_is_told_so_and_nothing_more(client, alice, bob, state):
    grant = make_grant(alice, bob, scope="everything", state=state)
    client.force_login(bob)
    for name in ("care:jars", "care:journal", "care:diary", "care:insights"):
        response = client.get(reverse(name, kwargs={"code": grant.code}))
        html = response.content.decode()
        assert response.status_code == 410
        assert "This share has ended" in html
        assert "alice" not in html and ">Al<" not in html and "Al\u2019s" not in html
    assert not AccessLogEntry.objects.exists()


def test_a_share_never_held_stays_a_plain_404(client, alice, bob, db):
    other = User.objects.create_user(username="dora", password="x" * 12, role="therapist")
    grant = make_grant(alice, bob, scope="everything", state="revoked")
    client.force_login(other)
    response = client.get(reverse("care:jars", kwargs={"code": grant.code}))
    assert response.status_code == 404
    assert "This share has ended" not in response.content.decode()
    client.force_login(bob)
    missing = reverse("care:jars", kwargs={"code": "00000000-0000-4000-8000-000000000000"})
    assert client.get(missing).status_code == 404
