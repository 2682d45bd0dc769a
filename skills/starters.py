"""Common kinder ways to cope, offered on the ideas page and while the Jar O' Copes is empty."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from skills.models import Category, CopingSkill


@dataclass(frozen=True)
class Starter:
    key: str
    name: str
    category: str
    description: str

    @property
    def names(self) -> frozenset[str]:
        """The idea's name in every language the app speaks: a rock added in one language is
        still that idea after the person switches to another."""
        return _names_of(self.key)


@functools.cache
def _names_of(key: str) -> frozenset[str]:
    names = set()
    for code, _language in settings.LANGUAGES:
        with translation.override(code):
            names.add(str(BY_KEY[key].name))
    return frozenset(names)


STARTERS: tuple[Starter, ...] = (
    Starter(
        "warm-drink",
        _("Make a warm drink"),
        "self_soothe",
        _("Hold the mug, notice the warmth and the smell."),
    ),
    Starter(
        "shower", _("Take a warm shower"), "self_soothe", _("Let the water do some of the work.")
    ),
    Starter(
        "soft-music",
        _("Put on a favourite song"),
        "self_soothe",
        _("One song can change the air in a room."),
    ),
    Starter(
        "puzzle",
        _("Do a puzzle or a game"),
        "distraction",
        _("Give your mind something else to hold for a while."),
    ),
    Starter(
        "show",
        _("Watch a comfort show"),
        "distraction",
        _("Something familiar, with no surprises."),
    ),
    Starter(
        "tidy",
        _("Tidy one small thing"),
        "distraction",
        _("A drawer, a shelf, a corner of the desk."),
    ),
    Starter(
        "text-friend",
        _("Text a friend"),
        "connection",
        _("It can be as short as 'hey, thinking of you'."),
    ),
    Starter(
        "call-someone",
        _("Call someone I trust"),
        "connection",
        _("Talking it through, or talking about anything else."),
    ),
    Starter(
        "pet",
        _("Spend time with a pet"),
        "connection",
        _("Animals are good company in a hard moment."),
    ),
    Starter("walk", _("Go for a walk"), "movement", _("Around the block counts.")),
    Starter(
        "stretch",
        _("Stretch for five minutes"),
        "movement",
        _("Slow stretches, noticing where the body feels tight."),
    ),
    Starter("dance", _("Dance to one song"), "movement", _("Nobody needs to see it.")),
    Starter(
        "five-senses",
        _("5-4-3-2-1 senses"),
        "grounding",
        _(
            "Name five things you see, four you hear, three you can touch, two you smell, "
            "one you taste."
        ),
    ),
    Starter(
        "cold-water",
        _("Cold water on my face"),
        "grounding",
        _("A quick way to bring a big feeling down a notch."),
    ),
    Starter(
        "box-breathing",
        _("Box breathing"),
        "grounding",
        _("Breathe in for four, hold for four, out for four, hold for four."),
    ),
    Starter(
        "draw",
        _("Draw or doodle"),
        "creative",
        _("No skill needed; shapes and colours are enough."),
    ),
    Starter(
        "write-it-out",
        _("Write it out"),
        "creative",
        _("Put the feeling on paper, then decide what to do with the page."),
    ),
    Starter(
        "cook",
        _("Cook something simple"),
        "creative",
        _("Chopping, stirring and tasting keep hands and mind busy."),
    ),
    Starter(
        "opposite",
        _("Do the opposite of the urge"),
        "opposite_action",
        _("If the urge says hide, step outside for a minute."),
    ),
    Starter(
        "nap",
        _("Rest for twenty minutes"),
        "rest",
        _("Lie down with a timer. Rest is a skill too."),
    ),
    Starter("snack", _("Eat something nourishing"), "rest", _("Hunger makes everything louder.")),
)

BY_KEY = {starter.key: starter for starter in STARTERS}


def starter_groups(
    user, *, have: set[str] | None = None
) -> list[tuple[str, list[tuple[Starter, bool]]]]:
    """The ideas grouped by category, each marked if the person already has a skill of that name.

    A page that has read the person's skill names already passes them as `have`.
    """
    if have is None:
        have = set(CopingSkill.objects.for_user(user).values_list("name", flat=True))
    labels = dict(Category.choices)
    groups: dict[str, list[tuple[Starter, bool]]] = {}
    for starter in STARTERS:
        groups.setdefault(starter.category, []).append(
            (starter, not starter.names.isdisjoint(have))
        )
    return [(labels[key], items) for key, items in groups.items()]


# A new person's first screen offers these few, one from each kind of help.
FIRST_PICKS = ("box-breathing", "walk", "text-friend", "warm-drink", "soft-music", "write-it-out")
# Below this many kinder rocks, the jars page leads with ideas for first rocks.
FIRST_ROCKS = 3


def first_picks(
    groups: list[tuple[str, list[tuple[Starter, bool]]]],
) -> list[tuple[Starter, bool]]:
    """The first-screen ideas, marked as in `starter_groups`, read from its answer."""
    marked = {starter.key: (starter, have) for _c, items in groups for starter, have in items}
    return [marked[key] for key in FIRST_PICKS]


def progress_words(count: int) -> str:
    """How far the first rocks have come, in a few words that only ever add up."""
    if count == 0:
        return str(_("Your Jar O' Copes is waiting for its first rock."))
    if count < FIRST_ROCKS:
        return ngettext(
            "%(n)d rock in your Jar O' Copes so far. A few more make a good start.",
            "%(n)d rocks in your Jar O' Copes so far. A few more make a good start.",
            count,
        ) % {"n": count}
    return ngettext(
        "%(n)d rock in your Jar O' Copes: a good start. It is in the jar below, and you can add "
        "more whenever you like.",
        "%(n)d rocks in your Jar O' Copes: a good start. They are in the jar below, and you can "
        "add more whenever you like.",
        count,
    ) % {"n": count}
