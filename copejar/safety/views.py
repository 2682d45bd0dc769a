"""The safety plan, edited a section at a time, and the help page anyone can reach."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from copejar.accounts.fragments import drawn
from copejar.accounts.services import fragment_key
from copejar.safety import services
from copejar.safety.crisis_lines import sms_href, tel_href
from copejar.safety.crisis_table import PLACES, Place, place_choices, place_for_zone
from copejar.safety.forms import ContactFormSet, LinesForm
from copejar.safety.models import BY_KEY, SECTIONS, SafetyContact, SafetyPlan, Section
from skills.models import CopingSkill


@dataclass
class SectionView:
    """One section as the page draws it: its items, and its form when it is being edited."""

    section: Section
    number: int
    lines: list[str]
    contacts: list[SafetyContact]
    form: LinesForm | ContactFormSet | None = None
    just_saved: bool = False

    @property
    def editing(self) -> bool:
        return self.form is not None

    @property
    def is_empty(self) -> bool:
        return not self.lines and not self.contacts


def _plan_for(user) -> SafetyPlan:
    """The person's plan with its contacts, or a blank one that is saved on the first edit."""
    plan = SafetyPlan.objects.for_user(user).prefetch_related("contacts").first()
    return plan or SafetyPlan(owner=user)


def _form_for(section: Section, plan: SafetyPlan, data=None):
    if section.kind == "lines":
        return LinesForm(data, section=section, initial={"text": getattr(plan, section.key)})
    initial = [{"name": c.name, "phone": c.phone} for c in plan.contacts_in(section.key)]
    return ContactFormSet(data, initial=initial, prefix=section.key)


def _views(plan: SafetyPlan, key: str = "", **fields) -> list[SectionView]:
    """Every section in order; the one named by key also gets fields (a form, a saved flag)."""
    views = []
    for number, section in enumerate(SECTIONS, start=1):
        view = SectionView(
            section=section,
            number=number,
            lines=plan.lines(section.key) if section.kind == "lines" else [],
            contacts=plan.contacts_in(section.key) if section.kind == "contacts" else [],
        )
        if section.key == key:
            for name, value in fields.items():
                setattr(view, name, value)
        views.append(view)
    return views


def _line(name, number: str, note="", text: str = "") -> dict[str, str]:
    return {
        "name": str(name),
        "number": number,
        "note": str(note),
        "tel": tel_href(number),
        "sms": sms_href(text) if text else "",
        "text": text,
    }


@dataclass(frozen=True)
class Help:
    """The crisis lines a page shows, and the country they are for (None: not known)."""

    lines: list[dict[str, str]]
    place: Place | None = None
    chosen: bool = False  # picked by the person, rather than guessed from the time zone
    deployment: bool = False  # set for the whole site by COPEJAR_CRISIS_LINES


def _crisis_lines(request: HttpRequest, plan: SafetyPlan | None) -> Help:
    """A deployment's own lines; else the lines of the person's country (picked, or guessed
    from their time zone); else the emergency number in general words."""
    if settings.CRISIS_LINES:
        lines = [_line(**line) for line in settings.CRISIS_LINES]
        return Help(lines=lines, deployment=True)
    picked = request.GET.get("place") or (plan.country if plan is not None else "")
    place = PLACES.get(picked)
    if place is None and request.user.is_authenticated:
        place = place_for_zone(request.user.time_zone)
    if place is None:
        return Help(lines=[_line(_("Your local emergency number"), "", EMERGENCY_EXAMPLES)])
    lines = [_line(line.name, line.number, line.note, line.text) for line in place.lines]
    emergency = place.emergency_note or _(
        "Police, ambulance or fire, if you are in danger right now."
    )
    lines.append(_line(_("Emergency services"), place.emergency, emergency))
    return Help(lines=lines, place=place, chosen=place.code == picked)


EMERGENCY_EXAMPLES = gettext_lazy(
    "For example 000 in Australia, 111 in New Zealand, 112 in most of Europe, 911 in the "
    "United States and Canada, 999 in the United Kingdom."
)


def _jar_chips(request: HttpRequest, plan: SafetyPlan) -> str:
    """A one-tap chip for each Jar O' Copes skill the plan does not list yet ('' for none),
    kept until the person's skills or the plan's list change."""
    listed = plan.lines("on_my_own")

    def context() -> dict:
        jar = CopingSkill.objects.for_user(request.user).active().copes().order_by("name")
        taken = set(listed)
        return {"jar_skills": [skill for skill in jar if skill.name not in taken]}

    template = "safety/plan.html#jar-chips"
    chips = drawn(request, fragment_key(request.user, template, *listed), template, context)
    return chips if chips.strip() else ""


def _context(request: HttpRequest, plan: SafetyPlan, views: list[SectionView]) -> dict:
    return {
        "plan": plan,
        "sections": views,
        "jar_chips": _jar_chips(request, plan),
        "crisis_lines": _crisis_lines(request, plan).lines,
    }


def _respond(request: HttpRequest, plan: SafetyPlan, views: list[SectionView], key: str):
    context = _context(request, plan, views)
    if request.htmx:
        context["view"] = next(view for view in views if view.section.key == key)
        return render(request, "safety/plan.html#section", context)
    return render(request, "safety/plan.html", context)


def _uuid_or_none(raw: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


def _save(request: HttpRequest, plan: SafetyPlan, section: Section) -> HttpResponse:
    skill_code = _uuid_or_none(request.POST.get("add_skill"))
    if request.POST.get("add_skill") and section.key == "on_my_own":
        skill = (
            CopingSkill.objects.for_user(request.user)
            .active()
            .copes()
            .filter(code=skill_code)
            .first()
        )
        if skill is not None:
            services.plan_add_line(owner=request.user, key=section.key, line=skill.name)
    else:
        form = _form_for(section, plan, request.POST)
        if not form.is_valid():
            return _respond(request, plan, _views(plan, section.key, form=form), section.key)
        if section.kind == "lines":
            services.plan_save_lines(
                owner=request.user, key=section.key, text=form.cleaned_data["text"]
            )
        else:
            services.plan_save_contacts(owner=request.user, key=section.key, people=form.people())
    if not request.htmx:
        # Back to the section, which says "Saved." itself, so the word is where the person is.
        return redirect(f"{reverse('safety:plan')}?saved={section.key}#plan-{section.key}")
    plan = _plan_for(request.user)
    return _respond(request, plan, _views(plan, section.key, just_saved=True), section.key)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request.user)
    if request.method == "POST":
        section = BY_KEY.get(request.POST.get("section", ""))
        if section is None:
            messages.error(request, _("That part of the plan is not there any more."))
            return redirect("safety:plan")
        return _save(request, plan, section)
    editing = BY_KEY.get(request.GET.get("edit", ""))
    shown = editing or BY_KEY.get(request.GET.get("section", ""))
    saved = BY_KEY.get(request.GET.get("saved", ""))
    if editing is not None:
        views = _views(plan, editing.key, form=_form_for(editing, plan))
    elif saved is not None:
        views = _views(plan, saved.key, just_saved=True)
    else:
        views = _views(plan)
    if shown is not None:
        return _respond(request, plan, views, shown.key)
    return render(request, "safety/plan.html", _context(request, plan, views))


@require_http_methods(["GET", "HEAD", "POST"])
def help_now(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _set_place(request)
    plan = None
    if request.user.is_authenticated:
        plan = SafetyPlan.objects.for_user(request.user).prefetch_related("contacts").first()
    shown = [view for view in (_views(plan) if plan is not None else []) if not view.is_empty]
    context = {
        "help": _crisis_lines(request, plan),
        "places": place_choices(),
        "plan": plan,
        # Only the sections with something in them, numbered 1, 2, 3 as they are shown.
        "sections": [replace(view, number=n) for n, view in enumerate(shown, start=1)],
    }
    return render(request, "safety/help.html", context)


def _set_place(request: HttpRequest) -> HttpResponse:
    """Which country's crisis lines to show: kept with the plan when signed in; for a guest,
    only in the address of the page."""
    country = request.POST.get("place", "")
    if country not in PLACES:
        country = ""
    where = reverse("safety:help")
    if not request.user.is_authenticated:
        return redirect(f"{where}?place={country}#crisis-heading" if country else where)
    services.plan_set_place(owner=request.user, country=country)
    messages.success(request, _("Saved. These are the lines for where you live."))
    return redirect(f"{where}#crisis-heading")
