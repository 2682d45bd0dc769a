"""Browser-test fixtures: Debian's Chromium, the live server, signed-in pages and an axe check."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from playwright.sync_api import ConsoleMessage, Page, Playwright

from copejar.accounts.models import User
from tests.browser.support import DESKTOP

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Quiet, deterministic and offline: no GPU, no sandbox (containers), no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium_path() -> str:
    """The Chromium to drive: CHROMIUM_PATH if set, else Debian's; never a silent skip."""
    wanted = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    found = shutil.which(wanted)
    if found is None or not Path(found).is_file():
        pytest.fail(
            f"No Chromium found at {wanted!r}, and the browser tests need one. "
            "Install it with `apt-get install -y chromium`, "
            "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def playwright(django_db_setup, playwright: Playwright) -> Iterator[Playwright]:
    """Playwright, started after the test database is made and stopped before it is dropped.

    Playwright's sync API keeps an event loop running in this thread, and while one runs,
    asgiref (under Django's `connections`) gives the thread a second set of database
    connections. Dropping the test database closes only the set in view then, and PostgreSQL
    refuses to drop a database another connection still holds ("being accessed by other
    users"), so the set opened while Playwright ran is closed here, while it is in view.
    """
    yield playwright
    connections.close_all()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the system Chromium; Playwright's own browser download cannot work here."""
    return {**browser_type_launch_args, "executable_path": _chromium_path(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict, live_server) -> dict:
    """Every page talks to pytest-django's live server, which shares the test database."""
    return {**browser_context_args, "base_url": live_server.url}


@pytest.fixture
def open_page(new_context, live_server) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh context; fail the test on any script error or CSP refusal.

    A strict Content-Security-Policy reports blocked inline scripts and styles as console
    errors, and so does a missing static file, so watching the console catches both.
    """
    problems: list[str] = []

    def _open(*, viewport: dict | None = None, user: User | None = None, **context_args) -> Page:
        viewport = viewport or DESKTOP
        if viewport["width"] < 600:
            context_args.setdefault("is_mobile", True)
            context_args.setdefault("has_touch", True)
        context = new_context(viewport=viewport, **context_args)
        context.set_default_timeout(10_000)
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        _watch(page, problems)
        return page

    yield _open
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


def _watch(page: Page, problems: list[str]) -> None:
    def on_console(message: ConsoleMessage) -> None:
        if message.type not in ("error", "warning"):
            return
        # A page that answers 404 on purpose logs its own status; the test checks that page.
        if message.text.startswith("Failed to load resource") and (
            message.location.get("url") == page.url
        ):
            return
        source = message.location.get("url") or "?"
        problems.append(f"console {message.type} from {source} on {page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"script error: {error} (on {page.url})"))
