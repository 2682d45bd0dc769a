"""The site's own pages: those that bring the apps together (the welcome page, the jars, a
skill's page with its story from the journal, and the settings, whose time zone moves the
journal's days), the health check a load balancer asks, and
what lets the app sit on a home screen and open without a signal (manifest, service worker,
offline page)."""

from __future__ import annotations

import hashlib
import json
import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from copejar.accounts import languages
from copejar.accounts.forms import SettingsForm
from copejar.accounts.offline import QUEUED_FOR_HEADER
from copejar.safety.crisis_lines import tel_href
from copejar.safety.crisis_table import PLACES
from copejar.sharing.models import SkillSuggestion
from journal import services as journal_services
from journal.fragments import kept
from journal.insights import urges_ridden_out
from journal.jars import jars_and_balance
from journal.story import rock_story
from journal.window import Window
from skills.forms import AlternativesForm, CopingSkillForm
from skills.jars import dropped, example_jars, opened_kind, rock_to_drop
from skills.models import CopingSkill
from skills.services import skill_set_alternatives
from skills.starters import FIRST_ROCKS, first_picks, progress_words, starter_groups

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("care:dashboard" if request.user.is_therapist else "jars")
    return render(request, "pages/home.html", {"jars": example_jars()})


def _jar_area(request: HttpRequest, window: Window, *, now) -> dict:
    """The drawings and the running totals (what changes whenever a rock is added), drawn
    once and kept until the person's history changes or the day turns."""
    drop = rock_to_drop(request)
    opened = opened_kind(request)

    def draw() -> dict:
        jars, balance = jars_and_balance(window, now=now)
        jars = jars.dropping(drop) if drop else jars
        context = {
            "jars": jars,
            "rocks_added": len(jars.copes.rocks),
            "urges_ridden_out": urges_ridden_out(window),
        }
        html = render_to_string("pages/jars.html#jar-area", context, request)
        return {
            "area": html,
            "balance": balance,
            "rocks_added": context["rocks_added"],
            "names": jars.names,
        }

    parts = kept(window, draw, "jars", window.local_date(now), opened, drop)
    return {**parts, "area": mark_safe(parts["area"])}  # our own template drew it


def _suggestions(user, *, now) -> list[SkillSuggestion]:
    """A therapist's suggestions waiting for the person. Most people have none: a plain look
    for any undecided one first spares them the joins that check each share is still on."""
    mine = SkillSuggestion.objects.for_user(user)
    if not mine.open().exists():
        return []
    return list(mine.waiting(now=now).select_related("therapist"))


@login_required
@require_safe
def jars(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    window = Window.of_owner(user)
    context = _jar_area(request, window, now=now)
    if request.htmx and request.htmx.target == "jar-area":
        return dropped(request, HttpResponse(context["area"]))
    rocks = context["rocks_added"]
    # A new person meets ideas for first rocks at the top, in one screen; they stay while the
    # jar has only a few, and for the visit that just added one without a script.
    first_run = rocks < FIRST_ROCKS or bool(request.GET.get("added"))
    context |= {
        "first_run": first_run,
        "suggestions": _suggestions(user, now=now),
    }
    if first_run:
        context |= {
            # The names drawn in the jars are the person's skills: no second look needed.
            "first_ideas": first_picks(starter_groups(user, have=context["names"])),
            "progress": progress_words(rocks),
            "added": request.GET.get("added"),
        }
    return dropped(request, render(request, "pages/jars.html", context))


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """'ok' while this app server can reach its database; 503 tells a load balancer to send
    people to another one. Reads no session and no person's data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as problem:
        logger.warning("Health check: the database did not answer (%s)", problem)
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


# --- a skill's own page: the skill, its alternatives, and its story from the journal ---------


def _get_skill(request: HttpRequest, code) -> CopingSkill:
    return get_object_or_404(CopingSkill.objects.for_user(request.user), code=code)


def _alternatives(request: HttpRequest, skill: CopingSkill, form=None) -> dict:
    """A negative skill's linked alternatives (only the person's own active Jar O' Copes rocks)."""
    if not skill.is_negative:
        return {}
    linked = CopingSkill.objects.for_user(request.user).active().copes()
    linked = list(linked.filter(alternative_for=skill).order_by("name"))
    if form is None:
        form = AlternativesForm(owner=request.user, initial={"alternatives": linked})
    return {"alternatives": linked, "alternatives_form": form}


def _skill_page(request: HttpRequest, skill: CopingSkill, **extra) -> dict:
    window, now = Window.of_owner(request.user), timezone.now()

    def draw() -> dict:
        story = rock_story(window, skill, now=now)
        html = render_to_string("skills/skill_detail.html#story", {"skill": skill, "story": story})
        return {"story": story, "story_html": html}

    parts = kept(window, draw, "story", skill.pk, window.local_date(now))
    context = {"skill": skill, **parts, "story_html": mark_safe(parts["story_html"])}
    return context | _alternatives(request, skill, extra.pop("form", None)) | extra


@login_required
@require_safe
def skill_detail(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    return render(request, "skills/skill_detail.html", _skill_page(request, skill))


@login_required
@require_POST
def skill_alternatives(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    if not skill.is_negative:
        messages.error(request, _("Alternatives go with a Negative Skillz rock."))
        return redirect(skill)
    form = AlternativesForm(request.POST, owner=request.user)
    if form.is_valid():
        skill_set_alternatives(skill=skill, alternatives=form.cleaned_data["alternatives"])
        if not request.htmx:
            messages.success(request, _("Alternatives saved."))
            return redirect(f"{skill.get_absolute_url()}#alternatives")
        context = {"skill": skill, **_alternatives(request, skill), "just_saved": True}
        return render(request, "skills/skill_detail.html#alternatives", context)
    if request.htmx:
        context = {"skill": skill, **_alternatives(request, skill, form)}
        return render(request, "skills/skill_detail.html#alternatives", context)
    return render(request, "skills/skill_detail.html", _skill_page(request, skill, form=form))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        journal_services.settings_save(form=form)
        # A new language speaks from this very message on, here and on this browser.
        translation.activate(request.user.language)
        messages.success(request, _("Settings saved."))
        response = redirect("accounts:settings")
        languages.remember(response, request.user.language)
        return response
    return render(request, "accounts/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def skill_edit(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    form = CopingSkillForm(request.POST if request.method == "POST" else None, instance=skill)
    if request.method == "POST" and form.is_valid():
        journal_services.skill_save(skill=skill, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(skill)
    return render(request, "skills/skill_form.html", {"form": form, "skill": skill})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def skill_delete(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    if request.method == "POST":
        name = skill.name
        journal_services.skill_delete(skill=skill)
        messages.success(request, _("%(name)s and its entries are deleted.") % {"name": name})
        return redirect("skills:list")
    window = Window.of_owner(request.user)
    context = {
        "skill": skill,
        "usage_count": window.usages().filter(skill=skill).count(),
        "urge_count": window.urges().filter(skill=skill).count(),
    }
    return render(request, "skills/skill_delete.html", context)


# --- on a home screen, and without a signal ----------------------------------------------------

# The icons `manage.py draw_icons` draws from the logo: (file, size, purpose).
ICONS = [
    ("icons/icon-192.png", 192, "any"),
    ("icons/icon-512.png", 512, "any"),
    ("icons/maskable-192.png", 192, "maskable"),
    ("icons/maskable-512.png", 512, "maskable"),
]
# The page colours of copejar.css, light and dark: the window shows them while a page loads.
LIGHT = {"background_color": "#fbf8f3", "theme_color": "#fbf8f3"}
DARK = {"background_color": "#15181c", "theme_color": "#15181c"}
# What every page needs to draw itself, kept on the device by the service worker.
SHELL_STATIC = [
    "copejar.css",
    "copejar.js",
    "copejar-queue.js",
    "copejar-offline.js",
    "django_htmx/htmx-2.min.js",
    "icon.svg",
    *(path for path, _size, _purpose in ICONS),
]
WORKER_FILES = ["copejar-queue.js", "copejar-sw.js"]
# Templates the kept public pages are drawn from: a change to one makes a new worker version.
SHELL_TEMPLATES = ["base.html", "pages/offline.html", "safety/help.html"]


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: what a phone needs to put the app on its home screen."""
    data = {
        "id": reverse("journal:journal"),
        "name": _("Jar O' Copes"),
        "short_name": _("Copes"),
        "description": _("A private journal of urges and the ways you cope, around three jars."),
        "lang": request.LANGUAGE_CODE,
        "dir": "ltr",
        "start_url": reverse("journal:journal"),
        "scope": "/",
        "display": "standalone",
        **LIGHT,
        # Proposed for dark colours; browsers without it keep the light ones above, and every
        # page names both in its theme-color tags.
        "user_preferences": {"color_scheme_dark": DARK},
        "categories": ["health", "lifestyle"],
        "icons": [
            {
                "src": static(path),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for path, size, purpose in ICONS
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


def _worker_config(language: str) -> dict:
    config = {
        # The language the public pages are kept in: the reader's, so that a change of
        # language makes a new worker, which keeps them anew.
        "language": language,
        "shell": [static(path) for path in SHELL_STATIC],
        # Public pages kept for everyone on the device, fetched without a session.
        "publicPages": [reverse("offline"), reverse("safety:help")],
        "offlinePage": reverse("offline"),
        # Signed-in pages a person's own device may keep (never a shared one), network first.
        "keptPages": [reverse("journal:journal"), reverse("safety:help")],
        "logUrls": [reverse("journal:usage_new"), reverse("journal:urge_new")],
        "csrfCookie": settings.CSRF_COOKIE_NAME,
        "queuedForHeader": QUEUED_FOR_HEADER,
    }
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode())
    for path in [*SHELL_STATIC, *WORKER_FILES]:
        digest.update(Path(finders.find(path)).read_bytes())
    for name in SHELL_TEMPLATES:
        digest.update((settings.BASE_DIR / "templates" / name).read_bytes())
    lines = [{key: str(value) for key, value in line.items()} for line in settings.CRISIS_LINES]
    digest.update(json.dumps([lines, settings.QUICK_EXIT_URL]).encode())
    return {"version": digest.hexdigest()[:16], **config}


_cached_worker_config = cache(_worker_config)


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site's root so that it may look after every page here
    (a worker under /static/ could only serve /static/). Its settings come first, naming the
    current static files and the reader's language; its code is the static files it imports
    from this same origin."""
    language = translation.get_language()
    config = _worker_config(language) if settings.DEBUG else _cached_worker_config(language)
    body = (
        "// Jar O' Copes offline copy: its settings, then its code (same origin only).\n"
        f"self.COPEJAR_OFFLINE = {json.dumps(config, sort_keys=True)};\n"
        f"importScripts({', '.join(json.dumps(static(path)) for path in WORKER_FILES)});\n"
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Always asked again, so a new version reaches phones on their next visit.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What shows when a page cannot be reached: what still works, and the crisis lines
    (a phone call needs no data). Kept on the device for everyone, so it names no one."""
    if settings.CRISIS_LINES:
        lines = [{**line, "tel": tel_href(line["number"])} for line in settings.CRISIS_LINES]
    else:
        # Kept for anyone, so it cannot know where they are: every country's line, by name.
        lines = [
            {
                "name": f"{line.name} ({place.name})",
                "number": line.number,
                "note": line.note,
                "tel": tel_href(line.number),
            }
            for place in sorted(PLACES.values(), key=lambda place: str(place.name))
            for line in place.lines[:1]
        ]
    return render(request, "pages/offline.html", {"crisis_lines": lines})
