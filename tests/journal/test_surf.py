"""Riding out an urge: the start, check-ins in order, every way to end, and a surf left mid-way."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import SurfOutcome, UrgeCheckIn, UrgeLog, UsageLog
from journal.surf.services import surf_check_in, surf_end, surf_start
from skills.models import Kind
from skills.services import skill_create
from tests.conftest import as_read

HTMX = {"HX-Request": "true"}


def _page(response) -> str:
    return as_read(response.content)


@pytest.fixture
def surf(alice, scrolling) -> UrgeLog:
    return surf_start(owner=alice, intensity=8, minutes=10, skill=scrolling)


def _url(name: str, urge: UrgeLog) -> str:
    return reverse(name, kwargs={"code": urge.code})


def test_it_starts_a_surf_as_an_urge_in_the_log(alice_client, alice, scrolling):
    response = alice_client.post(
        reverse("journal:surf_new"),
        {"intensity": "6", "minutes": "15", "skill": scrolling.code, "note": "After the call."},
    )
    urge = UrgeLog.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("journal:surf", urge)
    assert (urge.owner, urge.intensity, urge.surf_minutes, urge.skill, urge.note) == (
        alice,
        6,
        15,
        scrolling,
        "After the call.",
    )
    assert timezone.now() - urge.occurred_at < timedelta(minutes=1)
    assert urge.surf_ended_at is None and urge.surf_outcome == ""


@pytest.mark.parametrize("value", ["11", "-1", "strong", ""])
def test_a_start_strength_outside_0_to_10_is_refused_kindly(alice_client, value):
    response = alice_client.post(reverse("journal:surf_new"), {"intensity": value, "minutes": "10"})
    assert response.status_code == 200
    assert "Pick how strong the urge is, from 0 to 10." in _page(response)
    assert not UrgeLog.objects.exists()


@pytest.mark.parametrize("value", ["7", "60", ""])
def test_only_the_lengths_on_offer_can_be_picked(alice_client, value):
    response = alice_client.post(reverse("journal:surf_new"), {"intensity": "5", "minutes": value})
    assert "Pick how long to ride it out: 5, 10, 15 or 20 minutes." in _page(response)
    assert not UrgeLog.objects.exists()


def test_a_start_from_a_skill_names_the_skill(alice_client, scrolling):
    response = alice_client.get(reverse("journal:surf_new") + f"?skill={scrolling.code}")
    html = _page(response)
    assert "Ride out an urge to reach for Doom-scrolling" in html
    assert f'name="skill" value="{scrolling.code}"' in html


def test_a_start_cannot_pull_toward_a_strangers_skill(alice_client, charlie):
    theirs = skill_create(owner=charlie, name="Theirs", kind=Kind.NEGATIVE)
    response = alice_client.post(
        reverse("journal:surf_new"), {"intensity": "5", "minutes": "10", "skill": theirs.code}
    )
    assert "Pick one of your skills, or leave it empty." in _page(response)
    assert not UrgeLog.objects.exists()


def test_check_ins_are_recorded_in_order(alice_client, surf):
    for strength in ("9", "7", "4"):
        alice_client.post(_url("journal:surf_check_in", surf), {"intensity": strength})
    assert list(surf.check_ins.values_list("intensity", flat=True)) == [9, 7, 4]
    times = list(surf.check_ins.values_list("at", flat=True))
    assert times == sorted(times)
    assert [strength for _s, strength in surf.surf_points()] == [8, 9, 7, 4]


def test_a_check_in_without_javascript_goes_back_to_the_wave(alice_client, surf):
    response = alice_client.post(_url("journal:surf_check_in", surf), {"intensity": "5"})
    assert response.status_code == 302
    # Back to the message, which sits right above the check-in: both in view.
    assert response["Location"] == _url("journal:surf", surf) + "#log-status"
    page = _page(alice_client.get(response["Location"]))
    assert "Noted: 5 out of 10." in page


def test_a_check_in_with_htmx_swaps_only_the_check_in(alice_client, surf):
    response = alice_client.post(
        _url("journal:surf_check_in", surf), {"intensity": "5"}, headers=HTMX
    )
    html = _page(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="check-in"')
    assert 'id="log-status" hx-swap-oob="innerHTML"' in html
    assert "Noted: 5 out of 10." in html
    assert UrgeCheckIn.objects.get().intensity == 5


@pytest.mark.parametrize("value", ["11", "x", ""])
def test_a_check_in_outside_0_to_10_is_refused_kindly(alice_client, surf, value):
    response = alice_client.post(
        _url("journal:surf_check_in", surf), {"intensity": value}, headers=HTMX
    )
    assert "Pick how strong the urge is, from 0 to 10." in _page(response)
    assert not UrgeCheckIn.objects.exists()


def test_the_surf_page_works_as_plain_forms(alice_client, surf, settings):
    settings.SURF_CHECK_IN_SECONDS = 90
    html = _page(alice_client.get(_url("journal:surf", surf)))
    check_in = _url("journal:surf_check_in", surf)
    end = _url("journal:surf_end", surf)
    assert f'<form method="post" action="{check_in}" hx-post="{check_in}"' in html
    assert f'<form method="post" action="{end}"' in html
    assert 'data-check-every="90"' in html
    # The resting note only shows with a script; without one, the scale is always there.
    assert re.search(r'class="check-in-rest" data-check-in-rest hidden', html)
    assert 'aria-label="Now 7 out of 10"' in html
    assert 'class="surf-wave"' in html and 'aria-hidden="true"' in html
    assert 'role="timer"' in html


def test_it_ends_when_the_urge_passed(alice_client, surf):
    surf_check_in(urge=surf, intensity=5)
    response = alice_client.post(_url("journal:surf_end", surf), {"outcome": "passed"})
    surf.refresh_from_db()
    assert response["Location"] == _url("journal:surf", surf)
    assert (surf.surf_outcome, surf.passed, surf.intensity_after) == (SurfOutcome.PASSED, True, 0)
    assert surf.surf_ended_at is not None and surf.minutes_ridden_out == 0
    assert not UsageLog.objects.exists()


def test_it_ends_early_when_the_urge_got_smaller(alice_client, surf):
    surf_check_in(urge=surf, intensity=6)
    surf_check_in(urge=surf, intensity=4)
    alice_client.post(_url("journal:surf_end", surf), {"outcome": "smaller"})
    surf.refresh_from_db()
    assert (surf.surf_outcome, surf.passed, surf.intensity_after) == (SurfOutcome.SMALLER, False, 4)
    assert [strength for _s, strength in surf.surf_points()] == [8, 6, 4, 4]


def test_a_choice_ends_it_and_is_logged_as_a_use_answering_the_urge(alice_client, surf, walk):
    surf_check_in(urge=surf, intensity=6)
    alice_client.post(_url("journal:surf_end", surf), {"choice": walk.code})
    surf.refresh_from_db()
    usage = UsageLog.objects.get()
    assert (usage.owner, usage.skill, usage.urge) == (surf.owner, walk, surf)
    assert usage.occurred_at == surf.surf_ended_at
    assert (surf.surf_outcome, surf.passed, surf.intensity_after) == (SurfOutcome.CHOSE, None, 6)
    page = _page(alice_client.get(_url("journal:surf", surf)))
    assert "You chose Walk the dog from your Jar O' Copes." in page
    assert reverse("journal:usage_edit", kwargs={"code": usage.code}) in page


def test_reaching_for_a_grey_rock_ends_it_honestly_and_warmly(alice_client, alice, surf, scrolling):
    surf_check_in(urge=surf, intensity=9)
    response = alice_client.post(
        _url("journal:surf_end", surf), {"reached": scrolling.code}, follow=True
    )
    surf.refresh_from_db()
    usage = UsageLog.objects.get()
    assert (usage.skill, usage.urge, usage.occurred_at) == (scrolling, surf, surf.surf_ended_at)
    assert (surf.surf_outcome, surf.passed, surf.intensity_after) == (SurfOutcome.REACHED, None, 9)
    page = _page(response)
    assert "Noted: you reached for Doom-scrolling." in page
    assert "it is not a verdict on you" in page
    assert "You reached for Doom-scrolling." in page
    assert "What might you add next time?" in page
    journal = _page(alice_client.get(reverse("journal:journal")))
    assert "Rode it out with the wave, then reached for Doom-scrolling." in journal
    assert "It had not passed yet." not in journal


def test_reaching_for_a_rock_not_ready_to_change_brings_no_nudge(alice_client, surf, scrolling):
    scrolling.not_ready = True
    scrolling.save()
    response = alice_client.post(
        _url("journal:surf_end", surf), {"reached": scrolling.code}, follow=True
    )
    page = _page(response)
    assert "Noted: you reached for Doom-scrolling." in page
    assert "What might you add next time?" not in page
    assert reverse("skills:ideas") not in page.split("<main", 1)[1]


def test_still_strong_ends_it_for_now_and_offers_the_plan(alice_client, surf):
    surf_check_in(urge=surf, intensity=9)
    response = alice_client.post(_url("journal:surf_end", surf), {"outcome": "strong"}, follow=True)
    surf.refresh_from_db()
    assert (surf.surf_outcome, surf.passed, surf.intensity_after) == (
        SurfOutcome.STILL_STRONG,
        False,
        9,
    )
    assert not UsageLog.objects.exists()
    page = _page(response)
    assert "Still strong, and you are stopping here for now." in page
    assert reverse("safety:plan") in page
    assert "It was still strong, and you stopped there for now." in page
    journal = _page(alice_client.get(reverse("journal:journal")))
    assert "Rode it out with the wave: still strong, and stopped there for now." in journal


@pytest.mark.parametrize(
    ("sent", "words"),
    [
        ({"outcome": "passed"}, "Rode it out with the wave: it passed."),
        ({"outcome": "smaller"}, "Rode it out with the wave: it got smaller."),
        ("walk", "Rode it out with the wave, then chose Walk the dog."),
    ],
)
def test_the_journal_tells_each_ending_in_the_words_picked(alice_client, surf, walk, sent, words):
    data = {"choice": walk.code} if sent == "walk" else sent
    alice_client.post(_url("journal:surf_end", surf), data)
    journal = _page(alice_client.get(reverse("journal:journal")))
    assert words in journal
    assert "It had not passed yet." not in journal


def test_a_choice_cannot_name_a_grey_rock_nor_a_reach_a_kind_one(
    alice_client, surf, walk, scrolling
):
    for data in ({"choice": scrolling.code}, {"reached": walk.code}):
        response = alice_client.post(_url("journal:surf_end", surf), data)
        assert response.status_code == 200
    assert not UsageLog.objects.exists()
    surf.refresh_from_db()
    assert surf.surf_ended_at is None


def test_a_strangers_skill_cannot_be_chosen(alice_client, surf, charlie):
    theirs = skill_create(owner=charlie, name="Theirs", kind=Kind.COPES)
    response = alice_client.post(_url("journal:surf_end", surf), {"choice": theirs.code})
    assert "Pick one of the skills in your Jar O' Copes." in _page(response)
    assert not UsageLog.objects.exists()
    surf.refresh_from_db()
    assert surf.surf_ended_at is None


def test_an_ending_without_an_outcome_is_asked_again(alice_client, surf):
    response = alice_client.post(_url("journal:surf_end", surf), {})
    assert response.status_code == 200
    assert "Pick how it ended from the buttons below." in _page(response)
    surf.refresh_from_db()
    assert surf.surf_ended_at is None


def test_a_surf_left_mid_way_stays_in_the_log_with_its_check_ins(alice_client, alice):
    started = timezone.now() - timedelta(hours=3)
    urge = surf_start(owner=alice, intensity=7, minutes=10, started_at=started)
    surf_check_in(urge=urge, intensity=8, at=started + timedelta(minutes=2))
    surf_check_in(urge=urge, intensity=5, at=started + timedelta(minutes=4))

    page = _page(alice_client.get(_url("journal:surf", urge)))
    assert "Started at 7, rose to 8 after 2 minutes, and was 5 after 4 minutes." in page
    assert "You stepped away after 4 minutes. Everything noted until then is kept." in page
    assert reverse("journal:urge_edit", kwargs={"code": urge.code}) in page
    assert UrgeCheckIn.objects.filter(urge=urge).count() == 2
    journal = _page(alice_client.get(reverse("journal:journal")))
    assert f'id="entry-{urge.code}"' in journal
    assert _url("journal:surf", urge) in journal
    assert "You are riding out an urge right now." not in journal
    assert "You stepped away after 4 minutes." in _page(alice_client.get(reverse("journal:surfs")))


def test_the_list_of_waves_moves_on_with_the_clock_without_a_write(
    alice_client, alice, monkeypatch
):
    started = timezone.now() - timedelta(minutes=3)
    urge = surf_start(owner=alice, intensity=7, minutes=10, started_at=started)
    surf_check_in(urge=urge, intensity=5, at=started + timedelta(minutes=2))
    assert "Still riding it out." in _page(alice_client.get(reverse("journal:surfs")))

    # Nothing is written, but the wave's time runs out: the list says so on the next visit.
    later = urge.surf_closes_at() + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page = _page(alice_client.get(reverse("journal:surfs")))
    assert "Still riding it out." not in page
    assert "You stepped away after 2 minutes." in page


def test_the_journal_moves_on_with_the_clock_without_a_write(alice_client, alice, monkeypatch):
    started = timezone.now() - timedelta(minutes=3)
    urge = surf_start(owner=alice, intensity=7, minutes=10, started_at=started)
    journal = _page(alice_client.get(reverse("journal:journal")))
    assert "Rode it out with the wave." in journal
    assert "You are riding out an urge right now." in journal

    later = urge.surf_closes_at() + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    journal = _page(alice_client.get(reverse("journal:journal")))
    assert "Rode it out with the wave for a while, then stepped away." in journal
    assert "You are riding out an urge right now." not in journal


def test_a_surf_that_is_over_takes_nothing_more(alice_client, surf, walk):
    surf_end(urge=surf, outcome=SurfOutcome.PASSED)
    response = alice_client.post(_url("journal:surf_check_in", surf), {"intensity": "3"})
    assert response["Location"] == _url("journal:surf", surf)
    response = alice_client.post(
        _url("journal:surf_check_in", surf), {"intensity": "3"}, headers=HTMX
    )
    assert response["HX-Redirect"] == _url("journal:surf", surf)
    alice_client.post(_url("journal:surf_end", surf), {"choice": walk.code})
    assert not UrgeCheckIn.objects.exists()
    assert not UsageLog.objects.exists()
    surf.refresh_from_db()
    assert surf.surf_outcome == SurfOutcome.PASSED


def test_a_plain_urge_has_no_wave(alice_client, urge):
    assert alice_client.get(_url("journal:surf", urge)).status_code == 404


def test_the_summary_draws_the_curve_and_says_it_in_words(alice_client, alice):
    started = timezone.now() - timedelta(minutes=13)
    urge = surf_start(owner=alice, intensity=8, minutes=15, started_at=started)
    for minute, strength in [(4, 6), (8, 5), (12, 3)]:
        surf_check_in(urge=urge, intensity=strength, at=started + timedelta(minutes=minute))
    surf_end(urge=urge, outcome=SurfOutcome.SMALLER, ended_at=started + timedelta(minutes=12))

    html = _page(alice_client.get(_url("journal:surf", urge)))
    assert "Started at 8, was 3 after 12 minutes." in html
    assert "It got smaller." in html
    svg = re.search(r'<svg class="surf-chart"[^>]*>', html).group(0)
    assert 'role="img"' in svg
    assert f'aria-labelledby="chart-{urge.code}-title chart-{urge.code}-desc"' in svg
    assert f'<title id="chart-{urge.code}-title">How strong the urge was over time' in html
    desc = re.search(rf'<desc id="chart-{urge.code}-desc">([^<]*)</desc>', html).group(1)
    assert desc.startswith("At the start: 8 out of 10. After 4 minutes: 6 out of 10.")
    assert html.count('class="chart-dot"') == 5  # start, three check-ins, the end


def test_past_surfs_show_newest_first_with_their_curves(alice_client, alice, charlie):
    older = surf_start(
        owner=alice, intensity=5, minutes=5, started_at=timezone.now() - timedelta(days=2)
    )
    newer = surf_start(owner=alice, intensity=9, minutes=20)
    surf_start(owner=charlie, intensity=4, minutes=5)
    UrgeLog.objects.create(owner=alice, intensity=3)  # a plain urge is not a surf

    html = _page(alice_client.get(reverse("journal:surfs")))
    assert html.count('class="surf-chart"') == 2
    assert html.index(str(newer.code)) < html.index(str(older.code))
    assert "Started at 9 out of 10. Still riding it out." in html


def test_past_surfs_come_a_page_at_a_time(alice_client, alice):
    for n in range(23):
        surf_start(
            owner=alice, intensity=n % 11, minutes=5, started_at=timezone.now() - timedelta(days=n)
        )
    first = _page(alice_client.get(reverse("journal:surfs")))
    assert first.count('class="surf-chart"') == 20
    assert 'href="?page=2" hx-get="?page=2"' in first
    more = _page(alice_client.get(reverse("journal:surfs") + "?page=2", headers=HTMX))
    assert "<html" not in more
    assert more.count('class="surf-chart"') == 3


def test_the_journal_leads_back_to_an_open_surf(alice_client, surf):
    html = _page(alice_client.get(reverse("journal:journal")))
    assert "You are riding out an urge right now." in html
    assert _url("journal:surf", surf) in html
    assert reverse("journal:surf_new") in html


@pytest.mark.parametrize(
    ("where", "how"),
    [("quick log", "htmx"), ("full form", "plain"), ("surf start", "plain")],
)
def test_an_urge_at_8_or_more_gently_offers_the_safety_plan(alice_client, where, how):
    headers = HTMX if how == "htmx" else {}
    url = reverse("journal:surf_new" if where == "surf start" else "journal:urge_new")
    response = alice_client.post(url, {"intensity": "8", "minutes": "10"}, headers=headers)
    if response.status_code == 302:
        response = alice_client.get(response["Location"])
    html = _page(response)
    assert reverse("safety:plan") in html
    assert reverse("safety:help") + '"' in html.split("</header>", 1)[-1]


@pytest.mark.parametrize("where", ["journal:urge_new", "journal:surf_new"])
def test_an_urge_under_8_offers_no_safety_plan(alice_client, where):
    response = alice_client.post(reverse(where), {"intensity": "7", "minutes": "10"}, follow=True)
    html = _page(response)
    assert reverse("safety:plan") not in html.split("</header>", 1)[-1]
