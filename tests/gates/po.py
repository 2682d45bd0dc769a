"""A small reader of gettext .po files, enough for the checks on the translations.

Plain Python, so the checks run on a machine without the gettext tools: each entry's context,
message and plural, its translations, and whether it is marked fuzzy or is obsolete.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0

    @property
    def translated(self) -> bool:
        """Every form has a translation, and none is marked fuzzy."""
        return bool(self.msgstr) and all(self.msgstr.values()) and "fuzzy" not in self.flags

    def catalogue_items(self) -> list[tuple[object, str]]:
        """What a compiled catalogue holds for this entry, as Python's gettext keys it."""
        key = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        if self.msgid_plural is None:
            return [(key, self.msgstr.get(0, ""))]
        return [((key, n), text) for n, text in sorted(self.msgstr.items())]


def read(path: Path) -> list[Entry]:
    """The entries of a .po file, the header (msgid "") included, in the file's order."""
    entries: list[Entry] = []
    entry = Entry()
    last = None  # which string a continuation line adds to
    started = False

    def finish() -> None:
        nonlocal entry, started
        if started:
            entries.append(entry)
        entry, started = Entry(), False

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#,") and not obsolete:
            if started:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            if started and not obsolete:
                finish()
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):
            value = ast.literal_eval(line)
            if last == "msgid":
                entry.msgid += value
            elif last == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            elif last == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + value
            elif isinstance(last, int):
                entry.msgstr[last] += value
            continue
        value = ast.literal_eval(rest)
        if keyword in ("msgctxt", "msgid") and (
            entry.msgstr or (keyword == "msgid" and entry.msgid_plural is not None)
        ):
            finish()
        if not started:
            entry.line = number
        started = True
        entry.obsolete = entry.obsolete or obsolete
        if keyword == "msgctxt":
            entry.msgctxt, last = value, "msgctxt"
        elif keyword == "msgid":
            entry.msgid, last = value, "msgid"
        elif keyword == "msgid_plural":
            entry.msgid_plural, last = value, "msgid_plural"
        elif keyword == "msgstr":
            entry.msgstr[0], last = value, 0
        elif keyword.startswith("msgstr["):
            n = int(keyword[7:-1])
            entry.msgstr[n], last = value, n
    finish()
    return entries
