"""The safety plan: every standard section, edited one at a time, with or without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from copejar.safety.models import SECTIONS, SafetyContact, SafetyPlan
from copejar.safety.services import plan_save_contacts, plan_save_lines
from skills.models import Kind
from skills.services import skill_create
from tests.conftest import as_read

HTMX = {"HX-Request": "true"}
PLAN = "/safety/"


def _html(response) -> str:
    return as_read(response.content)


def test_an_empty_plan_shows_every_standard_section(alice_client):
    html = _html(alice_client.get(PLAN))
    titles = [
        "My warning signs",
        "Things I can do on my own",
        "People and places that take my mind off it",
        "People I can ask for help",
        "Professionals and crisis lines",
        "Making my surroundings safer",
        "My reasons for living",
    ]
    assert [str(section.title) for section in SECTIONS] == titles
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert html.count("Write this part") == 7
    assert not SafetyPlan.objects.exists()  # nothing is made until something is written


def test_a_section_is_edited_without_javascript(alice_client, alice):
    page = _html(alice_client.get(PLAN + "?edit=warning_signs"))
    assert '<textarea name="warning_signs-text"' in page
    assert page.count("<textarea") == 1  # only the section being edited

    response = alice_client.post(
        PLAN,
        {
            "section": "warning_signs",
            "warning_signs-text": "Staying up late\n\n  Skipping   meals ",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == PLAN + "?saved=warning_signs#plan-warning_signs"
    plan = SafetyPlan.objects.get(owner=alice)
    assert plan.lines("warning_signs") == ["Staying up late", "Skipping meals"]
    page = _html(alice_client.get(response["Location"]))
    # "Saved." is said in the section itself, where the page opens, not at the top.
    section = page.split('<section id="plan-warning_signs"', 1)[1].split("</section>", 1)[0]
    assert 'role="status">Saved.</p>' in section
    assert "<li>Skipping meals</li>" in page


def test_a_section_is_edited_in_place_with_htmx(alice_client, alice):
    form = _html(alice_client.get(PLAN + "?edit=reasons", headers=HTMX))
    assert "<html" not in form
    assert form.lstrip().startswith('<section id="plan-reasons"')
    assert f'hx-post="{PLAN}" hx-target="#plan-reasons" hx-swap="outerHTML"' in form

    saved = _html(
        alice_client.post(
            PLAN, {"section": "reasons", "reasons-text": "My dog, Rufus"}, headers=HTMX
        )
    )
    assert saved.lstrip().startswith('<section id="plan-reasons"')
    assert "<li>My dog, Rufus</li>" in saved
    assert "Saved." in saved
    assert "<textarea" not in saved
    assert "My warning signs" not in saved  # only this section came back
    assert SafetyPlan.objects.get(owner=alice).reasons == "My dog, Rufus"


def test_cancel_with_htmx_shows_the_section_again(alice_client, alice):
    plan_save_lines(owner=alice, key="reasons", text="My sister")
    html = _html(alice_client.get(PLAN + "?section=reasons", headers=HTMX))
    assert html.lstrip().startswith('<section id="plan-reasons"')
    assert "<li>My sister</li>" in html
    assert "<textarea" not in html


def test_every_edit_link_is_also_a_plain_link(alice_client):
    html = _html(alice_client.get(PLAN))
    for section in SECTIONS:
        key = section.key
        assert (
            f'href="{PLAN}?edit={key}#plan-{key}" hx-get="{PLAN}?edit={key}" '
            f'hx-target="#plan-{key}"'
        ) in html


def test_people_are_saved_in_order_with_tel_links(alice_client, alice):
    response = alice_client.post(
        PLAN,
        {
            "section": "help_people",
            "help_people-TOTAL_FORMS": "3",
            "help_people-INITIAL_FORMS": "0",
            "help_people-0-name": "Sam",
            "help_people-0-phone": "+1 (555) 010-0199",
            "help_people-1-name": "",
            "help_people-1-phone": "",
            "help_people-2-name": "My sister",
            "help_people-2-phone": "",
        },
    )
    assert response.status_code == 302
    people = list(SafetyContact.objects.filter(plan__owner=alice).values_list("name", "phone"))
    assert people == [("Sam", "+1 (555) 010-0199"), ("My sister", "")]
    html = _html(alice_client.get(PLAN))
    assert '<a class="tel-link" href="tel:+15550100199">' in html
    # Sam only: no country's lines are known for UTC, so the emergency line has no number.
    assert html.count('class="tel-link"') == 1
    alice.time_zone = "America/Denver"
    alice.save()
    html = _html(alice_client.get(PLAN))
    assert html.count('class="tel-link"') == 1 + 2  # Sam, 988 and 911


def test_editing_people_starts_from_the_saved_ones_plus_two_empty_rows(alice_client, alice):
    plan_save_contacts(owner=alice, key="professionals", people=[("Dr Lee", "555 0100")])
    html = _html(alice_client.get(PLAN + "?edit=professionals"))
    assert 'name="professionals-TOTAL_FORMS" value="3"' in html
    assert 'value="Dr Lee"' in html
    assert 'type="tel"' in html


def test_a_phone_number_with_letters_is_refused_kindly(alice_client, alice):
    response = alice_client.post(
        PLAN,
        {
            "section": "help_people",
            "help_people-TOTAL_FORMS": "1",
            "help_people-INITIAL_FORMS": "0",
            "help_people-0-name": "Sam",
            "help_people-0-phone": "call me",
        },
        headers=HTMX,
    )
    html = _html(response)
    assert "A phone number uses digits, spaces and + ( ) -" in html
    assert html.lstrip().startswith('<section id="plan-help_people"')
    assert 'value="Sam"' in html  # what was typed is kept
    assert not SafetyContact.objects.exists()


def test_a_number_needs_a_name(alice_client):
    response = alice_client.post(
        PLAN,
        {
            "section": "help_people",
            "help_people-TOTAL_FORMS": "1",
            "help_people-INITIAL_FORMS": "0",
            "help_people-0-name": "",
            "help_people-0-phone": "555 0100",
        },
    )
    assert response.status_code == 200
    assert "Add a name to go with this number." in _html(response)
    assert not SafetyContact.objects.exists()


def test_one_tap_adds_a_skill_from_the_jar_o_copes(alice_client, alice, walk, scrolling):
    html = _html(alice_client.get(PLAN))
    assert f'name="add_skill" value="{walk.code}"' in html
    assert f'value="{scrolling.code}"' not in html  # only the Jar O' Copes is offered

    response = alice_client.post(
        PLAN, {"section": "on_my_own", "add_skill": walk.code}, headers=HTMX
    )
    assert "<li>Walk the dog</li>" in _html(response)
    alice_client.post(PLAN, {"section": "on_my_own", "add_skill": walk.code})
    assert SafetyPlan.objects.get(owner=alice).lines("on_my_own") == ["Walk the dog"]
    assert f'name="add_skill" value="{walk.code}"' not in _html(alice_client.get(PLAN))


def test_a_strangers_skill_is_never_added(alice_client, alice, charlie):
    theirs = skill_create(owner=charlie, name="Charlie's walk", kind=Kind.COPES)
    alice_client.post(PLAN, {"section": "on_my_own", "add_skill": theirs.code})
    plan = SafetyPlan.objects.filter(owner=alice).first()
    assert plan is None or plan.lines("on_my_own") == []


def test_each_person_sees_only_their_own_plan(client, alice, charlie):
    plan_save_lines(owner=alice, key="reasons", text="Alice's garden")
    plan_save_contacts(owner=alice, key="help_people", people=[("Sam", "555 0100")])
    client.force_login(charlie)
    html = _html(client.get(PLAN))
    assert "Alice's garden" not in html
    assert "Sam" not in html
    client.post(PLAN, {"section": "reasons", "reasons-text": "Charlie's reasons"})
    assert SafetyPlan.objects.get(owner=alice).reasons == "Alice's garden"


def test_an_unknown_section_changes_nothing(alice_client):
    response = alice_client.post(PLAN, {"section": "owner", "owner-text": "x"})
    assert response.status_code == 302
    assert not SafetyPlan.objects.exists()


def test_it_prints_on_one_page(alice_client):
    html = _html(alice_client.get(PLAN))
    assert '<div class="safety-plan">' in html
    assert re.search(r"<button[^>]*data-print hidden>Print this plan</button>", html)
    css = (Path(settings.BASE_DIR) / "static" / "copejar.css").read_text()
    assert "@page plan { size: A4 portrait;" in css
    print_rules = css[css.index(".safety-plan { page: plan; }") :]
    assert ".safety-plan .plan-sections { display: block; columns: 2;" in print_rules
    # The site header, footer and every edit control stay off the paper.
    assert ".site-header, .site-footer" in css
    assert ".safety-plan .plan-edit, .safety-plan form" in print_rules


@pytest.mark.parametrize("section", ["warning_signs", "help_people"])
def test_a_guest_is_asked_to_log_in(client, db, section):
    response = client.get(PLAN + f"?edit={section}")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_more_people_than_a_section_holds_gets_a_kind_message_and_keeps_them(alice_client):
    data = {
        "section": "help_people",
        "help_people-TOTAL_FORMS": "14",
        "help_people-INITIAL_FORMS": "0",
        **{f"help_people-{n}-name": f"Friend {n}" for n in range(14)},
    }
    response = alice_client.post(reverse("safety:plan"), data)
    html = response.content.decode()
    assert "This section holds up to 12 people" in html
    assert "Friend 13" in html
    assert not SafetyContact.objects.exists()
