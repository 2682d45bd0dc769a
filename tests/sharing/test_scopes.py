"""Each scope shows what it says: the jars only, logs without words, or everything, and the
person can see exactly what a therapist with each scope sees before inviting anyone."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from copejar.sharing.window import window_for_scope
from journal.jars import jars_for
from skills.models import Kind
from skills.services import skill_create
from tests.conftest import log_urge, log_use, make_grant


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


@pytest.fixture
def busy(alice, walk, scrolling, urge, usage):
    for _ in range(5):
        log_use(alice, skill=walk)
    return alice


def test_the_jars_only_scope_shows_no_counts_sizes_or_balance(client, busy, bob, walk):
    grant = make_grant(busy, bob, scope="jars")
    client.force_login(bob)
    url = reverse("care:jars", kwargs={"code": grant.code}) + "?jar=copes"
    html = unescape(client.get(url).content.decode())
    assert "Walk the dog" in html
    assert not re.search(r"\d+ uses?\b", html)
    assert "times in the last 30 days" not in html
    assert "logged choice" not in html  # the balance sentence


def test_the_jars_only_window_sizes_no_rock_by_use(busy):
    jars = jars_for(window_for_scope(busy, "jars"), now=timezone.now())
    rocks = [*jars.negative.rocks, *jars.copes.rocks]
    assert rocks and all(rock.uses == 0 for rock in rocks)
    mine = jars_for(window_for_scope(busy, "logs"), now=timezone.now())
    assert max(rock.uses for rock in mine.copes.rocks) == 6


def test_the_logs_scope_sizes_rocks_by_use(client, busy, bob):
    grant = make_grant(busy, bob, scope="logs")
    client.force_login(bob)
    url = reverse("care:jars", kwargs={"code": grant.code}) + "?jar=copes"
    html = unescape(client.get(url).content.decode())
    assert "(6 uses)" in html
    assert "logged choices came from the Jar O' Copes" in html


@pytest.mark.parametrize("scope", ["jars", "logs", "everything"])
def test_the_preview_shows_exactly_what_that_therapist_sees(client, busy, bob, scope):
    grant = make_grant(busy, bob, scope=scope)
    client.force_login(bob)
    therapist = {
        page: client.get(reverse(f"care:{page}", kwargs={"code": grant.code}))
        for page in ("jars", "journal", "diary")
    }
    client.force_login(busy)
    preview = {
        page: client.get(reverse(f"sharing:preview_{page}", kwargs={"scope": scope}))
        for page in ("jars", "journal", "diary")
    }
    for page in ("jars", "journal", "diary"):
        assert preview[page].status_code == therapist[page].status_code, page
    mine, theirs = preview["jars"].content.decode(), therapist["jars"].content.decode()
    jars = [_between(html, '<div class="jars"', '<dl class="jar-key">') for html in (mine, theirs)]
    assert jars[0] == jars[1]
    if scope != "jars":
        mine, theirs = preview["journal"].content.decode(), therapist["journal"].content.decode()
        feeds = [_between(html, 'id="feed"', "</main>").strip() for html in (mine, theirs)]
        assert feeds[0] == feeds[1]
    assert "A preview" in unescape(preview["jars"].content.decode())


def test_the_sharing_page_offers_a_preview_of_each_scope(alice_client):
    html = alice_client.get(reverse("sharing:list")).content.decode()
    for scope in ("jars", "logs", "everything"):
        assert reverse("sharing:preview_jars", kwargs={"scope": scope}) in html


def test_the_list_of_people_dates_only_what_the_therapist_may_see(client, alice, bob, walk):
    hidden = skill_create(owner=alice, name="Hidden", kind=Kind.NEGATIVE, private=True)
    log_use(alice, skill=walk, occurred_at=timezone.now() - timedelta(days=40))
    log_urge(alice, intensity=8, skill=hidden)  # today, but about a private skill
    make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    html = client.get(reverse("care:dashboard")).content.decode()
    shown = timezone.localtime(timezone.now() - timedelta(days=40)).date()
    assert date_format(shown, "j M Y") in html
    assert date_format(timezone.localdate(), "j M Y") not in html


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_an_ended_share_keeps_its_scope_and_says_so(alice_client, alice, bob, state):
    grant = make_grant(alice, bob, scope="jars", state=state)
    response = alice_client.post(
        reverse("sharing:scope", kwargs={"code": grant.code}), {"scope": "everything"}, follow=True
    )
    page = unescape(response.content.decode())
    assert "This sharing has ended, so nothing changed." in page
    assert "Sharing changed to" not in page
    grant.refresh_from_db()
    assert grant.scope == "jars"
