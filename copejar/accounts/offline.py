"""What this device may keep for use without a signal, and whose taps a saved request carries."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest

# Sent with a tap that waited on the device: the account it was made in (see device_key).
QUEUED_FOR_HEADER = "X-Queued-For"


def keeps_copies(request: HttpRequest) -> bool:
    """Whether the offline copy may keep this person's pages on this device: signed in, and not
    on a device marked as shared (whose session ends when the browser closes)."""
    return request.user.is_authenticated and not request.session.get_expire_at_browser_close()


def device_key(user) -> str:
    """An opaque, lasting name for an account, kept with each tap saved on a device so that the
    tap is only ever sent for the account it was made in. Not a secret: it only tells taps apart
    (a new signing key must not strand taps still waiting on a phone)."""
    joined = user.date_joined.isoformat()
    return hashlib.sha256(f"copejar-device:{user.pk}:{joined}".encode()).hexdigest()[:32]
