"""Logging urges and choices: quick in place with htmx, the same without JavaScript."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from html import unescape

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from journal import services
from journal.models import UrgeLog, UsageLog
from journal.timeline import PAGE_SIZE
from tests.conftest import as_read, log_urge, log_use

HTMX = {"HX-Request": "true"}


def test_a_quick_use_without_javascript_redirects_back_to_the_journal(alice_client, walk):
    response = alice_client.post(reverse("journal:usage_new"), {"skill": walk.code})
    assert response.status_code == 302
    # Back to the journal, scrolled to the acknowledgement under the quick forms.
    assert response["Location"] == reverse("journal:journal") + "#log-status"
    usage = UsageLog.objects.get()
    assert usage.skill == walk
    assert timezone.now() - usage.occurred_at < timedelta(minutes=1)
    page = unescape(alice_client.get(response["Location"]).content.decode())
    assert "One more choice from your Jar O' Copes." in page
    assert f'id="entry-{usage.code}"' in page


def test_a_quick_use_with_htmx_answers_with_only_the_new_entry(alice_client, alice, walk):
    for n in range(30):
        log_use(alice, skill=walk, occurred_at=timezone.now() - timedelta(minutes=n + 1))
    response = alice_client.post(reverse("journal:usage_new"), {"skill": walk.code}, headers=HTMX)
    html = response.content.decode()
    new = UsageLog.objects.order_by("-id").first()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<p class="message')  # the acknowledgement, for #log-status
    assert "Noted: Walk the dog." in html
    # The new entry goes to the top of today's list; the rest of the week is not sent again.
    assert html.count('class="entry entry-usage"') == 1
    assert f'id="entry-{new.code}"' in html
    assert 'hx-swap-oob="afterbegin:#entries-day-' in html
    # And the next tap gets a fresh one-time key.
    assert 'name="once"' in html and 'hx-swap-oob="true"' in html


def test_the_first_entry_of_a_day_starts_a_new_day_in_the_feed(alice_client, alice, walk):
    UsageLog.objects.create(owner=alice, skill=walk, occurred_at=timezone.now() - timedelta(days=3))
    html = alice_client.post(
        reverse("journal:usage_new"), {"skill": walk.code}, headers=HTMX
    ).content.decode()
    assert 'hx-swap-oob="afterbegin:#feed-days"' in html
    assert '<section class="day"' in html


def test_an_entry_logged_for_an_earlier_time_redraws_the_feed_in_order(alice_client, walk, usage):
    earlier = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    html = alice_client.post(
        reverse("journal:usage_new"), {"skill": walk.code, "occurred_at": earlier}, headers=HTMX
    ).content.decode()
    assert '<section id="feed" class="feed" aria-labelledby="feed-heading" hx-swap-oob="true">' in (
        html
    )
    new = UsageLog.objects.exclude(pk=usage.pk).get()
    assert html.index(f'id="entry-{usage.code}"') < html.index(f'id="entry-{new.code}"')


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_the_same_form_sent_twice_makes_one_entry(alice_client, walk, headers):
    key = "7b0c7d3e-1f53-4c1e-9d2b-8f6a2c1d0e11"
    for _ in range(3):
        response = alice_client.post(
            reverse("journal:usage_new"), {"skill": walk.code, "once": key}, headers=headers
        )
        assert response.status_code in (200, 302)
        if headers:
            assert "Noted: Walk the dog." in response.content.decode()
    assert UsageLog.objects.count() == 1
    for strength in (6, 6, 7):
        alice_client.post(reverse("journal:urge_new"), {"intensity": strength, "once": key})
    # A double tap on 6 is one urge; a tap on 7 with the same form is an urge of its own.
    assert sorted(UrgeLog.objects.values_list("intensity", flat=True)) == [6, 7]


def test_a_hard_choice_gets_warmth_and_an_invitation_never_a_warning(alice_client, scrolling):
    response = alice_client.post(
        reverse("journal:usage_new"), {"skill": scrolling.code}, headers=HTMX
    )
    html = response.content.decode()
    assert "you reached for Doom-scrolling" in html
    assert "a hard day is still a day you got through" in html
    assert reverse("skills:ideas") in html
    assert "What might you add next time?" in html


@pytest.mark.parametrize("headers", [HTMX, {}])
def test_a_rock_not_ready_to_change_gets_warmth_and_no_nudge(alice_client, scrolling, headers):
    scrolling.not_ready = True
    scrolling.save()
    response = alice_client.post(
        reverse("journal:usage_new"), {"skill": scrolling.code}, headers=headers, follow=True
    )
    html = response.content.decode()
    assert "you reached for Doom-scrolling" in html
    assert "What might you add next time?" not in html
    assert reverse("skills:ideas") not in html


@pytest.mark.parametrize("headers", [HTMX, {}])
def test_details_can_come_with_a_quick_use(alice_client, walk, urge, headers):
    earlier = timezone.localtime() - timedelta(hours=3)
    alice_client.post(
        reverse("journal:usage_new"),
        {
            "skill": walk.code,
            "helped": "4",
            "note": "Rufus was happy.",
            "occurred_at": earlier.strftime("%Y-%m-%dT%H:%M"),
            "urge": urge.code,
        },
        headers=headers,
    )
    usage = UsageLog.objects.get()
    assert (usage.helped, usage.note, usage.urge) == (4, "Rufus was happy.", urge)
    assert abs(usage.occurred_at - earlier) < timedelta(minutes=1)


def test_a_quick_use_that_answered_an_urge_says_so_in_place(alice_client, walk, urge):
    response = alice_client.post(
        reverse("journal:usage_new"), {"skill": walk.code, "urge": urge.code}, headers=HTMX
    )
    moment = timezone.localtime(urge.occurred_at).strftime("%H:%M")
    assert f"Answered the urge at {moment} (7 out of 10)" in response.content.decode()


@pytest.mark.parametrize("headers", [HTMX, {}])
def test_a_use_cannot_answer_someone_elses_urge(alice_client, walk, charlie, headers):
    theirs = log_urge(charlie, intensity=6)
    response = alice_client.post(
        reverse("journal:usage_new"), {"skill": walk.code, "urge": theirs.code}, headers=headers
    )
    assert "Pick one of your urges, or none." in response.content.decode()
    assert not UsageLog.objects.exists()


def test_a_future_time_is_refused_kindly_and_nothing_is_lost(alice_client, walk):
    later = timezone.localtime() + timedelta(days=1)
    response = alice_client.post(
        reverse("journal:usage_new"),
        {"skill": walk.code, "note": "Keep this", "occurred_at": later.strftime("%Y-%m-%dT%H:%M")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pick a time that has already happened." in html
    assert "Keep this" in html
    assert not UsageLog.objects.exists()


def test_an_htmx_error_lands_in_the_status_line(alice_client, walk):
    response = alice_client.post(
        reverse("journal:usage_new"), {"skill": walk.code, "occurred_at": "soon"}, headers=HTMX
    )
    # The quick form is the target already; the event tells the page to keep what was typed.
    assert "log-refused" in response["HX-Trigger"]
    assert "Enter a date and time" in response.content.decode()
    assert not UsageLog.objects.exists()


def test_a_missing_skill_speaks_to_the_form(alice_client):
    response = alice_client.post(reverse("journal:usage_new"), {})
    assert "Pick a skill for this entry." in response.content.decode()


def test_an_archived_skill_cannot_get_new_entries(alice_client, walk):
    walk.archived_at = timezone.now()
    walk.save()
    response = alice_client.post(reverse("journal:usage_new"), {"skill": walk.code})
    assert response.status_code == 200
    assert not UsageLog.objects.exists()


def test_a_quick_urge_is_one_tap(alice_client, alice, scrolling):
    response = alice_client.post(
        reverse("journal:urge_new"), {"intensity": "8", "skill": scrolling.code}, headers=HTMX
    )
    urge = UrgeLog.objects.get()
    assert (urge.owner, urge.intensity, urge.skill) == (alice, 8, scrolling)
    assert "Urge noted, at 8 out of 10." in response.content.decode()


@pytest.mark.parametrize("value", ["11", "-1", "strong", ""])
def test_an_urge_strength_outside_0_to_10_is_refused(alice_client, value):
    response = alice_client.post(reverse("journal:urge_new"), {"intensity": value})
    assert "Pick how strong the urge is, from 0 to 10." in response.content.decode()
    assert not UrgeLog.objects.exists()


def test_how_an_urge_went_can_be_added_later(alice_client, urge):
    response = alice_client.post(
        reverse("journal:urge_edit", kwargs={"code": urge.code}),
        {
            "intensity": "7",
            "intensity_after": "2",
            "passed": "true",
            "minutes_ridden_out": "20",
            "note": urge.note,
        },
        headers=HTMX,
    )
    urge.refresh_from_db()
    assert (urge.intensity_after, urge.passed, urge.minutes_ridden_out) == (2, True, 20)
    html = response.content.decode()
    assert html.lstrip().startswith("<article")
    assert "Afterwards: 2 out of 10." in html
    assert "Rode it out for 20 minutes." in html


def test_the_edit_form_comes_inline_for_htmx(alice_client, usage):
    url = reverse("journal:usage_edit", kwargs={"code": usage.code})
    inline = alice_client.get(url, headers=HTMX).content.decode()
    full = alice_client.get(url).content.decode()
    assert inline.lstrip().startswith("<form")
    assert "<html" in full and "<html" not in inline


def test_deleting_an_entry_in_place(alice_client, usage):
    url = reverse("journal:usage_delete", kwargs={"code": usage.code})
    confirm = alice_client.get(url, headers=HTMX).content.decode()
    assert "Delete Walk the dog from" in confirm
    response = alice_client.post(url, headers=HTMX)
    assert response.status_code == 200
    assert response.content == b""
    assert not UsageLog.objects.exists()


def test_deleting_without_javascript_redirects(alice_client, urge):
    response = alice_client.post(reverse("journal:urge_delete", kwargs={"code": urge.code}))
    assert response["Location"] == reverse("journal:journal")
    assert not UrgeLog.objects.exists()


def test_the_journal_interleaves_newest_first(alice_client, alice, walk):
    now = timezone.now()
    UrgeLog.objects.create(owner=alice, intensity=3, occurred_at=now - timedelta(minutes=30))
    UsageLog.objects.create(owner=alice, skill=walk, occurred_at=now - timedelta(minutes=10))
    UrgeLog.objects.create(owner=alice, intensity=9, occurred_at=now - timedelta(minutes=50))
    html = alice_client.get(reverse("journal:journal")).content.decode()
    feed = html[html.index('id="feed"') :]
    assert feed.index("Walk the dog") < feed.index("3 out of 10") < feed.index("9 out of 10")


def test_days_follow_the_persons_time_zone(alice_client, alice, walk):
    alice.time_zone = "Pacific/Auckland"
    alice.save()
    # 20:00 UTC on 1 March is already the morning of 2 March in Auckland.
    moment = datetime(2026, 3, 1, 20, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    UsageLog.objects.create(owner=alice, skill=walk, occurred_at=moment)
    html = alice_client.get(reverse("journal:journal")).content.decode()
    assert "Monday 2 March 2026" in html
    assert "09:00" in html


def test_older_entries_load_in_place(alice_client, alice, walk):
    now = timezone.now()
    UsageLog.objects.create(
        owner=alice, skill=walk, occurred_at=now - timedelta(days=40), note="older one"
    )
    for n in range(PAGE_SIZE):
        UsageLog.objects.create(
            owner=alice, skill=walk, occurred_at=now - timedelta(minutes=n), note="recent one"
        )
    page = alice_client.get(reverse("journal:journal")).content.decode()
    assert "recent one" in page and "older one" not in page
    start = page.index('href="?older=') + len('href="?older=')
    older = page[start : page.index('"', start)]
    more = alice_client.get(reverse("journal:journal") + f"?older={older}", headers=HTMX)
    html = more.content.decode()
    assert "older one" in html and "recent one" not in html
    assert "<html" not in html
    assert "Show earlier entries" not in html


def test_a_bad_cursor_shows_the_newest_days(alice_client, usage):
    response = alice_client.get(reverse("journal:journal") + "?before=yesterday-ish")
    assert response.status_code == 200
    assert f'id="entry-{usage.code}"' in response.content.decode()


def test_the_journal_rejects_post(alice_client):
    assert alice_client.post(reverse("journal:journal")).status_code == 405


def _as_submitted(form) -> dict:
    """What a browser sends back for a form nobody touched."""
    data = {}
    for field in form:
        value = field.value()
        if field.name == "passed":
            value = field.field.widget.format_value(value)
        data[field.html_name] = "" if value is None else value
    return data


def test_saving_an_untouched_edit_keeps_every_link(alice_client, urge, usage):
    urge.intensity_after, urge.passed = 3, True
    urge.save()
    for name, entry in (("journal:urge_edit", urge), ("journal:usage_edit", usage)):
        url = reverse(name, kwargs={"code": entry.code})
        response = alice_client.get(url)
        html = response.content.decode()
        if name == "journal:urge_edit":
            assert '<option value="true" selected>Yes, it passed</option>' in html
            assert f'<option value="{urge.skill.code}" selected>' in html
        else:
            assert f'<option value="{usage.skill.code}" selected>' in html
            assert f'<option value="{urge.code}" selected>' in html
        assert alice_client.post(url, _as_submitted(response.context["form"])).status_code == 302
    urge.refresh_from_db()
    usage.refresh_from_db()
    assert (urge.skill.name, urge.passed, urge.intensity_after) == ("Doom-scrolling", True, 3)
    assert (usage.skill.name, usage.urge, usage.helped) == ("Walk the dog", urge, 3)


def test_the_journal_forms_have_their_own_ids(alice_client, walk):
    html = alice_client.get(reverse("journal:journal")).content.decode()
    assert html.count('id="usage_note"') == 1
    assert html.count('id="urge_note"') == 1
    assert 'id="id_note"' not in html


def test_how_did_it_go_is_a_short_follow_up_of_its_own(alice_client, urge):
    journal = alice_client.get(reverse("journal:journal")).content.decode()
    follow_up = reverse("journal:urge_follow_up", kwargs={"code": urge.code})
    assert f'href="{follow_up}"' in journal
    form = alice_client.get(follow_up, headers=HTMX).content.decode()
    assert "<html" not in form
    for field in ("passed", "intensity_after", "minutes_ridden_out"):
        assert f'name="{field}"' in form
    for field in ("intensity", "note", "skill", "occurred_at"):
        assert f'name="{field}"' not in form
    response = alice_client.post(
        follow_up,
        {"passed": "true", "intensity_after": "2", "minutes_ridden_out": "15"},
        headers=HTMX,
    )
    urge.refresh_from_db()
    assert (urge.passed, urge.intensity_after, urge.minutes_ridden_out) == (True, 2, 15)
    assert (urge.intensity, urge.note) == (7, "Long day.")  # the rest is untouched
    html = response.content.decode()
    assert "It passed." in html and "Rode it out for 15 minutes." in html
    assert "How did it go?" not in html  # answered now


def test_how_did_it_go_works_without_javascript(alice_client, urge):
    follow_up = reverse("journal:urge_follow_up", kwargs={"code": urge.code})
    assert "How did it go?" in alice_client.get(follow_up).content.decode()
    response = alice_client.post(follow_up, {"passed": "false"})
    assert response["Location"] == reverse("journal:journal") + f"#entry-{urge.code}"
    urge.refresh_from_db()
    assert urge.passed is False


def test_how_did_it_go_refuses_a_strength_outside_the_scale_kindly(alice_client, urge):
    follow_up = reverse("journal:urge_follow_up", kwargs={"code": urge.code})
    response = alice_client.post(follow_up, {"intensity_after": "12"})
    assert response.status_code == 200
    assert "Pick a strength from 0 to 10, or leave it empty." in response.content.decode()
    urge.refresh_from_db()
    assert urge.intensity_after is None


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_a_skill_deleted_while_a_tap_is_on_its_way_gets_a_word_not_an_error(
    alice_client, walk, headers, monkeypatch
):
    def deleted_meanwhile(**_fields):
        # The skill's row went between the form's check and the write: the database refuses.
        raise IntegrityError("FOREIGN KEY constraint failed")

    monkeypatch.setattr(services, "entry_create", deleted_meanwhile)
    url = reverse("journal:usage_new")
    response = alice_client.post(url, {"skill": walk.code}, headers=headers)
    assert response.status_code == 200
    assert "Pick one of your skills for this entry." in as_read(response.content.decode())
    assert not UsageLog.objects.exists()


def test_the_diary_card_offers_no_week_after_this_one(alice_client):
    this_week = as_read(alice_client.get(reverse("journal:diary")).content.decode())
    assert "Previous week" in this_week
    assert "Next week" not in this_week
    last_week = timezone.localdate() - timedelta(days=7)
    url = reverse("journal:diary") + f"?week={last_week.isoformat()}"
    assert "Next week" in as_read(alice_client.get(url).content.decode())
