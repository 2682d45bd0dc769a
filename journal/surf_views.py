"""Riding out an urge with the wave: start, check in, end, and look back at past surfs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from journal import services
from journal.forms import CheckInForm, SurfEndForm, SurfStartForm
from journal.models import UrgeLog, UsageLog
from journal.surfing import after_words, surf_card, surf_choices
from skills.models import CopingSkill

SURFS_PER_PAGE = 20


def _surfs(user):
    """This person's surfs, with everything a page draws from them in three queries."""
    return (
        UrgeLog.objects.for_user(user)
        .filter(surf_minutes__isnull=False)
        .select_related("skill")
        .prefetch_related(
            "check_ins", Prefetch("answers", queryset=UsageLog.objects.select_related("skill"))
        )
    )


def _get_surf(request: HttpRequest, code) -> UrgeLog:
    return get_object_or_404(_surfs(request.user), code=code)


def _open_context(request: HttpRequest, urge: UrgeLog, **extra) -> dict:
    now = timezone.now()
    planned_end = urge.surf_planned_end
    return {
        "urge": urge,
        "check_ins": [
            (check_in, after_words((check_in.at - urge.occurred_at).total_seconds()))
            for check_in in urge.check_ins.all()
        ],
        "choices": surf_choices(request.user, urge),
        "planned_end": planned_end,
        "total_seconds": urge.surf_minutes * 60,
        "elapsed_seconds": min(
            urge.surf_minutes * 60, int((now - urge.occurred_at).total_seconds())
        ),
        "remaining_seconds": max(0, int((planned_end - now).total_seconds())),
        "check_every": settings.SURF_CHECK_IN_SECONDS,
        "check_every_minutes": max(1, round(settings.SURF_CHECK_IN_SECONDS / 60)),
        "check_in_form": CheckInForm(),
        "end_form": SurfEndForm(owner=request.user),
        **extra,
    }


def _closed(request: HttpRequest, urge: UrgeLog) -> HttpResponse:
    """A surf that already ended (or was left) takes nothing more; show how it went."""
    messages.info(request, _("This wave is already over. Everything noted is kept."))
    url = reverse("journal:surf", kwargs={"code": urge.code})
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def surf_new(request: HttpRequest) -> HttpResponse:
    initial = {"skill": request.GET.get("skill")} if request.GET.get("skill") else {}
    form = SurfStartForm(
        request.POST if request.method == "POST" else None, owner=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        urge = services.surf_start(owner=request.user, **form.cleaned_data)
        return redirect("journal:surf", code=urge.code)
    return render(request, "journal/surf_new.html", {"form": form, "skill": _skill_from(form)})


def _skill_from(form: SurfStartForm) -> CopingSkill | None:
    """The skill the urge pulls toward, when the page was opened from that skill."""
    raw = form["skill"].value()
    if not raw:
        return None
    try:
        return form.fields["skill"].to_python(raw)
    except ValidationError:
        return None


@login_required
@require_safe
def surf(request: HttpRequest, code) -> HttpResponse:
    urge = _get_surf(request, code)
    now = timezone.now()
    if urge.surf_is_open(now):
        return render(request, "journal/surf.html", _open_context(request, urge))
    return render(request, "journal/surf_summary.html", {"card": surf_card(urge, now=now)})


@login_required
@require_POST
def surf_check_in(request: HttpRequest, code) -> HttpResponse:
    urge = _get_surf(request, code)
    if not urge.surf_is_open(timezone.now()):
        return _closed(request, urge)
    form = CheckInForm(request.POST)
    if form.is_valid():
        services.surf_check_in(urge=urge, intensity=form.cleaned_data["intensity"])
        messages.success(
            request,
            _("Noted: %(n)d out of 10. Keep breathing with the wave.")
            % {"n": form.cleaned_data["intensity"]},
        )
        if not request.htmx:
            return redirect(reverse("journal:surf", kwargs={"code": urge.code}) + "#check-in")
        urge = _get_surf(request, code)
    context = _open_context(request, urge, check_in_form=form, just_checked_in=form.is_valid())
    if request.htmx:
        return render(request, "journal/surf.html#check-in", context)
    return render(request, "journal/surf.html", context)


@login_required
@require_POST
def surf_end(request: HttpRequest, code) -> HttpResponse:
    urge = _get_surf(request, code)
    if not urge.surf_is_open(timezone.now()):
        return _closed(request, urge)
    form = SurfEndForm(request.POST, owner=request.user)
    if form.is_valid():
        services.surf_end(
            urge=urge, outcome=form.cleaned_data["outcome"], skill=form.cleaned_data["choice"]
        )
        return redirect("journal:surf", code=urge.code)
    return render(request, "journal/surf.html", _open_context(request, urge, end_form=form))


@login_required
@require_safe
def surf_history(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page = Paginator(_surfs(request.user), SURFS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "cards": [surf_card(urge, now=now) for urge in page.object_list]}
    if request.htmx and request.GET.get("page"):
        return render(request, "journal/surf_history.html#surf-list", context)
    return render(request, "journal/surf_history.html", context)
