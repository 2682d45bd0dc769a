"""Pages for keeping coping skills, and the jars they fill."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

from skills import services
from skills.forms import AlternativesForm, CopingSkillForm
from skills.models import CopingSkill, Kind
from skills.starters import starter_groups


def _get_skill(request: HttpRequest, code) -> CopingSkill:
    return get_object_or_404(CopingSkill.objects.for_user(request.user), code=code)


@login_required
@require_safe
def skill_list(request: HttpRequest) -> HttpResponse:
    skills = list(CopingSkill.objects.for_user(request.user))
    context = {
        "added": [s for s in skills if s.kind == Kind.COPES and not s.is_archived],
        "negative": [s for s in skills if s.kind == Kind.NEGATIVE and not s.is_archived],
        "archived": [s for s in skills if s.is_archived],
    }
    return render(request, "skills/skill_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def skill_new(request: HttpRequest) -> HttpResponse:
    initial = {"kind": request.GET.get("kind") if request.GET.get("kind") in Kind else Kind.COPES}
    form = CopingSkillForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        skill = services.skill_create(owner=request.user, **form.cleaned_data)
        if skill.is_negative:
            text = _("%(name)s is in your Negative Skillz jar now.")
        else:
            text = _("%(name)s is in your Jar O' Copes now.")
        messages.success(request, text % {"name": skill.name})
        return redirect(skill)
    return render(request, "skills/skill_form.html", {"form": form})


def _alternatives_context(request: HttpRequest, skill: CopingSkill, form=None) -> dict:
    """A negative skill's linked alternatives (only the person's own active Jar O' Copes rocks)."""
    if not skill.is_negative:
        return {}
    linked = CopingSkill.objects.for_user(request.user).active().copes()
    linked = list(linked.filter(alternative_for=skill).order_by("name"))
    if form is None:
        form = AlternativesForm(owner=request.user, initial={"alternatives": linked})
    return {"alternatives": linked, "alternatives_form": form}


@login_required
@require_safe
def skill_detail(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    recent = skill.usages.order_by("-occurred_at")[:10]
    context = {"skill": skill, "recent": recent, "recent_count": skill.recent_use_count()}
    context.update(_alternatives_context(request, skill))
    return render(request, "skills/skill_detail.html", context)


@login_required
@require_POST
def skill_alternatives(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    form = AlternativesForm(request.POST, owner=request.user)
    if form.is_valid() and skill.is_negative:
        services.skill_set_alternatives(skill=skill, alternatives=form.cleaned_data["alternatives"])
        if not request.htmx:
            messages.success(request, _("Alternatives saved."))
            return redirect(f"{skill.get_absolute_url()}#alternatives")
        context = {"skill": skill, **_alternatives_context(request, skill), "just_saved": True}
        return render(request, "skills/skill_detail.html#alternatives", context)
    if not skill.is_negative:
        messages.error(request, _("Alternatives go with a Negative Skillz rock."))
        return redirect(skill)
    context = {"skill": skill, **_alternatives_context(request, skill, form)}
    if request.htmx:
        return render(request, "skills/skill_detail.html#alternatives", context)
    recent = skill.usages.order_by("-occurred_at")[:10]
    context.update({"recent": recent, "recent_count": skill.recent_use_count()})
    return render(request, "skills/skill_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def skill_edit(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    form = CopingSkillForm(request.POST if request.method == "POST" else None, instance=skill)
    if request.method == "POST" and form.is_valid():
        services.skill_update(skill=skill, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(skill)
    return render(request, "skills/skill_form.html", {"form": form, "skill": skill})


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
def skill_delete(request: HttpRequest, code) -> HttpResponse:
    skill = _get_skill(request, code)
    if request.method == "POST":
        name = skill.name
        services.skill_delete(skill=skill)
        messages.success(request, _("%(name)s and its entries are deleted.") % {"name": name})
        return redirect("skills:list")
    context = {
        "skill": skill,
        "usage_count": skill.usages.count(),
        "urge_count": skill.urges.count(),
    }
    return render(request, "skills/skill_delete.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ideas(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        skill = services.skill_add_starter(owner=request.user, key=request.POST.get("starter", ""))
        if skill is None:
            messages.error(request, _("That idea is not on the list any more."))
        elif not request.htmx:
            messages.success(request, _("%(name)s is in your jar now.") % {"name": skill.name})
        if request.htmx and skill is not None:
            on_jars = request.POST.get("next") == "jars"
            context = {"idea_groups": starter_groups(request.user), "just_added": skill}
            response = render(
                request, "skills/ideas.html#ideas", {**context, "next": "jars" if on_jars else ""}
            )
            # Whatever shows the jars (the jars page) listens for this and redraws them.
            return trigger_client_event(response, "rock-added")
        if request.htmx:
            return HttpResponseClientRedirect(request.path)
        return redirect("jars" if request.POST.get("next") == "jars" else "skills:ideas")
    return render(request, "skills/ideas.html", {"idea_groups": starter_groups(request.user)})
