"""Insights: known entries give known figures, in the person's own time zone, and an empty
journal gets a warm word instead of empty axes. Nothing here drops to zero because of a day
without entries."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.insights import (
    balance_over_time,
    jar_at_month_end,
    what_helps,
    when_urges_come,
    year_in_rocks,
)
from journal.insights import insights as read_insights
from journal.services import entry_update
from journal.window import Window
from skills.models import Kind
from skills.services import skill_create, skill_set_archived
from tests.conftest import log_urge, log_use, make_grant

KIRITIMATI = zoneinfo.ZoneInfo("Pacific/Kiritimati")  # fourteen hours ahead of UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def far(alice):
    alice.time_zone = "Pacific/Kiritimati"
    alice.save()
    return alice


def _local(zone, *args) -> datetime:
    return datetime(*args, tzinfo=zone)


def test_the_balance_goes_week_by_week_and_an_empty_week_is_nothing_not_zero(far, walk):
    grey = skill_create(owner=far, name="Scrolling", kind=Kind.NEGATIVE)
    today = date(2026, 11, 26)  # a Thursday
    # 10:30 on Sunday 22 November in UTC is already Monday the 23rd in Kiritimati.
    log_use(far, skill=walk, occurred_at=datetime(2026, 11, 22, 10, 30, tzinfo=UTC))
    log_use(far, skill=grey, occurred_at=_local(KIRITIMATI, 2026, 11, 24, 0, 5))
    log_use(far, skill=walk, occurred_at=_local(KIRITIMATI, 2026, 11, 2, 12, 0))
    balance = balance_over_time(Window.of_owner(far), today=today)
    by_week = {week.monday: week for week in balance.weeks}
    assert len(balance.weeks) == 12
    assert (by_week[date(2026, 11, 23)].copes, by_week[date(2026, 11, 23)].negative) == (1, 1)
    assert by_week[date(2026, 11, 23)].share == 0.5
    assert by_week[date(2026, 11, 16)].share is None  # nothing logged: no bar, not a zero
    assert by_week[date(2026, 11, 2)].share == 1.0
    assert balance.summary == "In the last 4 weeks, 2 of 3 choices came from your Jar O' Copes."
    assert balance.chart.bars[-3].empty  # the week of 9 November drew no bar


def test_the_summary_compares_with_the_four_weeks_before(alice, walk, scrolling):
    today = timezone.localdate()
    for days_ago, skill in [(1, walk), (2, walk), (3, scrolling), (30, walk), (40, scrolling)]:
        log_use(alice, skill=skill, occurred_at=timezone.now() - timedelta(days=days_ago))
    balance = balance_over_time(Window.of_owner(alice), today=today)
    assert balance.summary == (
        "In the last 4 weeks, 2 of 3 choices came from your Jar O' Copes; "
        "the 4 weeks before, 1 of 2."
    )
    assert (balance.all_copes, balance.all_negative, balance.all_share) == (3, 2, "60%")


def test_what_helps_ranks_by_ratings_and_keeps_one_tap_apart(alice, walk, scrolling):
    tea = skill_create(owner=alice, name="Tea", kind=Kind.COPES)
    for helped in (4, 3, 4):
        log_use(alice, skill=walk, helped=helped)
    log_use(alice, skill=tea, helped=4)  # one rating is not a trend
    urge = log_urge(alice, intensity=8, skill=scrolling, intensity_after=3)
    log_use(alice, skill=walk, urge=urge)
    window = Window.of_owner(alice)
    ranked, few = what_helps(list(window.skills()), list(window.totals().values()))
    assert [h.skill.name for h in ranked] == ["Walk the dog"]
    assert (ranked[0].ratings, round(ranked[0].average, 2), ranked[0].average_words) == (
        3,
        3.67,
        "a lot",
    )
    assert (ranked[0].answers, ranked[0].eased) == (1, 1)
    assert [h.skill.name for h in few] == ["Tea"]


def test_urges_land_on_the_persons_own_weekday_and_part_of_the_day(far, scrolling):
    # Monday 23:30 and Tuesday 00:30 in Kiritimati: two days, two parts of the day.
    log_urge(
        far, intensity=6, skill=scrolling, occurred_at=_local(KIRITIMATI, 2026, 11, 23, 23, 30)
    )
    log_urge(far, intensity=8, skill=scrolling, occurred_at=_local(KIRITIMATI, 2026, 11, 24, 0, 30))
    window = Window.of_owner(far)
    times = when_urges_come(list(window.skills()), list(window.totals().values()))
    grid = {(day, slot.band): slot.urges for _short, day, slots in times.rows for slot in slots}
    assert grid[("Monday", 3)] == 1  # evening
    assert grid[("Tuesday", 0)] == 1  # night
    assert times.pulls == [("Doom-scrolling", 2)]
    assert "Urges came most often on Monday evening (1)" in times.summary


def test_an_urge_in_the_hour_that_repeats_counts_once_at_its_own_time(alice, scrolling):
    alice.time_zone = "America/New_York"
    alice.save()
    # Clocks went back at 2:00 on 1 November 2026: 1:30 happened twice; both are night.
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)
    second = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK)
    log_urge(alice, intensity=5, skill=scrolling, occurred_at=first)
    log_urge(alice, intensity=7, skill=scrolling, occurred_at=second)
    window = Window.of_owner(alice)
    times = when_urges_come(list(window.skills()), list(window.totals().values()))
    sunday_night = next(s for _s, day, slots in times.rows if day == "Sunday" for s in slots)
    assert (sunday_night.urges, sunday_night.strength) == (2, 6.0)


def test_waves_count_what_passed_or_eased_and_how_far_it_came_down(alice, scrolling):
    log_urge(alice, intensity=8, skill=scrolling, passed=True, intensity_after=0)
    log_urge(alice, intensity=6, skill=scrolling, intensity_after=4)
    log_urge(alice, intensity=5, skill=scrolling)
    found = read_insights(Window.of_owner(alice), now=timezone.now()).waves
    assert (found.urges, found.eased, found.passed) == (3, 2, 1)
    assert found.average_drop == 5.0
    assert found.summary == (
        "Of 3 urges noted, 2 passed or got smaller. When a strength afterwards was noted, "
        "it had come down by 5.0 on average."
    )


def test_an_edit_moves_the_figures_with_it(alice, scrolling):
    urge = log_urge(alice, intensity=6, skill=scrolling)
    window = Window.of_owner(alice)
    assert read_insights(window, now=timezone.now()).waves.eased == 0
    urge.passed = True
    entry_update(entry=urge)
    assert read_insights(window, now=timezone.now()).waves.eased == 1


def test_the_year_colours_each_day_by_its_balance_and_leaves_quiet_days_plain(alice, walk):
    grey = skill_create(owner=alice, name="Scrolling", kind=Kind.NEGATIVE)
    day = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    log_use(alice, skill=walk, occurred_at=day)
    log_use(alice, skill=walk, occurred_at=day)
    log_use(alice, skill=grey, occurred_at=day + timedelta(days=1))
    year = year_in_rocks(Window.of_owner(alice), year=2026, today=date(2026, 11, 26))
    levels = {cell.day: cell.level for cell in year.calendar.cells}
    assert (levels[date(2026, 3, 14)], levels[date(2026, 3, 15)], levels[date(2026, 3, 16)]) == (
        3,
        1,
        0,
    )
    assert len(year.calendar.cells) == 365
    assert year.summary == (
        "In 2026, 2 days had choices logged; on 1 of them most came from the Jar O' Copes."
    )
    march = next(m for m in year.months if m[0].month == 3)
    assert march[1:] == (2, 2, 1)


def test_the_jar_as_it_grew_holds_the_rocks_that_were_there_then(alice, walk):
    long_ago = timezone.now() - timedelta(days=120)
    old = skill_create(owner=alice, name="Old rock", kind=Kind.COPES, created_at=long_ago)
    gone = skill_create(owner=alice, name="Put away", kind=Kind.COPES, created_at=long_ago)
    skill_set_archived(skill=gone, archived=True)
    for _ in range(3):
        log_use(alice, skill=old, occurred_at=long_ago + timedelta(days=5))
    window = Window.of_owner(alice)
    month = timezone.localdate(long_ago + timedelta(days=5)).replace(day=1)
    growth = jar_at_month_end(window, month=month, today=timezone.localdate())
    names = {rock.label: rock.uses for rock in growth.jars.copes.rocks}
    # "Walk the dog" came later; "Put away" was still in the jar then.
    assert names == {"Old rock": 3, "Put away": 0}
    assert growth.later is not None


def test_a_new_person_gets_a_warm_explanation_not_empty_axes(alice_client):
    html = unescape(alice_client.get(reverse("journal:insights")).content.decode())
    assert "As you log urges and choices, this page fills in" in html
    assert 'class="bar-chart"' not in html


def test_every_chart_says_its_numbers_in_words(alice_client, alice, walk, scrolling):
    log_use(alice, skill=walk, helped=3)
    log_urge(alice, intensity=7, skill=scrolling, passed=True)
    for name in ("journal:insights", "journal:insights_year"):
        html = alice_client.get(reverse(name)).content.decode()
        assert html.count('role="img"') >= 1
        assert html.count("<desc") == html.count('role="img"') - html.count('class="jar-drawing"')
        assert "<table" in html


def test_a_therapist_with_logs_sees_insights_without_private_skills(client, alice, bob, walk):
    hidden = skill_create(owner=alice, name="Hidden rock", kind=Kind.COPES, private=True)
    log_use(alice, skill=hidden, helped=4)
    log_use(alice, skill=walk, helped=2)
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    html = unescape(
        client.get(reverse("care:insights", kwargs={"code": grant.code})).content.decode()
    )
    assert "Walk the dog" in html
    assert "Hidden rock" not in html
    assert "1 of 1 choices came from the Jar O' Copes" in html


def test_a_new_time_zone_in_settings_moves_the_figures_to_the_new_days(
    alice, alice_client, scrolling
):
    # Monday 23:30 in New York is Tuesday 18:30 in Kiritimati.
    alice.time_zone = "America/New_York"
    alice.save()
    log_urge(
        alice, intensity=6, skill=scrolling, occurred_at=_local(NEW_YORK, 2026, 11, 23, 23, 30)
    )
    response = alice_client.post(
        reverse("accounts:settings"),
        {"email": "", "time_zone": "Pacific/Kiritimati", "tab_title": ""},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    window = Window.of_owner(alice)
    times = when_urges_come(list(window.skills()), list(window.totals().values()))
    grid = {(day, slot.band): slot.urges for _short, day, slots in times.rows for slot in slots}
    assert grid[("Tuesday", 3)] == 1  # the evening, where she lives now
    assert grid[("Monday", 3)] == 0
