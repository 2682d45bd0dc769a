"""What a surf offers: linked alternatives first, then what helped most, then the rest."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import UsageLog
from journal.surf.services import surf_start
from journal.surf.summary import surf_choices
from skills.models import Kind
from skills.services import skill_create, skill_set_alternatives


@pytest.fixture
def jar(alice, scrolling):
    """Alice's Jar O' Copes: two alternatives to scrolling, two rated skills, two unrated."""
    made = {
        name: skill_create(owner=alice, name=name, kind=Kind.COPES)
        for name in ["Call Sam", "Bath", "Tea", "Yoga", "Draw", "Music"]
    }
    skill_set_alternatives(skill=scrolling, alternatives=[made["Call Sam"], made["Yoga"]])
    for name, ratings in {"Tea": [4, 4], "Bath": [1, 3], "Yoga": [0], "Call Sam": [2]}.items():
        for helped in ratings:
            UsageLog.objects.create(owner=alice, skill=made[name], helped=helped)
    UsageLog.objects.create(owner=alice, skill=made["Music"])  # used, never rated
    return made


def _names(skills) -> list[str]:
    return [skill.name for skill in skills]


def test_alternatives_come_first_then_the_most_helpful_then_the_rest(alice, scrolling, jar):
    urge = surf_start(owner=alice, intensity=7, minutes=10, skill=scrolling)
    assert _names(surf_choices(alice, urge)) == [
        "Call Sam",  # alternative, helped 2 on average
        "Yoga",  # alternative, helped 0
        "Tea",  # helped 4
        "Bath",  # helped 2
        "Draw",  # never rated, by name
        "Music",
    ]


def test_without_a_skill_the_most_helpful_come_first(alice, jar):
    urge = surf_start(owner=alice, intensity=7, minutes=10)
    assert _names(surf_choices(alice, urge)) == ["Tea", "Bath", "Call Sam", "Yoga", "Draw", "Music"]


def test_only_the_persons_own_active_jar_o_copes_skills_are_offered(alice, charlie, scrolling, jar):
    jar["Draw"].archived_at = timezone.now()
    jar["Draw"].save()
    skill_create(owner=charlie, name="Charlie's walk", kind=Kind.COPES)
    urge = surf_start(owner=alice, intensity=7, minutes=10, skill=scrolling)
    names = _names(surf_choices(alice, urge))
    assert "Draw" not in names
    assert "Charlie's walk" not in names
    assert "Doom-scrolling" not in names
    assert len(names) == 5


def test_the_surf_page_offers_the_choices_in_that_order(alice_client, alice, scrolling, jar):
    urge = surf_start(owner=alice, intensity=7, minutes=10, skill=scrolling)
    html = unescape(
        alice_client.get(reverse("journal:surf", kwargs={"code": urge.code})).content.decode()
    )
    chip = r'name="choice" value="[^"]+" class="chip">.*?</svg><span class="chip-name">([^<]+)<'
    offered = re.findall(chip, html)
    assert offered == ["Call Sam", "Yoga", "Tea", "Bath", "Draw", "Music"]
    assert html.count('class="chip-tag">alternative<') == 2


def test_harm_reduction_notes_are_shown_plainly_after_the_alternatives(
    alice_client, alice, scrolling, jar
):
    scrolling.harm_reduction = "Set a ten-minute timer first."
    scrolling.save()
    urge = surf_start(owner=alice, intensity=7, minutes=10, skill=scrolling)
    html = unescape(
        alice_client.get(reverse("journal:surf", kwargs={"code": urge.code})).content.decode()
    )
    assert "If I do reach for Doom-scrolling" in html
    assert "Set a ten-minute timer first." in html
    assert html.index('value="' + str(jar["Call Sam"].code)) < html.index("Set a ten-minute timer")


def test_no_notes_show_for_an_urge_toward_nothing_in_particular(alice_client, alice, scrolling):
    scrolling.harm_reduction = "Set a ten-minute timer first."
    scrolling.save()
    urge = surf_start(owner=alice, intensity=7, minutes=10)
    html = unescape(
        alice_client.get(reverse("journal:surf", kwargs={"code": urge.code})).content.decode()
    )
    assert "Set a ten-minute timer first." not in html
    assert "If I do reach for" not in html


def test_an_empty_jar_points_to_ideas_instead_of_choices(alice_client, alice):
    urge = surf_start(owner=alice, intensity=3, minutes=5)
    html = unescape(
        alice_client.get(reverse("journal:surf", kwargs={"code": urge.code})).content.decode()
    )
    assert 'name="choice"' not in html
    assert reverse("skills:ideas") in html
    assert 'name="outcome" value="passed"' in html
