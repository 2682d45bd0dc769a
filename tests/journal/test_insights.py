"""The balance of recent choices: cumulative, never a streak, never a score that drops to zero."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from journal.insights import urges_ridden_out
from journal.jars import recent_balance
from journal.window import Window
from tests.conftest import log_urge, log_use


def test_the_balance_counts_the_last_four_weeks_by_jar(alice, walk, scrolling):
    now = timezone.now()
    for days_ago in (1, 3, 27):
        log_use(alice, skill=walk, occurred_at=now - timedelta(days=days_ago))
    log_use(alice, skill=scrolling, occurred_at=now - timedelta(days=2))
    log_use(alice, skill=walk, occurred_at=now - timedelta(days=40))
    balance = recent_balance(Window.of_owner(alice), now=now)
    assert (balance.from_copes, balance.from_negative, balance.total) == (3, 1, 4)


def test_the_jars_page_says_the_balance_in_one_sentence(alice_client, alice, walk, scrolling):
    log_use(alice, skill=walk)
    log_use(alice, skill=scrolling)
    html = alice_client.get(reverse("jars")).content.decode()
    assert "In the last 4 weeks, 1 of your 2 logged choices came from your Jar O' Copes." in html


def test_a_quiet_month_is_not_a_zero(alice_client, walk):
    html = alice_client.get(reverse("jars")).content.decode()
    assert "Nothing logged in the last 4 weeks yet." in html
    assert "0 of your" not in html


def test_urges_ridden_out_only_grow(alice):
    log_urge(alice, intensity=6, passed=True)
    log_urge(alice, intensity=6, passed=False)
    log_urge(alice, intensity=6, passed=True, occurred_at=timezone.now() - timedelta(days=400))
    assert urges_ridden_out(Window.of_owner(alice)) == 2
