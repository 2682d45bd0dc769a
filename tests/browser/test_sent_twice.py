"""A double tap sends a form once; an htmx form is ready for the next tap once it is answered."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from journal.models import UsageLog
from skills.models import CopingSkill
from tests.browser.support import wait_for_htmx

pytestmark = pytest.mark.browser


def _posts(page, path: re.Pattern) -> list:
    sent: list = []
    page.on("request", lambda r: sent.append(r) if r.method == "POST" and path.search(r.url) else 0)
    return sent


def test_a_double_tap_on_a_plain_form_sends_it_once(open_page, alice):
    page = open_page(user=alice)
    page.goto("/skills/new/")
    page.get_by_label("Name").fill("Call Sam")
    sent = _posts(page, re.compile(r"/skills/new/$"))

    page.get_by_role("button", name="Add it").evaluate("b => { b.click(); b.click(); }")

    expect(page.get_by_role("heading", level=1)).to_have_text("Call Sam")
    assert len(sent) == 1
    assert CopingSkill.objects.filter(name="Call Sam").count() == 1


def test_a_double_tap_on_a_quick_log_makes_one_and_the_next_tap_still_works(open_page, alice, walk):
    page = open_page(user=alice)
    page.goto("/journal/")
    chip = page.get_by_role("button", name="Walk the dog")
    sent = _posts(page, re.compile(r"/journal/usages/new/$"))

    chip.evaluate("b => { b.click(); b.click(); }")
    expect(page.locator("#feed")).to_contain_text("Chose Walk the dog")
    wait_for_htmx(page)
    page.wait_for_timeout(300)  # room for a second request, were one to follow
    assert len(sent) == 1
    assert UsageLog.objects.filter(owner=alice).count() == 1

    chip.click()
    expect(page.locator("#feed").get_by_text("Chose Walk the dog")).to_have_count(2)
    assert UsageLog.objects.filter(owner=alice).count() == 2
