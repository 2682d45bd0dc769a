"""Site-wide pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from skills.jars import example_jars


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("care:dashboard" if request.user.role == "therapist" else "jars")
    return render(request, "pages/home.html", {"jars": example_jars()})
