"""On a phone: what a tap says is in view, and long words never push the page sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from journal.models import UsageLog
from skills.models import Kind
from skills.services import skill_create
from tests.browser.support import PHONE, assert_accessible

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
