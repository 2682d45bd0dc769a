"""Drawn parts of pages about a person's history, kept until that history changes.

A journal page, the jars or insights take many small template nodes to draw, yet change only
when the person writes something. Each drawn part is kept in the worker's memory under the
window's fragment key (the person's history version, what the window shows, the language and
time zone, and the part's own details), so a repeat visit skips both the queries and the
drawing; any write moves the history version on and the old part is never read again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from journal.window import Window

T = TypeVar("T")


def kept(window: Window, build: Callable[[], T], *parts) -> T:
    """What build() returns, kept under the window's key for these parts until the history
    changes (build runs only when nothing is kept)."""
    fragments = caches["fragments"]
    key = window.fragment_key(*parts)
    value = fragments.get(key)
    if value is None:
        value = build()
        fragments.set(key, value)
    return value


def drawn(
    request: HttpRequest,
    window: Window,
    template: str,
    context: Callable[[], dict],
    *parts,
) -> SafeString:
    """The template drawn with the context (built only when the part is not kept already)."""
    html = kept(window, lambda: render_to_string(template, context(), request), template, *parts)
    return mark_safe(html)  # our own template drew it, as it draws any page
