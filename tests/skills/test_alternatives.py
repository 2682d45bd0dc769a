"""Linking a negative skill to kinder alternatives from the person's own Jar O' Copes."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from skills.models import Kind
from skills.services import skill_create, skill_set_alternatives
from tests.conftest import as_read

HTMX = {"HX-Request": "true"}


@pytest.fixture
def tea(alice):
    return skill_create(owner=alice, name="Make tea", kind=Kind.COPES)


def _url(skill) -> str:
    return reverse("skills:alternatives", kwargs={"code": skill.code})


def test_it_links_alternatives_from_the_jar_o_copes(alice_client, scrolling, walk, tea):
    response = alice_client.post(_url(scrolling), {"alternatives": [walk.code, tea.code]})
    assert response.status_code == 302
    assert response["Location"] == scrolling.get_absolute_url() + "#alternatives"
    assert set(scrolling.alternatives.all()) == {walk, tea}
    page = unescape(alice_client.get(response["Location"]).content.decode())
    assert "Alternatives saved." in page
    assert "When you ride out an urge toward this, these are offered first:" in page


def test_unticking_all_of_them_unlinks_them(alice_client, scrolling, walk):
    skill_set_alternatives(skill=scrolling, alternatives=[walk])
    alice_client.post(_url(scrolling), {})
    assert not scrolling.alternatives.exists()


def test_a_strangers_skill_code_is_refused(alice_client, charlie, scrolling, walk):
    theirs = skill_create(owner=charlie, name="Charlie's walk", kind=Kind.COPES)
    response = alice_client.post(_url(scrolling), {"alternatives": [walk.code, theirs.code]})
    assert response.status_code == 200
    assert "Pick skills from your own Jar O' Copes." in unescape(response.content.decode())
    assert not scrolling.alternatives.exists()


@pytest.mark.parametrize("what", ["negative", "archived"])
def test_only_active_jar_o_copes_skills_can_be_alternatives(alice_client, alice, scrolling, what):
    other = skill_create(
        owner=alice, name="Other", kind=Kind.NEGATIVE if what == "negative" else Kind.COPES
    )
    if what == "archived":
        other.archived_at = timezone.now()
        other.save()
    response = alice_client.post(_url(scrolling), {"alternatives": [other.code]})
    assert "Pick skills from your own Jar O' Copes." in unescape(response.content.decode())
    assert not scrolling.alternatives.exists()


def test_a_stranger_cannot_link_alternatives_to_someone_elses_skill(client, charlie, scrolling):
    theirs = skill_create(owner=charlie, name="Charlie's walk", kind=Kind.COPES)
    client.force_login(charlie)
    response = client.post(_url(scrolling), {"alternatives": [theirs.code]})
    assert response.status_code == 404
    assert not scrolling.alternatives.exists()


def test_htmx_gets_just_the_alternatives_section(alice_client, scrolling, walk):
    response = alice_client.post(_url(scrolling), {"alternatives": [walk.code]}, headers=HTMX)
    html = unescape(response.content.decode())
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="alternatives"')
    assert "Alternatives saved." in html
    assert walk.get_absolute_url() in html


def test_a_rock_put_aside_stays_linked(alice_client, scrolling, walk, tea):
    skill_set_alternatives(skill=scrolling, alternatives=[walk, tea])
    tea.archived_at = timezone.now()
    tea.save()
    alice_client.post(_url(scrolling), {"alternatives": [walk.code]})
    assert set(scrolling.alternatives.all()) == {walk, tea}


def test_an_added_skill_has_no_alternatives(alice_client, walk, tea):
    response = alice_client.post(_url(walk), {"alternatives": [tea.code]})
    assert response.status_code == 302
    assert not walk.alternatives.exists()


def test_a_negative_skill_page_offers_the_wave_and_the_alternatives_form(
    alice_client, scrolling, walk
):
    html = as_read(alice_client.get(scrolling.get_absolute_url()).content)
    assert "I have an urge to reach for Doom-scrolling" in html
    assert reverse("journal:surf_new") + f"?skill={scrolling.code}" in html
    assert f'<form method="post" action="{_url(scrolling)}" hx-post="{_url(scrolling)}"' in html
    assert f'value="{walk.code}"' in html


def test_an_added_skill_page_has_neither(alice_client, walk):
    html = unescape(alice_client.get(walk.get_absolute_url()).content.decode())
    assert "I have an urge" not in html
    assert 'id="alternatives"' not in html
