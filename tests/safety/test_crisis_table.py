"""The table of national crisis lines: every number well formed, every entry sourced."""

from __future__ import annotations

import re
import zoneinfo
from datetime import date

import pytest

from copejar.safety.crisis_lines import parse_crisis_lines, sms_href, tel_href
from copejar.safety.crisis_table import CHECKED, PLACES, place_choices, place_for_zone

ALL_LINES = [(place, line) for place in PLACES.values() for line in place.lines]


@pytest.mark.parametrize(("place", "line"), ALL_LINES, ids=lambda x: getattr(x, "code", ""))
def test_every_line_reads_as_a_number_the_variable_would_take(place, line):
    parsed = parse_crisis_lines(f"{line.name}|{line.number}")
    assert parsed[0]["number"] == line.number
    # A star code (Chile's *4141) is dialled as it is written.
    assert re.fullmatch(r"tel:(\+|\*)?\d{3,15}", tel_href(line.number))
    if line.text:
        assert re.fullmatch(r"sms:\+?\d{3,15}", sms_href(line.text))


@pytest.mark.parametrize("place", PLACES.values(), ids=lambda p: p.code)
def test_every_country_is_sourced_and_reachable(place):
    assert re.fullmatch(r"[A-Z]{2}", place.code)
    assert re.fullmatch(r"\d{2,4}", place.emergency)
    assert place.lines, f"{place.code} lists no crisis line"
    assert len(place.sources) >= 1
    assert all(re.fullmatch(r"https?://[^\s/]+\.[^\s]+", url) for url in place.sources)
    for zone in place.zones:
        zoneinfo.ZoneInfo(zone)  # a real time zone, or this raises
        assert place_for_zone(zone) == place


def test_the_check_date_is_a_real_date_in_the_past():
    assert date.fromisoformat(CHECKED) <= date.today()


@pytest.mark.parametrize(
    ("zone", "code"),
    [
        ("Australia/Sydney", "AU"),
        ("Australia/Perth", "AU"),
        ("Pacific/Auckland", "NZ"),
        ("Europe/London", "GB"),
        ("Europe/Dublin", "IE"),
        ("Europe/Berlin", "DE"),
        ("America/Toronto", "CA"),
        ("America/Chicago", "US"),
        ("Pacific/Honolulu", "US"),
        ("Europe/Madrid", "ES"),
        ("Atlantic/Canary", "ES"),
        ("America/Mexico_City", "MX"),
        ("America/Tijuana", "MX"),
        ("America/Argentina/Buenos_Aires", "AR"),
        ("America/Argentina/Ushuaia", "AR"),
        ("America/Santiago", "CL"),
        ("Pacific/Easter", "CL"),
    ],
)
def test_a_time_zone_suggests_its_country(zone, code):
    assert place_for_zone(zone).code == code


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "Europe/Paris", "America/Lima", ""])
def test_other_time_zones_suggest_nothing(zone):
    assert place_for_zone(zone) is None


def test_the_menu_lists_every_country_by_name():
    names = [name for _code, name in place_choices()]
    assert names == sorted(names)
    assert {code for code, _name in place_choices()} == set(PLACES)


def test_the_spanish_speaking_countries_have_their_lines():
    numbers = {code: [line.number for line in PLACES[code].lines] for code in PLACES}
    assert numbers["ES"] == ["024"] and PLACES["ES"].emergency == "112"
    assert numbers["MX"] == ["800 911 2000"] and PLACES["MX"].emergency == "911"
    assert numbers["AR"] == ["135", "(011) 5275-1135"] and PLACES["AR"].emergency == "911"
    assert numbers["CL"] == ["*4141"] and PLACES["CL"].emergency == "131"
    assert tel_href("*4141") == "tel:*4141"
