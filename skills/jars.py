"""The three jars as the page draws them: rocks from the layout, glass from its shape, and
words for every drawing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skills import palette
from skills.jar_layout import Heap, Rock, RockSpec, layout_jar
from skills.jar_shape import JarShape, jar_shape
from skills.models import CopingSkill, Kind
from skills.pebbles import Paint

KINDS = ("negative", "empty", "copes")


@dataclass(frozen=True)
class Jar:
    kind: str  # "negative", "empty" or "copes"
    title: str
    caption: str
    description: str
    count: str  # how full it is, in a few words, under the small drawing
    shape: JarShape
    heap: Heap | None = None
    linked: bool = True  # rocks link to their skill pages

    @property
    def rocks(self) -> tuple[Rock, ...]:
        """The rocks, in the order they went in."""
        return self.heap.rocks if self.heap else ()


@dataclass(frozen=True)
class Jars:
    """The three jars, always in this order: Negative Skillz, the empty jar, Jar O' Copes."""

    negative: Jar
    empty: Jar
    copes: Jar

    @property
    def all(self) -> tuple[Jar, Jar, Jar]:
        """The three jars, for drawing in a row."""
        return (self.negative, self.empty, self.copes)

    def __iter__(self) -> Iterator[Jar]:
        return iter(self.all)

    @property
    def paints(self) -> list[Paint]:
        """Every rock colour in the three jars once, for the drawing's shared shading."""
        seen: dict[str, Paint] = {}
        for jar in self.all:
            for rock in jar.rocks:
                seen.setdefault(rock.paint.name, rock.paint)
        return list(seen.values())

    @property
    def names(self) -> set[str]:
        """The name of every rock in the jars."""
        return {rock.label for jar in self.all for rock in jar.rocks}

    def opened(self, kind: str | None) -> Jar | None:
        """The jar a person opened to see large, if `kind` names one."""
        return getattr(self, kind) if kind in KINDS else None

    def dropping(self, key: str | None) -> Jars:
        """The same jars with the rock for `key` marked to fall in."""
        if key is None:
            return self
        negative, copes = (
            replace(jar, heap=jar.heap.dropping(key)) if jar.heap else jar
            for jar in (self.negative, self.copes)
        )
        return replace(self, negative=negative, copes=copes)


def _names(rocks: tuple[Rock, ...]) -> str:
    return ", ".join(rock.label for rock in rocks)


def _count(rocks: tuple[Rock, ...]) -> str:
    if not rocks:
        return _("no rocks yet")
    return ngettext("%(count)d rock", "%(count)d rocks", len(rocks)) % {"count": len(rocks)}


def _resting(rocks: tuple[Rock, ...]) -> str:
    if len(rocks) < 2:
        return ""
    return " " + _("They rest on one another, the newest on top.")


def negative_jar(heap: Heap, *, linked: bool = True, own: bool = True) -> Jar:
    rocks = heap.rocks
    if rocks:
        description = ngettext(
            "Negative Skillz, a jar with a grey screw cap: %(count)d grey rock — %(names)s.",
            "Negative Skillz, a jar with a grey screw cap: %(count)d grey rocks — %(names)s.",
            len(rocks),
        ) % {"count": len(rocks), "names": _names(rocks)}
        description += _resting(rocks)
    else:
        description = _("Negative Skillz, a jar with a grey screw cap, with no rocks in it yet.")
    return Jar(
        kind="negative",
        title=_("Negative Skillz"),
        caption=_(
            "The ways you have survived. They got you through, even when they cost something. "
            "Nothing here is hidden or scolded."
        )
        if own
        else _(
            "The ways this person has survived. They got them through, even when they cost "
            "something. Nothing here is hidden or scolded."
        ),
        description=description,
        count=_count(rocks),
        shape=jar_shape("negative", heap),
        heap=heap,
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
        description=_(
            "An empty glass jar with a cork, and a small spider web in one corner. The web is "
            "strung between the cork and the shoulder of the glass, and a tiny spider hangs "
            "from it."
        ),
        count=_("empty"),
        shape=jar_shape("empty", None),
    )


def copes_jar(heap: Heap, *, linked: bool = True, own: bool = True) -> Jar:
    rocks = heap.rocks
    if rocks:
        description = ngettext(
            "Jar O' Copes, a jar with a grey screw cap: %(count)d rock — %(names)s.",
            "Jar O' Copes, a jar with a grey screw cap: %(count)d rocks of many colours and "
            "shapes — %(names)s.",
            len(rocks),
        ) % {"count": len(rocks), "names": _names(rocks)}
        description += _resting(rocks)
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
        )
        if own
        else _(
            "The kinder ways to cope this person keeps adding, one rock at a time, so that over "
            "time the grey rocks are reached for less and less."
        ),
        description=description,
        count=_count(rocks),
        shape=jar_shape("copes", heap),
        heap=heap,
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


# A rock just added or chosen falls into its jar once, on the next jars page. The note travels
# in a short-lived cookie holding the skill's public code and nothing else, so logging a choice
# writes nothing more than the entry; the jars page reads the note and clears it.
DROP_NEXT = "jars-drop-next"
DROP_NEXT_SECONDS = 3600


def drop_next(response: HttpResponse, skill: CopingSkill) -> HttpResponse:
    """Let this skill's rock fall into its jar the next time the jars are drawn."""
    response.set_cookie(
        DROP_NEXT,
        str(skill.code),
        max_age=DROP_NEXT_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def opened_kind(request: HttpRequest) -> str | None:
    """The jar the address asks to open large (`?jar=copes`), if it names one."""
    kind = request.GET.get("jar")
    return kind if kind in KINDS else None


def rock_to_drop(request: HttpRequest) -> str | None:
    """The code of the rock noted to fall in, if the note is one (any other value is ignored)."""
    noted = request.COOKIES.get(DROP_NEXT)
    try:
        return str(uuid.UUID(noted)) if noted else None
    except ValueError:
        return None


def dropped(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Clear the note once the jars have been drawn with the rock falling in."""
    if DROP_NEXT in request.COOKIES:
        response.delete_cookie(DROP_NEXT, samesite="Lax")
    return response


def jars_of(
    skills: list[CopingSkill],
    *,
    uses: dict[int, int],
    linked: bool,
    own: bool = True,
) -> Jars:
    """The three jars drawn from a person's active skills, in the order they were added.

    `uses` holds each skill's recent uses (by id), which size its rock; a viewer who may not
    see the logs passes none, and every rock is drawn the same size. With `linked`, rocks
    link to their skill pages (the owner's view); without `own`, the captions describe the
    person's jars to someone else (a therapist) instead of speaking to the person.
    """
    negative = [skill for skill in skills if skill.kind == Kind.NEGATIVE]
    copes = [skill for skill in skills if skill.kind == Kind.COPES]
    return Jars(
        negative_jar(layout_jar(_specs(negative, uses)), linked=linked, own=own),
        empty_jar(),
        copes_jar(layout_jar(_specs(copes, uses)), linked=linked, own=own),
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
                (_("Stretch for five minutes"), "apricot", "pebble", 2),
                (_("Make a cup of tea"), "ocean", "chunk", 3),
                (_("Listen to one song"), "lime", "hexagon", 1),
            ]
        )
    ]
    return Jars(
        negative_jar(layout_jar(negative), linked=False),
        empty_jar(),
        copes_jar(layout_jar(added), linked=False),
    )
