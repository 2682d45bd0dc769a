"""The three jars as a poster to print: where every jar, word and rock name goes on the page.

Like the jar layout itself, this decides and never draws: the Pillow renderer
(skills/poster_png.py) and the SVG template (templates/skills/poster.svg) both take the
`Poster` made here and only draw it, so the PNG and the SVG put every rock in the same place,
and both put it where the jars page does (the rocks come from skills/jar_layout.py, the
glass from skills/jar_shape.py, unchanged). Units are poster pixels, y pointing down.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skills.jar_layout import FLOOR, Rock
from skills.jar_shape import VIEW_WIDTH
from skills.jars import Jar, Jars

VERSION = "1"  # part of every poster's digest: a change in drawing makes every poster new
WIDTH = 2400
HEIGHT = 3200
MARGIN = 150
GAP = 60  # between the three columns
JARS_TOP = 470
MOST_FLOOR = 1880  # the lowest the floor of the jars' glass may sit on the page
CHAR_WIDTH = 0.53  # a letter's width, as a share of the font size, to break lines by
KEY_LINE_MIN = 52.0  # the rocks' names: line height, smallest and largest
KEY_LINE_MAX = 64.0
KEY_TEXT = 0.7  # the names, as a share of the icon box

# A printed page is light whatever the screen: the stylesheet's light colours.
PAPER = "#fbf8f3"
INK = "#1f2328"
MUTED = "#57606a"
ACCENT = "#1f6f66"
RULE = "#d9d4ca"


@dataclass(frozen=True)
class Words:
    """Lines of text, each centred on x (or starting at it), the first baseline at y."""

    x: float
    y: float
    size: float
    lines: tuple[str, ...]
    colour: str = INK
    bold: bool = False
    anchor: str = "middle"  # or "start"
    leading: float = 1.3  # line height, as a share of the size

    def baseline(self, index: int) -> float:
        return round(self.y + index * self.size * self.leading, 2)

    def each_line(self) -> list[Words]:
        """One Words per line, for renderers that draw a line at a time (SVG)."""
        return [
            Words(self.x, self.baseline(i), self.size, (line,), self.colour, self.bold, self.anchor)
            for i, line in enumerate(self.lines)
        ]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class PlacedJar:
    """One jar's drawing on the page: its view box moved to (x, y) and scaled."""

    jar: Jar
    x: float
    y: float
    scale: float

    @property
    def width(self) -> float:
        return round(self.jar.shape.view_box[2] * self.scale, 2)

    @property
    def height(self) -> float:
        return round(self.jar.shape.view_box[3] * self.scale, 2)

    def place(self, x: float, y: float) -> tuple[float, float]:
        """A point of the jar's drawing (its own units) on the page."""
        vx, vy, _w, _h = self.jar.shape.view_box
        return (round(self.x + (x - vx) * self.scale, 2), round(self.y + (y - vy) * self.scale, 2))

    @property
    def transform(self) -> str:
        """The same placement as an SVG transform."""
        vx, vy, _w, _h = self.jar.shape.view_box
        return f"translate({self.x - vx * self.scale:.3f} {self.y - vy * self.scale:.3f}) " + (
            f"scale({self.scale:.5f})"
        )


@dataclass(frozen=True)
class KeyEntry:
    """A rock's name in the key under the jars, with its small drawing at the left."""

    rock: Rock
    x: float  # where the icon's box starts
    y: float  # the text's baseline
    size: float  # the icon's box and, at KEY_TEXT of it, the text
    label: str

    @property
    def text_size(self) -> float:
        return round(self.size * KEY_TEXT, 2)

    @property
    def text_x(self) -> float:
        return round(self.x + self.size * 1.25, 2)

    @property
    def icon_x(self) -> float:
        return self.x

    @property
    def icon_y(self) -> float:
        return round(self.y - self.size * 0.78, 2)

    @property
    def icon_scale(self) -> float:
        """The rock's 24-unit icon (skills.pebbles.icon) scaled to the entry's box."""
        return round(self.size / 24, 4)


@dataclass(frozen=True)
class Poster:
    width: int
    height: int
    jars: tuple[PlacedJar, ...]
    words: tuple[Words, ...]
    key: tuple[KeyEntry, ...]
    rules: tuple[tuple[float, float, float, float], ...]  # thin lines: x1, y1, x2, y2
    description: str

    @property
    def rocks(self) -> list[tuple[Rock, float, float]]:
        """Every rock with its middle on the page, in drawing order."""
        return [
            (rock, *placed.place(rock.x, rock.y))
            for placed in self.jars
            for rock in placed.jar.rocks
        ]

    def digest(self) -> str:
        """A short fingerprint of everything drawn: the same jars give the same poster."""
        parts = [VERSION, f"{self.width}x{self.height}"]
        for placed in self.jars:
            parts.append(f"{placed.jar.kind}:{placed.x}:{placed.y}:{placed.scale}")
            parts += [f"{r.key}:{r.label}:{r.colour}:{r.path}" for r in placed.jar.rocks]
        parts += [repr(words) for words in self.words]
        parts += [f"{e.rock.key}:{e.x}:{e.y}:{e.size}:{e.label}" for e in self.key]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def wrap(text: str, *, size: float, width: float) -> tuple[str, ...]:
    """Break text into lines that fit `width` at `size`, by an average letter's width."""
    most = max(8, int(width / (size * CHAR_WIDTH)))
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > most:  # a word longer than a line is cut where it must be
            if line:
                lines.append(line)
                line = ""
            lines.append(word[: most - 1] + "-")
            word = word[most - 1 :]
        candidate = f"{line} {word}".strip()
        if len(candidate) <= most:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return tuple(lines)


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _key(jar: Jar, left: float, width: float, top: float, bottom: float) -> list[KeyEntry]:
    """The rocks of one jar by name, in columns of at most 3, as many as the room asks for."""
    rocks = jar.rocks
    if not rocks:
        return []
    room = bottom - top
    columns = max(1, min(3, int(width // 420), math.ceil(len(rocks) / (room // KEY_LINE_MIN))))
    fits = int(room // KEY_LINE_MIN) * columns
    shown = rocks if len(rocks) <= fits else rocks[: fits - 1]
    rows = math.ceil(len(shown) / columns)
    line = min(KEY_LINE_MAX, room / rows)
    column_width = width / columns
    size = round(line * 0.8, 2)
    most = max(6, int((column_width - size * 1.4) / (size * KEY_TEXT * CHAR_WIDTH)))
    entries = []
    for index, rock in enumerate(shown):
        column, row = divmod(index, rows)
        entries.append(
            KeyEntry(
                rock=rock,
                x=round(left + column * column_width, 2),
                y=round(top + row * line + size * 0.72, 2),
                size=size,
                label=_cut(rock.label, most),
            )
        )
    return entries


def poster_layout(jars: Jars, *, title: str) -> Poster:
    """The poster of these three jars: jars in a row, their words beneath, the rocks' names
    below that. Every jar is drawn at one scale, so their sizes compare as on the page."""
    column = (WIDTH - 2 * MARGIN - 2 * GAP) / 3
    tallest = max(FLOOR - jar.shape.view_box[1] for jar in jars)  # floor to top of the lid
    scale = round(min(column / VIEW_WIDTH, (MOST_FLOOR - JARS_TOP) / tallest), 4)
    floor = round(JARS_TOP + tallest * scale, 2)  # the tallest jar's lid just under the title
    placed, words = [], []
    words.append(Words(WIDTH / 2, 250, 120, (title,), colour=ACCENT, bold=True))
    words.append(
        Words(WIDTH / 2, 360, 46, (_("Every kinder way to cope adds a rock."),), colour=MUTED)
    )
    captions_end = floor
    for index, jar in enumerate(jars):
        left = MARGIN + index * (column + GAP)
        _vx, vy, vw, _vh = jar.shape.view_box
        x = left + (column - vw * scale) / 2
        y = floor - (FLOOR - vy) * scale
        placed.append(PlacedJar(jar=jar, x=round(x, 2), y=round(y, 2), scale=scale))
        centre = left + column / 2
        caption = wrap(jar.caption, size=36, width=column - 20)
        words.append(Words(centre, floor + 190, 64, (jar.title,), bold=True))
        words.append(Words(centre, floor + 250, 40, (jar.count,), colour=MUTED))
        words.append(Words(centre, floor + 330, 36, caption))
        captions_end = max(captions_end, floor + 330 + len(caption) * 36 * 1.3)
    negative, _empty, copes = jars.all
    rule = round(captions_end + 40, 2)
    key_top = rule + 170
    key_bottom = HEIGHT - 200
    copes_left = MARGIN + column + GAP
    key = _key(negative, MARGIN, column, key_top, key_bottom)
    key += _key(copes, copes_left, WIDTH - MARGIN - copes_left, key_top, key_bottom)
    for jar, left in ((negative, MARGIN), (copes, copes_left)):
        shown = sum(1 for entry in key if entry.rock in jar.rocks)
        if shown < len(jar.rocks):
            more = len(jar.rocks) - shown
            words.append(
                Words(
                    left,
                    key_bottom + 40,
                    32,
                    (ngettext("and %(n)d more rock", "and %(n)d more rocks", more) % {"n": more},),
                    colour=MUTED,
                    anchor="start",
                )
            )
    if key:
        words.append(
            Words(
                MARGIN,
                rule + 90,
                40,
                (_("The rocks, the first one in first"),),
                colour=MUTED,
                bold=True,
                anchor="start",
            )
        )
    words.append(Words(WIDTH / 2, HEIGHT - 80, 30, (_("Jar O' Copes"),), colour=MUTED))
    rules = ((MARGIN, rule, WIDTH - MARGIN, rule),) if key else ()
    description = " ".join(jar.description for jar in jars)
    return Poster(
        width=WIDTH,
        height=HEIGHT,
        jars=tuple(placed),
        words=tuple(words),
        key=tuple(key),
        rules=rules,
        description=description,
    )
