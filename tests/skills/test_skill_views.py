"""Keeping coping skills: add, edit, put aside, bring back, delete, and one-tap ideas."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from journal.models import UrgeLog, UsageLog
from skills import palette
from skills.models import CopingSkill, Kind
from skills.services import skill_create
from tests.conftest import as_read, log_use


def test_it_adds_a_skill_with_a_rock_picked_for_it(alice_client, alice):
    response = alice_client.post(
        reverse("skills:new"), {"name": "  Call   Sam ", "kind": "copes", "category": "connection"}
    )
    skill = CopingSkill.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == skill.get_absolute_url()
    assert skill.name == "Call Sam"
    assert skill.rock_colour in palette.COLOURS
    assert skill.rock_shape in palette.SHAPES


def test_a_negative_rock_is_always_grey(alice_client, alice):
    alice_client.post(
        reverse("skills:new"),
        {
            "name": "Drinking",
            "kind": "negative",
            "rock_colour": "coral",
            "rock_shape": "diamond",
            "what_it_does": "Slows my thoughts down.",
            "not_ready": "on",
        },
    )
    skill = CopingSkill.objects.get(owner=alice)
    assert skill.rock_colour in palette.GREYS
    assert skill.rock_shape == "diamond"
    assert skill.not_ready is True
    page = alice_client.get(skill.get_absolute_url()).content.decode()
    assert "Slows my thoughts down." in page
    assert "not ready to change" in page


def test_it_keeps_a_chosen_colour_that_fits(alice_client, alice):
    alice_client.post(
        reverse("skills:new"), {"name": "Sketch", "kind": "copes", "rock_colour": "violet"}
    )
    assert CopingSkill.objects.get(owner=alice).rock_colour == "violet"


def test_a_missing_name_gets_a_kind_message_and_keeps_the_rest(alice_client, alice):
    response = alice_client.post(
        reverse("skills:new"), {"name": "   ", "kind": "copes", "description": "Keep me"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give this skill a name" in html
    assert "Keep me" in html
    assert not CopingSkill.objects.exists()


def test_it_edits_a_skill(alice_client, walk):
    response = alice_client.post(
        reverse("skills:edit", kwargs={"code": walk.code}),
        {"name": "Walk Rufus", "kind": "copes", "rock_colour": "sky", "rock_shape": "round"},
    )
    walk.refresh_from_db()
    assert response.status_code == 302
    assert (walk.name, walk.rock_colour, walk.rock_shape) == ("Walk Rufus", "sky", "round")


def test_moving_a_rock_to_the_other_jar_repaints_it(alice_client, walk):
    alice_client.post(
        reverse("skills:edit", kwargs={"code": walk.code}),
        {"name": walk.name, "kind": "negative", "rock_colour": walk.rock_colour},
    )
    walk.refresh_from_db()
    assert walk.kind == Kind.NEGATIVE
    assert walk.rock_colour in palette.GREYS


def test_putting_aside_keeps_everything_and_can_be_undone(alice_client, walk, usage):
    url = reverse("skills:archive", kwargs={"code": walk.code})
    alice_client.post(url, {"archived": "1"})
    walk.refresh_from_db()
    assert walk.is_archived
    assert UsageLog.objects.filter(skill=walk).count() == 1
    jars = alice_client.get(reverse("jars")).content.decode()
    assert "waiting for its first rock" in jars
    alice_client.post(url, {"archived": "0"})
    walk.refresh_from_db()
    assert not walk.is_archived


def test_archive_rejects_get(alice_client, walk):
    assert (
        alice_client.get(reverse("skills:archive", kwargs={"code": walk.code})).status_code == 405
    )


def test_delete_says_what_will_go(alice_client, walk, usage):
    page = alice_client.get(reverse("skills:delete", kwargs={"code": walk.code})).content.decode()
    assert "1 logged use of it" in page
    assert "putting it aside keeps everything" in page


def test_delete_takes_the_skill_and_its_uses_but_keeps_urges(alice_client, scrolling, urge):
    used = UsageLog.objects.create(owner=scrolling.owner, skill=scrolling, urge=urge)
    response = alice_client.post(reverse("skills:delete", kwargs={"code": scrolling.code}))
    assert response.status_code == 302
    assert not CopingSkill.objects.filter(pk=scrolling.pk).exists()
    assert not UsageLog.objects.filter(pk=used.pk).exists()
    urge.refresh_from_db()
    assert urge.skill is None


def test_first_rocks_lead_the_jars_page_while_the_jar_o_copes_is_new(alice_client, scrolling):
    page = alice_client.get(reverse("jars")).content.decode()
    assert page.index("Your first rocks") < page.index('class="jars"')
    assert "Your Jar O&#x27; Copes is waiting for its first rock." in page
    assert "Box breathing" in page


def test_first_rocks_step_back_once_the_jar_has_three(alice_client, alice, scrolling):
    for key in ("walk", "box-breathing"):
        alice_client.post(reverse("skills:ideas"), {"starter": key})
    page = alice_client.get(reverse("jars")).content.decode()
    assert "Your first rocks" in page
    assert "2 rocks in your Jar O&#x27; Copes so far." in page
    alice_client.post(reverse("skills:ideas"), {"starter": "text-friend"})
    page = alice_client.get(reverse("jars")).content.decode()
    assert "Your first rocks" not in page
    assert "waiting for its first rock" not in page


def test_an_idea_is_added_with_one_tap_in_place(alice_client, alice):
    response = alice_client.post(
        reverse("skills:ideas"), {"starter": "box-breathing"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<li class="idea" id="idea-box-breathing">')
    assert "Box breathing is </span>In your jar now" in html
    assert "first-rocks-progress" not in html  # only the jars page shows the progress
    skill = CopingSkill.objects.get(owner=alice)
    assert (skill.name, skill.kind, skill.category) == ("Box breathing", "copes", "grounding")


def test_an_idea_added_on_the_jars_page_says_how_far_the_jar_has_come(alice_client, walk, alice):
    skill_create(owner=alice, name="Call Sam", kind="copes")
    response = alice_client.post(
        reverse("skills:ideas"),
        {"starter": "box-breathing", "next": "jars"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert '<p id="first-rocks-progress" hx-swap-oob="true">3 rocks in your Jar O' in html
    assert "waiting for its first rock" not in html


def test_an_idea_added_twice_is_one_rock(alice_client, alice):
    for _ in range(2):
        alice_client.post(reverse("skills:ideas"), {"starter": "walk"})
    assert CopingSkill.objects.filter(owner=alice).count() == 1


def test_an_idea_added_in_one_language_is_still_in_the_jar_in_another(alice_client, alice):
    alice_client.post(reverse("skills:ideas"), {"starter": "box-breathing"})
    alice.language = "es"
    alice.save(update_fields=["language"])

    ideas = unescape(alice_client.get(reverse("skills:ideas")).content.decode())
    jars = unescape(alice_client.get(reverse("jars")).content.decode())
    alice_client.post(reverse("skills:ideas"), {"starter": "box-breathing"})

    for page in (ideas, jars):
        idea = as_read(page).split('id="idea-box-breathing">', 1)[1].split("</li>", 1)[0]
        assert "Respiración cuadrada" in idea
        assert "En tu tarro" in idea and "<form" not in idea
    assert list(CopingSkill.objects.filter(owner=alice).values_list("name", flat=True)) == [
        "Box breathing"
    ]


@pytest.mark.parametrize(("where", "page"), [("jars", "jars"), ("ideas", "skills:ideas")])
def test_an_idea_without_javascript_returns_to_the_same_idea(alice_client, where, page):
    response = alice_client.post(reverse("skills:ideas"), {"starter": "walk", "next": where})
    assert response["Location"] == reverse(page) + "?added=walk#idea-walk"
    html = alice_client.get(response["Location"]).content.decode()
    item = html.split('id="idea-walk"', 1)[1].split("</li>", 1)[0]
    assert "Go for a walk is </span>In your jar now" in item


def test_an_unknown_idea_is_a_kind_message(alice_client, alice):
    response = alice_client.post(reverse("skills:ideas"), {"starter": "nope"}, follow=True)
    assert "That idea is not on the list any more." in response.content.decode()
    assert not CopingSkill.objects.exists()


def test_the_skill_list_groups_by_jar(alice_client, walk, scrolling):
    html = alice_client.get(reverse("skills:list")).content.decode()
    assert html.index("Walk the dog") < html.index("Doom-scrolling")


def test_a_stranger_cannot_log_against_someone_elses_skill(client, charlie, walk):
    client.force_login(charlie)
    response = client.post(reverse("journal:usage_new"), {"skill": walk.code})
    assert response.status_code == 200
    assert "Pick one of your skills" in response.content.decode()
    assert not UsageLog.objects.exists()
    assert not UrgeLog.objects.exists()


def test_a_rock_not_ready_to_change_gets_no_prompt_toward_alternatives(alice_client, scrolling):
    url = scrolling.get_absolute_url()
    assert "None linked yet." in alice_client.get(url).content.decode()
    scrolling.not_ready = True
    scrolling.save()
    html = alice_client.get(url).content.decode()
    assert "Marked as not ready to change. That is respected here." in html
    assert "None linked yet." not in html
    assert "no rocks to link yet" not in html
    assert reverse("skills:ideas") not in html.split("<main", 1)[1]


def test_a_skills_story_counts_one_use_as_one_time(alice_client, walk):
    log_use(walk.owner, skill=walk)
    page = as_read(alice_client.get(walk.get_absolute_url()).content.decode())
    assert "Used in 1 week of the last 52. 1 time in all." in page


def test_a_skill_put_aside_is_not_offered_for_logging(alice_client, walk):
    alice_client.post(reverse("skills:archive", kwargs={"code": walk.code}))
    page = alice_client.get(walk.get_absolute_url()).content.decode()
    assert "Log a use" not in page
    assert reverse("journal:usage_new") not in page
