"""Sign up and the list of sign-ins; log in, log out and password change are Django's own views."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings as site_settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from copejar.accounts import languages, services
from copejar.accounts.forms import LanguageForm, SignUpForm
from copejar.accounts.links import safe_next
from copejar.accounts.models import SignIn


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
        # The account keeps the language its sign-up page was read in.
        form.instance.language = translation.get_language()
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        services.signin_start(request=request)
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


class LoginView(auth_views.LoginView):
    """Django's log-in, which also notes the browser, and ends a shared device's session
    when the browser closes."""

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        shared = form.cleaned_data.get("shared_device", False)
        services.signin_start(request=self.request, shared_device=shared)
        # From here on the account's language speaks; this browser keeps it for after log-out,
        # unless it is shared, where the next person need not meet someone else's choice.
        language = self.request.user.language
        if language in languages.codes():
            translation.activate(language)
            if not shared:
                languages.remember(response, language)
        if shared:
            messages.info(
                self.request,
                _(
                    "Marked as a shared device: closing the browser signs you out. Quick exit, "
                    "at the top of every page, leaves at once."
                ),
            )
        return response


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The language picker: this browser keeps the choice, and a signed-in person's account
    too, so every device they sign in on follows it. Back to the page it was picked on."""
    next_page = safe_next(request) or reverse("home")
    response = HttpResponseRedirect(next_page)
    form = LanguageForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.language_save(user=request.user, language=code)
        languages.remember(response, code)
    return response


class LogoutView(auth_views.LogoutView):
    """Django's log-out, which also takes this browser off the list of sign-ins."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        services.signin_end(request=request)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    """A new password signs out every other browser (Django ends their sessions); their
    rows leave the list of sign-ins too."""

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        services.signin_end_others(request=self.request)
        return response


@login_required
@require_safe
def sign_ins(request: HttpRequest) -> HttpResponse:
    # A session lasts at most this long unused, so older rows are browsers long gone.
    since = timezone.now() - timedelta(seconds=site_settings.SESSION_COOKIE_AGE)
    context = {
        "sign_ins": SignIn.objects.for_user(request.user).filter(last_seen__gte=since),
        "current": request.session.get(services.SIGN_IN_KEY),
    }
    return render(request, "accounts/sign_ins.html", context)


@login_required
@require_POST
def sign_out_others(request: HttpRequest) -> HttpResponse:
    count = services.signin_end_others(request=request)
    messages.success(
        request,
        ngettext(
            "Signed out of %(count)d other place.", "Signed out of %(count)d other places.", count
        )
        % {"count": count},
    )
    return redirect("accounts:sign_ins")
