"""Sign up and account settings; log in, log out and password change are Django's own views."""

from __future__ import annotations

from django.conf import settings as site_settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from copejar.accounts.forms import SettingsForm, SignUpForm
from copejar.accounts.links import safe_next


def _signup_rate(group: str, request: HttpRequest) -> str:
    return site_settings.SIGNUP_RATE


# What sign-up keeps of a form it did not look at: everything but the passwords.
KEPT_WHILE_RESTING = ("username", "email", "role", "time_zone")


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(group="signup", key="ip", rate=_signup_rate, method="POST", block=False)
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if request.limited:
        # Not even checked, so a run of tries learns nothing about which names are taken.
        kept = {name: request.POST.get(name, "") for name in KEPT_WHILE_RESTING}
        context = {"form": SignUpForm(initial=kept), "next": safe_next(request), "resting": True}
        return render(request, "accounts/signup.html", context, status=429)
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if user.is_therapist:
            messages.success(
                request, _("Welcome. When someone shares with you, they show up here.")
            )
        else:
            messages.success(request, _("Welcome. Your jars are ready whenever you are."))
        # Back to where they came from (an invitation link, say), if that is a page here.
        next_page = safe_next(request)
        return HttpResponseRedirect(next_page) if next_page else redirect("home")
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next(request)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})
