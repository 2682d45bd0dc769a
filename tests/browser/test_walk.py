"""A new person's whole first visit: welcome, sign up, add two skills, log one, see the rock."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from copejar.accounts.models import User
from tests.browser.support import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_same_page,
    go_to,
    mark_page,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_walks_a_new_person_from_welcome_to_a_new_rock(open_page, viewport):
    page = open_page(viewport=viewport, timezone_id="Europe/Lisbon")

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jar O' Copes")
    assert_accessible(page, "the welcome page")

    page.get_by_role("link", name="Sign up").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    # The little script guessed the browser's time zone, even under the strict CSP.
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Lisbon")
    assert_accessible(page, "the sign-up page")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password:", exact=True).fill("a-long-kind-password")
    page.get_by_label("Password confirmation").fill("a-long-kind-password")
    page.get_by_label("For myself").check()
    page.get_by_role("button", name="Make my account").click()

    expect(page).to_have_url(re.compile(r"/jars/$"))
    expect(page.get_by_role("status")).to_contain_text("Welcome.")
    dana = User.objects.get(username="dana")
    assert (dana.role, dana.time_zone) == (User.Role.PERSON, "Europe/Lisbon")
    assert_accessible(page, "the first look at the jars")

    added = {
        "Doom-scrolling": "Doom-scrolling is in your Negative Skillz jar now.",
        "Walk the dog": "Walk the dog is in your Jar O' Copes now.",
    }
    for name, jar in [("Doom-scrolling", "Negative Skillz"), ("Walk the dog", "Jar O' Copes")]:
        page.goto("/skills/new/")
        assert_accessible(page, "the add-a-skill form")
        page.get_by_label("Name").fill(name)
        page.get_by_role("radio", name=jar).check()
        page.get_by_role("button", name="Add it").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        expect(page.get_by_role("status")).to_contain_text(added[name])
        assert_accessible(page, f"the page for {name}")
    walk_path = urlparse(page.url).path

    go_to(page, "Journal")
    expect(page).to_have_url(re.compile(r"/journal/$"))
    assert_accessible(page, "the empty journal")

    mark_page(page)
    chip = page.get_by_role("button", name="Walk the dog")
    with page.expect_response(re.compile(r"/journal/usages/new/$")) as answer:
        if viewport is PHONE:
            chip.tap()
        else:
            chip.click()
    assert answer.value.request.headers.get("hx-request") == "true"
    expect(page.get_by_role("status")).to_have_text(
        "Noted: Walk the dog. One more choice from your Jar O' Copes."
    )
    expect(page.locator("#feed")).to_contain_text("Chose Walk the dog")
    assert_same_page(page)
    assert_accessible(page, "the journal after a quick log")

    go_to(page, "Jars")
    expect(page).to_have_url(re.compile(r"/jars/$"))
    expect(page.locator("figure.jar-negative svg.jar-drawing desc")).to_contain_text(
        "Doom-scrolling"
    )
    copes = page.locator("figure.jar-copes")
    expect(copes.locator("svg.jar-drawing desc")).to_contain_text("Walk the dog")
    copes.get_by_role("link", name="Jar O' Copes").click()
    opened = page.locator("#open-jar")
    expect(opened.locator(f'a.rock-link[href="{walk_path}"]')).to_have_count(1)
    expect(page.locator(".tallies")).to_contain_text("1 rock in your Jar O' Copes")
    assert_accessible(page, "the jars with a new rock")
