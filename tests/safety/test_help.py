"""Need help now: one tap from every page, crisis lines first, then the person's own plan."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from copejar.safety.crisis_lines import parse_crisis_lines, tel_href
from copejar.safety.models import SafetyPlan
from copejar.safety.services import plan_save_contacts, plan_save_lines
from journal.surf.services import surf_end, surf_start
from tests.conftest import as_read, make_grant

HELP = "/help/"
LINK = f'<a class="help-now" href="{HELP}"'


def _html(response) -> str:
    return as_read(response.content)


def _shows_number(html: str, number: str) -> bool:
    """Whether the page shows the number on its own: not as three digits inside a longer token,
    such as the device key or the CSRF token, which are new every run and now and then hold
    "988"."""
    return re.search(rf"\b{re.escape(number)}\b", html) is not None


def _header(html: str) -> str:
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


GUEST_PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/no-such-page/", HELP]


@pytest.mark.parametrize("url", GUEST_PAGES)
def test_every_page_has_the_help_link_before_signing_in(client, db, url):
    assert LINK in _header(_html(client.get(url)))


def test_every_page_has_the_help_link_signed_in(alice_client, alice, bob, walk, scrolling, urge):
    wave = surf_start(owner=alice, intensity=5, minutes=5)
    done = surf_start(owner=alice, intensity=5, minutes=5)
    surf_end(urge=done, outcome="passed")
    pages = [
        "/jars/",
        "/journal/",
        "/skills/",
        "/skills/new/",
        "/skills/ideas/",
        walk.get_absolute_url(),
        scrolling.get_absolute_url(),
        reverse("skills:edit", kwargs={"code": walk.code}),
        reverse("journal:urge_new"),
        reverse("journal:urge_edit", kwargs={"code": urge.code}),
        reverse("journal:surf_new"),
        reverse("journal:surf", kwargs={"code": wave.code}),
        reverse("journal:surf", kwargs={"code": done.code}),
        reverse("journal:surfs"),
        "/safety/",
        HELP,
        "/sharing/",
        "/accounts/settings/",
        "/no-such-page/",
    ]
    for url in pages:
        assert LINK in _header(_html(alice_client.get(url))), url
    alice_client.force_login(bob)
    grant = make_grant(alice, bob)
    for url in ["/care/", reverse("care:journal", kwargs={"code": grant.code})]:
        assert LINK in _header(_html(alice_client.get(url))), url


def test_the_error_page_has_the_help_link_too(settings):
    from django.template.loader import render_to_string

    assert f'<a class="help-now" href="{HELP}">Need help now</a>' in render_to_string("500.html")


def test_the_help_page_is_public_and_asks_a_guest_where_they_are(client, db):
    response = client.get(HELP)
    html = _html(response)
    assert response.status_code == 200
    assert "Your local emergency number" in html
    assert "000 in Australia" in html and "999 in the United Kingdom" in html
    assert '<select name="place" id="place-choice">' in html
    assert "Signed in, your own safety plan shows here too." in html


def test_a_guest_can_pick_a_country_for_the_page(client, db):
    html = _html(client.get(HELP + "?place=GB"))
    assert "Crisis lines in United Kingdom" in html
    assert '<a class="button" href="tel:116123">Call 116 123</a>' in html
    assert '<a class="button" href="tel:999">Call 999</a>' in html
    response = client.post(HELP, {"place": "AU"})
    assert response["Location"] == HELP + "?place=AU#crisis-heading"


def test_a_person_gets_the_lines_of_their_time_zone(alice_client, alice):
    alice.time_zone = "Australia/Perth"
    alice.save()
    html = _html(alice_client.get(HELP))
    assert "Crisis lines in Australia" in html
    assert '<a class="button" href="tel:131114">Call 13 11 14</a>' in html
    assert '<a class="button button-quiet" href="sms:0477131114">Text 0477 13 11 14</a>' in html
    assert '<a class="button" href="tel:000">Call 000</a>' in html
    assert "Picked from your time zone." in html
    assert not _shows_number(html, "988")


def test_a_person_can_change_the_country_and_it_is_kept(alice_client, alice):
    alice.time_zone = "Australia/Sydney"
    alice.save()
    response = alice_client.post(HELP, {"place": "NZ"})
    assert response["Location"] == HELP + "#crisis-heading"
    assert SafetyPlan.objects.get(owner=alice).country == "NZ"
    html = _html(alice_client.get(HELP))
    assert "Crisis lines in New Zealand" in html
    assert '<a class="button" href="tel:111">Call 111</a>' in html
    assert "Picked from your time zone." not in html
    alice_client.post(HELP, {"place": "nowhere"})
    assert SafetyPlan.objects.get(owner=alice).country == ""


def test_crisis_lines_come_from_settings(client, db, settings):
    settings.CRISIS_LINES = parse_crisis_lines(
        "Samaritans (UK)|116 123|Free, day or night;Emergency services|999"
    )
    html = _html(client.get(HELP))
    assert '<a class="button" href="tel:116123">Call 116 123</a>' in html
    assert '<a class="button" href="tel:999">Call 999</a>' in html
    assert "Free, day or night" in html
    assert not _shows_number(html, "988")
    assert html.index("Samaritans (UK)") < html.index("Emergency services")


def test_crisis_lines_come_first_then_the_persons_plan(alice_client, alice):
    plan_save_lines(owner=alice, key="warning_signs", text="Not sleeping")
    plan_save_contacts(owner=alice, key="help_people", people=[("Sam", "+1 555 010 0199")])
    html = _html(alice_client.get(HELP))
    assert html.index("Crisis lines") < html.index("My safety plan") < html.index("Not sleeping")
    assert '<a class="button" href="tel:+15550100199">Call Sam</a>' in html
    assert '<a class="button button-quiet" href="sms:+15550100199">Text Sam</a>' in html
    assert "People I can ask for help" in html
    assert "My reasons for living" not in html  # empty sections stay out of the way
    assert "?edit=" not in html  # read only here; changes happen on the plan page
    # No gaps: the two sections shown are 1 and 2, though the second is the plan's fourth.
    numbers = re.findall(r'<span class="plan-number" aria-hidden="true">(\d+)</span>', html)
    assert numbers == ["1", "2"]


def test_a_person_without_a_plan_is_invited_to_make_one(alice_client):
    html = _html(alice_client.get(HELP))
    assert "Your safety plan is empty so far." in html
    assert 'href="/safety/"' in html


def test_it_reads_crisis_lines_as_json_or_plain_text():
    assert parse_crisis_lines("") == []
    assert parse_crisis_lines(
        '[{"name": "Lifeline", "number": "13 11 14"}, {"name": "Kids", "number": "1800"}]'
    ) == [
        {"name": "Lifeline", "number": "13 11 14", "note": ""},
        {"name": "Kids", "number": "1800", "note": ""},
    ]
    assert parse_crisis_lines("Emergency services|112;Line|+44 116 123|Any time") == [
        {"name": "Emergency services", "number": "112", "note": ""},
        {"name": "Line", "number": "+44 116 123", "note": "Any time"},
    ]


@pytest.mark.parametrize(
    "raw", ["[not json", '[{"name": ""}]', '[{"name": "X", "fax": "1"}]', "X|call us", "A|1|2|3"]
)
def test_it_refuses_crisis_lines_it_cannot_read(raw):
    with pytest.raises(ValueError):  # noqa: PT011 - each message names the variable's problem
        parse_crisis_lines(raw)


def test_a_number_becomes_a_tel_address():
    assert tel_href("+1 (555) 010-0199") == "tel:+15550100199"
    assert tel_href("988") == "tel:988"
    assert tel_href("") == ""


def test_a_deployment_with_unreadable_crisis_lines_refuses_to_start():
    from tests.gates.test_deploy import _manage

    result = _manage("check", DJANGO_DEBUG="true", COPEJAR_CRISIS_LINES="Line|call us")
    assert result.returncode != 0
    assert "ImproperlyConfigured: COPEJAR_CRISIS_LINES: 'call us' (Line) is not a phone number" in (
        result.stderr
    )


def test_the_lines_follow_the_country_not_the_language(alice_client, alice):
    # A Spanish speaker in New York reads the page in Spanish and still gets the US lines.
    alice.language = "es"
    alice.time_zone = "America/New_York"
    alice.save()
    html = _html(alice_client.get(HELP))
    assert '<html lang="es">' in html
    assert "Líneas de ayuda en crisis en Estados Unidos" in html
    assert '<a class="button" href="tel:988">Llamar al 988</a>' in html
    assert '<a class="button button-quiet" href="sms:988">Enviar un mensaje al 988</a>' in html
    assert '<a class="button" href="tel:911">Llamar al 911</a>' in html
    assert "Elegido según tu zona horaria." in html
    # The same person in London: the UK's lines, still in Spanish.
    alice.time_zone = "Europe/London"
    alice.save()
    html = _html(alice_client.get(HELP))
    assert '<a class="button" href="tel:116123">Llamar al 116 123</a>' in html
    assert not _shows_number(html, "988")


def test_a_spanish_speaking_guest_picks_a_country_like_anyone(db):
    guest = Client(headers={"Accept-Language": "es"})
    html = _html(guest.get(HELP + "?place=US"))
    assert '<html lang="es">' in html
    assert '<a class="button" href="tel:988">Llamar al 988</a>' in html
    html = _html(guest.get(HELP + "?place=AU"))
    assert '<a class="button" href="tel:131114">Llamar al 13 11 14</a>' in html


def test_a_person_in_madrid_gets_spains_lines_in_either_language(alice_client, alice):
    alice.time_zone = "Europe/Madrid"
    alice.save()
    html = _html(alice_client.get(HELP))
    assert "Crisis lines in Spain" in html
    assert '<a class="button" href="tel:024">Call 024</a>' in html
    assert '<a class="button" href="tel:112">Call 112</a>' in html
    assert "Picked from your time zone." in html
    alice.language = "es"
    alice.save()
    html = _html(alice_client.get(HELP))
    assert "Líneas de ayuda en crisis en España" in html
    assert "024, Línea de atención a la conducta suicida" in html
    assert '<a class="button" href="tel:024">Llamar al 024</a>' in html
    assert '<a class="button" href="tel:112">Llamar al 112</a>' in html
    assert "Elegido según tu zona horaria." in html


def test_the_picker_lists_the_spanish_speaking_countries_in_the_pages_language(db):
    html = _html(Client().get(HELP))
    for name in ["Argentina", "Chile", "Mexico", "Spain"]:
        assert f">{name}</option>" in html
    html = _html(Client(headers={"Accept-Language": "es"}).get(HELP))
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+)</option>', html)
    assert {"Argentina", "Chile", "España", "México", "Alemania"} <= set(names)
    assert names.index("España") < names.index("Estados Unidos")


def test_each_new_country_shows_its_own_numbers(client, db):
    html = _html(client.get(HELP + "?place=MX"))
    assert '<a class="button" href="tel:8009112000">Call 800 911 2000</a>' in html
    assert '<a class="button" href="tel:911">Call 911</a>' in html
    html = _html(client.get(HELP + "?place=AR"))
    assert '<a class="button" href="tel:135">Call 135</a>' in html
    assert '<a class="button" href="tel:01152751135">Call (011) 5275-1135</a>' in html
    assert "not all through the night" in html  # a volunteer line, honest about its hours
    assert "Ambulance: 107." in html
    html = _html(client.get(HELP + "?place=CL"))
    assert '<a class="button" href="tel:*4141">Call *4141</a>' in html
    assert '<a class="button" href="tel:131">Call 131</a>' in html
    assert "Police: 133. Fire: 132." in html
    assert "Police, ambulance or fire" not in html  # 131 is for an ambulance only
