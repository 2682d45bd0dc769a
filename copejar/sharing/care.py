"""The therapist's side: redeem a code, and see each person's jar within the scope they chose.

Every page about a person is drawn from a `Shared`: the grant's public facts and the window
it opens (journal.window), read fresh from the database on each request. The page bodies
below take a `Shared` and read history only through its window; they never see the grant or
its owner. The person's own preview of a scope goes through the very same page bodies.
"""

from __future__ import annotations

import uuid
import zoneinfo
from dataclasses import dataclass
from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from copejar.accounts.visitors import client_address
from copejar.sharing import services
from copejar.sharing.forms import RedeemForm, SuggestionForm, full_message
from copejar.sharing.models import (
    THERAPIST_SCOPE_WORDS,
    AccessLogEntry,
    Scope,
    ShareGrant,
    Status,
)
from copejar.sharing.window import window_for, window_for_scope
from journal import views as journal_pages
from journal.fragments import kept
from journal.jars import jars_and_balance
from journal.timeline import parse_day
from journal.window import Window, last_shared_days
from skills.jars import opened_kind

# The pages a share can open, by the key templates use, and the tail of their URL names.
PAGES = {
    "jars": "jars",
    "journal": "journal",
    "diary": "diary",
    "insights": "insights",
    "year": "insights_year",
    "growth": "insights_growth",
}


@dataclass(frozen=True)
class Shared:
    """A person's jar as one viewer may see it: their chosen name, the scope, and the window."""

    shown_name: str
    scope: str
    window: Window
    zone: zoneinfo.ZoneInfo
    urls: dict[str, str]  # the pages this share opens, by name
    code: uuid.UUID | None = None  # the grant's public code; None in the person's preview

    @property
    def preview(self) -> bool:
        """Whether the person is looking at their own preview rather than a therapist."""
        return self.code is None

    @property
    def scope_words(self) -> str:
        return str(THERAPIST_SCOPE_WORDS[self.scope])


def _urls(name: str, window: Window, **kwargs) -> dict[str, str]:
    """The pages this window opens: the jars always, the rest only with logs."""
    pages = PAGES if window.logs else {"jars": "jars"}
    return {key: reverse(name.format(page=tail), kwargs=kwargs) for key, tail in pages.items()}


def _therapist(request: HttpRequest) -> None:
    if not request.user.is_therapist:
        raise Http404


class ShareEnded(Exception):
    """The grant behind a therapist's page was theirs, and has ended (stopped or run out)."""


def _grant(request: HttpRequest, code) -> ShareGrant:
    """The active grant behind this URL, for this therapist, checked now.

    A share this therapist once held and that has ended says so (ShareEnded) and no more;
    any other code, a stranger's or one never shared with them, is a plain 404.
    """
    _therapist(request)
    held = ShareGrant.objects.filter(therapist=request.user, redeemed_at__isnull=False)
    grant = get_object_or_404(held.select_related("owner", "therapist"), code=code)
    if grant.status(timezone.now()) != Status.ACTIVE:
        raise ShareEnded
    return grant


def share_page(view):
    """A therapist's page of one share: once the share has ended, the page says only that."""

    @wraps(view)
    def page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ShareEnded:
            return render(request, "sharing/care_ended.html", status=410)

    return page


def open_share(request: HttpRequest, code, page: str) -> tuple[Shared, ShareGrant]:
    """A therapist opens a page of a share: 404 unless the grant is active and covers it."""
    grant = _grant(request, code)
    window = window_for(grant)
    urls = _urls("care:{page}", window, code=grant.code)
    if page not in urls:
        raise Http404
    shared = Shared(
        shown_name=grant.shown_name,
        scope=grant.scope,
        window=window,
        zone=grant.owner.zone(),
        urls=urls,
        code=grant.code,
    )
    return shared, grant


def _preview(request: HttpRequest, scope: str, page: str) -> Shared:
    """The person's own preview of what a therapist with this scope would see."""
    if scope not in Scope.values:
        raise Http404
    window = window_for_scope(request.user, scope)
    urls = _urls("sharing:preview_{page}", window, scope=scope)
    if page not in urls:
        raise Http404
    return Shared(
        shown_name=_("you"), scope=scope, window=window, zone=request.user.zone(), urls=urls
    )


# --- page bodies: everything shown is read through shared.window -----------------------------


def _jars_page(request: HttpRequest, shared: Shared, form: SuggestionForm | None = None):
    window, now = shared.window, timezone.now()
    with timezone.override(shared.zone):

        def draw() -> dict:
            jars, balance = jars_and_balance(window, now=now)
            skills = list(window.skills().active()) if window.words else []
            notes = {"skills": skills, "shared": shared}
            return {
                "drawing": render_to_string("skills/_jars.html", {"jars": jars}, request),
                "notes": render_to_string("sharing/care_jars.html#notes", notes, request),
                "balance": balance if window.logs else None,
            }

        # Kept until the history changes or the day turns, like the person's own jars; per
        # share, as the notes link to photos through it (the name, which the person may
        # change, is drawn fresh).
        where = shared.code or ("preview", shared.scope)
        day, opened = window.local_date(now), opened_kind(request)
        parts = kept(window, draw, "care-jars", where, day, opened)
        context = {
            "shared": shared,
            "balance": parts["balance"],
            # Our own templates drew them.
            "drawing": mark_safe(parts["drawing"]),
            "notes": mark_safe(parts["notes"]),
            "form": form or SuggestionForm(),
        }
        return render(request, "sharing/care_jars.html", context)


def _journal_page(request: HttpRequest, shared: Shared) -> tuple[HttpResponse, bool]:
    """The journal through the share's window; also whether it is an earlier page."""
    cursor = {"older": request.GET.get("older"), "before_day": parse_day(request.GET.get("before"))}
    earlier = any(cursor.values())
    with timezone.override(shared.zone):
        html = journal_pages.feed(request, shared.window, just_loaded=earlier, **cursor)
        if request.htmx and earlier:
            return HttpResponse(html), earlier
        context = {"shared": shared, "feed": html}
        return render(request, "sharing/care_journal.html", context), earlier


def _diary_page(request: HttpRequest, shared: Shared) -> tuple[HttpResponse, date]:
    with timezone.override(shared.zone):
        return journal_pages.diary_page(request, shared.window, shared=shared)


def _insights_page(request: HttpRequest, shared: Shared, page: str) -> HttpResponse:
    body = {
        "insights": journal_pages.insights_page,
        "year": journal_pages.year_page,
        "growth": journal_pages.growth_page,
    }[page]
    with timezone.override(shared.zone):
        return body(request, shared.window, shared=shared)


# --- the therapist's views -------------------------------------------------------------------


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    _therapist(request)
    grants = list(
        ShareGrant.objects.active_for_therapist(request.user, now=timezone.now())
        .select_related("owner")
        .order_by("shown_name")
    )
    with_logs = [grant for grant in grants if window_for(grant).logs]
    newest = last_shared_days([grant.owner_id for grant in with_logs])
    rows = [
        (grant, window_for(grant).logs, newest.get(grant.owner_id) if grant in with_logs else None)
        for grant in grants
    ]
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            grant=grant,
            owner_id=grant.owner_id,
            therapist=request.user,
            therapist_name=request.user.username,
            page=AccessLogEntry.Page.DASHBOARD,
        )
        for grant in grants
    )
    return render(request, "sharing/care_dashboard.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def redeem(request: HttpRequest) -> HttpResponse:
    if not request.user.is_therapist:
        return render(request, "sharing/care_redeem.html", {"not_therapist": True})
    # An invitation link carries its code after "#"; static/copejar.js fills it in.
    form = RedeemForm(request.POST if request.method == "POST" else None)
    address = client_address(request)
    if request.method == "POST" and services.redeem_paused(user=request.user, address=address):
        form.is_valid()
        form.add_error(
            "invite_code",
            _(
                "Several codes in a row did not work, so entering codes is paused for an hour "
                "to keep invitations safe. Checking the code with the person who sent it helps."
            ),
        )
    elif request.method == "POST" and form.is_valid():
        grant = services.grant_redeem(
            therapist=request.user, invite_code=form.cleaned_data["invite_code"]
        )
        if grant is not None:
            messages.success(
                request, _("%(name)s is sharing with you now.") % {"name": grant.shown_name}
            )
            return redirect("care:jars", code=grant.code)
        services.redeem_attempt_failed(user=request.user, address=address)
        form.add_error(
            "invite_code",
            _(
                "This code does not open anything. It may be mistyped, already used, cancelled, "
                "or older than 7 days; a new invitation will have a fresh one."
            ),
        )
    return render(request, "sharing/care_redeem.html", {"form": form})


@login_required
@require_safe
@share_page
def jars(request: HttpRequest, code) -> HttpResponse:
    shared, grant = open_share(request, code, "jars")
    services.access_log(grant=grant, page=AccessLogEntry.Page.JARS)
    return _jars_page(request, shared)


@login_required
@require_safe
@share_page
def journal(request: HttpRequest, code) -> HttpResponse:
    shared, grant = open_share(request, code, "journal")
    response, earlier = _journal_page(request, shared)
    # The log says that earlier entries were opened, never which ones or what they held.
    detail = "earlier" if earlier else ""
    services.access_log(grant=grant, page=AccessLogEntry.Page.JOURNAL, detail=detail)
    return response


@login_required
@require_safe
@share_page
def diary(request: HttpRequest, code) -> HttpResponse:
    shared, grant = open_share(request, code, "diary")
    response, week = _diary_page(request, shared)
    services.access_log(grant=grant, page=AccessLogEntry.Page.DIARY, detail=str(week))
    return response


def _insights_view(page: str):
    """A therapist's view of one insights page (the overview, the year, or the jar's growth)."""

    @login_required
    @require_safe
    @share_page
    def view(request: HttpRequest, code) -> HttpResponse:
        shared, grant = open_share(request, code, page)
        services.access_log(grant=grant, page=AccessLogEntry.Page.INSIGHTS, detail=page)
        return _insights_page(request, shared, page)

    view.__name__ = f"insights_{page}"
    return view


insights = _insights_view("insights")
insights_year = _insights_view("year")
insights_growth = _insights_view("growth")


@login_required
@require_POST
@share_page
def suggest(request: HttpRequest, code) -> HttpResponse:
    shared, grant = open_share(request, code, "jars")
    form = SuggestionForm(request.POST, grant=grant)
    if form.is_valid():
        fields = form.cleaned_data.copy()
        once_key = fields.pop("once")
        try:
            _suggestion, new = services.suggestion_send(grant=grant, once_key=once_key, **fields)
        except services.SuggestionsFull:  # another one got in first
            form.add_error(None, full_message(grant))
            return render(request, "sharing/care_suggest.html", {"shared": shared, "form": form})
        # Sent twice, the page goes where the first went, with nothing logged or said twice.
        if new:
            services.access_log(grant=grant, page=AccessLogEntry.Page.SUGGESTION)
            messages.success(
                request,
                _("Suggestion sent. %(name)s decides whether it goes in the jar.")
                % {"name": grant.shown_name},
            )
        return redirect("care:jars", code=grant.code)
    return render(request, "sharing/care_suggest.html", {"shared": shared, "form": form})


# --- the person's preview of each scope --------------------------------------------------------


@login_required
@require_safe
def preview_jars(request: HttpRequest, scope: str) -> HttpResponse:
    return _jars_page(request, _preview(request, scope, "jars"))


@login_required
@require_safe
def preview_journal(request: HttpRequest, scope: str) -> HttpResponse:
    return _journal_page(request, _preview(request, scope, "journal"))[0]


@login_required
@require_safe
def preview_diary(request: HttpRequest, scope: str) -> HttpResponse:
    return _diary_page(request, _preview(request, scope, "diary"))[0]


def _preview_view(page: str):
    """The person's preview of one insights page, as a therapist with that scope sees it."""

    @login_required
    @require_safe
    def view(request: HttpRequest, scope: str) -> HttpResponse:
        return _insights_page(request, _preview(request, scope, page), page)

    view.__name__ = f"preview_{page}"
    return view


preview_insights = _preview_view("insights")
preview_year = _preview_view("year")
preview_growth = _preview_view("growth")
