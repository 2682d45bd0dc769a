"""Who is knocking: the visitor's address and the username they tried, as the throttles see them.

django-axes (wrong passwords), the sign-up throttle and the invitation-code pause all read
the address from here, so behind a proxy they agree on who the visitor is (see settings:
DJANGO_BEHIND_TLS_PROXY and AXES_IPWARE_*).
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.http import HttpRequest

# The widest username column django-axes keeps (AccessAttempt.username is a varchar(255)).
AXES_USERNAME_LENGTH = 255


def client_address(request: HttpRequest) -> str:
    """The visitor's address as django-axes reads it, or the socket's own when it has none."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "0.0.0.0"


def username_for_lockout(request: HttpRequest, credentials: dict | None) -> str | None:
    """The username django-axes files a wrong password under, cut to what its column holds.

    The log-in form refuses over-long usernames before any password check, so this only
    matters for a caller that authenticates some other way; it keeps the record bounded.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "POST", {}).get("username")
    if username is None:
        return None
    return str(username)[:AXES_USERNAME_LENGTH]
