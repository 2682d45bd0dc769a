"""Read a deployment's crisis lines from one environment variable (plain Python, no Django).

Two spellings are accepted:

- JSON: ``[{"name": "Samaritans (UK)", "number": "116 123", "note": "Free, day or night"}]``
  (each line may also be a list: ``["Samaritans (UK)", "116 123"]``);
- plain: ``Samaritans (UK)|116 123|Free, day or night;Emergency services|999``.

The number and the note are optional; a line without a number is shown as words only.
"""

from __future__ import annotations

import json
import re

PHONE = re.compile(r"^[0-9+*#() .\-]*$")


def _line(name, number="", note="") -> dict[str, str]:
    if not isinstance(name, str) or not name.strip():
        raise ValueError("every crisis line needs a name")
    if not isinstance(number, str) or not isinstance(note, str):
        raise ValueError(f"the number and note of {name!r} must be text")
    number = number.strip()
    if not PHONE.match(number):
        raise ValueError(f"{number!r} ({name}) is not a phone number")
    return {"name": name.strip(), "number": number, "note": note.strip()}


def parse_crisis_lines(raw: str) -> list[dict[str, str]]:
    """Turn the variable's text into [{"name", "number", "note"}]; an empty text gives []."""
    raw = raw.strip()
    if not raw:
        return []
    if raw.startswith("["):
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as problem:
            raise ValueError(f"not valid JSON ({problem})") from None
        lines = []
        for item in items:
            if isinstance(item, dict):
                unknown = set(item) - {"name", "number", "note"}
                if unknown:
                    raise ValueError(f"unknown keys {sorted(unknown)}")
                lines.append(_line(item.get("name"), item.get("number", ""), item.get("note", "")))
            elif isinstance(item, list) and 1 <= len(item) <= 3:
                lines.append(_line(*item))
            else:
                raise ValueError(f"each line is an object or a list, not {item!r}")
        return lines
    lines = []
    for part in raw.split(";"):
        if not part.strip():
            continue
        fields = part.split("|")
        if len(fields) > 3:
            raise ValueError(f"{part!r} has more than name|number|note")
        lines.append(_line(*fields))
    return lines


def tel_href(number: str) -> str:
    """The number as a tel: address: digits, and a leading + if there is one."""
    digits = re.sub(r"[^0-9*#]", "", number)
    return f"tel:{'+' if number.strip().startswith('+') else ''}{digits}" if digits else ""
