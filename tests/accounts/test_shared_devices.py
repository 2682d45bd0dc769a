"""Private on shared and borrowed devices: quick exit, a neutral tab, shared-device log-in,
and the list of places an account is signed in."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from copejar.accounts.devices import browser_and_system, describe
from copejar.accounts.models import SignIn

FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)


def _log_in(client, *, shared: bool = False, agent: str = FIREFOX_ANDROID):
    data = {"username": "alice", "password": "a-long-kind-password"}
    if shared:
        data["shared_device"] = "on"
    return client.post(reverse("accounts:login"), data, headers={"user-agent": agent})


def _title(html: str) -> str:
    # As a browser shows it: spaces and line breaks inside the element count as one space.
    return " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())


# --- Quick exit -------------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_has_a_quick_exit_to_the_neutral_page(client, alice, settings, signed_in):
    settings.QUICK_EXIT_URL = "https://weather.example.org/"
    if signed_in:
        client.force_login(alice)
    for url in ("/", reverse("accounts:login"), reverse("safety:help"), reverse("jars")):
        html = client.get(url, follow=True).content.decode()
        assert (
            '<a class="quick-exit" href="https://weather.example.org/" rel="noreferrer" '
            "data-quick-exit>Quick exit" in html
        )


# --- A neutral tab title ----------------------------------------------------------------------


def test_a_neutral_tab_title_replaces_every_pages_title(alice_client, alice):
    response = alice_client.post(
        reverse("accounts:settings"),
        {"email": "", "time_zone": "UTC", "tab_title": " Notes\u200b "},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.tab_title == "Notes"

    for name in ("jars", "journal:journal", "skills:list", "safety:plan", "accounts:settings"):
        html = alice_client.get(reverse(name)).content.decode()
        assert _title(html) == "Notes"
        assert "icon.svg" not in html  # no jar in the tab either


def test_without_a_tab_title_pages_keep_their_names(alice_client):
    assert _title(unescape(alice_client.get(reverse("jars")).content.decode())) == (
        "Your jars · Jar O' Copes"
    )


# --- A shared device --------------------------------------------------------------------------


def test_on_a_shared_device_the_session_ends_with_the_browser(client, alice):
    response = _log_in(client, shared=True)

    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert client.session.get_expire_at_browser_close()
    page = unescape(client.get(response["Location"], follow=True).content.decode())
    assert "Marked as a shared device: closing the browser signs you out." in page
    assert SignIn.objects.get().shared_device


def test_on_ones_own_device_the_session_outlasts_the_browser(client, alice):
    response = _log_in(client)

    assert response.cookies["sessionid"]["max-age"] != ""
    assert not client.session.get_expire_at_browser_close()


# --- Where you are signed in ------------------------------------------------------------------


def test_the_list_names_each_browser_in_plain_words(alice):
    phone, laptop = Client(), Client()
    _log_in(phone, agent=FIREFOX_ANDROID)
    _log_in(laptop, agent=EDGE_WINDOWS, shared=True)

    html = unescape(phone.get(reverse("accounts:sign_ins")).content.decode())

    assert "Firefox on Android" in html and "This browser, now" in html
    assert "Edge on Windows" in html and "marked as shared" in html
    assert FIREFOX_ANDROID not in html


def test_signing_out_everywhere_else_ends_the_other_sessions_at_once(alice):
    phone, laptop = Client(), Client()
    _log_in(phone)
    _log_in(laptop, agent=EDGE_WINDOWS)
    assert laptop.get(reverse("jars")).status_code == 200

    response = phone.post(reverse("accounts:sign_out_others"), follow=True)

    assert "Signed out of 1 other place." in unescape(response.content.decode())
    assert laptop.get(reverse("jars"))["Location"].startswith(reverse("accounts:login"))
    assert phone.get(reverse("jars")).status_code == 200
    assert SignIn.objects.count() == 1


def test_logging_out_takes_the_browser_off_the_list(client, alice):
    _log_in(client)
    assert SignIn.objects.count() == 1
    client.post(reverse("accounts:logout"))
    assert not SignIn.objects.exists()


def test_a_new_password_takes_the_other_browsers_off_the_list(alice):
    phone, laptop = Client(), Client()
    _log_in(phone)
    _log_in(laptop)
    phone.post(
        reverse("accounts:password_change"),
        {
            "old_password": "a-long-kind-password",
            "new_password1": "green-river-evening",
            "new_password2": "green-river-evening",
        },
    )
    assert SignIn.objects.count() == 1
    assert phone.get(reverse("jars")).status_code == 200


def test_someone_elses_sign_ins_are_never_listed_or_ended(client, alice, charlie):
    other = Client()
    other.force_login(charlie)
    other.get(reverse("jars"))
    _log_in(client)

    html = client.get(reverse("accounts:sign_ins")).content.decode()
    client.post(reverse("accounts:sign_out_others"))

    assert html.count('class="card"') == 1
    assert other.get(reverse("jars")).status_code == 200


@pytest.mark.parametrize(
    ("agent", "words"),
    [
        (FIREFOX_ANDROID, "Firefox on Android"),
        (SAFARI_IPHONE, "Safari on an iPhone"),
        (EDGE_WINDOWS, "Edge on Windows"),
        ("curl/8.5.0", "an unknown device"),
        ("", "an unknown device"),
    ],
)
def test_a_browser_is_described_in_plain_words(agent, words):
    assert describe(*browser_and_system(agent)) == words
