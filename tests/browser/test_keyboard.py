"""Keyboard only: quick logging and the rocks in the jars work without a mouse or a touch."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from journal.models import UsageLog
from tests.browser.support import assert_same_page, mark_page

pytestmark = pytest.mark.browser

MAX_TABS = 40


def _tab_to(page: Page, selector: str) -> None:
    """Press Tab, as a keyboard user would, until the focus lands on what the selector names."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {selector}")


def test_it_logs_a_use_from_the_keyboard(open_page, alice, walk):
    page = open_page(user=alice)
    page.goto("/journal/")
    mark_page(page)
    chip = page.get_by_role("button", name="Walk the dog")
    status = page.get_by_role("status")

    _tab_to(page, "button.chip")
    expect(chip).to_be_focused()
    page.keyboard.press("Enter")

    expect(status).to_have_text("Noted: Walk the dog. One more choice from your Jar O' Copes.")
    expect(page.locator("#feed article")).to_have_count(1)
    # The swap leaves the button where it was, so Space logs the next one from the same spot.
    expect(chip).to_be_focused()
    page.keyboard.press("Space")

    expect(page.locator("#feed article")).to_have_count(2)
    assert_same_page(page)
    assert UsageLog.objects.filter(owner=alice, skill=walk).count() == 2


def test_it_shows_a_rock_label_on_keyboard_focus(open_page, alice, walk):
    page = open_page(user=alice)
    page.goto("/jars/?jar=copes")
    rock = page.locator("#open-jar a.rock-link")
    label = rock.locator(".rock-label")
    expect(label).to_be_hidden()

    _tab_to(page, "#open-jar a.rock-link")

    expect(label).to_be_visible()
    expect(label).to_have_text("Walk the dog")
    # Focus is visible on the rock itself, not only in its label.
    outline = rock.locator(".rock-hit").evaluate("(el) => getComputedStyle(el).stroke")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Walk the dog")


def test_it_keeps_the_keyboard_in_place_through_an_edit_and_a_delete(open_page, alice, walk):
    two_days_ago = timezone.now().replace(hour=12, minute=0) - timedelta(days=2)
    UsageLog.objects.create(owner=alice, skill=walk, note="Stays.", occurred_at=two_days_ago)
    UsageLog.objects.create(
        owner=alice, skill=walk, note="Goes.", occurred_at=two_days_ago - timedelta(hours=1)
    )
    page = open_page(user=alice)
    page.goto("/journal/")
    stays, goes = page.locator("#feed li").nth(0), page.locator("#feed li").nth(1)
    expect(goes).to_contain_text("Goes.")

    goes.get_by_role("link", name=re.compile(r"^Edit")).focus()
    page.keyboard.press("Enter")
    form = goes.get_by_role("form", name="Choice entry")
    expect(form).to_be_focused()
    form.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(goes.get_by_role("link", name=re.compile(r"^Edit"))).to_be_focused()

    page.keyboard.press("Tab")
    expect(goes.get_by_role("link", name=re.compile(r"^Delete"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(goes.get_by_text("This cannot be undone.")).to_be_focused()
    page.keyboard.press("Tab")
    expect(goes.get_by_role("button", name="Delete")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("#feed li")).to_have_count(1)
    expect(stays.get_by_role("link", name=re.compile(r"^Edit"))).to_be_focused()


def test_the_safety_plan_keeps_the_keyboard_in_the_section_being_edited(open_page, alice, walk):
    page = open_page(user=alice)
    page.goto("/safety/")
    section = page.locator("#plan-warning_signs")

    section.get_by_role("link", name=re.compile(r"^Write this part")).focus()
    page.keyboard.press("Enter")
    form = section.get_by_role("form", name="My warning signs")
    expect(form).to_be_focused()
    page.keyboard.press("Tab")
    expect(section.get_by_role("textbox")).to_be_focused()
    page.keyboard.type("Up past midnight")
    page.keyboard.press("Tab")
    expect(section.get_by_role("button", name="Save")).to_be_focused()
    page.keyboard.press("Enter")

    expect(section.locator("li")).to_have_text(["Up past midnight"])
    expect(section.get_by_role("link", name=re.compile(r"^Edit"))).to_be_focused()
    chip = page.locator("#plan-on_my_own").get_by_role("button", name="Add Walk the dog")
    chip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#plan-on_my_own li")).to_have_text(["Walk the dog"])
    expect(
        page.locator("#plan-on_my_own").get_by_role("link", name=re.compile(r"^Edit"))
    ).to_be_focused()
