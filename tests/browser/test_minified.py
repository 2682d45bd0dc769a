"""The page as a deployment sends it, with our stylesheet and scripts minified (tests run
with debug on, which serves the files as written): it still draws and logs in place."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Route, expect

from copejar.staticfiles import minifier
from journal.models import UrgeLog
from tests.browser.support import assert_same_page, mark_page

pytestmark = pytest.mark.browser


def _send_minified(route: Route, minified: list[str]) -> None:
    path = urlsplit(route.request.url).path
    minify = minifier(path)
    if minify is None:
        route.continue_()
        return
    response = route.fetch()
    minified.append(path)
    route.fulfill(response=response, body=minify(response.text()))


def test_the_minified_files_draw_the_page_and_log_in_place(open_page, alice):
    page = open_page(user=alice)
    minified: list[str] = []
    page.route(re.compile(r"/static/"), lambda route: _send_minified(route, minified))
    page.goto("/journal/")
    mark_page(page)

    page.get_by_role("button", name="Strength 6 out of 10").click()

    expect(page.get_by_role("status")).to_have_text(
        "Urge noted, at 6 out of 10. Noticing it is a skill too."
    )
    assert_same_page(page)
    assert UrgeLog.objects.get(owner=alice).intensity == 6
    # The stylesheet's rules hold: the skip link waits off-screen until it has focus.
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.bounding_box()["y"] < 0
    assert {"/static/copejar.css", "/static/copejar.js", "/static/copejar-offline.js"} <= set(
        minified
    )
