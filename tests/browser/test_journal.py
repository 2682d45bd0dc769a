"""The journal in a browser: quick logs swap in place, and every form still works without JS."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import UrgeLog, UsageLog
from journal.timeline import PAGE_SIZE
from tests.browser.support import assert_accessible, assert_same_page, mark_page, wait_for_htmx

pytestmark = pytest.mark.browser

QUICK_USE = re.compile(r"/journal/usages/new/$")


def test_it_logs_a_use_with_javascript_off(open_page, alice, walk):
    page = open_page(user=alice, java_script_enabled=False)
    page.goto("/journal/")

    with page.expect_response(QUICK_USE) as answer:
        page.get_by_role("button", name="Walk the dog").click()

    assert answer.value.status == 302
    assert "hx-request" not in answer.value.request.headers
    # Back where the tap happened: the acknowledgement under the quick forms, in view.
    expect(page).to_have_url(re.compile(r"/journal/#log-status$"))
    expect(page.get_by_role("status")).to_be_in_viewport()
    expect(page.get_by_role("status")).to_have_text(
        "Noted: Walk the dog. One more choice from your Jar O' Copes."
    )
    expect(page.locator("#feed")).to_contain_text("Chose Walk the dog")
    assert UsageLog.objects.filter(owner=alice, skill=walk).count() == 1


def test_it_shows_earlier_entries_as_a_plain_link_with_javascript_off(open_page, alice, walk):
    UsageLog.objects.create(
        owner=alice, skill=walk, note="A walk long ago.", occurred_at=_days_ago(20)
    )
    UsageLog.objects.bulk_create(
        UsageLog(owner=alice, skill=walk, occurred_at=_days_ago(n / 100)) for n in range(PAGE_SIZE)
    )
    page = open_page(user=alice, java_script_enabled=False)
    page.goto("/journal/")
    expect(page.locator("#feed")).not_to_contain_text("A walk long ago.")

    page.get_by_role("link", name="Show earlier entries").click()

    expect(page).to_have_url(re.compile(r"/journal/\?older=usage-[0-9a-f-]{36}$"))
    expect(page.locator("#feed")).to_contain_text("A walk long ago.")


def test_it_meets_a_hard_day_with_warmth_and_an_idea(open_page, alice, walk, scrolling):
    page = open_page(user=alice)
    page.goto("/journal/")
    mark_page(page)

    page.get_by_role("button", name="Doom-scrolling").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text("Noted: you reached for Doom-scrolling.")
    expect(status).to_contain_text("a hard day is still a day you got through")
    expect(page.locator("#feed")).to_contain_text("Reached for Doom-scrolling")
    assert_same_page(page)
    assert_accessible(page, "the journal after a hard day")

    status.get_by_role("link", name="What might you add next time?").click()

    expect(page).to_have_url(re.compile(r"/skills/ideas/$"))
    assert_accessible(page, "the ideas page")


def test_it_logs_an_urge_with_one_tap_in_place(open_page, alice):
    page = open_page(user=alice)
    page.goto("/journal/")
    mark_page(page)

    with page.expect_response(re.compile(r"/journal/urges/new/$")) as answer:
        page.get_by_role("button", name="Strength 7 out of 10").click()

    assert answer.value.request.headers.get("hx-request") == "true"
    expect(page.get_by_role("status")).to_have_text(
        "Urge noted, at 7 out of 10. Noticing it is a skill too."
    )
    expect(page.locator("#feed")).to_contain_text("Noticed an urge, 7 out of 10")
    assert_same_page(page)
    assert UrgeLog.objects.get(owner=alice).intensity == 7


def test_it_keeps_the_details_and_then_clears_them(open_page, alice, walk):
    page = open_page(user=alice)
    page.goto("/journal/")
    quick = page.locator("form", has=page.get_by_role("button", name="Walk the dog"))
    quick.get_by_text("Add a time, how much it helped, or a note").click()
    quick.locator("select[name=helped]").select_option(label="Quite a bit")
    quick.locator("textarea[name=note]").fill("Round the park.")

    quick.get_by_role("button", name="Walk the dog").click()

    entry = page.locator("#feed article").first
    expect(entry).to_contain_text("Helped: quite a bit")
    expect(entry).to_contain_text("Round the park.")
    # Ready for the next entry: the optional fields are empty and folded away again.
    expect(quick.locator("textarea[name=note]")).to_have_value("")
    expect(quick.locator("details")).not_to_have_attribute("open", "")


def test_it_explains_a_problem_in_the_status_line_and_keeps_the_form(open_page, alice, walk):
    page = open_page(user=alice)
    page.goto("/journal/")
    mark_page(page)
    quick = page.locator("form", has=page.get_by_role("button", name="Walk the dog"))
    quick.get_by_text("Add a time, how much it helped, or a note").click()
    quick.locator("input[name=occurred_at]").fill("2099-01-01T10:00")
    quick.locator("textarea[name=note]").fill("Planned ahead.")

    quick.get_by_role("button", name="Walk the dog").click()

    expect(page.get_by_role("status")).to_contain_text("Pick a time that has already happened.")
    expect(quick.locator("textarea[name=note]")).to_have_value("Planned ahead.")
    assert_same_page(page)
    assert not UsageLog.objects.filter(owner=alice).exists()


def test_it_shows_earlier_entries_in_place(open_page, alice, walk):
    long_ago = UsageLog.objects.create(
        owner=alice, skill=walk, note="A walk long ago.", occurred_at=_days_ago(20)
    )
    UsageLog.objects.bulk_create(
        UsageLog(owner=alice, skill=walk, occurred_at=_days_ago(n / 100), note="Today's walk.")
        for n in range(PAGE_SIZE)
    )
    page = open_page(user=alice)
    page.goto("/journal/")
    feed = page.locator("#feed")
    expect(feed).to_contain_text("Today's walk.")
    expect(feed).not_to_contain_text("A walk long ago.")
    mark_page(page)

    page.get_by_role("link", name="Show earlier entries").click()

    expect(feed).to_contain_text("A walk long ago.")
    expect(feed).to_contain_text("Today's walk.")
    expect(page.get_by_role("link", name="Show earlier entries")).to_have_count(0)
    # Focus lands on the first newly loaded day, where a screen reader picks up the reading.
    day = timezone.localtime(long_ago.occurred_at).date().isoformat()
    expect(page.locator(f"#day-{day}")).to_be_focused()
    assert_same_page(page)
    assert_accessible(page, "the journal with earlier entries")


def test_it_edits_an_entry_in_place(open_page, alice, walk):
    usage = UsageLog.objects.create(owner=alice, skill=walk)
    page = open_page(user=alice)
    page.goto("/journal/")
    mark_page(page)
    item = page.locator("#feed li").first

    item.get_by_role("link", name=re.compile(r"^Edit the entry at \d\d:\d\d$")).click()
    form = item.get_by_role("form", name="Choice entry")
    expect(form).to_be_visible()
    wait_for_htmx(page)
    form.locator("select[name=helped]").select_option(label="A lot")
    form.locator("textarea[name=note]").fill("Felt lighter after.")
    form.get_by_role("button", name="Save").click()

    expect(form).to_have_count(0)
    expect(item).to_contain_text("Helped: a lot")
    expect(item).to_contain_text("Felt lighter after.")
    assert_same_page(page)
    usage.refresh_from_db()
    assert (usage.helped, usage.note) == (4, "Felt lighter after.")


def test_it_deletes_an_entry_in_place(open_page, alice, walk):
    UsageLog.objects.create(owner=alice, skill=walk, note="Stays.")
    UsageLog.objects.create(owner=alice, skill=walk, note="Goes.", occurred_at=_days_ago(2))
    page = open_page(user=alice)
    page.goto("/journal/")
    mark_page(page)
    item = page.locator("#feed li").nth(1)
    expect(item).to_contain_text("Goes.")

    item.get_by_role("link", name=re.compile(r"^Delete the entry at")).click()
    expect(item).to_contain_text("This cannot be undone.")
    wait_for_htmx(page)
    assert_accessible(page, "the journal asking before a delete")
    item.get_by_role("button", name="Delete").click()

    expect(page.locator("#feed li")).to_have_count(1)
    expect(page.locator("#feed")).not_to_contain_text("Goes.")
    expect(page.locator("#feed")).to_contain_text("Stays.")
    # Its day had nothing else in it, so the day's heading goes too.
    expect(page.locator("#feed").get_by_role("heading", level=3)).to_have_count(1)
    assert_same_page(page)
    assert list(UsageLog.objects.values_list("note", flat=True)) == ["Stays."]


def test_it_saves_an_untouched_edit_without_losing_anything(open_page, alice, walk, scrolling):
    urge = UrgeLog.objects.create(owner=alice, intensity=6, skill=scrolling, passed=True)
    usage = UsageLog.objects.create(owner=alice, skill=walk, urge=urge, occurred_at=_days_ago(0, 1))
    page = open_page(user=alice)
    page.goto("/journal/")

    urge_item, usage_item = page.locator("#feed li").nth(0), page.locator("#feed li").nth(1)

    _save_untouched(urge_item)
    urge.refresh_from_db()
    assert (urge.skill, urge.passed) == (scrolling, True)
    _save_untouched(usage_item)
    usage.refresh_from_db()
    assert (usage.skill, usage.urge) == (walk, urge)


def test_it_gives_every_journal_field_its_own_label(open_page, alice, walk):
    UsageLog.objects.create(owner=alice, skill=walk)
    page = open_page(user=alice)
    page.goto("/journal/")
    for summary in page.locator("form details summary").all():
        summary.click()
    page.locator("#feed li").first.get_by_role("link", name=re.compile(r"^Edit")).click()
    expect(page.get_by_role("form", name="Choice entry")).to_be_visible()

    repeated = page.evaluate(
        "[...document.querySelectorAll('[id]')].map(e => e.id)"
        ".filter((id, i, all) => all.indexOf(id) !== i)"
    )

    assert repeated == []
    assert_accessible(page, "the journal with every form open")


def _save_untouched(item) -> None:
    item.get_by_role("link", name=re.compile(r"^Edit")).click()
    expect(item.get_by_role("form")).to_be_visible()
    wait_for_htmx(item.page)
    item.get_by_role("button", name="Save").click()
    expect(item.get_by_role("form")).to_have_count(0)


def _days_ago(days: int, hours: int = 0):
    return timezone.now() - timedelta(days=days, hours=hours)
