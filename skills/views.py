"""Pages for keeping coping skills, and the jars they fill."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

from copejar.accounts.fragments import drawn
from copejar.accounts.services import fragment_key
from skills import services
from skills.forms import NewSkillForm
from skills.jars import drop_next
from skills.models import CopingSkill, Kind
from skills.starters import BY_KEY, progress_words, starter_groups


def _get_skill(request: HttpRequest, code) -> CopingSkill:
    return get_object_or_404(CopingSkill.objects.for_user(request.user), code=code)


@login_required
@require_safe
def skill_list(request: HttpRequest) -> HttpResponse:
    def cards() -> dict:
        skills = list(CopingSkill.objects.for_user(request.user))
        return {
            "added": [s for s in skills if s.kind == Kind.COPES and not s.is_archived],
            "negative": [s for s in skills if s.kind == Kind.NEGATIVE and not s.is_archived],
            "archived": [s for s in skills if s.is_archived],
        }

    template = "skills/skill_list.html#cards"
    drawn_cards = drawn(request, fragment_key(request.user, template), template, cards)
    return render(request, "skills/skill_list.html", {"cards": drawn_cards})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def skill_new(request: HttpRequest) -> HttpResponse:
    initial = {"kind": request.GET.get("kind") if request.GET.get("kind") in Kind else Kind.COPES}
    form = NewSkillForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data.copy()
        once_key = fields.pop("once")
        skill, new = services.skill_add(owner=request.user, once_key=once_key, **fields)
        # Sent twice, the page goes to the skill the first one made, with nothing said twice.
        if not new:
            return redirect(skill)
        if skill.is_negative:
            text = _("%(name)s is in your Negative Skillz jar now.")
        else:
            text = _("%(name)s is in your Jar O' Copes now.")
        messages.success(request, text % {"name": skill.name})
        return drop_next(redirect(skill), skill)
    return render(request, "skills/skill_form.html", {"form": form})


@login_required
@require_POST
def skill_archive(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    archived = request.POST.get("archived", "1") == "1"
    services.skill_set_archived(skill=skill, archived=archived)
    if archived:
        messages.success(
            request,
            _("%(name)s is put aside. It is kept, and can come back.") % {"name": skill.name},
        )
    else:
        messages.success(request, _("%(name)s is back in its jar.") % {"name": skill.name})
    return redirect(skill)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ideas(request: HttpRequest) -> HttpResponse:
    on_jars = request.POST.get("next") == "jars"
    if request.method == "POST":
        key = request.POST.get("starter", "")
        skill = services.skill_add_starter(owner=request.user, key=key)
        if skill is None:
            messages.error(request, _("That idea is not on the list any more."))
            if request.htmx:
                return HttpResponseClientRedirect(request.path)
            return redirect("skills:ideas")
        if request.htmx:
            # Only this idea changes, where the person tapped; the page does not move.
            context = {"starter": BY_KEY[key], "have": True, "just_added": True, "next": ""}
            if on_jars:
                count = CopingSkill.objects.for_user(request.user).active().copes().count()
                context |= {"next": "jars", "progress": progress_words(count)}
            response = render(request, "skills/ideas.html#added", context)
            # Whatever shows the jars (the jars page) listens for this and redraws them.
            return drop_next(trigger_client_event(response, "rock-added"), skill)
        # Without a script: back to the same idea, which says it is in the jar now.
        where = reverse("jars" if on_jars else "skills:ideas")
        return drop_next(redirect(f"{where}?added={key}#idea-{key}"), skill)
    context = {"idea_groups": starter_groups(request.user), "added": request.GET.get("added")}
    return render(request, "skills/ideas.html", context)
