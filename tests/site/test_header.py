"""The header is drawn once per language, role and page and then reused: it must never carry
anything of one person or one request, and it must still follow who is looking."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from copejar.accounts.models import User


def _header(client, url: str = "/jars/") -> str:
    html = client.get(url).content.decode()
    return re.search(r"<header class=\"site-header\">.*?</header>", html, re.S).group(0)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_header_holds_no_token_and_is_the_same_for_two_people(alice, charlie):
    first, second = _header(_signed_in(alice)), _header(_signed_in(charlie))
    assert first == second
    assert "csrfmiddlewaretoken" not in first
    assert "alice" not in first


def test_both_log_out_buttons_send_the_one_form_with_this_requests_token(alice):
    client = _signed_in(alice)
    html = client.get(reverse("jars")).content.decode()
    assert html.count('form="logout-form"') == 2  # the wide header and the phone's menu
    form = re.search(r'<form id="logout-form".*?</form>', html, re.S).group(0)
    assert f'action="{reverse("accounts:logout")}"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("jars")).status_code == 302  # to the log-in page


def test_the_header_follows_the_role_whoever_asked_first(alice, bob):
    assert "People" in _header(_signed_in(bob))
    assert "People" not in _header(_signed_in(alice))


def test_the_header_follows_the_language_and_the_page(alice):
    client = _signed_in(alice)
    assert 'aria-current="page">Jars<' in _header(client, "/jars/")
    assert 'aria-current="page">Jars<' not in _header(client, "/skills/")
    User.objects.filter(pk=alice.pk).update(language="es")
    spanish = _header(client, "/jars/")
    assert "Necesito ayuda" in spanish or "Ayuda ahora" in spanish
    assert "Need help now" not in spanish


def test_a_guest_gets_the_guests_header(alice):
    _header(_signed_in(alice))  # a signed-in header is kept first
    guest = _header(Client(), reverse("home"))
    assert reverse("accounts:login") in guest
    assert 'form="logout-form"' not in guest
