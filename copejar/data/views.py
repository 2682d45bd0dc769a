"""The person's data: export it, bring it in, print the jars, delete the account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from copejar.accounts.uploads import MB, cap_uploads
from copejar.data import exports, services
from copejar.data.forms import DeleteAccountForm, ImportForm, JarsForm
from copejar.data.models import PendingImport, Source
from copejar.data.restore import FileProblem
from journal.jars import jars_for
from journal.window import Window
from skills.poster import poster_layout
from skills.poster_png import render_png
from skills.poster_svg import render_svg

POSTER_KEEP = 7 * 24 * 3600  # a poster not asked for in a week is drawn again
POSTER_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def poster_cache_keys(user) -> tuple[str, ...]:
    return tuple(f"poster:{kind}:{user.pk}" for kind in POSTER_TYPES)


def _file_name(user, ending: str) -> str:
    day = timezone.localdate().isoformat()
    return f"jar-o-copes-{slugify(user.username) or 'account'}-{day}.{ending}"


def _download(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def data(request: HttpRequest) -> HttpResponse:
    return render(request, "data/data.html")


def _stream(request: HttpRequest, pieces, content_type: str, ending: str) -> HttpResponse:
    """A download written as it is read; HEAD gets the same headers and reads nothing."""
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    else:
        response = StreamingHttpResponse(pieces(request.user), content_type=content_type)
    return _download(response, _file_name(request.user, ending))


@login_required
@require_safe
def export_json(request: HttpRequest) -> HttpResponse:
    return _stream(request, exports.json_export, "application/json; charset=utf-8", "json")


@login_required
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    return _stream(request, exports.csv_zip_export, "application/zip", "zip")


def _poster(request: HttpRequest, kind: str) -> HttpResponse:
    """The poster, drawn again only when the jars have changed since it was last drawn."""
    user = request.user
    title = _("My jars")
    poster = poster_layout(jars_for(Window.of_owner(user), now=timezone.now()), title=title)
    digest = poster.digest()
    etag = f'"{digest}-{kind}"'
    # Compressed on the way out, the tag may come back weak ("W/..."): the same poster still.
    asked = [
        tag.strip().removeprefix("W/")
        for tag in request.headers.get("If-None-Match", "").split(",")
    ]
    if etag in asked:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    key = f"poster:{kind}:{user.pk}"
    held = cache.get(key)
    if held and held[0] == digest:
        body = held[1]
    else:
        body = render_png(poster) if kind == "png" else render_svg(poster, title=title)
        cache.set(key, (digest, body), POSTER_KEEP)
    response = HttpResponse(body, content_type=POSTER_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="my-jars.{kind}"'
    # Kept by the browser, but asked about again: a changed jar is a new poster.
    response["Cache-Control"] = "private, no-cache"
    response["ETag"] = etag
    return response


@login_required
@require_safe
def poster_png(request: HttpRequest) -> HttpResponse:
    return _poster(request, "png")


@login_required
@require_safe
def poster_svg(request: HttpRequest) -> HttpResponse:
    return _poster(request, "svg")


@csrf_exempt  # checked below, once the upload has its ceiling
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_file(request: HttpRequest) -> HttpResponse:
    cap = cap_uploads(request, limit=services.IMPORT_MAX_BYTES + MB)
    return _import_file(request, cap)


@csrf_protect
def _import_file(request: HttpRequest, cap) -> HttpResponse:
    if request.method != "POST":
        form = ImportForm(initial={"source": request.GET.get("from", Source.JAR)})
        return render(request, "data/import.html", {"form": form})
    form = ImportForm(request.POST, request.FILES, too_big=cap.too_big)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(services.IMPORT_MAX_BYTES + 1)
        if len(data) > services.IMPORT_MAX_BYTES:
            form.add_error("file", _("This file is larger than 50 MB, more than any export holds."))
        else:
            try:
                pending = services.import_check(
                    owner=request.user,
                    source=form.cleaned_data["source"],
                    data=data,
                    file_name=upload.name or "",
                )
            except FileProblem as problem:
                for line in problem.problems:
                    form.add_error("file", line)
            else:
                return redirect("data:import_preview", code=pending.code)
    return render(request, "data/import.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_preview(request: HttpRequest, code) -> HttpResponse:
    pending = get_object_or_404(PendingImport.objects.for_user(request.user), code=code)
    activities = pending.summary.get("activities", [])
    form = JarsForm(request.POST if request.method == "POST" else None, activities=activities)
    problems = []
    if request.method == "POST" and request.POST.get("cancel"):
        services.import_cancel(pending=pending)
        messages.success(request, _("Import cancelled; nothing was added."))
        return redirect("data:page")
    if request.method == "POST" and form.is_valid():
        try:
            added = services.import_apply(pending=pending, jars=form.jars())
        except FileProblem as problem:
            problems = problem.problems
        else:
            messages.success(request, _imported_words(pending.source, added))
            return redirect("jars")
    context = {"pending": pending, "summary": pending.summary, "form": form, "problems": problems}
    return render(request, "data/import_preview.html", context)


def _imported_words(source: str, added: dict) -> str:
    if source == Source.JAR:
        count = sum(added[key] for key in ("skills", "urges", "uses", "plan_items", "views"))
        if not count:
            return _("Everything in that file was here already, so nothing changed.")
        return ngettext(
            "Brought in %(n)d new record from the file.",
            "Brought in %(n)d new records from the file.",
            count,
        ) % {"n": count}
    return (
        ngettext(
            "Brought in %(uses)d use; new skills: %(skills)d.",
            "Brought in %(uses)d uses; new skills: %(skills)d.",
            added["uses"],
        )
        % added
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        services.account_delete(user=user, cache_keys=poster_cache_keys(user))
        logout(request)
        messages.success(request, _("Your account and everything in it are deleted."))
        return redirect("home")
    context = {"form": form, "export_url": reverse("data:export_json")}
    return render(request, "data/delete.html", context)
