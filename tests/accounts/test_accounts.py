"""Having an account: sign up, log in and out, change password, time zone."""

from __future__ import annotations

from html import unescape
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.urls import reverse

from copejar.accounts.models import User


def _signup(client, **overrides):
    data = {
        "username": "dana",
        "password1": "blue-kettle-morning",
        "password2": "blue-kettle-morning",
        "email": "",
        "role": "person",
        "time_zone": "Europe/Lisbon",
    }
    data.update(overrides)
    return client.post(reverse("accounts:signup"), data)


def test_signing_up_needs_only_a_username_and_password(client, db):
    response = _signup(client)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("jars")
    user = User.objects.get(username="dana")
    assert (user.email, user.role, user.time_zone) == ("", "person", "Europe/Lisbon")
    assert client.get(reverse("jars")).status_code == 200


def test_a_therapist_says_so_at_sign_up(client, db):
    _signup(client, role="therapist")
    assert User.objects.get(username="dana").role == User.Role.THERAPIST


def test_an_unknown_time_zone_gets_a_clear_message(client, db):
    response = _signup(client, time_zone="Mars/Olympus")
    assert "Pick a time zone from the list." in response.content.decode()
    assert not User.objects.exists()


def test_a_taken_username_gets_a_kind_message(client, alice):
    response = _signup(client, username="alice")
    assert "That username is taken. Another one will work." in response.content.decode()


def test_signup_form_marks_the_time_zone_for_the_browser_guess(client, db):
    html = client.get(reverse("accounts:signup")).content.decode()
    assert "data-guess-time-zone" in html
    assert '<option value="Europe/Lisbon">Europe/Lisbon</option>' in html


def test_logging_in_lands_on_the_jars(client, alice):
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "a-long-kind-password"}
    )
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("jars")


def test_a_therapist_lands_on_their_people(client, bob):
    client.force_login(bob)
    assert client.get(reverse("home"))["Location"] == reverse("care:dashboard")


def test_a_wrong_password_says_so_plainly(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "are not a match for any account" in response.content.decode()


def test_repeated_wrong_passwords_pause_logins(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "alice", "password": "nope"})
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "a-long-kind-password"}
    )
    assert response.status_code == 429
    assert "paused" in response.content.decode()


def test_logging_out_takes_a_post(alice_client):
    assert alice_client.get(reverse("accounts:logout")).status_code == 405
    response = alice_client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("home")
    assert alice_client.get(reverse("jars")).status_code == 302


def test_changing_the_password(alice_client, alice):
    response = alice_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "a-long-kind-password",
            "new_password1": "green-river-evening",
            "new_password2": "green-river-evening",
        },
    )
    assert response["Location"] == reverse("accounts:password_changed")
    alice.refresh_from_db()
    assert alice.check_password("green-river-evening")


def test_changing_the_time_zone_moves_the_days(alice_client, alice):
    response = alice_client.post(
        reverse("accounts:settings"), {"email": " Alice@Example.org ", "time_zone": "Asia/Tokyo"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.email, alice.time_zone) == ("alice@example.org", "Asia/Tokyo")


@pytest.mark.parametrize("name", ["UTC", "Not/AZone", ""])
def test_a_stored_zone_always_resolves(alice, name):
    alice.time_zone = name
    assert alice.zone().key in {"UTC", name}


def test_the_welcome_page_explains_the_jars_and_offers_a_way_in(client, db):
    html = client.get(reverse("home")).content.decode()
    assert html.count('role="img"') == 3
    assert reverse("accounts:signup") in html and reverse("accounts:login") in html


def test_a_signed_in_person_lands_on_the_jars(alice_client):
    assert alice_client.get(reverse("home"))["Location"] == reverse("jars")


def test_signing_up_from_an_invitation_link_comes_back_to_it(client, db):
    link = reverse("care:redeem") + "?code=K7QM-3XPA"
    login_page = client.get(reverse("accounts:login") + "?next=" + quote(link)).content.decode()
    assert reverse("accounts:signup") + "?next=" + quote(link) in unescape(login_page)
    response = _signup(client, role="therapist", next=link)
    assert response["Location"] == link


def test_signing_up_never_sends_a_person_off_site(client, db):
    response = _signup(client, next="https://elsewhere.example/")
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize(
    "next_value",
    [
        "abc",
        "home",
        "accounts:login",
        "a:b",
        "x" * 300,
        "/" + "x" * 3000,
        "//elsewhere.example/",
        "/\\elsewhere.example/",
        "javascript:alert(1)",
        "https://elsewhere.example/",
        "/jars/\x00",
    ],
)
def test_any_other_next_after_signing_up_lands_on_the_start_page_signed_in(client, db, next_value):
    response = _signup(client, next=next_value)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("jars")).status_code == 200
    assert User.objects.filter(username="dana").count() == 1


def test_a_path_on_this_site_is_kept_as_the_next_page(client, db):
    response = _signup(client, next="/skills/?page=2")
    assert response["Location"] == "/skills/?page=2"


def test_an_over_long_username_at_log_in_gets_a_message_and_leaves_no_record(client, alice):
    response = client.post(
        reverse("accounts:login"), {"username": "a" * 300, "password": "whatever"}
    )

    assert response.status_code == 200
    assert "Usernames are 150 characters or fewer." in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_wrong_password_record_never_holds_more_than_its_column(rf, alice):
    request = rf.post(reverse("accounts:login"))
    authenticate(request=request, username="b" * 5000, password="nope")

    attempt = AccessAttempt.objects.get()
    assert len(attempt.username) == 255
