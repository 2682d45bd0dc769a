"""Which language a person reads: the browser's on a first visit, then what they pick, kept on
their account and followed on every device they sign in on. The addresses never change."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from copejar.accounts.models import User
from tests.conftest import as_read


def _spanish(text: str) -> str:
    with translation.override("es"):
        return translation.gettext(text)


def _page_language(response) -> str:
    html = response.content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.fixture
def english_browser() -> Client:
    return Client(headers={"Accept-Language": "en-GB,en;q=0.8"})


@pytest.fixture
def spanish_browser() -> Client:
    return Client(headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})


def test_a_first_visit_speaks_the_browsers_language(spanish_browser, db):
    response = spanish_browser.get(reverse("home"))
    assert _page_language(response) == "es"
    assert response["Content-Language"] == "es"
    assert "Tarro de Ánimos" in response.content.decode()
    assert "Jar O' Copes" not in response.content.decode()


def test_a_language_the_app_does_not_speak_falls_back_to_english(db):
    browser = Client(headers={"Accept-Language": "fi"})
    assert _page_language(browser.get(reverse("home"))) == "en"


def test_the_addresses_are_the_same_in_every_language(spanish_browser, db):
    assert reverse("accounts:login") == "/accounts/login/"
    assert spanish_browser.get("/accounts/login/").status_code == 200
    assert spanish_browser.get("/es/accounts/login/").status_code == 404


def test_the_welcome_page_offers_each_language_named_in_itself(
    english_browser, spanish_browser, db
):
    html = as_read(english_browser.get(reverse("home")).content)
    assert 'lang="es" class="chip chip-grey">Español</button>' in html
    assert 'lang="en" class="chip" aria-current="true">English</button>' in html
    html = as_read(spanish_browser.get(reverse("home")).content)
    assert 'lang="en" class="chip chip-grey">English</button>' in html
    assert 'lang="es" class="chip" aria-current="true">Español</button>' in html


def test_picking_a_language_keeps_it_on_this_browser(english_browser, db):
    response = english_browser.post(
        reverse("accounts:language"), {"language": "es", "next": "/accounts/login/"}
    )
    assert response["Location"] == "/accounts/login/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "es" and cookie["httponly"] and cookie["samesite"] == "Lax"
    page = english_browser.get("/accounts/login/")
    assert _page_language(page) == "es"
    assert _spanish("Log in") in page.content.decode()


def test_the_picker_stays_on_this_site_and_ignores_unknown_languages(english_browser, db):
    response = english_browser.post(
        reverse("accounts:language"), {"language": "xx", "next": "//elsewhere.example/"}
    )
    assert response["Location"] == reverse("home")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert english_browser.get(reverse("accounts:language")).status_code == 405


def test_picking_a_language_signed_in_keeps_it_on_the_account(english_browser, alice):
    english_browser.force_login(alice)
    english_browser.post(reverse("accounts:language"), {"language": "es", "next": "/jars/"})
    alice.refresh_from_db()
    assert alice.language == "es"


def test_a_signed_in_person_reads_their_language_on_any_browser(english_browser, alice):
    alice.language = "es"
    alice.save()
    english_browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_browser.force_login(alice)
    response = english_browser.get(reverse("jars"))
    assert _page_language(response) == "es"
    assert response["Content-Language"] == "es"
    assert _spanish("Journal") in response.content.decode()


def test_logging_in_brings_the_accounts_language(english_browser, alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    response = english_browser.post(
        reverse("accounts:login"), {"username": "alice", "password": "a-long-kind-password"}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    english_browser.post(reverse("accounts:logout"))
    # Signed out, this browser still reads the language its person picked.
    assert _page_language(english_browser.get(reverse("home"))) == "es"


def test_a_shared_device_keeps_no_language_after_log_out(english_browser, alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    response = english_browser.post(
        reverse("accounts:login"),
        {"username": "alice", "password": "a-long-kind-password", "shared_device": "on"},
        follow=True,
    )
    assert _page_language(response) == "es"
    english_browser.post(reverse("accounts:logout"))
    assert _page_language(english_browser.get(reverse("home"))) == "en"


def test_settings_change_the_language_from_the_next_word_on(english_browser, alice):
    english_browser.force_login(alice)
    response = english_browser.post(
        reverse("accounts:settings"),
        {"email": "", "language": "es", "time_zone": "UTC", "tab_title": ""},
        follow=True,
    )
    alice.refresh_from_db()
    assert alice.language == "es"
    assert _page_language(response) == "es"
    assert _spanish("Settings saved.") in response.content.decode()
    assert _spanish("Settings saved.") != "Settings saved."


def test_settings_sent_without_a_language_keep_it(english_browser, alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    english_browser.force_login(alice)
    english_browser.post(reverse("accounts:settings"), {"email": "", "time_zone": "UTC"})
    alice.refresh_from_db()
    assert alice.language == "es"


def test_an_account_starts_in_the_language_it_was_made_in(spanish_browser, db):
    spanish_browser.post(
        reverse("accounts:signup"),
        {
            "username": "dana",
            "password1": "blue-kettle-morning",
            "password2": "blue-kettle-morning",
            "role": "person",
            "time_zone": "Europe/Madrid",
        },
    )
    assert User.objects.get(username="dana").language == "es"


@pytest.mark.parametrize(
    ("language", "email_says", "length_says"),
    [
        (
            "en",
            "An email address has an @ and a domain, like sam@example.org.",
            "Keep this to 2000 characters or fewer.",
        ),
        (
            "es",
            "Una dirección de correo lleva una @ y un dominio, como sam@example.org.",
            "Esto puede tener hasta 2000 caracteres.",
        ),
    ],
)
def test_field_messages_speak_in_the_apps_voice_in_each_language(
    alice, language, email_says, length_says
):
    alice.language = language
    alice.save(update_fields=["language"])
    client = Client()
    client.force_login(alice)
    settings_page = as_read(
        client.post(
            reverse("accounts:settings"),
            {"email": "not an address", "language": language, "time_zone": "UTC"},
        ).content
    )
    skill_page = as_read(
        client.post(
            reverse("skills:new"),
            {"name": "Walk", "kind": "copes", "description": "x" * 2001},
        ).content
    )
    assert email_says in settings_page
    assert length_says in skill_page
    for page in (settings_page, skill_page):
        assert "Introduzca" not in page and "Asegúrese" not in page and "Ensure" not in page
