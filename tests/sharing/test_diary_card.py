"""The weekly diary card: days as columns, each urge target's highest strength and use, skills."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime
from html import unescape

from django.urls import reverse

from journal.diary import diary_card, week_start_for
from journal.models import UrgeLog, UsageLog
from journal.window import Window
from tests.conftest import make_grant

LISBON = zoneinfo.ZoneInfo("Europe/Lisbon")
MONDAY = date(2026, 3, 2)


def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=LISBON)


def test_a_week_starts_on_monday():
    assert week_start_for(date(2026, 3, 8)) == MONDAY
    assert week_start_for(MONDAY) == MONDAY


def test_it_keeps_the_days_highest_urge_and_marks_uses(alice, walk, scrolling):
    UrgeLog.objects.create(owner=alice, intensity=4, skill=scrolling, occurred_at=_at(2, 9))
    UrgeLog.objects.create(owner=alice, intensity=8, skill=scrolling, occurred_at=_at(2, 21))
    UrgeLog.objects.create(owner=alice, intensity=5, occurred_at=_at(4, 12))
    UsageLog.objects.create(owner=alice, skill=scrolling, occurred_at=_at(3, 22))
    UsageLog.objects.create(owner=alice, skill=walk, occurred_at=_at(8, 10), note="Sunny")
    card = diary_card(Window.of_owner(alice), week_start=MONDAY)
    by_name = {row.name: row for row in card.targets}
    assert by_name["Doom-scrolling"].highest == [8, None, None, None, None, None, None]
    assert by_name["Doom-scrolling"].used == [False, True, False, False, False, False, False]
    assert by_name["Other urges"].highest[2] == 5
    assert card.skills[0].name == "Walk the dog"
    assert card.skills[0].used == [False] * 6 + [True]
    assert card.notes == [(date(2026, 3, 8), ["Sunny"])]


def test_days_follow_the_persons_time_zone(client, alice, bob, walk):
    alice.time_zone = "Pacific/Auckland"
    alice.save()
    # Sunday 23:30 in UTC is already Monday morning in Auckland.
    UsageLog.objects.create(
        owner=alice,
        skill=walk,
        occurred_at=datetime(2026, 3, 1, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC")),
    )
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    html = client.get(reverse("care:diary", kwargs={"code": grant.code}) + "?week=2026-03-02")
    row = unescape(html.content.decode()).split("Walk the dog</th>")[1].split("</tr>")[0]
    assert row.count('class="tick"') == 1
    assert row.index('class="tick"') < row.index("<td></td>")


def test_the_card_moves_week_by_week_and_prints_on_one_page(client, alice, bob):
    grant = make_grant(alice, bob, scope="logs")
    client.force_login(bob)
    url = reverse("care:diary", kwargs={"code": grant.code})
    html = client.get(url + "?week=2026-03-04").content.decode()
    assert "week of 2 Mar 2026" in html
    assert 'href="?week=2026-02-23"' in html and 'href="?week=2026-03-09"' in html
    css = (client.get("/static/copejar.css").getvalue() or b"").decode()
    assert "@page" in css and "@media print" in css
