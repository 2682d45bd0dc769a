"""The person's side of sharing: invite, change, stop, see every view, answer suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from copejar.sharing import services
from copejar.sharing.forms import InviteForm, ScopeForm
from copejar.sharing.models import AccessLogEntry, Scope, ShareGrant, SkillSuggestion, Status
from skills.jars import drop_next

JUST_INVITED = "sharing-just-invited"


def _get_grant(request: HttpRequest, code) -> ShareGrant:
    return get_object_or_404(ShareGrant.objects.for_user(request.user), code=code)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sharing(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data.copy()
        once_key = fields.pop("once")
        grant, invite_code = services.grant_invite(owner=request.user, once_key=once_key, **fields)
        # The plain code is shown once, on the next page, and never stored. Sent twice, the
        # form goes to the same invitation, and the code the first one left waits there.
        if invite_code:
            request.session[JUST_INVITED] = {str(grant.code): invite_code}
        return redirect("sharing:detail", code=grant.code)
    now = timezone.now()
    newest_view = (
        AccessLogEntry.objects.filter(grant=OuterRef("pk"))
        .order_by("-viewed_at")
        .values("viewed_at")[:1]
    )
    grants = list(
        ShareGrant.objects.for_user(request.user)
        .select_related("therapist")
        # Each grant's newest view, read from the top of its own index (not every view ever).
        .annotate(last_viewed=Subquery(newest_view))
    )
    context = {
        "form": form,
        "active": [g for g in grants if g.status(now) == Status.ACTIVE],
        "pending": [g for g in grants if g.status(now) == Status.PENDING],
        "ended": [
            (g, g.ended_words(now))
            for g in grants
            if g.status(now) in (Status.STOPPED, Status.EXPIRED, Status.UNUSED)
        ],
        "scope_choices": Scope.choices,
    }
    return render(request, "sharing/sharing.html", context)


@login_required
@require_safe
def detail(request: HttpRequest, code) -> HttpResponse:
    grant = _get_grant(request, code)
    invite_code = request.session.pop(JUST_INVITED, {}).get(str(grant.code))
    link = None
    if invite_code:
        # After "#", the code stays in the browser: never sent to a server, never in its logs.
        link = request.build_absolute_uri(reverse("care:redeem")) + f"#code={invite_code}"
    context = {
        "grant": grant,
        "status": grant.status(timezone.now()),
        "Status": Status,
        "invite_code": invite_code,
        "invite_link": link,
        "scope_form": ScopeForm(initial={"scope": grant.scope}),
    }
    return render(request, "sharing/detail.html", context)


@login_required
@require_POST
def change_scope(request: HttpRequest, code) -> HttpResponse:
    grant = _get_grant(request, code)
    form = ScopeForm(request.POST)
    if grant.status(timezone.now()) in (Status.STOPPED, Status.EXPIRED, Status.UNUSED):
        messages.info(
            request,
            _("This sharing has ended, so nothing changed. To share again, make a new invitation."),
        )
    elif form.is_valid():
        services.grant_change_scope(grant=grant, scope=form.cleaned_data["scope"])
        messages.success(
            request, _("Sharing changed to: %(scope)s.") % {"scope": grant.get_scope_display()}
        )
    else:
        messages.error(request, _("Pick one of the three choices."))
    return redirect("sharing:list")


@login_required
@require_POST
def stop(request: HttpRequest, code) -> HttpResponse:
    grant = _get_grant(request, code)
    was_pending = grant.redeemed_at is None
    services.grant_stop(grant=grant)
    if was_pending:
        messages.success(request, _("Invitation cancelled. Its code no longer works."))
    else:
        messages.success(request, _("Sharing stopped. From now on they see nothing."))
    return redirect("sharing:list")


@login_required
@require_safe
def seen(request: HttpRequest) -> HttpResponse:
    entries = AccessLogEntry.objects.for_user(request.user).order_by("-viewed_at", "-id")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "sharing/seen.html", {"page": page})


@login_required
@require_POST
def decide_suggestion(request: HttpRequest, code) -> HttpResponse:
    waiting = SkillSuggestion.objects.for_user(request.user).waiting(now=timezone.now())
    suggestion = get_object_or_404(waiting, code=code)
    decision = request.POST.get("decision")
    if decision == "add":
        skill = services.suggestion_accept(suggestion=suggestion)
        messages.success(request, _("%(name)s is in your jar now.") % {"name": skill.name})
        return drop_next(redirect("jars"), skill)
    elif decision == "dismiss":
        services.suggestion_dismiss(suggestion=suggestion)
        messages.success(request, _("Suggestion set aside."))
    else:
        messages.error(request, _("Pick whether to add the suggestion or set it aside."))
    return redirect("jars")


@login_required
@require_POST
def set_aside_suggestions(request: HttpRequest) -> HttpResponse:
    count = services.suggestion_dismiss_all(owner=request.user)
    messages.success(
        request,
        ngettext("%(count)d suggestion set aside.", "%(count)d suggestions set aside.", count)
        % {"count": count},
    )
    return redirect("jars")
