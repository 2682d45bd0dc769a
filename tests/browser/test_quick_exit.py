"""Quick exit: one tap (or Escape twice) leaves for a neutral page, and Back does not return."""

from __future__ import annotations

import pytest
from playwright.sync_api import Route, expect

pytestmark = pytest.mark.browser

NEUTRAL = "https://neutral.example.org/weather"


@pytest.fixture
def neutral_page(settings):
    """The deployment's neutral page, answered by the browser itself: no network needed."""
    settings.QUICK_EXIT_URL = NEUTRAL

    def answer(route: Route) -> None:
        route.fulfill(content_type="text/html", body="<title>Weather</title><h1>Sunny</h1>")

    return answer


def _open(open_page, alice, neutral_page, path: str):
    page = open_page(user=alice)
    page.route("https://neutral.example.org/**", neutral_page)
    page.goto(path)
    return page


def test_the_quick_exit_button_leaves_and_back_does_not_return(open_page, alice, neutral_page):
    page = _open(open_page, alice, neutral_page, "/jars/")
    expect(page.get_by_role("heading", name="Your jars")).to_be_visible()

    page.get_by_role("link", name="Quick exit").click()

    expect(page.get_by_role("heading", name="Sunny")).to_be_visible()
    assert page.url == NEUTRAL
    page.go_back()
    assert "/jars/" not in page.url
    assert page.get_by_role("heading", name="Your jars").count() == 0


def test_escape_twice_leaves_too(open_page, alice, neutral_page):
    page = _open(open_page, alice, neutral_page, "/journal/")

    page.keyboard.press("Escape")
    page.wait_for_timeout(50)
    assert "/journal/" in page.url  # one Escape alone does nothing (it closes things)
    page.keyboard.press("Escape")

    expect(page.get_by_role("heading", name="Sunny")).to_be_visible()
    page.go_back()
    assert "/journal/" not in page.url


def test_escape_presses_far_apart_do_not_leave(open_page, alice, neutral_page):
    page = _open(open_page, alice, neutral_page, "/journal/")
    page.keyboard.press("Escape")
    page.wait_for_timeout(1200)
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    assert "/journal/" in page.url
