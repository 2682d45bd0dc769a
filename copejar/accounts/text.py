"""Text as a person typed it, minus the characters nobody can see: plain Python, no Django.

Zero-width spaces, bidi overrides and other control or format characters (Unicode
categories Cc and Cf) let a name look empty, or read backwards, or pass for another one.
Every form that takes a name or a short text runs it through here.
"""

from __future__ import annotations

import unicodedata

NEWLINE = "\n"
# Zero-width joiner and non-joiner shape emoji (👩‍💻) and words in scripts such as Persian;
# between two visible characters they stay, anywhere else they go.
JOINERS = frozenset("\u200c\u200d")
# Letters by category that still draw nothing (Hangul fillers, the blank braille cell).
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# A text needs at least one letter, number, punctuation mark or symbol to be seen at all.
SEEN = frozenset("LNPS")


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf") or ch in BLANK_LETTERS


def _shows(ch: str) -> bool:
    return not ch.isspace() and not _invisible(ch) and unicodedata.category(ch)[0] != "Z"


def visible_text(value: str, *, multiline: bool = False) -> str:
    """`value` without control and format characters; '' if nothing visible is left.

    Spacing controls (tab, carriage return, …) become a space; with `multiline`, line breaks
    stay, as plain newlines.
    """
    if multiline:
        value = value.replace("\r\n", NEWLINE).replace("\r", NEWLINE)
    kept = []
    for index, ch in enumerate(value):
        if multiline and ch == NEWLINE:
            kept.append(ch)
        elif ch in JOINERS:
            before = value[index - 1] if index else ""
            after = value[index + 1] if index + 1 < len(value) else ""
            if before and after and _shows(before) and _shows(after):
                kept.append(ch)
        elif _invisible(ch):
            if ch.isspace():
                kept.append(" ")
        else:
            kept.append(ch)
    text = "".join(kept)
    if not any(unicodedata.category(ch)[0] in SEEN and ch not in BLANK_LETTERS for ch in text):
        return ""
    return text


def one_line(value: str) -> str:
    """A name or other one-line text: visible characters only, spaces collapsed to one."""
    return " ".join(visible_text(value).split())


def many_lines(value: str) -> str:
    """Text of several lines: visible characters only, newlines kept, ends trimmed."""
    return visible_text(value, multiline=True).strip()
