"""What every page's template needs from the site's settings."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def quick_exit(request: HttpRequest) -> dict[str, str]:
    """Where the quick-exit button on every page goes."""
    return {"quick_exit_url": settings.QUICK_EXIT_URL}
