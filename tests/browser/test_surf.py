"""Riding out an urge, the safety plan and the help page, in Chromium on a phone, checked by axe."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from copejar.safety.models import SafetyPlan
from copejar.safety.services import plan_save_contacts, plan_save_lines
from journal.models import SurfOutcome, UrgeLog, UsageLog
from journal.surf.services import surf_start
from skills.services import skill_set_alternatives
from tests.browser.support import (
    PHONE,
    assert_accessible,
    assert_same_page,
    mark_page,
    wait_for_htmx,
)

pytestmark = pytest.mark.browser

SURF = re.compile(r"/journal/surf/[0-9a-f-]{36}/$")


@pytest.fixture
def quick_check_ins(settings):
    """A check-in comes up every two seconds instead of two minutes: the same code, sooner."""
    settings.SURF_CHECK_IN_SECONDS = 2


def test_it_rides_a_short_surf_with_check_ins_on_a_phone(
    open_page, alice, walk, scrolling, quick_check_ins
):
    scrolling.harm_reduction = "Set a ten-minute timer first."
    scrolling.save()
    skill_set_alternatives(skill=scrolling, alternatives=[walk])
    page = open_page(viewport=PHONE, user=alice)

    page.goto(scrolling.get_absolute_url())
    page.get_by_role("link", name="I have an urge to reach for Doom-scrolling").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ride out an urge to reach for Doom-scrolling"
    )
    assert_accessible(page, "the start of a surf")
    page.get_by_label("5 minutes", exact=True).check()
    page.get_by_role("button", name="Strength 6 out of 10: start").tap()

    expect(page).to_have_url(SURF)
    expect(page.get_by_role("heading", level=1)).to_have_text("Riding it out")
    urge = UrgeLog.objects.get(owner=alice)
    assert (urge.intensity, urge.surf_minutes, urge.skill) == (6, 5, scrolling)
    # Between check-ins the scale rests, so the wave has the screen.
    expect(page.get_by_role("button", name="Check in now")).to_be_visible()
    expect(page.get_by_role("button", name="Now 4 out of 10")).to_be_hidden()
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"About (5|4) minutes left\."))
    expect(page.locator(".harm-reduction")).to_contain_text("Set a ten-minute timer first.")
    assert_accessible(page, "a surf, between check-ins")
    mark_page(page)

    for strength in (4, 2):
        scale = page.get_by_role("button", name=f"Now {strength} out of 10")
        expect(scale).to_be_visible(timeout=5_000)  # it comes up by itself
        expect(page.get_by_role("status")).to_have_text(
            "Time for a check-in: how strong is the urge now?"
        )
        if strength == 4:
            assert_accessible(page, "a surf, at a check-in")
        with page.expect_response(re.compile(r"/check-in/$")) as answer:
            scale.tap()
        assert answer.value.request.headers.get("hx-request") == "true"
        expect(page.get_by_role("status")).to_have_text(
            f"Noted: {strength} out of 10. Keep breathing with the wave."
        )
        wait_for_htmx(page)
        expect(page.get_by_role("button", name="Check in now")).to_be_focused()
    assert_same_page(page)
    assert list(urge.check_ins.values_list("intensity", flat=True)) == [4, 2]
    expect(page.locator(".check-in-list li")).to_have_count(3)

    page.get_by_role("button", name="It's smaller").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("How the wave went")
    expect(page.locator(".lede")).to_have_text(
        "Started at 6, was 2 after less than a minute. It got smaller."
    )
    chart = page.get_by_role("img", name=re.compile("How strong the urge was over time"))
    expect(chart).to_have_count(1)
    expect(chart.locator("circle")).to_have_count(4)  # start, two check-ins, the end
    urge.refresh_from_db()
    assert (urge.surf_outcome, urge.intensity_after) == (SurfOutcome.SMALLER, 2)
    assert_accessible(page, "how a surf went")

    page.get_by_role("link", name="All your waves").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your waves")
    expect(page.locator(".surf-card")).to_have_count(1)
    assert_accessible(page, "past surfs")


def test_a_surf_works_with_javascript_off(open_page, alice, walk):
    page = open_page(viewport=PHONE, user=alice, java_script_enabled=False)
    page.goto("/jars/")
    page.get_by_role("link", name="Ride out an urge").click()
    page.get_by_role("button", name="Strength 9 out of 10: start").click()
    expect(page).to_have_url(SURF)
    expect(page.get_by_role("heading", name="This one is strong")).to_be_visible()

    page.get_by_role("button", name="Now 5 out of 10").click()  # always there without a script

    expect(page).to_have_url(re.compile(r"/journal/surf/[0-9a-f-]{36}/#log-status$"))
    expect(page.get_by_role("status")).to_contain_text("Noted: 5 out of 10.")
    # The answer is where the person tapped: the message, and the scale under it, in view.
    # (A whole message, give or take a fraction of a pixel where the scroll lands.)
    expect(page.get_by_role("status")).to_be_in_viewport(ratio=0.99)
    expect(page.get_by_role("button", name="Now 4 out of 10")).to_be_in_viewport()
    page.get_by_role("button", name="Walk the dog").click()
    expect(page.locator(".lede")).to_contain_text("You chose Walk the dog from your Jar O' Copes.")
    usage = UsageLog.objects.get(owner=alice)
    assert (usage.skill, usage.urge) == (walk, UrgeLog.objects.get(owner=alice))


def test_a_saved_plan_section_says_so_in_view_with_javascript_off(open_page, alice):
    page = open_page(viewport=PHONE, user=alice, java_script_enabled=False)
    page.goto("/safety/?edit=reasons#plan-reasons")
    page.get_by_role("textbox", name="My reasons for living").fill("Rufus")
    page.get_by_role("button", name="Save").click()
    section = page.locator("#plan-reasons")
    expect(section.get_by_role("status")).to_have_text("Saved.")
    expect(section.get_by_role("status")).to_be_in_viewport(ratio=1)


def test_the_timer_says_gently_when_the_time_is_up(open_page, alice):
    # Forty seconds left by the server's clock; the page's own clock is then moved on by hand,
    # so a slow machine cannot make the first message come and go before it is read.
    nearly = timezone.now() - timedelta(minutes=5) + timedelta(seconds=40)
    urge = surf_start(owner=alice, intensity=5, minutes=5, started_at=nearly)
    page = open_page(viewport=PHONE, user=alice)
    page.clock.install()
    page.goto(f"/journal/surf/{urge.code}/")

    timer = page.get_by_role("timer")
    expect(timer).to_have_text("Less than a minute left.")
    page.clock.fast_forward(60_000)
    expect(timer).to_have_text("The 5 minutes are up. You can keep riding it out, or end it below.")
    expect(page.get_by_role("status")).to_contain_text("The 5 minutes are up.")
    assert page.locator("progress").evaluate("bar => bar.value === bar.max")


@pytest.mark.parametrize(("motion", "animation"), [("reduce", "none"), ("no-preference", "wave")])
def test_the_wave_moves_only_for_those_who_want_motion(open_page, alice, motion, animation):
    urge = surf_start(owner=alice, intensity=5, minutes=10)
    page = open_page(viewport=PHONE, user=alice, reduced_motion=motion)
    page.goto(f"/journal/surf/{urge.code}/")
    name = page.locator(".wave-front").evaluate("wave => getComputedStyle(wave).animationName")
    assert name.startswith(animation)


def test_alternatives_are_linked_in_place(open_page, alice, walk, scrolling):
    page = open_page(viewport=PHONE, user=alice)
    page.goto(scrolling.get_absolute_url())
    mark_page(page)
    page.get_by_text("Link alternatives").tap()
    assert_accessible(page, "a Negative Skillz rock, choosing alternatives")
    page.get_by_label("Walk the dog").check()
    page.get_by_role("button", name="Save alternatives").tap()

    expect(page.locator("#alternatives")).to_contain_text("Alternatives saved.")
    expect(page.locator("#alternatives").get_by_role("link", name="Walk the dog")).to_be_visible()
    assert_same_page(page)
    assert list(scrolling.alternatives.all()) == [walk]
    assert_accessible(page, "a Negative Skillz rock with an alternative")


def test_the_safety_plan_is_edited_a_section_at_a_time_and_prints_on_one_page(
    open_page, alice, walk
):
    plan_save_contacts(owner=alice, key="help_people", people=[("Sam", "+1 555 010 0199")])
    page = open_page(viewport=PHONE, user=alice)
    page.goto("/jars/")
    page.get_by_role("link", name="Need help now").tap()
    expect(page).to_have_url(re.compile(r"/help/$"))
    page.get_by_role("link", name="Open or change my plan").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("My safety plan")
    assert_accessible(page, "the safety plan")
    mark_page(page)

    section = page.locator("#plan-warning_signs")
    section.get_by_role("link", name="Write this part").tap()
    wait_for_htmx(page)
    expect(section.get_by_role("textbox")).to_be_visible()
    assert_accessible(page, "the safety plan, writing a section")
    section.get_by_role("textbox").fill("Staying up past 2 am\nSkipping meals")
    section.get_by_role("button", name="Save").tap()
    expect(section.locator("li")).to_have_text(["Staying up past 2 am", "Skipping meals"])

    page.locator("#plan-on_my_own").get_by_role("button", name="Add Walk the dog").tap()
    expect(page.locator("#plan-on_my_own li")).to_have_text(["Walk the dog"])
    expect(page.locator('a[href="tel:+15550100199"]')).to_have_text("Call Sam: +1 555 010 0199")
    assert_same_page(page)
    plan = SafetyPlan.objects.get(owner=alice)
    assert plan.lines("warning_signs") == ["Staying up past 2 am", "Skipping meals"]
    assert plan.lines("on_my_own") == ["Walk the dog"]
    assert_accessible(page, "the safety plan after edits")

    for key in ("distractions", "surroundings", "reasons"):
        plan_save_lines(owner=alice, key=key, text="\n".join(f"Item {n}" for n in range(6)))
    page.reload()
    expect(page.get_by_role("button", name="Print this plan")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#plan-reasons .plan-edit")).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages == 1, f"the safety plan printed on {pages} pages"


def test_help_is_one_tap_away_before_signing_in(open_page):
    page = open_page(viewport=PHONE)
    page.goto("/")
    page.get_by_role("link", name="Need help now").tap()

    expect(page).to_have_url(re.compile(r"/help/$"))
    assert_accessible(page, "the help page, signed out")
    # A guest picks where they are; the page then shows that country's lines.
    page.get_by_label("Show the lines for").select_option("United States")
    page.get_by_role("button", name="Show these lines").tap()
    expect(page.get_by_role("heading", name="Crisis lines in United States")).to_be_visible()
    expect(page.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    expect(page.get_by_role("link", name="Text 988")).to_have_attribute("href", "sms:988")
    expect(page.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    assert_accessible(page, "the help page, a guest's country")


def test_a_person_far_from_the_us_gets_their_own_lines(open_page, alice):
    alice.time_zone = "Australia/Hobart"
    alice.save()
    plan_save_contacts(owner=alice, key="help_people", people=[("Sam", "0400 000 000")])
    page = open_page(viewport=PHONE, user=alice)
    page.goto("/help/")
    expect(page.get_by_role("link", name="Call 13 11 14")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Call 000")).to_have_attribute("href", "tel:000")
    expect(page.get_by_role("link", name="Call 988")).to_have_count(0)
    call, text = (
        page.get_by_role("link", name="Call Sam"),
        page.get_by_role("link", name="Text Sam"),
    )
    expect(call).to_have_attribute("href", "tel:0400000000")
    expect(text).to_have_attribute("href", "sms:0400000000")
    assert call.bounding_box()["height"] >= 44 and text.bounding_box()["height"] >= 44
    assert_accessible(page, "the help page in Australia")


def test_the_help_page_shows_the_persons_plan(open_page, alice):
    plan_save_lines(owner=alice, key="reasons", text="Rufus")
    plan_save_contacts(owner=alice, key="professionals", people=[("Dr Lee", "555 0100")])
    page = open_page(viewport=PHONE, user=alice)
    page.goto("/help/")
    expect(page.locator(".help-plan")).to_contain_text("Rufus")
    expect(page.locator('.help-plan a[href="tel:5550100"]')).to_be_visible()
    assert_accessible(page, "the help page, signed in")


@pytest.mark.parametrize("ending", ["reached", "strong"])
def test_a_wave_can_end_honestly_and_is_answered_warmly(open_page, alice, walk, scrolling, ending):
    urge = surf_start(owner=alice, intensity=8, minutes=10, skill=scrolling)
    page = open_page(viewport=PHONE, user=alice)
    page.goto(f"/journal/surf/{urge.code}/")
    assert_accessible(page, "a wave with every ending on offer")
    if ending == "reached":
        page.get_by_role("button", name="I reached for Doom-scrolling").tap()
        said = "Noted: you reached for Doom-scrolling."
        told = "Rode it out with the wave, then reached for Doom-scrolling."
    else:
        page.get_by_role("button", name="Still strong — stopping here for now").tap()
        said = "Still strong, and you are stopping here for now."
        told = "Rode it out with the wave: still strong, and stopped there for now."
    expect(page.get_by_role("heading", level=1)).to_have_text("How the wave went")
    expect(page.get_by_role("status")).to_contain_text(said)
    expect(page.get_by_role("status")).to_be_in_viewport()
    assert_accessible(page, f"the summary after {ending}")
    urge.refresh_from_db()
    assert urge.surf_outcome == {"reached": SurfOutcome.REACHED, "strong": "strong"}[ending]
    page.goto("/journal/")
    expect(page.locator(f"#entry-{urge.code}")).to_contain_text(told)
