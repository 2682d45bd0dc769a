"""COPEJAR_CRISIS_LINES is read strictly: a JSON array of lines or the compact form, each
with a name and a real number; anything else stops start-up with a message naming the
variable, instead of showing a wrong or empty line on the help page."""

from __future__ import annotations

import re

import pytest

from copejar.safety.crisis_lines import parse_crisis_lines
from tests.ops.serving import app_env, gunicorn, manage

SAMARITANS = {"name": "Samaritans (UK)", "number": "116 123", "note": "Free, day or night"}


def test_it_reads_a_json_array_of_lines_with_optional_notes():
    raw = (
        '[{"name": "Samaritans (UK)", "number": "116 123", "note": "Free, day or night"},'
        ' {"name": "Emergency services", "number": "+44 (0)999"}]'
    )

    assert parse_crisis_lines(raw) == [
        SAMARITANS,
        {"name": "Emergency services", "number": "+44 (0)999", "note": ""},
    ]


def test_it_reads_the_compact_form():
    raw = " Samaritans (UK) | 116 123 | Free, day or night ;Emergency services|999 "

    assert parse_crisis_lines(raw) == [
        SAMARITANS,
        {"name": "Emergency services", "number": "999", "note": ""},
    ]


def test_an_unset_or_blank_variable_means_the_defaults():
    assert parse_crisis_lines("") == []
    assert parse_crisis_lines("   ") == []


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        # A JSON object used to become one line showing the raw JSON, in place of the defaults.
        ('{"name": "Samaritans", "number": "116 123"}', "not an array"),
        ("[]", "lists no lines"),
        ('[["Samaritans", "116 123"]]', "line 1 is not an object"),
        ('[{"name": "Samaritans"}]', "(Samaritans) needs a number"),
        ('[{"number": "116 123"}]', "line 1 needs a name"),
        ('[{"name": "S", "number": 116123}]', "(S) needs a number"),
        ('[{"name": "S", "number": "1", "note": 5}]', "note of line 1"),
        ('[{"name": "S", "number": "1", "fax": "2"}]', "unknown keys ['fax']"),
        ('[{"name": "S", "number": "1"}', "not valid JSON"),
        # A ';' inside a note used to split it into a line with no number.
        ("Samaritans|116 123|Free; day or night", "line 2 ('day or night') has no number"),
        ("Samaritans", "line 1 ('Samaritans') has no number"),
        ("Samaritans|116 123;", "line 2 is empty"),
        ("Samaritans|116 123|a|b", "more than name|number|note"),
        ("|116 123", "line 1 needs a name"),
        ("Samaritans|", "(Samaritans) needs a number"),
        # Numbers without a digit used to be shown as if they could be called.
        ("Line|+", "'+' (Line) is not a phone number"),
        ("Line|()", "'()' (Line) is not a phone number"),
        ("Line|---", "'---' (Line) is not a phone number"),
        ("Line|call us", "'call us' (Line) is not a phone number"),
        ("Line|1+2", "'1+2' (Line) is not a phone number"),
    ],
)
def test_it_refuses_anything_else_saying_what_to_change(raw, says):
    with pytest.raises(ValueError, match=re.escape(says)):
        parse_crisis_lines(raw)


def test_the_help_page_shows_lines_from_the_variable(tmp_path):
    env = app_env(tmp_path, COPEJAR_CRISIS_LINES="Samaritans (UK)|116 123|Free, day or night")
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")  # debug is off: pages name hashed static files
    with gunicorn(env, tmp_path, workers=1) as served:
        status, _headers, body = served.request("GET", "/help/")

    assert status == 200
    assert 'href="tel:116123"' in body.decode()
    # On its own: the CSRF token, new every run, now and then holds the digits 988.
    assert not re.search(r"\b988\b", body.decode())


@pytest.mark.parametrize(
    "raw",
    ['{"name": "Samaritans", "number": "116 123"}', "Samaritans|116 123|Free; day or night"],
)
def test_a_deployment_with_such_a_value_does_not_start(tmp_path, raw):
    env = app_env(tmp_path, COPEJAR_CRISIS_LINES=raw)

    checked = manage(env, "check", "--deploy")

    assert checked.returncode != 0
    assert "ImproperlyConfigured: COPEJAR_CRISIS_LINES:" in checked.stderr
    with pytest.raises(RuntimeError, match="gunicorn stopped"), gunicorn(env, tmp_path):
        pass
