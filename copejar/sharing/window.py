"""A therapist's window on a person's history, made from the consent grant on each request.

Every therapist page and fragment, and the person's own preview of what a therapist sees,
reads through `window_for` (or `window_for_scope`); the rule itself lives in journal.window.
"""

from __future__ import annotations

from copejar.sharing.models import Scope, ShareGrant
from journal.window import Window


def window_for_scope(owner, scope: str) -> Window:
    """What a therapist with this scope sees of the owner's history."""
    return Window.shared(
        owner,
        logs=scope in (Scope.LOGS, Scope.EVERYTHING),
        words=scope == Scope.EVERYTHING,
    )


def window_for(grant: ShareGrant) -> Window:
    """The window an active grant opens, as its scope stands right now."""
    return window_for_scope(grant.owner, grant.scope)
