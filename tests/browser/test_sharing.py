"""Sharing in two real browsers: the person invites, the therapist sees, the person stops it."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from copejar.sharing.services import grant_invite
from journal.models import UrgeLog, UsageLog
from skills.models import Kind
from skills.services import skill_create
from tests.browser.support import DESKTOP, PHONE, assert_accessible
from tests.conftest import log_urge, log_use, make_grant

pytestmark = pytest.mark.browser


def test_a_person_shares_then_stops_and_the_therapist_sees_nothing_after(
    open_page, alice, bob, walk, scrolling
):
    UrgeLog.objects.create(owner=alice, intensity=6, skill=scrolling, note="a private note")
    UsageLog.objects.create(owner=alice, skill=walk, helped=3)

    person = open_page(user=alice, viewport=PHONE)
    person.goto("/sharing/")
    assert_accessible(person, "sharing, nothing shared yet")
    person.get_by_label("The name your therapist sees").fill("Al")
    person.get_by_label("Jars and logs, without my notes").check()
    person.get_by_label("1 month").check()
    person.get_by_role("button", name="Make an invitation").click()
    expect(person.get_by_role("heading", name="Your invitation is ready")).to_be_visible()
    assert_accessible(person, "new invitation")
    link = person.get_by_label("Link").input_value()
    assert "/care/redeem/#code=" in link

    therapist = open_page(user=bob, viewport=DESKTOP)
    therapist.goto("/care/")
    assert_accessible(therapist, "therapist dashboard, empty")
    therapist.goto(link)
    assert_accessible(therapist, "redeem")
    therapist.get_by_role("button", name="Accept the invitation").click()
    expect(therapist.get_by_role("heading", name="Al\u2019s jars")).to_be_visible()
    expect(therapist.locator("#jar-copes-desc")).to_contain_text("Walk the dog")
    assert_accessible(therapist, "therapist: jars")
    therapist.get_by_role("link", name="Journal", exact=True).last.click()
    expect(therapist.locator("#feed")).to_contain_text("Noticed an urge, 6 out of 10")
    expect(therapist.locator("#feed")).not_to_contain_text("a private note")
    assert_accessible(therapist, "therapist: journal")
    therapist.get_by_role("link", name="Diary card").click()
    expect(therapist.get_by_role("table")).to_contain_text("Doom-scrolling")
    assert_accessible(therapist, "therapist: diary card")
    therapist.goto("/care/")
    expect(therapist.get_by_role("link", name="Al", exact=True)).to_be_visible()
    jars_url = therapist.get_by_role("link", name="Al", exact=True).get_attribute("href")

    person.goto("/sharing/seen/")
    expect(person.locator(".access-log")).to_contain_text("bob saw your weekly diary card")
    assert_accessible(person, "who has seen my jar")
    person.goto("/sharing/")
    assert_accessible(person, "sharing, one active")
    person.get_by_role("button", name="Stop sharing with bob").click()
    expect(person.get_by_text("Sharing stopped.")).to_be_visible()

    response = therapist.goto(jars_url)
    assert response.status == 410
    expect(therapist.get_by_role("heading", level=1)).to_have_text("This share has ended")
    expect(therapist.locator("main")).not_to_contain_text("Al")
    assert_accessible(therapist, "a share that has ended")
    therapist.goto("/care/")
    expect(therapist.get_by_role("link", name="Al", exact=True)).to_have_count(0)


def test_an_invitation_link_keeps_its_code_through_logging_in(open_page, live_server, alice, bob):
    grant, code = grant_invite(owner=alice, shown_name="Al", scope="jars", length="week")
    therapist = open_page(viewport=PHONE)

    therapist.goto(f"{live_server.url}/care/redeem/#code={code}")
    expect(therapist.get_by_role("heading", name="Log in")).to_be_visible()
    assert "#" not in therapist.url  # the code left the address bar (and its history)
    therapist.get_by_label("Username").fill("bob")
    therapist.get_by_label("Password").fill("a-long-kind-password")
    therapist.get_by_role("button", name="Log in").click()

    expect(therapist.get_by_label("Invitation code")).to_have_value(code)
    therapist.get_by_role("button", name="Accept the invitation").click()
    expect(therapist.get_by_role("heading", name="Al\u2019s jars")).to_be_visible()
    grant.refresh_from_db()
    assert grant.therapist == bob


def test_the_diary_card_reads_well_on_a_phone_and_prints_on_one_landscape_page(
    open_page, alice, bob, walk, scrolling
):
    long_target = skill_create(
        owner=alice, name="Doom-scrolling late into the night", kind=Kind.NEGATIVE
    )
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    sunday = timezone.make_aware(datetime.combine(monday + timedelta(days=6), time(12)))
    log_urge(alice, intensity=7, skill=long_target, occurred_at=sunday)
    log_use(alice, skill=walk, occurred_at=sunday)
    log_use(alice, skill=scrolling, occurred_at=sunday - timedelta(days=2))
    grant = make_grant(alice, bob, scope="logs")

    page = open_page(user=bob, viewport=PHONE)
    page.goto(f"/care/{grant.code}/diary/?week={monday:%Y-%m-%d}")
    days = page.locator(".diary-day")
    expect(days).to_have_count(7)
    last = days.nth(6)
    expect(last.get_by_role("heading")).to_have_text(re.compile(r"^Sunday "))
    expect(last).to_contain_text("Doom-scrolling late into the night")
    expect(last).to_contain_text("7")
    expect(last).to_contain_text("Walk the dog")
    # Labels read across, not one letter per line: the long name takes at most two lines.
    label = last.locator(".diary-day-label").first
    line = float(label.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    assert label.bounding_box()["height"] <= 2 * line + 1
    assert label.bounding_box()["width"] > 150
    expect(page.get_by_role("table")).to_be_hidden()
    assert_accessible(page, "the therapist's diary card at 390 px")

    page.emulate_media(media="print")
    expect(page.get_by_role("table")).to_be_visible()
    expect(days.first).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    assert (
        pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page/") == 1
    )
