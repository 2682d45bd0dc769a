"""What every page's template needs: the site's settings, the languages it speaks, and who the
offline script serves."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from copejar.accounts.offline import device_key, keeps_copies


def quick_exit(request: HttpRequest) -> dict[str, str]:
    """Where the quick-exit button on every page goes."""
    return {"quick_exit_url": settings.QUICK_EXIT_URL}


def languages(request: HttpRequest) -> dict[str, list[tuple[str, str]]]:
    """The languages a person can pick, each named in itself (Django's own list of names
    would translate them: "Inglés" on a Spanish page, where an English reader looks for
    "English")."""
    return {"languages": settings.LANGUAGES}


def offline(request: HttpRequest) -> dict[str, str]:
    """What the offline script needs to know about this page's visitor: a guest, someone
    whose pages this device may keep, or someone on a shared device; and which account."""
    user = request.user
    if not user.is_authenticated:
        return {"offline_state": "guest", "offline_account": ""}
    state = "keep" if keeps_copies(request) else "shared"
    return {"offline_state": state, "offline_account": device_key(user)}
