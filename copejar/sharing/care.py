"""The therapist's side: redeem a code, see each person's jar within the scope they chose.

Every view reaches a person's data through `_grant`, which reads the grant fresh from the
database, answers 404 unless it is active and covers the page, and writes one access-log
entry. Nothing about a grant is cached between requests.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from copejar.accounts.visitors import client_address
from copejar.sharing import services
from copejar.sharing.forms import RedeemForm, SuggestionForm, full_message
from copejar.sharing.models import AccessLogEntry, ShareGrant
from copejar.sharing.redact import without_notes
from journal.diary import diary_card, week_start_for
from journal.insights import recent_balance
from journal.models import UrgeLog, UsageLog
from journal.timeline import parse_day, timeline_page
from skills.jars import jars_for
from skills.models import CopingSkill, Kind


def _therapist(request: HttpRequest) -> None:
    if not request.user.is_therapist:
        raise Http404


def _grant(
    request: HttpRequest, code, page: str, detail: str = "", *, log: bool = True
) -> ShareGrant:
    """The active grant behind this URL, checked now, with this view written to its log.

    With log=False the caller writes the line itself, once it knows what it will show.
    """
    _therapist(request)
    grant = get_object_or_404(
        ShareGrant.objects.active_for_therapist(request.user, now=timezone.now()).select_related(
            "owner"
        ),
        code=code,
    )
    if page in (AccessLogEntry.Page.JOURNAL, AccessLogEntry.Page.DIARY) and not grant.shows_logs():
        raise Http404
    if log:
        services.access_log(grant=grant, page=page, detail=detail)
    return grant


def _last_entry(model, field: str = "occurred_at") -> Subquery:
    entries = model.objects.filter(owner=OuterRef("owner"))
    if model is UsageLog:
        entries = entries.filter(skill__private=False)
    else:
        entries = entries.filter(Q(skill__isnull=True) | Q(skill__private=False), private=False)
    return Subquery(entries.order_by(f"-{field}").values(field)[:1])


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    _therapist(request)
    grants = list(
        ShareGrant.objects.active_for_therapist(request.user, now=timezone.now())
        .select_related("owner")
        .annotate(last_use=_last_entry(UsageLog), last_urge=_last_entry(UrgeLog))
        .order_by("shown_name")
    )
    for grant in grants:
        dates = [d for d in (grant.last_use, grant.last_urge) if d]
        grant.last_entry = max(dates) if dates and grant.shows_logs() else None
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            grant=g,
            owner_id=g.owner_id,
            therapist=request.user,
            therapist_name=request.user.username,
            page="dashboard",
        )
        for g in grants
    )
    return render(request, "sharing/care_dashboard.html", {"grants": grants})


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
def jars(request: HttpRequest, code) -> HttpResponse:
    grant = _grant(request, code, AccessLogEntry.Page.JARS)
    owner = grant.owner
    now = timezone.now()
    with timezone.override(owner.zone()):
        jar_list = jars_for(owner, now=now, shareable_only=True)
        context = {
            "grant": grant,
            "jars": jar_list,
            "rocks_added": len(jar_list.copes.rocks),
            "balance": recent_balance(owner, now=now, shareable_only=True)
            if grant.shows_logs()
            else None,
            "skills": list(CopingSkill.objects.for_user(owner).active().shareable())
            if grant.shows_notes()
            else [],
            "form": SuggestionForm(),
            "Kind": Kind,
        }
        return render(request, "sharing/care_jars.html", context)


@login_required
@require_safe
def journal(request: HttpRequest, code) -> HttpResponse:
    before = parse_day(request.GET.get("before"))
    grant = _grant(request, code, AccessLogEntry.Page.JOURNAL, detail=str(before or ""))
    with timezone.override(grant.owner.zone()):
        page = timeline_page(grant.owner, before=before, shareable_only=True)
        if not grant.shows_notes():
            page = without_notes(page)
        context = {"grant": grant, "page": page, "read_only": True}
        if request.htmx and before:
            return render(request, "journal/journal.html#days", {**context, "just_loaded": True})
        return render(request, "sharing/care_journal.html", context)


@login_required
@require_safe
def diary(request: HttpRequest, code) -> HttpResponse:
    requested = parse_day(request.GET.get("week"))
    grant = _grant(request, code, AccessLogEntry.Page.DIARY, log=False)
    with timezone.override(grant.owner.zone()):
        week = week_start_for(requested or timezone.localdate())
        services.access_log(grant=grant, page=AccessLogEntry.Page.DIARY, detail=str(week))
        card = diary_card(
            grant.owner, week_start=week, shareable_only=True, with_notes=grant.shows_notes()
        )
        return render(request, "sharing/care_diary.html", {"grant": grant, "card": card})


@login_required
@require_POST
def suggest(request: HttpRequest, code) -> HttpResponse:
    grant = _grant(request, code, AccessLogEntry.Page.SUGGESTION, log=False)
    form = SuggestionForm(request.POST, grant=grant)
    if form.is_valid():
        try:
            services.suggestion_make(grant=grant, **form.cleaned_data)
        except services.SuggestionsFull:  # another one got in first
            form.add_error(None, full_message(grant))
            return render(request, "sharing/care_suggest.html", {"grant": grant, "form": form})
        services.access_log(grant=grant, page=AccessLogEntry.Page.SUGGESTION)
        messages.success(
            request,
            _("Suggestion sent. %(name)s decides whether it goes in the jar.")
            % {"name": grant.shown_name},
        )
        return redirect("care:jars", code=grant.code)
    return render(request, "sharing/care_suggest.html", {"grant": grant, "form": form})
