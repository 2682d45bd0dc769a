"""On a home screen and without a signal: the app installs, opens offline, saves taps on the
phone, sends each exactly once when the network returns, and leaves nothing at log-out."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime

import pytest
from django.contrib.sessions.models import Session
from PIL import Image
from playwright.sync_api import Page, expect

from journal import services as journal_services
from journal.models import UrgeLog, UsageLog
from tests.browser.support import PHONE, assert_accessible

pytestmark = pytest.mark.browser

# Waits (inside the page) until the service worker controls it and has kept the journal.
WORKER_READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  for (let i = 0; i < 200 && !navigator.serviceWorker.controller; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return registration.scope;
}"""
JOURNAL_KEPT = """async () => {
  for (let i = 0; i < 200; i++) {
    const names = await caches.keys();
    for (const name of names.filter((n) => n.startsWith("copejar-pages-"))) {
      if (await (await caches.open(name)).match("/journal/")) return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}"""
KEPT_PAGES = """async () => {
  const found = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith("copejar-pages-")) continue;
    for (const request of await (await caches.open(name)).keys()) found.push(request.url);
  }
  return found;
}"""
QUEUE = "() => copejarQueue.all()"
# Someone else's tap, left on this phone earlier and waiting for them.
THEIR_TAP = """() => copejarQueue.add({
  account: "someone-else", kind: "usage", url: "/journal/usages/new/", fields: [["skill", "x"]],
  label: "x", tappedAt: new Date().toISOString(), state: "waiting",
})"""


def _journal_kept(page: Page) -> None:
    page.goto("/journal/")
    assert page.evaluate(WORKER_READY).endswith("/")
    assert page.evaluate(JOURNAL_KEPT), "the worker never kept a copy of the journal"


def _status(page: Page):
    return page.locator("#log-status")


def _queued(page: Page):
    return page.locator("#offline-queue-list > li")


def _moment(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def test_the_app_can_be_installed(open_page, alice):
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/journal/")
    assert page.evaluate(WORKER_READY) == page.url.split("/journal/")[0] + "/"
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")

    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    data = json.loads(manifest["data"])
    assert data["display"] == "standalone"
    assert data["start_url"] == "/journal/"
    assert data["name"] and data["short_name"]
    assert data["background_color"] and data["theme_color"]
    # Chromium's own verdict; a test browser's private profile is the one thing it minds.
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [error["errorId"] for error in errors if error["errorId"] != "in-incognito"] == []

    sizes = set()
    for icon in data["icons"]:
        response = page.request.get(icon["src"])
        assert response.status == 200
        assert response.headers["content-type"] == "image/png"
        image = Image.open(io.BytesIO(response.body()))
        assert icon["sizes"] == f"{image.width}x{image.height}"
        sizes.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    dark = page.locator('meta[name="theme-color"][media="(prefers-color-scheme: dark)"]')
    assert (
        dark.get_attribute("content")
        == data["user_preferences"]["color_scheme_dark"]["theme_color"]
    )


def test_taps_without_a_signal_are_kept_and_sent_once(open_page, alice, walk, scrolling):
    page = open_page(user=alice, viewport=PHONE)
    _journal_kept(page)
    page.context.set_offline(True)

    page.get_by_role("button", name="Walk the dog").click()
    expect(_status(page)).to_contain_text("Saved on this phone: Walk the dog.")
    page.get_by_role("button", name="Doom-scrolling").click()
    page.get_by_role("button", name="Walk the dog").click()
    page.get_by_role("button", name="Strength 7 out of 10").click()
    expect(_queued(page)).to_have_count(4)
    expect(_queued(page).first).to_contain_text(
        "saved on this phone, will be sent when you are online"
    )
    # Its time on a 24-hour clock, as the journal writes times.
    expect(_queued(page).first.locator("time")).to_have_text(re.compile(r"^\d\d:\d\d$"))

    page.reload()  # still without a signal: the phone's copy of the journal, and the queue
    expect(page.get_by_role("heading", name="Saved on this phone")).to_be_visible()
    expect(_queued(page)).to_have_count(4)
    taps = page.evaluate(QUEUE)
    assert [tap["label"] for tap in taps] == [
        "Walk the dog",
        "Doom-scrolling",
        "Walk the dog",
        "Urge at 7 out of 10",
    ]
    assert len({dict(tap["fields"])["once"] for tap in taps}) == 4  # a key of its own each
    assert not UsageLog.objects.exists() and not UrgeLog.objects.exists()

    page.wait_for_timeout(1500)  # so the time of sending differs from the time of tapping
    page.context.set_offline(False)

    expect(_status(page)).to_contain_text("The 4 taps saved on this phone are now in your journal.")
    expect(page.locator("#offline-queue")).to_be_hidden()
    uses = list(UsageLog.objects.filter(owner=alice).order_by("occurred_at"))
    urges = list(UrgeLog.objects.filter(owner=alice))
    assert [use.skill for use in uses] == [walk, scrolling, walk]
    assert [urge.intensity for urge in urges] == [7]
    tapped = [_moment(tap["tappedAt"]) for tap in taps]
    assert [use.occurred_at for use in uses] + [urges[0].occurred_at] == tapped
    expect(page.locator("#feed")).to_contain_text("Doom-scrolling")

    # The same queue sent again (a retry after a lost answer, another tab): nothing doubles.
    page.evaluate(
        """async (taps) => {
          for (const tap of taps) { delete tap.id; await copejarQueue.add(tap); }
          window.dispatchEvent(new Event("online"));
        }""",
        taps,
    )
    expect(_status(page)).to_contain_text("The 4 taps saved on this phone are now in your journal.")
    expect(page.locator("#offline-queue")).to_be_hidden()
    assert UsageLog.objects.filter(owner=alice).count() == 3
    assert UrgeLog.objects.filter(owner=alice).count() == 1


def _log_out(page) -> None:
    """Log out from the folded menu a phone shows."""
    page.locator(".menu summary").click()
    page.locator(".menu-panel").get_by_role("button", name="Log out").click()


def test_logging_out_leaves_nothing_on_the_phone(open_page, alice, walk, charlie):
    page = open_page(user=alice, viewport=PHONE)
    _journal_kept(page)
    assert page.evaluate(KEPT_PAGES)
    page.evaluate(THEIR_TAP)

    _log_out(page)

    expect(page.locator('.menu-panel a[href="/accounts/login/"]')).to_be_attached()
    assert page.evaluate(KEPT_PAGES) == []
    assert page.evaluate(QUEUE) == []
    # What stays is the shell alone: static files and public pages, the same for everyone.
    kept = page.evaluate("async () => await caches.keys()")
    assert kept and all(name.startswith("copejar-shell-") for name in kept)


def test_logging_out_without_a_signal_asks_before_removing_unsent_taps(open_page, alice, walk):
    page = open_page(user=alice, viewport=PHONE)
    _journal_kept(page)
    page.context.set_offline(True)
    page.get_by_role("button", name="Walk the dog").click()
    expect(_queued(page)).to_have_count(1)

    questions = []

    def keep_them(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", keep_them)
    _log_out(page)
    for _ in range(50):
        if questions:
            break
        page.wait_for_timeout(100)
    expect(_queued(page)).to_have_count(1)
    expect(page.locator(".menu-panel").get_by_role("button", name="Log out")).to_be_visible()
    assert questions == [
        "One tap saved on this phone has not been sent yet. "
        "Log out anyway and remove it from this phone?"
    ]
    assert len(page.evaluate(QUEUE)) == 1


def test_a_shared_device_keeps_no_pages(open_page, alice, walk):
    page = open_page(viewport=PHONE)
    page.goto("/accounts/login/")
    page.evaluate(WORKER_READY)
    # Left by someone before: a kept page, and a tap of theirs.
    page.evaluate(
        """async () => {
          await (await caches.open("copejar-pages-old")).put("/journal/", new Response("theirs"));
        }"""
    )
    page.evaluate(THEIR_TAP)
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("a-long-kind-password")
    page.get_by_label("This is a shared device").check()
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your jars")).to_be_visible()
    page.goto("/journal/")
    page.evaluate(WORKER_READY)
    page.wait_for_timeout(500)

    assert page.evaluate(KEPT_PAGES) == []
    assert page.evaluate(QUEUE) == []


def test_a_skill_removed_while_a_tap_waited_is_asked_about(open_page, alice, walk, scrolling):
    page = open_page(user=alice, viewport=PHONE)
    _journal_kept(page)
    page.context.set_offline(True)
    page.get_by_role("button", name="Walk the dog").click()
    expect(_queued(page)).to_have_count(1)
    tapped = _moment(page.evaluate(QUEUE)[0]["tappedAt"])
    journal_services.skill_delete(skill=walk)  # on another device, meanwhile

    page.context.set_offline(False)

    expect(_queued(page)).to_contain_text("Walk the dog is no longer in your jars")
    assert not UsageLog.objects.exists()
    page.get_by_label("Log it as").select_option(label="Doom-scrolling")
    page.get_by_role("button", name="Log it as this skill").click()
    expect(_status(page)).to_contain_text("The tap saved on this phone is now in your journal.")
    use = UsageLog.objects.get(owner=alice)
    assert use.skill == scrolling
    assert use.occurred_at == tapped


def test_a_session_that_ended_offline_asks_to_sign_in_then_sends(open_page, alice, walk):
    page = open_page(user=alice, viewport=PHONE)
    _journal_kept(page)
    page.context.set_offline(True)
    page.get_by_role("button", name="Strength 3 out of 10").click()
    expect(_queued(page)).to_have_count(1)
    tapped = _moment(page.evaluate(QUEUE)[0]["tappedAt"])
    Session.objects.all().delete()  # the session ran out while the phone was offline

    page.context.set_offline(False)

    sign_in = page.get_by_role("link", name="Sign in")
    expect(sign_in).to_be_visible()
    expect(_queued(page)).to_have_count(1)
    sign_in.click()
    expect(_status(page)).to_contain_text(
        "Taps saved on this phone are waiting. They will be sent once you sign in."
    )
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("a-long-kind-password")
    page.get_by_role("button", name="Log in").click()

    expect(_status(page)).to_contain_text("The tap saved on this phone is now in your journal.")
    urge = UrgeLog.objects.get(owner=alice)
    assert (urge.intensity, urge.occurred_at) == (3, tapped)


def test_the_offline_page_says_what_works_and_is_accessible(open_page, alice, walk):
    page = open_page(user=alice, viewport=PHONE)
    _journal_kept(page)
    page.context.set_offline(True)

    page.goto("/jars/")

    expect(page.get_by_role("heading", name="No signal right now")).to_be_visible()
    expect(page.get_by_text("a phone call needs no data")).to_be_visible()
    expect(page.get_by_role("link", name="Call 988").first).to_be_visible()
    # Kept for anyone on this phone: no account links, and no word about anyone's session.
    expect(page.get_by_role("navigation")).to_be_hidden()
    expect(_status(page)).to_be_empty()
    assert_accessible(page, "the offline page")
    page.get_by_role("link", name="Open my journal").click()
    expect(page.get_by_role("button", name="Walk the dog")).to_be_visible()


def test_the_install_offer_comes_once(open_page, alice, walk):
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/journal/")
    offer = page.get_by_role("region", name="Keep it on your home screen?")
    expect(offer).to_be_hidden()
    offered = """() => {
      const event = new Event("beforeinstallprompt", { cancelable: true });
      event.prompt = () => { window.__prompted = true; };
      window.dispatchEvent(event);
      return event.defaultPrevented;
    }"""
    assert page.evaluate(offered)  # the browser's own banner is held back
    expect(offer).to_be_visible()
    assert_accessible(page, "the journal with the install offer")

    page.get_by_role("button", name="Add to home screen").click()
    assert page.evaluate("window.__prompted") is True
    expect(offer).to_be_hidden()

    page.reload()
    page.evaluate(offered)
    page.wait_for_timeout(200)
    expect(offer).to_be_hidden()  # offered once on this device, never again


def test_background_sync_sends_the_taps_with_no_page_open(open_page, alice, walk, live_server):
    page = open_page(user=alice, viewport=PHONE)
    _journal_kept(page)
    page.context.set_offline(True)
    page.get_by_role("button", name="Walk the dog").click()
    expect(_queued(page)).to_have_count(1)
    tapped = _moment(page.evaluate(QUEUE)[0]["tappedAt"])
    tags = "async () => (await navigator.serviceWorker.ready).sync.getTags()"
    assert page.evaluate(tags) == ["copejar-taps"]
    cdp = page.context.new_cdp_session(page)
    registrations: list[dict] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")

    page.goto("about:blank")  # nothing of the app is open any more
    page.context.set_offline(False)
    assert registrations, "the service worker's registration was not reported"
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": live_server.url,
            "registrationId": registrations[0]["registrationId"],
            "tag": "copejar-taps",
            "lastChance": False,
        },
    )

    for _ in range(100):
        if UsageLog.objects.exists():
            break
        page.wait_for_timeout(100)
    use = UsageLog.objects.get(owner=alice)
    assert (use.skill, use.occurred_at) == (walk, tapped)
