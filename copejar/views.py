"""Site-wide pages: the welcome page, and the jars page that brings the apps together."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from copejar.sharing.models import SkillSuggestion
from journal.insights import recent_balance, urges_ridden_out
from skills.jars import Jars, example_jars, jars_for
from skills.starters import starter_groups


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("care:dashboard" if request.user.is_therapist else "jars")
    return render(request, "pages/home.html", {"jars": example_jars()})


SEEN_CHANGE = "jars_seen_change"


def _drop_latest(request: HttpRequest, jars: Jars) -> Jars:
    """Let the rock of the newest add or choice fall into its jar, once: the session keeps
    which change this person has already watched land."""
    if not jars.latest_change or request.session.get(SEEN_CHANGE) == jars.latest_change:
        return jars
    request.session[SEEN_CHANGE] = jars.latest_change
    return jars.dropping(jars.latest_key)


def _jar_area(request: HttpRequest, *, now) -> dict:
    """The drawings and the running totals: what changes whenever a rock is added."""
    user = request.user
    jars = _drop_latest(request, jars_for(user, now=now))
    return {
        "jars": jars,
        "rocks_added": len(jars.copes.rocks),
        "urges_ridden_out": urges_ridden_out(user),
    }


@login_required
@require_GET
def jars(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    context = _jar_area(request, now=now)
    if request.htmx and request.htmx.target == "jar-area":
        return render(request, "pages/jars.html#jar-area", context)
    copes_empty = not context["jars"].copes.rocks
    context |= {
        "balance": recent_balance(user, now=now),
        "copes_empty": copes_empty,
        "suggestions": list(
            SkillSuggestion.objects.for_user(user).open().select_related("therapist")
        ),
    }
    if copes_empty:
        context["idea_groups"] = starter_groups(user)
    return render(request, "pages/jars.html", context)
