"""Read a deployment's crisis lines from one environment variable (plain Python, no Django).

Two spellings are accepted, and nothing else:

- JSON: an array of objects, each with a name and a number and optionally a note:
  ``[{"name": "Samaritans (UK)", "number": "116 123", "note": "Free, day or night"}]``;
- compact: ``Samaritans (UK)|116 123|Free, day or night;Emergency services|999``
  (``;`` ends a line and ``|`` ends a field, so neither can appear inside one).

Every line needs a name and a number with at least one digit; the note is optional. Anything
else raises ValueError saying which line to change and how, so a typo stops start-up instead
of putting a wrong number on the help page.
"""

from __future__ import annotations

import json
import re

# What a phone number may be made of (the safety plan's contact form uses it too).
PHONE = re.compile(r"^[0-9+*#() .\-]*$")
# A crisis line's number: those characters, a + only in front, and at least one digit.
_NUMBER = re.compile(r"^\+?[0-9*#() .\-]*[0-9][0-9*#() .\-]*$")
_FIELDS = {"name", "number", "note"}
_COMPACT = "name|number|note;name|number"


def _line(where: str, name, number, note="") -> dict[str, str]:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{where} needs a name")
    name = name.strip()
    if not isinstance(number, str) or not number.strip():
        raise ValueError(f"{where} ({name}) needs a number")
    if not isinstance(note, str):
        raise ValueError(f"the note of {where} ({name}) must be text")
    number = number.strip()
    if not _NUMBER.match(number):
        raise ValueError(
            f"{number!r} ({name}) is not a phone number: use digits, spaces and + ( ) -, "
            "with at least one digit"
        )
    return {"name": name, "number": number, "note": note.strip()}


def _from_json(raw: str) -> list[dict[str, str]]:
    try:
        items = json.loads(raw)
    except json.JSONDecodeError as problem:
        raise ValueError(f"not valid JSON ({problem})") from None
    if not isinstance(items, list):
        raise ValueError(
            'the JSON is not an array; write [{"name": "…", "number": "…", "note": "…"}, …]'
        )
    if not items:
        raise ValueError("the JSON array lists no lines; leave the variable unset for the defaults")
    lines = []
    for position, item in enumerate(items, start=1):
        where = f"line {position}"
        if not isinstance(item, dict):
            raise ValueError(f'{where} is not an object like {{"name": "…", "number": "…"}}')
        unknown = set(item) - _FIELDS
        if unknown:
            raise ValueError(f"{where} has unknown keys {sorted(unknown)}; use name, number, note")
        lines.append(_line(where, item.get("name"), item.get("number"), item.get("note", "")))
    return lines


def _from_compact(raw: str) -> list[dict[str, str]]:
    lines = []
    for position, part in enumerate(raw.split(";"), start=1):
        where = f"line {position}"
        if not part.strip():
            raise ValueError(f"{where} is empty; remove the extra ';'")
        fields = part.split("|")
        if len(fields) == 1:
            raise ValueError(
                f"{where} ({part.strip()!r}) has no number; write {_COMPACT} "
                "(a ';' starts a new line, so a note cannot hold one)"
            )
        if len(fields) > 3:
            raise ValueError(f"{where} ({part.strip()!r}) has more than name|number|note")
        lines.append(_line(where, *fields))
    return lines


def parse_crisis_lines(raw: str) -> list[dict[str, str]]:
    """Turn the variable's text into [{"name", "number", "note"}]; an empty text gives []."""
    raw = raw.strip()
    if not raw:
        return []
    if raw.startswith(("[", "{")):
        return _from_json(raw)
    return _from_compact(raw)


def tel_href(number: str) -> str:
    """The number as a tel: address: digits, and a leading + if there is one."""
    digits = re.sub(r"[^0-9*#]", "", number)
    return f"tel:{'+' if number.strip().startswith('+') else ''}{digits}" if digits else ""


def sms_href(number: str) -> str:
    """The number as an sms: address, for a text message; '' when it has no digits."""
    address = tel_href(number)
    return address.replace("tel:", "sms:", 1) if address else ""
