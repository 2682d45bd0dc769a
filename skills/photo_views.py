"""A skill's photo: adding, changing and removing it, and showing it to its owner.

A photo is never at a public address: it is read from storage by the views below (and, for a
therapist, by copejar.sharing.care), each of which first checks who is asking.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from copejar.accounts.uploads import MB, cap_uploads
from skills import photos, services
from skills.forms import PhotoForm
from skills.models import CopingSkill


def _get_skill(request: HttpRequest, code) -> CopingSkill:
    return get_object_or_404(CopingSkill.objects.for_user(request.user), code=code)


def photo_response(name: str, *, download_name: str) -> HttpResponse:
    """A stored photo, for the eyes of the one person who asked: never cached, never sniffed.

    Read whole (a re-encoded photo is a few hundred kilobytes), so no file stays open.
    """
    if not name:
        raise Http404
    try:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
    except OSError:
        raise Http404 from None
    response = HttpResponse(data, content_type=photos.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{download_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt  # checked below, once the upload has its ceiling
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def photo(request: HttpRequest, code) -> HttpResponse:
    # A little room above the photo's own limit for the form's other fields.
    cap = cap_uploads(request, limit=photos.MAX_BYTES + MB)
    return _photo(request, code, cap)


@csrf_protect
def _photo(request: HttpRequest, code, cap) -> HttpResponse:
    skill = _get_skill(request, code)
    if request.method != "POST":
        form = PhotoForm()
    else:
        form = PhotoForm(request.POST, request.FILES, too_big=cap.too_big)
        if form.is_valid():
            services.skill_set_photo(skill=skill, photo=form.cleaned_data["photo"])
            messages.success(request, _("Photo saved with %(name)s.") % {"name": skill.name})
            return redirect(skill)
    return render(request, "skills/photo.html", {"skill": skill, "form": form})


@login_required
@require_POST
def photo_remove(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    if skill.has_photo:
        services.skill_remove_photo(skill=skill)
        messages.success(request, _("Photo removed from %(name)s.") % {"name": skill.name})
    return redirect(skill)


@login_required
@require_safe
def photo_full(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    return photo_response(skill.photo.name, download_name="photo.jpg")


@login_required
@require_safe
def photo_small(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    return photo_response(skill.photo_small.name, download_name="photo-small.jpg")
