"""Insights on a phone and a desktop: every chart drawn, described and readable, axe-clean in
light and dark, and the year and the jar's growth stepped through in place or by plain links."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from skills.models import Kind
from skills.services import skill_create
from tests.browser.support import DESKTOP, PHONE, assert_accessible, assert_same_page, mark_page
from tests.conftest import log_urge, log_use

pytestmark = pytest.mark.browser


@pytest.fixture
def history(alice, walk, scrolling):
    now = timezone.now()
    tea = skill_create(
        owner=alice, name="Make tea", kind=Kind.COPES, created_at=now - timedelta(days=80)
    )
    for day in range(0, 70, 3):
        when = now - timedelta(days=day, hours=day % 7)
        urge = log_urge(alice, intensity=3 + day % 7, skill=scrolling, occurred_at=when)
        skill = walk if day % 2 else tea
        log_use(alice, skill=skill, helped=day % 5, urge=urge, occurred_at=when)
        if day % 9 == 0:
            log_use(alice, skill=scrolling, occurred_at=when - timedelta(hours=2))
    return alice


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_insights_read_well_and_are_accessible(open_page, history, viewport):
    page = open_page(viewport=viewport, user=history)
    page.goto("/journal/insights/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")
    for heading in ("The balance over time", "What helps", "When urges come", "Waves ridden out"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Share of choices"))).to_be_visible()
    page.get_by_text("The same, as a table").first.click()
    expect(page.get_by_role("table").first).to_be_visible()
    assert_accessible(page, "insights")

    page.get_by_role("link", name="The year in rocks").click()
    year = page.get_by_role("img", name=re.compile("Each day of"))
    expect(year).to_be_visible()
    # Every kind of day is drawn, the days that were mostly Jar O' Copes above all.
    for level in range(4):
        expect(year.locator(f"rect.day-{level}").first).to_be_visible()
    assert_accessible(page, "the year in rocks")

    page.get_by_role("link", name="The jar as it grew").click()
    expect(page.get_by_role("img", name="Jar O' Copes")).to_be_visible()
    assert_accessible(page, "the jar as it grew")

    page.get_by_role("link", name="My diary card").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("My diary card")
    assert_accessible(page, "my diary card")


def test_the_months_step_in_place_and_by_plain_links_without_javascript(open_page, history, alice):
    page = open_page(viewport=PHONE, user=alice)
    page.goto("/journal/insights/growth/")
    mark_page(page)
    page.get_by_role("link", name=re.compile("^Back to")).click()
    expect(page).to_have_url(re.compile(r"/journal/insights/growth/$"))  # swapped in place
    expect(page.get_by_role("link", name=re.compile("^On to"))).to_be_visible()
    assert_same_page(page)

    quiet = open_page(viewport=PHONE, user=alice, java_script_enabled=False)
    quiet.goto("/journal/insights/growth/")
    quiet.get_by_role("link", name=re.compile("^Back to")).click()
    expect(quiet).to_have_url(re.compile(r"\?month=\d{4}-\d\d$"))
    expect(quiet.get_by_role("link", name=re.compile("^On to"))).to_be_visible()
