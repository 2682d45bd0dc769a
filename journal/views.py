"""The journal page, and adding, editing and deleting its urges and usages."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from journal.forms import UrgeForm, UsageForm
from journal.models import SURF_GRACE, SURF_LENGTHS, UrgeLog, UsageLog
from journal.timeline import Entry, parse_day, timeline_page
from skills.models import CopingSkill

ENTRY_TYPES = {"urge": (UrgeLog, UrgeForm), "usage": (UsageLog, UsageForm)}


def _journal_context(request: HttpRequest, *, before: date | None = None) -> dict:
    quick_skills = list(CopingSkill.objects.for_user(request.user).active().order_by("name"))
    return {
        "open_surf": _open_surf(request.user),
        "page": timeline_page(request.user, before=before),
        "quick_added": [s for s in quick_skills if not s.is_negative],
        "quick_negative": [s for s in quick_skills if s.is_negative],
        # Two forms on one page: their own id prefixes keep every label on its own field.
        "urge_form": UrgeForm(owner=request.user, auto_id="urge_%s"),
        "usage_form": UsageForm(owner=request.user, auto_id="usage_%s"),
    }


def _open_surf(user) -> UrgeLog | None:
    """The urge the person is riding out right now, if any, to find the way back to it."""
    now = timezone.now()
    recent = UrgeLog.objects.for_user(user).filter(
        surf_minutes__isnull=False,
        surf_ended_at__isnull=True,
        occurred_at__gte=now - timedelta(minutes=max(SURF_LENGTHS)) - SURF_GRACE,
    )
    return next((urge for urge in recent if urge.surf_is_open(now)), None)


@login_required
@require_safe
def journal(request: HttpRequest) -> HttpResponse:
    before = parse_day(request.GET.get("before"))
    if request.htmx and before:
        page = timeline_page(request.user, before=before)
        return render(request, "journal/journal.html#days", {"page": page, "just_loaded": True})
    return render(request, "journal/journal.html", _journal_context(request, before=before))


def _acknowledge(request: HttpRequest, entry: UrgeLog | UsageLog) -> None:
    """A plain, warm word after logging; after a negative skill, never a warning."""
    if isinstance(entry, UrgeLog):
        messages.success(
            request,
            _("Urge noted, at %(n)d out of 10. Noticing it is a skill too.")
            % {"n": entry.intensity},
        )
        if entry.is_high:
            messages.info(
                request,
                _("That is a strong one. If it helps, your safety plan is one tap away."),
                extra_tags="high-urge",
            )
    elif entry.skill.is_negative:
        messages.info(
            request,
            _(
                "Noted: you reached for %(name)s. It has got you through before, and a hard day "
                "is still a day you got through."
            )
            % {"name": entry.skill.name},
            extra_tags="hard-day",
        )
    else:
        messages.success(
            request,
            _("Noted: %(name)s. One more choice from your Jar O' Copes.")
            % {"name": entry.skill.name},
        )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_new(request: HttpRequest, kind: str) -> HttpResponse:
    _model, form_class = ENTRY_TYPES[kind]
    initial = {}
    if kind == "usage" and request.GET.get("skill"):
        initial["skill"] = request.GET["skill"]
    form = form_class(
        request.POST if request.method == "POST" else None, owner=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.owner = request.user
        entry.save()
        _acknowledge(request, entry)
        if request.htmx:
            return render(request, "journal/journal.html#feed", _journal_context(request))
        return redirect("journal:journal")
    if request.method == "POST" and request.htmx:
        # The quick form stays as the person left it; the reason shows in the status line.
        response = render(request, "journal/journal.html#form-errors", {"form": form})
        response["HX-Retarget"] = "#log-status"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, "journal/entry_form.html", {"form": form, "kind": kind})


def _get_entry(request: HttpRequest, kind: str, code):
    model, form_class = ENTRY_TYPES[kind]
    return get_object_or_404(model.objects.for_user(request.user), code=code), form_class


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_edit(request: HttpRequest, kind: str, code) -> HttpResponse:
    entry, form_class = _get_entry(request, kind, code)
    form = form_class(
        request.POST if request.method == "POST" else None,
        instance=entry,
        owner=request.user,
        auto_id=f"entry-{entry.code}-%s",
    )
    if request.method == "POST" and form.is_valid():
        entry = form.save()
        if request.htmx:
            return render(request, "journal/journal.html#entry", {"entry": _as_entry(kind, entry)})
        messages.success(request, _("Entry saved."))
        return redirect("journal:journal")
    template = "journal/entry_form.html"
    if request.htmx:
        template += "#form"
    return render(request, template, {"form": form, "kind": kind, "entry": entry})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_delete(request: HttpRequest, kind: str, code) -> HttpResponse:
    entry, _form_class = _get_entry(request, kind, code)
    if request.method == "POST":
        entry.delete()
        if request.htmx:
            return HttpResponse("")
        messages.success(request, _("Entry deleted."))
        return redirect("journal:journal")
    template = "journal/entry_delete.html"
    if request.htmx:
        template += "#confirm"
    return render(request, template, {"entry": _as_entry(kind, entry), "kind": kind})


def _as_entry(kind: str, item: UrgeLog | UsageLog) -> Entry:
    return Entry(kind, item)
