"""A form sent twice (a double tap, a resend) makes one record; a form drawn again makes another.

Each creating page is read as a browser reads it: the key comes from the form it drew.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import pytest
from django.urls import reverse

from copejar.sharing.models import SUGGESTIONS_WAITING_PER_SHARE, ShareGrant, SkillSuggestion
from copejar.sharing.services import suggestion_make
from journal.models import UrgeLog, UsageLog
from skills.models import CopingSkill
from tests.conftest import make_grant

KEY = re.compile(r'name="once" value="([^"]+)"')


@dataclass
class Page:
    shown: str  # where the form is drawn
    sent: str  # where it posts
    data: dict
    made: object  # a queryset of what it makes


@pytest.fixture
def pages(alice, bob, walk) -> dict[str, Page]:
    grant = make_grant(alice, bob)
    suggest = reverse("care:suggest", kwargs={"code": grant.code})
    return {
        "urge": Page(
            reverse("journal:urge_new"), reverse("journal:urge_new"), {"intensity": 6}, UrgeLog
        ),
        "usage": Page(
            reverse("journal:usage_new"),
            reverse("journal:usage_new"),
            {"skill": walk.code},
            UsageLog,
        ),
        "skill": Page(
            reverse("skills:new"),
            reverse("skills:new"),
            {"name": "Call Sam", "kind": "copes"},
            CopingSkill.objects.filter(name="Call Sam"),
        ),
        "invitation": Page(
            reverse("sharing:list"),
            reverse("sharing:list"),
            {"shown_name": "Al", "scope": "jars", "length": "week"},
            ShareGrant.objects.exclude(pk=grant.pk),
        ),
        "suggestion": Page(
            reverse("care:jars", kwargs={"code": grant.code}),
            suggest,
            {"name": "Box breathing"},
            SkillSuggestion,
        ),
    }


def _sign_in(client, alice, bob, kind: str) -> None:
    client.force_login(bob if kind == "suggestion" else alice)


def _drawn_key(client, page: Page) -> str:
    html = client.get(page.shown).content.decode()
    keys = KEY.findall(html)
    assert keys, f"{page.shown} draws no one-time key"
    return keys[-1]


def _count(made) -> int:
    return made.objects.count() if isinstance(made, type) else made.count()


FORMS = ["urge", "usage", "skill", "invitation", "suggestion"]


@pytest.mark.parametrize("kind", FORMS)
def test_one_form_sent_twice_makes_one_and_lands_where_the_first_did(
    client, alice, bob, pages, kind
):
    page = pages[kind]
    _sign_in(client, alice, bob, kind)
    key = _drawn_key(client, page)
    first = client.post(page.sent, {**page.data, "once": key})
    again = client.post(page.sent, {**page.data, "once": key})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert _count(page.made) == 1


@pytest.mark.parametrize("kind", FORMS)
def test_the_form_drawn_again_makes_another(client, alice, bob, pages, kind):
    page = pages[kind]
    _sign_in(client, alice, bob, kind)
    first, second = _drawn_key(client, page), _drawn_key(client, page)
    assert first != second
    client.post(page.sent, {**page.data, "once": first})
    client.post(page.sent, {**page.data, "once": second})
    assert _count(page.made) == 2


def test_an_invitation_sent_twice_still_shows_its_code(client, alice):
    client.force_login(alice)
    key = _drawn_key(client, Page(reverse("sharing:list"), "", {}, None))
    data = {"shown_name": "Al", "scope": "jars", "length": "week", "once": key}
    client.post(reverse("sharing:list"), data)
    again = client.post(reverse("sharing:list"), data)
    page = unescape(client.get(again["Location"]).content.decode())
    assert "Give your therapist this code" in page
    assert "#code=" in page


def test_the_last_free_suggestion_sent_twice_is_not_refused_the_second_time(client, alice, bob):
    grant = make_grant(alice, bob)
    for n in range(SUGGESTIONS_WAITING_PER_SHARE - 1):
        suggestion_make(grant=grant, name=f"Idea {n}", category="", why="")
    client.force_login(bob)
    key = _drawn_key(client, Page(reverse("care:jars", kwargs={"code": grant.code}), "", {}, None))
    suggest = reverse("care:suggest", kwargs={"code": grant.code})
    client.post(suggest, {"name": "Last one", "once": key})
    again = client.post(suggest, {"name": "Last one", "once": key})
    # The share is full now, but this is the suggestion already made, not a new one.
    assert again.status_code == 302
    assert SkillSuggestion.objects.filter(name="Last one").count() == 1


def test_a_skill_sent_twice_says_it_is_in_the_jar_once(client, alice):
    client.force_login(alice)
    key = _drawn_key(client, Page(reverse("skills:new"), "", {}, None))
    data = {"name": "Call Sam", "kind": "copes", "once": key}
    client.post(reverse("skills:new"), data)
    again = client.post(reverse("skills:new"), data, follow=True)
    page = unescape(again.content.decode())
    assert page.count("Call Sam is in your Jar O' Copes now.") == 1
