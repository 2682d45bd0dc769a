"""Rock colours and shapes: grey for the Negative Skillz, many colours for the Jar O' Copes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Each colour has a name a person can read, so colour is never the only signal.
GREYS: dict[str, tuple] = {
    "slate": (_("Slate grey"), "#7d8590"),
    "pebble": (_("Pebble grey"), "#a3a6ab"),
    "flint": (_("Flint grey"), "#5f6368"),
    "ash": (_("Ash grey"), "#bdbfc2"),
}

COLOURS: dict[str, tuple] = {
    "teal": (_("Teal"), "#2a9d8f"),
    "coral": (_("Coral"), "#e76f51"),
    "sun": (_("Sunflower"), "#e9c46a"),
    "sky": (_("Sky blue"), "#5fa8d3"),
    "violet": (_("Violet"), "#9b72cf"),
    "leaf": (_("Leaf green"), "#6a994e"),
    "rose": (_("Rose"), "#d16ba5"),
    "apricot": (_("Apricot"), "#f4a261"),
    "ocean": (_("Ocean blue"), "#3d6a9e"),
    "lime": (_("Lime"), "#a7c957"),
}

# Pebble silhouettes (drawn by skills/pebbles.py). The keys are stored on skills and stay
# as they are; only the names people read follow the drawing.
SHAPES: dict = {
    "round": _("Round"),
    "pebble": _("Long"),
    "chunk": _("Chunky"),
    "triangle": _("Wedge"),
    "hexagon": _("Flat"),
    "diamond": _("Pointed"),
}


def hex_for(colour: str) -> str:
    """The hex value for a colour key; unknown keys fall back to a mid grey."""
    entry = GREYS.get(colour) or COLOURS.get(colour)
    return entry[1] if entry else GREYS["slate"][1]


def pick_colour(*, negative: bool, index: int) -> str:
    """The colour for the index-th rock of its jar, cycling through the palette."""
    keys = list(GREYS if negative else COLOURS)
    return keys[index % len(keys)]


def pick_shape(*, index: int) -> str:
    """The shape for the index-th rock, offset from the colour cycle so pairs vary."""
    keys = list(SHAPES)
    return keys[(index * 5 + 1) % len(keys)]


def fits_kind(colour: str, *, negative: bool) -> bool:
    """Negative rocks are grey; added rocks are colourful."""
    return colour in (GREYS if negative else COLOURS)
