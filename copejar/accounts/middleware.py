"""Per-request care for the signed-in person: their language and time zone, private pages,
their sign-in."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

from copejar.accounts.languages import codes
from copejar.accounts.offline import keeps_copies
from copejar.accounts.services import SIGN_IN_KEY, signin_seen, signin_start

# Marks a signed-in page the offline copy (the service worker) may keep on this device.
OFFLINE_COPY_HEADER = "X-Offline-Copy"


class TimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            timezone.activate(request.user.zone())
        else:
            timezone.deactivate()
        return self.get_response(request)


class LanguageMiddleware:
    """A signed-in person reads every page in the language kept on their account, whatever
    the browser asks for: on a shared or borrowed device the pages follow the account.

    Django's LocaleMiddleware (earlier in the list) has already picked a language from the
    browser's cookie or Accept-Language; this one, after authentication, puts the account's
    first. LocaleMiddleware then names the language in the response's Content-Language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.user.language in codes():
            translation.activate(request.user.language)
            request.LANGUAGE_CODE = request.user.language
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages shown to a signed-in person are theirs alone: never kept in a shared cache or in
    the browser's history, so Back after logging out (or after sharing stops) shows nothing.

    The app's own offline copy may keep a few of them on the person's own device (it drops
    them at log-out); the header says when it may, and it never may on a shared device."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        if keeps_copies(request):
            response[OFFLINE_COPY_HEADER] = "allowed"
        return response


class SignInMiddleware:
    """Keep each session tied to its row on "Where you are signed in".

    A session whose row was ended elsewhere ("sign out everywhere else") is signed out here;
    one from before the list existed gets its row now. Last seen is noted every few minutes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            if not request.session.get(SIGN_IN_KEY):
                signin_start(request=request)
            elif not signin_seen(request=request):
                logout(request)  # its row was taken off the list
        return self.get_response(request)
