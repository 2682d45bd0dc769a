"""The journal page, and adding, editing and deleting its urges and uses."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import trigger_client_event

from copejar.accounts.offline import QUEUED_FOR_HEADER, device_key
from journal import services
from journal.diary import diary_card, week_start_for
from journal.forms import EntryForm, FollowUpForm, UrgeForm, UsageForm
from journal.fragments import drawn, kept, kept_until
from journal.insights import insights, jar_at_month_end, year_in_rocks
from journal.jars import most_used_first, recent_uses
from journal.models import SURF_GRACE, SURF_LENGTHS, UrgeLog, UsageLog
from journal.timeline import Day, entry_for, parse_day, timeline_page
from journal.window import Window
from skills.jars import drop_next

ENTRY_TYPES = {"urge": (UrgeLog, UrgeForm), "usage": (UsageLog, UsageForm)}
# An entry given a time this long before now is placed by redrawing the feed.
BACKDATED = timedelta(minutes=2)
# Two quick forms on one page: their own id prefixes keep every label on its own field.
QUICK_IDS = {"urge": "urge_%s", "usage": "usage_%s"}


def _quick_form(kind: str, user, data=None) -> EntryForm:
    _model, form_class = ENTRY_TYPES[kind]
    extra = {"quick": True} if kind == "usage" else {}
    return form_class(data, owner=user, auto_id=QUICK_IDS[kind], **extra)


def feed(request: HttpRequest, window: Window, *, just_loaded: bool = False, **cursor):
    """A page of the timeline, drawn. The first page is kept until the history changes, or
    until a wave on it that was never ended counts as stepped away from; an earlier page,
    which any cursor in the address can ask for, is drawn each time."""
    template = "journal/journal.html#days"

    def draw() -> tuple[str, datetime | None]:
        page = timeline_page(window, **cursor)
        context = {"page": page, "just_loaded": just_loaded}
        return render_to_string(template, context, request), page.changes_at

    keep = not any(cursor.values())
    html = kept_until(window, draw, template, just_loaded, now=timezone.now(), keep=keep)
    return mark_safe(html)  # our own template drew it


def _quick_forms(request: HttpRequest, window: Window) -> dict:
    """Both quick forms' fields and chips, drawn (for `drawn`: the skills, read once)."""
    # Chips in the order the person reaches for them lately, so the usual ones come first.
    quick_skills = most_used_first(
        list(window.skills().active()), recent_uses(window, now=timezone.now())
    )
    urge_form = _quick_form("urge", request.user)
    # The urge form offers the same skills the chips show: read once, negative ones first.
    pulls = sorted(quick_skills, key=lambda skill: (not skill.is_negative, skill.name.casefold()))
    field = urge_form.fields["skill"]
    field.widget.choices = [("", field.empty_label), *((s.code, s.name) for s in pulls)]
    usage_form = _quick_form("usage", request.user)
    # The latest urges a use can answer, read once for both the check and the drawing.
    answers = usage_form.fields["urge"]
    recent = list(answers.queryset)
    answers.widget.choices = [
        ("", answers.empty_label),
        *((urge.code, answers.label_from_instance(urge)) for urge in recent),
    ]
    return {
        "quick_added": [s for s in quick_skills if not s.is_negative],
        "quick_negative": [s for s in quick_skills if s.is_negative],
        "urge_form": urge_form,
        "usage_form": usage_form,
        "recent_urges": bool(recent),
    }


def _quick_fields(request: HttpRequest, window: Window) -> dict[str, SafeString]:
    """What each quick form holds inside its <form>, but for the two keys a request brings
    (the CSRF token and the one-time key): kept until the history changes or the hour turns
    (the latest urges and the usual skills move with the clock). No skills: no use form."""

    def draw() -> dict[str, str]:
        context = _quick_forms(request, window)
        return {
            kind: render_to_string(f"journal/journal.html#quick-{kind}", context, request)
            for kind in QUICK_IDS
        }

    drawn_forms = kept(window, draw, "quick-forms", timezone.now().strftime("%Y-%m-%dT%H"))
    # Our own templates drew them, as they draw any page.
    return {kind: mark_safe(html) if html.strip() else "" for kind, html in drawn_forms.items()}


def _journal_context(request: HttpRequest, **cursor) -> dict:
    window = Window.of_owner(request.user)
    return {
        "open_surf": _open_surf_code(request, window),
        "feed": feed(request, window, **cursor),
        "quick": _quick_fields(request, window),
        # A fresh one-time key for each quick form: a tap sent twice makes one entry.
        "once": {kind: uuid.uuid4() for kind in QUICK_IDS},
    }


def _open_surf_code(request: HttpRequest, window: Window) -> str | None:
    """The code of the wave being ridden out right now, if any: kept until the history
    changes or that wave closes."""

    def find() -> tuple[str | None, datetime | None]:
        urge = _open_surf(request.user)
        return (str(urge.code), urge.surf_closes_at()) if urge else (None, None)

    return kept_until(window, find, "open-surf", now=timezone.now())


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
    cursor = {"older": request.GET.get("older"), "before_day": parse_day(request.GET.get("before"))}
    if request.htmx and any(cursor.values()):
        return HttpResponse(
            feed(request, Window.of_owner(request.user), just_loaded=True, **cursor)
        )
    return render(request, "journal/journal.html", _journal_context(request, **cursor))


def _acknowledge(request: HttpRequest, entry: UrgeLog | UsageLog, form: EntryForm) -> None:
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
            # "Not ready to change this" is a promise: no word about next time for this rock.
            extra_tags="" if entry.skill.not_ready else "hard-day",
        )
    else:
        messages.success(
            request,
            _("Noted: %(name)s. One more choice from your Jar O' Copes.")
            % {"name": entry.skill.name},
        )
    if form.time_was_repeated:
        messages.info(
            request,
            _(
                "The clocks went back that night, so %(time)s happened twice; this entry is "
                "at the first of the two."
            )
            % {"time": timezone.localtime(entry.occurred_at).strftime("%H:%M")},
        )


def _logged(request: HttpRequest, kind: str, entry: UrgeLog | UsageLog) -> HttpResponse:
    """An htmx quick log's answer: the acknowledgement, the new entry where it belongs in the
    feed, and a fresh one-time key for the next tap; never the whole journal again."""
    window = Window.of_owner(request.user)
    shown = entry_for(window, entry)
    on_that_day = window.tallies().filter(day=shown.day).aggregate(n=Sum("uses") + Sum("urges"))
    context = {
        "entry": shown,
        "fresh_once": uuid.uuid4(),
        "once_id": QUICK_IDS[kind] % "once",
        "kind": kind,
        "same_day": (on_that_day["n"] or 0) > 1,
        "new_day": Day(day=shown.day, entries=[shown]),
        # A tap is logged as of now, so it goes on top; one given an earlier time may belong
        # further down, so the first page is drawn again in its true order.
        "whole_feed": entry.occurred_at < timezone.now() - BACKDATED,
    }
    if context["whole_feed"]:
        # Logged with an earlier time: the first page is drawn again in its true order.
        context["feed"] = feed(request, window)
    return render(request, "journal/journal.html#logged", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_new(request: HttpRequest, kind: str) -> HttpResponse:
    if _queued_for_someone_else(request):
        # A tap saved on a shared phone by another account: it waits for its own person.
        return HttpResponse(status=409)
    initial = {}
    if kind == "usage" and request.GET.get("skill"):
        initial["skill"] = request.GET["skill"]
    _model, form_class = ENTRY_TYPES[kind]
    if request.method == "POST" and request.htmx:
        form = _quick_form(kind, request.user, request.POST)
    else:
        form = form_class(
            request.POST if request.method == "POST" else None, owner=request.user, initial=initial
        )
    if request.method == "POST" and form.is_valid() and (made := _create(request, form)):
        entry, new = made
        # A page sent twice lands where the first went; its words were already said once.
        said = new or request.htmx
        if said:
            _acknowledge(request, entry, form)
        if request.htmx:
            response = _logged(request, kind, entry)
        else:
            response = redirect(reverse("journal:journal") + "#log-status")
        if said and isinstance(entry, UsageLog):
            drop_next(response, entry.skill)
        return response
    if request.method == "POST" and request.htmx:
        # The quick form stays as the person left it; the reason shows in the status line.
        response = render(request, "journal/journal.html#form-errors", {"form": form})
        # The fields named, so a tap sent later from the phone's queue knows what to ask.
        return trigger_client_event(response, "log-refused", {"fields": sorted(form.errors)})
    return render(request, "journal/entry_form.html", {"form": form, "kind": kind})


def _create(request: HttpRequest, form: EntryForm) -> tuple[UrgeLog | UsageLog, bool] | None:
    """The entry made from a valid form, and whether it is new; None when the skill or urge
    it names was deleted while the form was on its way (the form then says so)."""
    try:
        return services.entry_create(
            owner=request.user, entry=form.save(commit=False), once_key=form.once_key()
        )
    except IntegrityError:
        form.refuse_removed()
        return None


def _queued_for_someone_else(request: HttpRequest) -> bool:
    """A tap that waited on the device names the account it was made in; the signed-in
    person now may be someone else (the session changed while the tap waited)."""
    claimed = request.headers.get(QUEUED_FOR_HEADER)
    return claimed is not None and claimed != device_key(request.user)


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
        entry = services.entry_update(entry=form.save(commit=False))
        if request.htmx:
            shown = entry_for(Window.of_owner(request.user), entry)
            return render(request, "journal/journal.html#entry", {"entry": shown})
        messages.success(request, _("Entry saved."))
        return redirect("journal:journal")
    template = "journal/entry_form.html"
    if request.htmx:
        template += "#form"
    return render(request, template, {"form": form, "kind": kind, "entry": entry})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def urge_follow_up(request: HttpRequest, code) -> HttpResponse:
    """ "How did it go?": a short form of its own, not the whole entry again."""
    urge = get_object_or_404(UrgeLog.objects.for_user(request.user), code=code)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        instance=urge,
        auto_id=f"follow-{urge.code}-%s",
    )
    if request.method == "POST" and form.is_valid():
        urge = services.entry_update(entry=form.save(commit=False))
        if request.htmx:
            shown = entry_for(Window.of_owner(request.user), urge)
            return render(request, "journal/journal.html#entry", {"entry": shown})
        messages.success(request, _("Noted how it went."))
        return redirect(reverse("journal:journal") + f"#entry-{urge.code}")
    template = "journal/follow_up.html#form" if request.htmx else "journal/follow_up.html"
    return render(request, template, {"form": form, "urge": urge})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_delete(request: HttpRequest, kind: str, code) -> HttpResponse:
    entry, _form_class = _get_entry(request, kind, code)
    if request.method == "POST":
        services.entry_delete(entry=entry)
        if request.htmx:
            return HttpResponse("")
        messages.success(request, _("Entry deleted."))
        return redirect("journal:journal")
    template = "journal/entry_delete.html"
    if request.htmx:
        template += "#confirm"
    return render(request, template, {"item": entry, "kind": kind})


# --- insights and the diary card: page bodies shared with the therapist's side ---------------
# Each takes a window (and, for a therapist or a preview, the share it came from) and reads
# only through it; copejar/sharing/care.py serves the same pages for a share.


def _frame(shared, page: str) -> dict:
    """Where the page's links point: the person's own pages, or a share's."""
    if shared is None:
        return {
            "nav": {
                "insights": reverse("journal:insights"),
                "year": reverse("journal:insights_year"),
                "growth": reverse("journal:insights_growth"),
                "diary": reverse("journal:diary"),
            },
            "page_name": page,
        }
    return {"nav": shared.urls, "shared": shared, "page_name": page}


def _insight(
    request, window, shared, page: str, partial: str, build, *parts, keep: bool = True
) -> HttpResponse:
    """One insights page: its body drawn (or kept) through the window, in the page's frame;
    an htmx request (stepping through years or months) gets the body alone."""
    template = {"insights": "insights", "year": "insights_year", "growth": "insights_growth"}
    frame = _frame(shared, page)
    name = f"journal/{template[page]}.html"
    context = lambda: {**build(), **frame}  # noqa: E731
    body = drawn(request, window, f"{name}#{partial}", context, *parts, keep=keep)
    if request.htmx:
        return HttpResponse(body)
    return render(request, name, {"body": body, **frame})


def insights_page(request: HttpRequest, window: Window, *, shared=None) -> HttpResponse:
    now = timezone.now()
    today = window.local_date(now)
    build = lambda: {"insights": insights(window, now=now)}  # noqa: E731
    return _insight(request, window, shared, "insights", "body", build, today)


def year_page(request: HttpRequest, window: Window, *, shared=None) -> HttpResponse:
    today = window.local_date(timezone.now())
    year = _whole_number(request.GET.get("year"), default=today.year, low=1900, high=today.year)
    build = lambda: {"year": year_in_rocks(window, year=year, today=today)}  # noqa: E731
    return _insight(request, window, shared, "year", "year", build, today, year)


def growth_page(request: HttpRequest, window: Window, *, shared=None) -> HttpResponse:
    today = window.local_date(timezone.now())
    month = min(parse_day(f"{request.GET.get('month', '')}-01") or today, today).replace(day=1)
    build = lambda: {"growth": jar_at_month_end(window, month=month, today=today)}  # noqa: E731
    keep = month == today.replace(day=1)
    return _insight(request, window, shared, "growth", "growth", build, today, month, keep=keep)


def diary_page(request: HttpRequest, window: Window, *, shared=None) -> tuple[HttpResponse, date]:
    today = window.local_date(timezone.now())
    week = week_start_for(parse_day(request.GET.get("week")) or today)
    body = drawn(
        request,
        window,
        "journal/diary.html#card-body",
        lambda: {"card": diary_card(window, week_start=week), "today": today},
        week,
        keep=week == week_start_for(today),  # another week, asked for in the address: drawn
    )
    context = {"week_start": week, "card_body": body, **_frame(shared, "diary")}
    return render(request, "journal/diary.html", context), week


def _whole_number(raw: str | None, *, default: int, low: int, high: int) -> int:
    try:
        number = int(raw) if raw else default
    except ValueError:
        return default
    return min(max(number, low), high)


@login_required
@require_safe
def my_insights(request: HttpRequest) -> HttpResponse:
    return insights_page(request, Window.of_owner(request.user))


@login_required
@require_safe
def my_year(request: HttpRequest) -> HttpResponse:
    return year_page(request, Window.of_owner(request.user))


@login_required
@require_safe
def my_growth(request: HttpRequest) -> HttpResponse:
    return growth_page(request, Window.of_owner(request.user))


@login_required
@require_safe
def my_diary(request: HttpRequest) -> HttpResponse:
    return diary_page(request, Window.of_owner(request.user))[0]
