"""Checks the browser tests share: axe in both colour schemes, and proof of an in-place swap."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

_AXE = Axe()
# Every rule axe runs by default, plus WCAG 2.2's target size (2.5.8: 24 by 24 CSS pixels, or
# enough room around a smaller target), which axe leaves off unless asked.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


# Each language the pages are checked in, with the browser locale that asks for it.
LANGUAGES = {"en": "en-GB", "es": "es-ES"}


def say(language: str, message: str, **values) -> str:
    """A message of the catalogue as a person reading this language sees it."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


def _readable(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    - {', '.join(str(t) for t in node['target'])}")
            lines.append(f"      {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n        ")
                lines.append(f"        {summary}")
    return "\n".join(lines)


def _axe_violations(page: Page) -> list[dict]:
    """What axe-core finds wrong with the document as it is now.

    axe is added to a document once (not again for the second colour scheme), and only the
    violations come back: its full results (every rule that passed, every node it looked at)
    are many times larger, and each of them crossed from Chromium to Python only to be dropped.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_AXE.axe_script)
    return page.evaluate(
        "options => axe.run(document, options).then(results => results.violations)", AXE_OPTIONS
    )


def _wait_until_still(page: Page) -> None:
    """Wait until htmx has settled and every animation that ends has ended: text that is still
    fading in (htmx-added) or a colour half-way through a change would fail the contrast rule
    for what is only a moment of the page."""
    wait_for_htmx(page)
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(animation => animation.effect?.getComputedTiming().endTime !== Infinity)
            .map(animation => animation.finished.catch(() => null)))"""
    )


def assert_accessible(page: Page, where: str = "") -> None:
    """Run axe-core (with WCAG 2.2's target size on) in the light and the dark colour scheme
    and require zero violations.

    On a phone-sized page, also require that nothing scrolls sideways (WCAG 1.4.10 reflow).
    """
    report = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        _wait_until_still(page)
        violations = _axe_violations(page)
        if violations:
            report.append(
                f"{len(violations)} axe violation(s) on {where or page.url} "
                f"({page.url}) in the {scheme} scheme:\n{_readable(violations)}"
            )
    page.emulate_media(color_scheme="light")
    width = page.viewport_size["width"] if page.viewport_size else 0
    if width and width < 600:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            report.append(f"{page.url} scrolls sideways on a phone: {scroll_width}px > {width}px")
    assert not report, "\n\n".join(report)


def mark_page(page: Page) -> None:
    """Leave a mark in this document, which only a full page load would wipe."""
    page.evaluate("window.__marker = 1")


def assert_same_page(page: Page) -> None:
    """The mark is still there, so what changed came from a swap, not a full page load."""
    assert page.evaluate("window.__marker") == 1, "The page was reloaded instead of swapped."


def wait_for_htmx(page: Page) -> None:
    """Wait until htmx has settled what it just swapped in, and so wired up its new links."""
    # A locator, not wait_for_function: polling a string needs eval, which the CSP refuses.
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)


def go_to(page: Page, name: str) -> None:
    """Follow a link of the main menu, opening the menu first where it is folded (a phone)."""
    summary = page.locator(".menu summary")
    if summary.is_visible():
        summary.click()
        page.locator(".menu-panel").get_by_role("link", name=name, exact=True).click()
    else:
        page.locator(".nav-wide").get_by_role("link", name=name, exact=True).click()
