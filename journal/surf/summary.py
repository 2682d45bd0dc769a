"""Reading a surf: the skills it offers, in order, and the words under its curve."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from journal.models import SurfOutcome, UrgeLog
from journal.surf.chart import Chart, surf_chart
from skills.models import CopingSkill


def surf_choices(user, urge: UrgeLog | None = None) -> list[CopingSkill]:
    """The person's active Jar O' Copes skills, in the order a surf offers them.

    First the alternatives linked to the skill the urge pulls toward, then the skills that
    helped most before (by the average of how much past uses helped), then the rest by name.
    Each skill comes with `is_alternative` and `avg_helped` set.
    """
    skills = list(
        CopingSkill.objects.for_user(user)
        .active()
        .copes()
        .annotate(avg_helped=Avg("usages__helped"))
        .order_by("name", "id")
    )
    alternative_ids: set[int] = set()
    if urge is not None and urge.skill_id is not None:
        alternative_ids = set(urge.skill.alternatives.values_list("pk", flat=True))
    for skill in skills:
        skill.is_alternative = skill.pk in alternative_ids

    def order(skill: CopingSkill) -> tuple:
        tier = 0 if skill.is_alternative else (1 if skill.avg_helped is not None else 2)
        return (tier, -(skill.avg_helped or 0), skill.name.casefold())

    return sorted(skills, key=order)


def after_words(seconds: float) -> str:
    """'after 12 minutes', in words, from seconds since the start."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return _("after less than a minute")
    return ngettext("after %(n)d minute", "after %(n)d minutes", minutes) % {"n": minutes}


def surf_summary(points: list[tuple[float, int]]) -> str:
    """One sentence for the curve: 'Started at 8, was 3 after 12 minutes.'"""
    start = points[0][1]
    if len(points) == 1:
        return _("Started at %(start)d out of 10.") % {"start": start}
    end_seconds, end = points[-1]
    peak_seconds, peak = max(points, key=lambda point: (point[1], -point[0]))
    if peak > start and peak_seconds < end_seconds:
        return _(
            "Started at %(start)d, rose to %(peak)d %(peak_time)s, and was %(end)d %(end_time)s."
        ) % {
            "start": start,
            "peak": peak,
            "peak_time": after_words(peak_seconds),
            "end": end,
            "end_time": after_words(end_seconds),
        }
    return _("Started at %(start)d, was %(end)d %(end_time)s.") % {
        "start": start,
        "end": end,
        "end_time": after_words(end_seconds),
    }


def surf_outcome_text(urge: UrgeLog, *, now: datetime) -> str:
    """How the surf ended, in plain words."""
    if urge.surf_outcome == SurfOutcome.PASSED:
        return _("It passed.")
    if urge.surf_outcome == SurfOutcome.SMALLER:
        return _("It got smaller.")
    if urge.surf_outcome == SurfOutcome.CHOSE:
        choice = urge.surf_choice()
        if choice is not None:
            return _("You chose %(name)s from your Jar O' Copes.") % {"name": choice.skill.name}
        return _("You chose a skill from your Jar O' Copes.")
    if urge.surf_outcome == SurfOutcome.REACHED:
        choice = urge.surf_choice()
        if choice is not None:
            return _("You reached for %(name)s.") % {"name": choice.skill.name}
        return _("You reached for a rock from Negative Skillz.")
    if urge.surf_outcome == SurfOutcome.STILL_STRONG:
        return _("It was still strong, and you stopped there for now.")
    if urge.surf_was_left(now):
        seconds = urge.surf_points()[-1][0]
        return _("You stepped away %(time)s. Everything noted until then is kept.") % {
            "time": after_words(seconds)
        }
    return _("Still riding it out.")


def chart_words(points: list[tuple[float, int]]) -> str:
    """Every point of the curve in words, for the chart's description."""
    parts = []
    for n, (seconds, intensity) in enumerate(points):
        if n == 0:
            parts.append(_("At the start: %(n)d out of 10.") % {"n": intensity})
        else:
            parts.append(
                _("%(time)s: %(n)d out of 10.")
                % {"time": after_words(seconds).capitalize(), "n": intensity}
            )
    return " ".join(parts)


@dataclass(frozen=True)
class SurfCard:
    """One surf as the pages show it: the urge, its chart, and its words."""

    urge: UrgeLog
    chart: Chart
    summary: str
    outcome: str
    description: str


def surf_card(urge: UrgeLog, *, now: datetime) -> SurfCard:
    """Everything a page needs to draw one surf, from the urge and its prefetched check-ins."""
    points = urge.surf_points()
    return SurfCard(
        urge=urge,
        chart=surf_chart(points),
        summary=surf_summary(points),
        outcome=surf_outcome_text(urge, now=now),
        description=chart_words(points),
    )
