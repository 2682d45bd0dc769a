"""Drawn parts of pages about a person's history, kept in the worker's memory until that
history changes.

A page about someone's skills or journal takes many small template nodes to draw, yet changes
only when the person writes something. Each drawn part is kept under a key made by
`copejar.accounts.services.fragment_key` (the person's history version, the language, the time
zone, and the part's own details), so a repeat visit skips both the queries and the drawing;
any write moves the history version on, and the old part is never read again. The journal's
readers key their parts by what a window shows (journal/fragments.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.core.cache import caches
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

T = TypeVar("T")


def kept(key: str, build: Callable[[], T], *, keep: bool = True) -> T:
    """What build() returns, kept under this key (build runs only when nothing is kept).

    With keep=False it is built and not kept: for the rarer views a request can ask for
    (an earlier page, another week), so that no one can fill a worker's memory with them."""
    if not keep:
        return build()
    fragments = caches["fragments"]
    value = fragments.get(key)
    if value is None:
        value = build()
        fragments.set(key, value)
    return value


def kept_until(
    key: str, build: Callable[[], tuple[T, datetime | None]], *, now: datetime, keep: bool = True
) -> T:
    """Like kept(), for a part that also changes with the clock: build() returns the value
    and the moment it stops being true (None: not before the history changes)."""
    if not keep:
        return build()[0]
    fragments = caches["fragments"]
    found = fragments.get(key)
    if found is not None and (found[1] is None or now < found[1]):
        return found[0]
    value, until = build()
    fragments.set(key, (value, until))
    return value


def drawn(
    request: HttpRequest,
    key: str,
    template: str,
    context: Callable[[], dict],
    *,
    keep: bool = True,
) -> SafeString:
    """The template drawn with the context (built only when the part is not kept already)."""
    html = kept(key, lambda: render_to_string(template, context(), request), keep=keep)
    return mark_safe(html)  # our own template drew it, as it draws any page
