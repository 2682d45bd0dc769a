"""A therapist's view of the photo kept with one of the person's skills.

Apart from the page bodies in care.py, since it serves a file rather than a page: it opens
the share the same way, and reads the skill through the share's window, so a private skill
is never found; the photo shows only when the window shows the person's photos.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from copejar.sharing import services
from copejar.sharing.care import open_share, share_page
from copejar.sharing.models import AccessLogEntry
from skills.photo_views import photo_response


@login_required
@require_safe
@share_page
def photo(request: HttpRequest, code, skill) -> HttpResponse:
    shared, grant = open_share(request, code, "jars")
    if not shared.window.photos:
        raise Http404
    shown = get_object_or_404(shared.window.skills().exclude(photo=""), code=skill)
    response = photo_response(shown.photo.name, download_name="photo.jpg")
    services.access_log(grant=grant, page=AccessLogEntry.Page.PHOTO, detail=shown.name[:40])
    return response
