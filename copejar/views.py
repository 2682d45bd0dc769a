"""Site-wide pages: the welcome page, and the jars page that brings the apps together."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from copejar.sharing.models import SkillSuggestion
from journal.insights import recent_balance, urges_ridden_out
from skills.jars import example_jars, jars_for
from skills.starters import starter_groups


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("care:dashboard" if request.user.is_therapist else "jars")
    return render(request, "pages/home.html", {"jars": example_jars()})


def _jar_area(user, *, now) -> dict:
    """The drawings and the running totals: what changes whenever a rock is added."""
    jars = jars_for(user, now=now)
    return {
        "jars": jars,
        "rocks_added": len(jars.copes.rocks),
        "urges_ridden_out": urges_ridden_out(user),
    }


@login_required
@require_safe
def jars(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    context = _jar_area(user, now=now)
    if request.htmx and request.htmx.target == "jar-area":
        return render(request, "pages/jars.html#jar-area", context)
    copes_empty = not context["jars"].copes.rocks
    context |= {
        "balance": recent_balance(user, now=now),
        "copes_empty": copes_empty,
        "suggestions": list(
            SkillSuggestion.objects.for_user(user).waiting(now=now).select_related("therapist")
        ),
    }
    if copes_empty:
        context["idea_groups"] = starter_groups(user)
    return render(request, "pages/jars.html", context)
