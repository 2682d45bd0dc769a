"""The entries of a gettext .po file, read with polib, in the shape the translation checks use.

Plain Python, so the checks run on a machine without the gettext tools: each entry's context,
message and plural, its translations by form, and whether it is marked fuzzy or is obsolete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib


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
    """The entries of a .po file, the header (msgid "") first, then the file's order."""
    catalogue = polib.pofile(str(path), wrapwidth=0)
    header = Entry(msgstr={0: catalogue.metadata_as_entry().msgstr}, line=1)
    entries = [header]
    for found in [*catalogue, *catalogue.obsolete_entries()]:
        if found.msgid == "":
            continue
        plural = found.msgid_plural or None
        entries.append(
            Entry(
                msgid=found.msgid,
                msgid_plural=plural,
                msgctxt=found.msgctxt,
                msgstr=dict(found.msgstr_plural) if plural else {0: found.msgstr},
                flags=set(found.flags),
                obsolete=bool(found.obsolete),
                line=found.linenum,
            )
        )
    return entries
