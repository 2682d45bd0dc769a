"""Drawn parts of pages seen through a window, kept until the person's history changes.

The same keeping as copejar/accounts/fragments.py, under the window's fragment key: the
person's history version, what the window shows, the language and time zone, and the part's
own details. A therapist's window and the owner's never share a kept part.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.http import HttpRequest
from django.utils.safestring import SafeString

from copejar.accounts import fragments
from journal.window import Window

T = TypeVar("T")


def kept(window: Window, build: Callable[[], T], *parts, keep: bool = True) -> T:
    """What build() returns, kept under the window's key for these parts until the history
    changes (build runs only when nothing is kept; keep=False: not kept at all)."""
    return fragments.kept(window.fragment_key(*parts), build, keep=keep)


def kept_until(
    window: Window,
    build: Callable[[], tuple[T, datetime | None]],
    *parts,
    now: datetime,
    keep: bool = True,
) -> T:
    """Like kept(), for a part that also changes with the clock: build() returns the value
    and the moment it stops being true (None: not before the history changes)."""
    return fragments.kept_until(window.fragment_key(*parts), build, now=now, keep=keep)


def drawn(
    request: HttpRequest,
    window: Window,
    template: str,
    context: Callable[[], dict],
    *parts,
    keep: bool = True,
) -> SafeString:
    """The template drawn with the context (built only when the part is not kept already)."""
    key = window.fragment_key(template, *parts)
    return fragments.drawn(request, key, template, context, keep=keep)
