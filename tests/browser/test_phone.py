"""On a phone: what a tap says is in view, and long words never push the page sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from journal.models import UsageLog
from skills.models import Kind
from skills.services import skill_create
from tests.browser.support import LANGUAGES, PHONE, SMALL_PHONE, assert_accessible, say

pytestmark = pytest.mark.browser


def test_a_strong_urge_offer_shows_next_to_the_tap(open_page, alice, walk, scrolling):
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/journal/")
    strength = page.get_by_role("button", name="Strength 9 out of 10")
    strength.scroll_into_view_if_needed()
    strength.tap()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Urge noted, at 9 out of 10.")
    expect(status.get_by_role("link", name="My safety plan")).to_be_in_viewport()


def test_long_words_wrap_on_a_phone(open_page, alice):
    long_name = "Unbrokenwordwithoutanyspaces" * 3
    skill = skill_create(owner=alice, name=long_name[:80], kind=Kind.COPES)
    UsageLog.objects.create(owner=alice, skill=skill, note="https://example.org/" + "a" * 400)
    page = open_page(user=alice, viewport=PHONE)
    for path in ("/jars/", "/journal/", "/skills/", skill.get_absolute_url()):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a phone"
    assert_accessible(page, "a skill with a very long name")


# --- The header: one row, with help and quick exit always in view ----------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["390", "320"])
def test_the_header_is_one_short_row_on_a_phone(open_page, alice, viewport, language):
    alice.language = language
    alice.save()
    page = open_page(user=alice, viewport=viewport)
    page.goto("/jars/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64, f"the header is {header['height']}px tall"
    for name in ("Need help now", "Quick exit"):
        link = page.locator(".site-header").get_by_role("link", name=say(language, name))
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["y"] + box["height"] <= header["y"] + header["height"]
    log_out = page.get_by_role("button", name=say(language, "Log out"), exact=True)
    expect(log_out).to_be_hidden()
    page.locator(".menu summary").click()
    expect(log_out).to_be_visible()
    safety_plan = page.locator(".menu-panel").get_by_role(
        "link", name=say(language, "Safety plan"), exact=True
    )
    expect(safety_plan).to_be_visible()
    assert_accessible(page, "the menu, open")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [1120, 1200, 1280])
def test_the_wide_header_never_overflows(open_page, alice, width, language):
    alice.language = language
    alice.save()
    page = open_page(user=alice, viewport={"width": width, "height": 800})
    page.goto("/jars/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 72, f"the header is {header['height']}px tall at {width} px"
    exit_box = page.locator(".site-header .quick-exit").bounding_box()
    assert exit_box["x"] + exit_box["width"] <= width


def test_the_menu_opens_with_javascript_off(open_page, alice):
    page = open_page(user=alice, viewport=PHONE, java_script_enabled=False)
    page.goto("/journal/")
    page.locator(".menu summary").click()
    page.locator(".menu-panel").get_by_role("link", name="Skills").click()
    expect(page).to_have_url(re.compile(r"/skills/$"))


def test_log_out_is_on_the_account_page(open_page, alice):
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/accounts/settings/")
    page.locator("main").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_attached()
    page.goto("/jars/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


# --- Targets a thumb can hit, at the narrowest width ------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_target_is_big_enough_at_320_wide(
    open_page, alice, walk, scrolling, urge, usage, language
):
    alice.language = language
    alice.save()
    page = open_page(user=alice, viewport=SMALL_PHONE)
    for path in ("/jars/", "/journal/", "/skills/", "/help/", "/safety/", "/journal/surf/"):
        page.goto(path)
        assert_accessible(page, f"{path} at 320 px")
    steps = page.locator(".scale-step")
    for n in range(steps.count()):
        box = steps.nth(n).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, f"step {n} is {box}"
    # "10" stays on one line.
    ten = page.get_by_role("button", name=say(language, "Strength %(n)s out of 10", n=10))
    assert ten.bounding_box()["height"] < 60


def test_a_long_skill_name_keeps_its_chip_to_two_lines(open_page, alice):
    name = "Sit on the back step with a cup of tea and listen to the birds until it passes"
    skill_create(owner=alice, name=name, kind=Kind.COPES)
    page = open_page(user=alice, viewport=SMALL_PHONE)
    page.goto("/journal/")
    chip = page.get_by_role("button", name=name)  # the whole name, for screen readers
    line = float(chip.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    text_height = chip.locator(".chip-name").bounding_box()["height"]
    assert text_height <= 2 * line + 1, f"{text_height}px of text, lines of {line}px"


# --- With JavaScript off, what a tap says is in view -----------------------------------------


@pytest.mark.parametrize("kind", ["chip", "urge"])
def test_with_javascript_off_the_acknowledgement_is_in_view(open_page, alice, walk, kind):
    page = open_page(user=alice, viewport=PHONE, java_script_enabled=False)
    page.goto("/journal/")
    if kind == "chip":
        button = page.get_by_role("button", name="Walk the dog")
        words = "Noted: Walk the dog."
    else:
        button = page.get_by_role("button", name="Strength 4 out of 10")
        words = "Urge noted, at 4 out of 10."
    button.scroll_into_view_if_needed()
    button.tap()
    expect(page).to_have_url(re.compile(r"/journal/#log-status$"))
    message = page.get_by_role("status").get_by_text(words)
    expect(message).to_be_in_viewport(ratio=1)
