"""The jars page in a browser: first rocks from the ideas, and rocks that name themselves."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from skills.models import CopingSkill, Kind
from tests.browser.support import assert_accessible, assert_same_page, mark_page

pytestmark = pytest.mark.browser


def test_it_adds_a_first_rock_from_the_ideas_in_place(open_page, alice):
    page = open_page(user=alice)
    page.goto("/jars/")
    ideas = page.locator("#ideas")
    expect(page.get_by_role("heading", name="Ideas for your first rocks")).to_be_visible()
    assert_accessible(page, "the jars with an empty Jar O' Copes")
    mark_page(page)

    ideas.get_by_role("button", name="Add Make a warm drink").click()

    expect(ideas).to_contain_text("Make a warm drink is in your jar now.")
    idea = ideas.locator(".idea", has_text="Make a warm drink")
    expect(idea.get_by_text("In your jar")).to_be_visible()
    expect(idea.get_by_role("button")).to_have_count(0)
    expect(ideas.get_by_role("button", name="Add Take a warm shower")).to_be_visible()
    # The drawing and the count change with it, and focus lands on what happened.
    expect(page.locator("#jar-copes-desc")).to_contain_text("1 rock — Make a warm drink")
    expect(page.locator(".tallies")).to_contain_text("1 rock in your Jar O' Copes")
    expect(ideas.get_by_text("Make a warm drink is in your jar now.")).to_be_focused()
    assert_same_page(page)
    assert_accessible(page, "the jars after a one-tap idea")
    skill = CopingSkill.objects.get(owner=alice)
    assert (skill.name, skill.kind) == ("Make a warm drink", Kind.COPES)


def test_it_names_a_rock_on_hover_and_links_to_its_skill(open_page, alice, walk):
    page = open_page(user=alice)
    page.goto("/jars/")
    rock = page.locator("figure.jar-copes a.rock-link")
    label = rock.locator(".rock-label")
    expect(label).to_be_hidden()

    rock.locator(".rock-hit").hover()

    expect(label).to_be_visible()
    expect(label).to_have_text("Walk the dog")
    rock.locator(".rock-hit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Walk the dog")
