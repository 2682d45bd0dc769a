"""Writes about where a person is signed in: starting, noticing, ending."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.contrib.auth import logout, update_session_auth_hash
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from copejar.accounts.devices import browser_and_system
from copejar.accounts.models import SignIn, User

# The session's note of which sign-in it is.
SIGN_IN_KEY = "copejar-sign-in"
# "Last seen" is kept to within this much, so a busy page writes at most once in a while.
SEEN_EVERY = timedelta(minutes=5)
SEEN_KEY = "copejar-sign-in-seen"


def language_save(*, user: User, language: str) -> None:
    """Keep the language the person picked on their account."""
    user.language = language
    user.save(update_fields=["language"])


def signin_start(*, request: HttpRequest, shared_device: bool = False) -> SignIn:
    """Record the browser that just signed in; on a shared device, end the session with it."""
    browser, system = browser_and_system(request.META.get("HTTP_USER_AGENT", ""))
    sign_in = SignIn.objects.create(
        user=request.user, browser=browser, system=system, shared_device=shared_device
    )
    request.session[SIGN_IN_KEY] = str(sign_in.code)
    request.session[SEEN_KEY] = sign_in.last_seen.timestamp()
    if shared_device:
        request.session.set_expiry(0)  # gone when the browser closes
    return sign_in


def signin_seen(*, request: HttpRequest, now: datetime | None = None) -> bool:
    """Note that this sign-in was used, at most once every few minutes (the session keeps when
    it was last noted, so most pages cost nothing). False when its row is gone."""
    now = now or timezone.now()
    noted = request.session.get(SEEN_KEY)
    if noted and now.timestamp() - noted < SEEN_EVERY.total_seconds():
        return True
    code = request.session.get(SIGN_IN_KEY)
    found = SignIn.objects.for_user(request.user).filter(code=code).update(last_seen=now)
    request.session[SEEN_KEY] = now.timestamp()
    return bool(found)


def signin_end(*, request: HttpRequest) -> None:
    """Sign this browser out, and take it off the list of places the person is signed in."""
    code = request.session.get(SIGN_IN_KEY)
    if code and request.user.is_authenticated:
        SignIn.objects.for_user(request.user).filter(code=code).delete()
    logout(request)


@transaction.atomic
def signin_end_others(*, request: HttpRequest) -> int:
    """Sign out every other browser on this account; returns how many there were.

    The account's sessions epoch moves on, so every other session stops matching it; this
    browser's session is brought up to date and stays signed in.
    """
    user, keep = request.user, request.session.get(SIGN_IN_KEY)
    others = SignIn.objects.for_user(user).exclude(code=keep) if keep else user.sign_ins.all()
    count, _by_model = others.delete()
    user.sessions_epoch += 1
    user.save(update_fields=["sessions_epoch"])
    update_session_auth_hash(request, user)
    return count


def history_changed(owner) -> None:
    """Note that the person's skills or journal changed, so every drawn part of a page kept
    under the old history version is stale. Inside a write's transaction on PostgreSQL, this
    also queues other writes for the same person until it commits."""
    User.objects.filter(pk=owner.pk).update(history_version=F("history_version") + 1)
    owner.history_version += 1


def fragment_key(owner, *parts) -> str:
    """A key for a drawn part of a page about this person's history: their history version,
    the language and time zone it is drawn in, and whatever else it depends on."""
    zone = timezone.get_current_timezone_name()
    # The details may come from a query string: hashed, they make a short, safe key.
    tail = "\x1f".join(str(part) for part in (get_language(), zone, *parts))
    digest = hashlib.sha256(tail.encode()).hexdigest()
    return f"history:{owner.pk}:{owner.history_version}:{digest}"
