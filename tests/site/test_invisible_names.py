"""Names nobody can see: zero-width text and bidi overrides never make a name or a username."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from copejar.accounts.models import User
from copejar.accounts.text import many_lines, one_line, visible_text
from copejar.safety.models import SafetyContact, SafetyPlan
from copejar.sharing.models import ShareGrant, SkillSuggestion
from skills.models import CopingSkill
from tests.conftest import make_grant

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"
PERSIAN_WORD = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want": a joiner inside


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (ZERO_WIDTH, ""),
        ("\u3164\u2800", ""),
        ("\ufe0f", ""),
        (f"{RIGHT_TO_LEFT_OVERRIDE}gnihtemos", "gnihtemos"),
        ("Sam\u200b K.", "Sam K."),
        ("Call\tSam\x00", "Call Sam"),
        ("👩\u200d💻 time", "👩\u200d💻 time"),  # a joiner between two emoji stays
        ("\u200dSam\u200d", "Sam"),  # at either end it goes
        (PERSIAN_WORD, PERSIAN_WORD),  # the non-joiner inside a Persian word stays
    ],
)
def test_a_name_keeps_only_what_can_be_seen(typed, kept):
    assert one_line(typed) == kept


def test_text_of_several_lines_keeps_its_line_breaks():
    assert many_lines("Rufus\u202e\r\nMy sister\x07\n") == "Rufus\nMy sister"


@given(st.text())
def test_no_control_or_format_character_survives_except_a_joiner_between_letters(text):
    for cleaned in (one_line(text), visible_text(text, multiline=True)):
        for index, ch in enumerate(cleaned):
            category = unicodedata.category(ch)
            if ch in "\u200c\u200d":
                assert 0 < index < len(cleaned) - 1
            elif ch != "\n" or cleaned is one_line(text):
                assert category not in ("Cc", "Cf"), (text, cleaned)


@pytest.mark.parametrize("name", [ZERO_WIDTH, RIGHT_TO_LEFT_OVERRIDE * 3, "\u2066\u2069 "])
def test_an_invisible_skill_name_gets_the_fields_message(alice_client, name):
    response = alice_client.post(reverse("skills:new"), {"name": name, "kind": "copes"})

    assert "Give this skill a name, like" in response.content.decode()
    assert not CopingSkill.objects.exists()


def test_a_skill_name_loses_its_bidi_override(alice_client):
    alice_client.post(
        reverse("skills:new"), {"name": f"{RIGHT_TO_LEFT_OVERRIDE}klaw A", "kind": "copes"}
    )
    assert CopingSkill.objects.get().name == "klaw A"


def test_an_invisible_shown_name_on_an_invitation_gets_the_fields_message(alice_client):
    response = alice_client.post(
        reverse("sharing:list"), {"shown_name": ZERO_WIDTH, "scope": "jars", "length": "week"}
    )

    assert "Give a name for your therapist to see" in response.content.decode()
    assert not ShareGrant.objects.exists()


def test_an_invisible_suggestion_gets_the_fields_message(client, alice, bob):
    grant = make_grant(alice, bob)
    client.force_login(bob)
    response = client.post(
        reverse("care:suggest", kwargs={"code": grant.code}),
        {"name": ZERO_WIDTH, "why": f"{RIGHT_TO_LEFT_OVERRIDE}"},
    )

    assert "Give the skill a name, like" in response.content.decode()
    assert not SkillSuggestion.objects.exists()


def test_a_safety_plan_contact_with_an_invisible_name_is_asked_for_a_name(alice_client, alice):
    response = alice_client.post(
        reverse("safety:plan"),
        {
            "section": "help_people",
            "help_people-TOTAL_FORMS": "1",
            "help_people-INITIAL_FORMS": "0",
            "help_people-0-name": ZERO_WIDTH,
            "help_people-0-phone": "555 0100",
        },
    )

    assert "Add a name to go with this number." in response.content.decode()
    assert not SafetyContact.objects.exists()


def test_a_safety_plan_line_of_only_invisible_characters_is_left_out(alice_client, alice):
    alice_client.post(
        reverse("safety:plan"),
        {"section": "reasons", "reasons-text": f"Rufus\n{ZERO_WIDTH}\n{RIGHT_TO_LEFT_OVERRIDE}"},
    )
    assert SafetyPlan.objects.get(owner=alice).reasons == "Rufus"


def test_an_invisible_username_is_asked_for_again(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": ZERO_WIDTH,
            "password1": "blue-kettle-morning",
            "password2": "blue-kettle-morning",
            "role": "person",
            "time_zone": "UTC",
        },
    )

    assert "Enter a username." in response.content.decode()
    assert not User.objects.exists()


def test_a_username_with_a_hidden_character_is_the_same_username(client, alice):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": f"ali\u200bce{RIGHT_TO_LEFT_OVERRIDE}",
            "password1": "blue-kettle-morning",
            "password2": "blue-kettle-morning",
            "role": "person",
            "time_zone": "UTC",
        },
    )

    assert "That username is taken." in response.content.decode()
    assert User.objects.count() == 1
