"""Where to send a person next, when the address comes from the request itself."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# Longer than any address this site makes; anything longer is not one of ours.
LONGEST_PATH = 2000


def safe_next(request: HttpRequest, value: str | None = None) -> str:
    """A path on this site taken from `next` (or `value`), or '' when it is anything else.

    Only a path that starts with a single "/" passes: never a URL name (which `redirect()`
    would try to reverse), never another host, scheme or a protocol-relative "//host". Send
    the result with `HttpResponseRedirect`, not `redirect()`, so it is never read as a name.
    """
    target = value if value is not None else request.POST.get("next") or request.GET.get("next")
    target = (target or "").strip()
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return ""
    if len(target) > LONGEST_PATH or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
