"""The three jars as the page draws them: rocks from the layout, plus words for every drawing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skills import palette
from skills.jar_layout import Rock, RockSpec, layout_jar
from skills.models import CopingSkill, Kind

RECENT_DAYS = 30


@dataclass
class Jar:
    kind: str  # "negative", "empty" or "copes"
    title: str
    caption: str
    description: str
    rocks: list[Rock] = field(default_factory=list)
    linked: bool = True


class Jars(NamedTuple):
    """The three jars, always in this order: Negative Skillz, the empty jar, Jar O' Copes."""

    negative: Jar
    empty: Jar
    copes: Jar


def _names(rocks: list[Rock]) -> str:
    return ", ".join(rock.label for rock in rocks)


def negative_jar(rocks: list[Rock], *, linked: bool = True) -> Jar:
    if rocks:
        description = ngettext(
            "Negative Skillz, a jar with a grey screw cap: %(count)d grey rock — %(names)s.",
            "Negative Skillz, a jar with a grey screw cap: %(count)d grey rocks — %(names)s.",
            len(rocks),
        ) % {"count": len(rocks), "names": _names(rocks)}
    else:
        description = _("Negative Skillz, a jar with a grey screw cap, with no rocks in it yet.")
    return Jar(
        kind="negative",
        title=_("Negative Skillz"),
        caption=_(
            "The ways you have survived. They got you through, even when they cost something. "
            "Nothing here is hidden or scolded."
        ),
        description=description,
        rocks=rocks,
        linked=linked,
    )


def empty_jar() -> Jar:
    return Jar(
        kind="empty",
        title=_("An empty jar"),
        caption=_(
            "Recovery is not about emptying the first jar and being left with nothing. "
            "An empty jar holds no comfort at all."
        ),
        description=_("An empty glass jar with a cork, and a small spider web in one corner."),
    )


def copes_jar(rocks: list[Rock], *, linked: bool = True) -> Jar:
    if rocks:
        description = ngettext(
            "Jar O' Copes, a jar with a grey screw cap: %(count)d rock — %(names)s.",
            "Jar O' Copes, a jar with a grey screw cap: %(count)d rocks of many colours and "
            "shapes — %(names)s.",
            len(rocks),
        ) % {"count": len(rocks), "names": _names(rocks)}
        biggest = max(rocks, key=lambda rock: rock.uses)
        if biggest.uses:
            description += " " + ngettext(
                "The biggest rock is %(name)s, used %(uses)d time in the last 30 days.",
                "The biggest rock is %(name)s, used %(uses)d times in the last 30 days.",
                biggest.uses,
            ) % {"name": biggest.label, "uses": biggest.uses}
    else:
        description = _("Jar O' Copes, a jar with a grey screw cap, waiting for its first rock.")
    return Jar(
        kind="copes",
        title=_("Jar O' Copes"),
        caption=_(
            "Healing is adding: new, kinder ways to cope, one rock at a time, so that over time "
            "you reach less and less for the grey rocks."
        ),
        description=description,
        rocks=rocks,
        linked=linked,
    )


def _specs(skills: list[CopingSkill], uses: dict[int, int]) -> list[RockSpec]:
    return [
        RockSpec(
            key=str(skill.code),
            label=skill.name,
            colour=skill.colour_hex(),
            shape=skill.rock_shape,
            uses=uses.get(skill.pk, 0),
        )
        for skill in skills
    ]


def jars_of(skills: list[CopingSkill], *, uses: dict[int, int], linked: bool) -> Jars:
    """The three jars drawn from a person's active skills, in the order they were added.

    `uses` holds each skill's recent uses (by id), which size its rock; a viewer who may not
    see the logs passes none, and every rock is drawn the same size. With `linked`, rocks
    link to their skill pages (the owner's view).
    """
    negative = [skill for skill in skills if skill.kind == Kind.NEGATIVE]
    copes = [skill for skill in skills if skill.kind == Kind.COPES]
    return Jars(
        negative_jar(layout_jar(_specs(negative, uses)), linked=linked),
        empty_jar(),
        copes_jar(layout_jar(_specs(copes, uses)), linked=linked),
    )


def example_jars() -> Jars:
    """Three jars with made-up rocks, for the welcome page."""
    negative = [
        RockSpec(key=f"n{i}", label=name, colour=palette.hex_for(grey), shape=shape, uses=uses)
        for i, (name, grey, shape, uses) in enumerate(
            [
                (_("Doom-scrolling"), "slate", "chunk", 6),
                (_("Staying in bed all day"), "pebble", "pebble", 3),
                (_("Snapping at people"), "flint", "triangle", 2),
            ]
        )
    ]
    added = [
        RockSpec(key=f"a{i}", label=name, colour=palette.hex_for(colour), shape=shape, uses=uses)
        for i, (name, colour, shape, uses) in enumerate(
            [
                (_("Call a friend"), "teal", "round", 8),
                (_("Walk around the block"), "coral", "hexagon", 5),
                (_("Box breathing"), "sun", "pebble", 3),
                (_("Draw or doodle"), "violet", "diamond", 2),
                (_("Warm shower"), "sky", "chunk", 4),
                (_("Play with the dog"), "leaf", "triangle", 6),
                (_("Write it out"), "rose", "round", 1),
            ]
        )
    ]
    return Jars(
        negative_jar(layout_jar(negative), linked=False),
        empty_jar(),
        copes_jar(layout_jar(added), linked=False),
    )
