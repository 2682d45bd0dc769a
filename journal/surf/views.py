"""Pages for riding out an urge: start, the wave with its check-ins, the end, past waves."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from journal.fragments import kept_until
from journal.models import SurfOutcome, UrgeLog, UsageLog
from journal.surf import services
from journal.surf.forms import CheckInForm, SurfEndForm, SurfStartForm
from journal.surf.summary import after_words, surf_card, surf_choices
from journal.window import Window
from skills.jars import drop_next
from skills.models import CopingSkill

SURFS_PER_PAGE = 20
# Far enough for anyone's history; a bigger number in the address is a typo.
LAST_PAGE = 10_000


def _page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), LAST_PAGE)


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
        "grey_rocks": _grey_rocks(request.user, urge),
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


def _grey_rocks(user, urge: UrgeLog) -> list[CopingSkill]:
    """The Negative Skillz rocks an ending can name, the one this urge pulls toward first."""
    rocks = CopingSkill.objects.for_user(user).active().negative()
    return sorted(rocks, key=lambda rock: (rock.pk != urge.skill_id, rock.name.casefold()))


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
        data = form.cleaned_data
        urge = services.surf_start(
            owner=request.user,
            intensity=data["intensity"],
            minutes=data["minutes"],
            skill=data["skill"],
            note=data["note"],
            once_key=data["once"],
        )
        return redirect("journal:surf", code=urge.code)
    return render(request, "journal/surf/new.html", {"form": form, "skill": _skill_from(form)})


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
        return render(request, "journal/surf/wave.html", _open_context(request, urge))
    return render(request, "journal/surf/summary.html", {"card": surf_card(urge, now=now)})


@login_required
@require_POST
def surf_check_in(request: HttpRequest, code) -> HttpResponse:
    urge = _get_surf(request, code)
    if not urge.surf_is_open(timezone.now()):
        return _closed(request, urge)
    form = CheckInForm(request.POST)
    if form.is_valid():
        services.surf_check_in(
            urge=urge, intensity=form.cleaned_data["intensity"], once_key=form.cleaned_data["once"]
        )
        messages.success(
            request,
            _("Noted: %(n)d out of 10. Keep breathing with the wave.")
            % {"n": form.cleaned_data["intensity"]},
        )
        if not request.htmx:
            return redirect(reverse("journal:surf", kwargs={"code": urge.code}) + "#log-status")
        urge = _get_surf(request, code)
    # After a check-in, a fresh form (and one-time key) for the next; after a problem, the same.
    shown = CheckInForm() if form.is_valid() else form
    context = _open_context(request, urge, check_in_form=shown, just_checked_in=form.is_valid())
    if request.htmx:
        return render(request, "journal/surf/wave.html#check-in", context)
    return render(request, "journal/surf/wave.html", context)


@login_required
@require_POST
def surf_end(request: HttpRequest, code) -> HttpResponse:
    urge = _get_surf(request, code)
    if not urge.surf_is_open(timezone.now()):
        return _closed(request, urge)
    form = SurfEndForm(request.POST, owner=request.user)
    if form.is_valid():
        outcome, skill = form.cleaned_data["outcome"], form.cleaned_data["skill"]
        services.surf_end(urge=urge, outcome=outcome, skill=skill)
        _answer_ending(request, urge, outcome, skill)
        response = redirect("journal:surf", code=urge.code)
        return drop_next(response, skill) if skill is not None else response
    return render(request, "journal/surf/wave.html", _open_context(request, urge, end_form=form))


def _answer_ending(request: HttpRequest, urge: UrgeLog, outcome: str, skill) -> None:
    """A warm word for every ending: reaching for an old way is information, not a verdict."""
    if outcome == SurfOutcome.PASSED:
        text, tags = _("It passed. You rode it all the way out."), ""
    elif outcome == SurfOutcome.SMALLER:
        text, tags = _("It got smaller. Riding it this far counts, and it is all noted."), ""
    elif outcome == SurfOutcome.CHOSE:
        text = _("You chose %(name)s. One more rock from your Jar O' Copes.") % {"name": skill.name}
        tags = ""
    elif outcome == SurfOutcome.REACHED:
        text = _(
            "Noted: you reached for %(name)s. That tells you something about this wave, and "
            "it is not a verdict on you. Everything you noticed on the way is kept."
        ) % {"name": skill.name}
        # Nothing about next time for a rock the person is not ready to change.
        tags = "" if skill.not_ready else "hard-day"
    else:
        text = _(
            "Still strong, and you are stopping here for now. That is an honest place to "
            "stop. If it helps, your safety plan and people to call are one tap away."
        )
        tags = "high-urge"
    messages.info(request, text, extra_tags=tags)


def _surf_list(request: HttpRequest, number: int, *, now) -> str:
    """One page of past waves, drawn (or kept until the history changes, or until a wave on it
    that was never ended counts as stepped away from)."""

    def draw() -> tuple[str, datetime | None]:
        start = (number - 1) * SURFS_PER_PAGE
        # One more than a page tells whether there is another, without counting every surf.
        surfs = list(_surfs(request.user)[start : start + SURFS_PER_PAGE + 1])
        shown = surfs[:SURFS_PER_PAGE]
        context = {
            "number": number,
            "next_number": number + 1 if len(surfs) > SURFS_PER_PAGE else None,
            "cards": [surf_card(urge, now=now) for urge in shown],
        }
        html = render_to_string("journal/surf/history.html#surf-list", context, request)
        changes = [closes for urge in shown if (closes := urge.surf_closes_at()) and closes > now]
        return html, min(changes, default=None)

    window = Window.of_owner(request.user)
    # The first page is kept; an earlier one (any number in the address) is drawn each time.
    html = kept_until(window, draw, "surfs", number, now=now, keep=number == 1)
    return mark_safe(html)  # our own template drew it


@login_required
@require_safe
def surf_history(request: HttpRequest) -> HttpResponse:
    number = _page_number(request.GET.get("page"))
    surf_list = _surf_list(request, number, now=timezone.now())
    if request.htmx and request.GET.get("page"):
        return HttpResponse(surf_list)
    return render(request, "journal/surf/history.html", {"surf_list": surf_list})
