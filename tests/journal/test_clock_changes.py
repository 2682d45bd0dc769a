"""Times around a clock change: the hour that happens twice is accepted (as the first, and the
person is told), the hour that never happens gets a kind word, and ids never show Django's
own wording."""

from __future__ import annotations

from datetime import UTC, datetime
from html import unescape

import pytest
from django.urls import reverse

from journal.models import UrgeLog, UsageLog


@pytest.fixture
def new_yorker(alice, alice_client):
    alice.time_zone = "America/New_York"
    alice.save()
    return alice_client


def test_the_hour_that_repeats_is_taken_as_the_first_and_said_so(new_yorker, alice):
    # 1 November 2026: clocks went back at 2:00, so 1:30 happened twice.
    response = new_yorker.post(
        reverse("journal:urge_new"),
        {"intensity": 6, "occurred_at": "2026-11-01T01:30"},
        follow=True,
    )
    urge = UrgeLog.objects.get(owner=alice)
    # The first 1:30 was still summer time (four hours behind UTC), the second was not.
    assert urge.occurred_at == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert "1:30 happened twice; this entry is at the first of the two" in unescape(
        response.content.decode()
    ).replace("01:30", "1:30")


def test_the_hour_that_never_happens_gets_a_kind_word(new_yorker, alice):
    # 8 March 2026: clocks went forward at 2:00, so 2:30 never happened there.
    response = new_yorker.post(
        reverse("journal:urge_new"), {"intensity": 6, "occurred_at": "2026-03-08T02:30"}
    )
    assert response.status_code == 200
    assert "so that time did not happen here" in unescape(response.content.decode())
    assert not UrgeLog.objects.exists()


@pytest.mark.parametrize("bad", ["not-a-uuid", "00000000-0000-4000-8000-000000000000", "'; --"])
def test_a_skill_that_is_not_one_of_yours_gets_the_forms_own_words(alice_client, bad):
    response = alice_client.post(reverse("journal:usage_new"), {"skill": bad})
    html = unescape(response.content.decode())
    assert "Pick one of your skills for this entry." in html
    assert "is not a valid UUID" not in html
    assert not UsageLog.objects.exists()
