"""Drawing a poster (skills/poster.py) as an SVG file: the template only draws what it is given."""

from __future__ import annotations

from django.template.loader import render_to_string

from skills.poster import PAPER, RULE, Poster


def render_svg(poster: Poster, *, title: str) -> bytes:
    paints = {}
    for placed in poster.jars:
        for rock in placed.jar.rocks:
            paints.setdefault(rock.paint.name, rock.paint)
    context = {
        "poster": poster,
        "title": title,
        "paints": list(paints.values()),
        "lines": [line for words in poster.words for line in words.each_line()],
        "paper": PAPER,
        "rule": RULE,
    }
    return render_to_string("skills/poster.svg", context).encode()
