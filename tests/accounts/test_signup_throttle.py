"""Sign-up rests for an address after a run of tries, so usernames cannot be probed quickly."""

from __future__ import annotations

import pytest
from django.urls import reverse

from copejar.accounts.models import User


@pytest.fixture
def few_signups(settings):
    settings.SIGNUP_RATE = "3/h"


def _signup(client, username: str, address: str = "203.0.113.7", **headers):
    data = {
        "username": username,
        "password1": "blue-kettle-morning",
        "password2": "blue-kettle-morning",
        "email": "dana@example.org",
        "role": "therapist",
        "time_zone": "Europe/Lisbon",
    }
    return client.post(reverse("accounts:signup"), data, REMOTE_ADDR=address, headers=headers)


def test_after_a_run_of_tries_sign_up_rests_with_a_kind_message(client, few_signups, alice):
    for _ in range(3):
        assert "That username is taken" in _signup(client, "alice").content.decode()

    response = _signup(client, "dana")

    html = response.content.decode()
    assert response.status_code == 429
    assert "sign-up is resting for a little while" in html
    assert "That username is taken" not in html
    assert 'value="dana"' in html and 'value="dana@example.org"' in html
    assert "blue-kettle-morning" not in html
    assert not User.objects.filter(username="dana").exists()


def test_probing_names_stops_answering_whether_they_are_taken(client, few_signups, alice):
    answers = [_signup(client, "alice").content.decode() for _ in range(10)]
    assert sum("That username is taken" in answer for answer in answers) == 3


def test_another_address_can_still_sign_up(client, few_signups, alice):
    for _ in range(4):
        _signup(client, "alice")

    response = _signup(client, "dana", address="198.51.100.20")

    assert response.status_code == 302
    assert User.objects.filter(username="dana").exists()


def test_looking_at_the_page_is_not_counted(client, few_signups, db):
    for _ in range(10):
        assert client.get(reverse("accounts:signup")).status_code == 200
    assert _signup(client, "dana").status_code == 302


def test_behind_a_proxy_each_visitor_is_counted_apart(client, few_signups, alice, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    proxy = "10.0.0.2"
    for _ in range(4):
        _signup(client, "alice", address=proxy, x_forwarded_for="203.0.113.7")

    response = _signup(client, "dana", address=proxy, x_forwarded_for="198.51.100.20")

    assert response.status_code == 302
    client.logout()
    assert _signup(client, "erin", address=proxy, x_forwarded_for="203.0.113.7").status_code == 429
