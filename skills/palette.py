"""Rock colours and shapes: grey for the Negative Skillz, many colours for the Jar O' Copes."""

from __future__ import annotations

# Each colour has a name a person can read, so colour is never the only signal.
GREYS: dict[str, tuple[str, str]] = {
    "slate": ("Slate grey", "#7d8590"),
    "pebble": ("Pebble grey", "#a3a6ab"),
    "flint": ("Flint grey", "#5f6368"),
    "ash": ("Ash grey", "#bdbfc2"),
}

COLOURS: dict[str, tuple[str, str]] = {
    "teal": ("Teal", "#2a9d8f"),
    "coral": ("Coral", "#e76f51"),
    "sun": ("Sunflower", "#e9c46a"),
    "sky": ("Sky blue", "#5fa8d3"),
    "violet": ("Violet", "#9b72cf"),
    "leaf": ("Leaf green", "#6a994e"),
    "rose": ("Rose", "#d16ba5"),
    "apricot": ("Apricot", "#f4a261"),
    "ocean": ("Ocean blue", "#3d6a9e"),
    "lime": ("Lime", "#a7c957"),
}

SHAPES: dict[str, str] = {
    "round": "Round",
    "pebble": "Pebble",
    "chunk": "Chunky square",
    "triangle": "Triangle",
    "hexagon": "Hexagon",
    "diamond": "Diamond",
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
