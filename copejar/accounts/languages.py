"""The languages the app speaks, and remembering a person's choice on their browser."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse


def codes() -> set[str]:
    """The language codes a person can pick (settings.LANGUAGES)."""
    return {code for code, _name in settings.LANGUAGES}


def remember(response: HttpResponse, code: str) -> None:
    """Keep the language on this browser, for the pages it shows before anyone signs in."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
