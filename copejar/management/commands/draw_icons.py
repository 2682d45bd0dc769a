"""Draw the home-screen icons from the app's logo (static/icon.svg) with Pillow.

The PNGs are committed; run this again after the logo changes:

    .venv/bin/python manage.py draw_icons

The logo is a handful of shapes (rounded rectangles, a circle, two paths), so the reader below
knows exactly those, and stops with a message at anything else rather than drawing it wrongly.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from PIL import Image, ImageDraw

LOGO = Path(settings.BASE_DIR) / "static" / "icon.svg"
OUT = Path(settings.BASE_DIR) / "static" / "icons"
# The page background of copejar.css (light): the icon's tile.
TILE = "#fbf8f3"
# Drawn this many times larger, then scaled down: smooth edges without an SVG renderer.
SUPERSAMPLE = 4
# Bezier curves are drawn as this many straight pieces each.
CURVE_STEPS = 24

# name: (size in px, logo width as a share of the icon, tile shape)
ICONS = {
    "icon-192.png": (192, 0.78, "rounded"),
    "icon-512.png": (512, 0.78, "rounded"),
    # Maskable: the launcher cuts its own shape, keeping at least the middle 80 % circle, so
    # the tile fills the square and the jar sits well inside that circle.
    "maskable-192.png": (192, 0.56, "square"),
    "maskable-512.png": (512, 0.56, "square"),
    # iOS rounds the corners itself and shows transparency as black.
    "apple-touch-icon.png": (180, 0.70, "square"),
}

SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)")


def _cubic(p0, p1, p2, p3) -> list[tuple[float, float]]:
    points = []
    for step in range(1, CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        u = 1 - t
        points.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return points


def path_points(d: str) -> list[tuple[float, float]]:
    """The outline of one closed path, in the logo's own units (M, L, H, V, C, Z, any case)."""
    tokens = _TOKEN.findall(d)
    points: list[tuple[float, float]] = []
    x = y = 0.0
    command = ""
    i = 0

    def number() -> float:
        nonlocal i
        i += 1
        return float(tokens[i - 1])

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        relative = command.islower()
        dx, dy = (x, y) if relative else (0.0, 0.0)
        kind = command.upper()
        if kind in "ML":
            x, y = dx + number(), dy + number()
            points.append((x, y))
        elif kind == "H":
            x = dx + number()
            points.append((x, y))
        elif kind == "V":
            y = dy + number()
            points.append((x, y))
        elif kind == "C":
            c1 = (dx + number(), dy + number())
            c2 = (dx + number(), dy + number())
            end = (dx + number(), dy + number())
            points += _cubic((x, y), c1, c2, end)
            x, y = end
        elif kind == "Z":
            continue
        else:
            raise CommandError(f"The logo uses the path command {command!r}, not drawn here.")
    return points


def shapes(svg_text: str) -> list[dict]:
    """Each shape of the logo, in order, with its outline or box and its colours."""
    root = ET.fromstring(svg_text)
    found = []
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        a = element.attrib
        paint = {
            "fill": a.get("fill"),
            "stroke": a.get("stroke"),
            "width": float(a.get("stroke-width", 0)),
        }
        if tag == "svg":
            continue
        if tag == "rect":
            box = [float(a["x"]), float(a["y"])]
            box += [box[0] + float(a["width"]), box[1] + float(a["height"])]
            found.append({"kind": "rect", "box": box, "radius": float(a.get("rx", 0)), **paint})
        elif tag == "circle":
            cx, cy, r = float(a["cx"]), float(a["cy"]), float(a["r"])
            found.append({"kind": "circle", "box": [cx - r, cy - r, cx + r, cy + r], **paint})
        elif tag == "path":
            found.append({"kind": "path", "points": path_points(a["d"]), **paint})
        else:
            raise CommandError(f"The logo has a <{tag}>, which this command does not draw.")
    return found


def draw_icon(svg_text: str, size: int, share: float, tile: str) -> Image.Image:
    """One icon: the tile, and the logo centred on it at `share` of the icon's width."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if tile == "rounded":
        pen.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 0.22, fill=TILE)
    else:
        pen.rectangle([0, 0, big, big], fill=TILE)
    view = [float(n) for n in ET.fromstring(svg_text).attrib["viewBox"].split()]
    scale = big * share / view[2]
    offset = (big - view[2] * scale) / 2, (big - view[3] * scale) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return offset[0] + (x - view[0]) * scale, offset[1] + (y - view[1]) * scale

    for shape in shapes(svg_text):
        width = round(shape["width"] * scale)
        if shape["kind"] == "path":
            outline = [at(*point) for point in shape["points"]]
            pen.polygon(outline, fill=shape["fill"])
            if shape["stroke"] and width:
                pen.line([*outline, outline[0]], fill=shape["stroke"], width=width, joint="curve")
            continue
        box = [*at(*shape["box"][:2]), *at(*shape["box"][2:])]
        outline = shape["stroke"] if width else None
        if shape["kind"] == "rect":
            radius = shape["radius"] * scale
            pen.rounded_rectangle(box, radius=radius, fill=shape["fill"], outline=outline)
        else:
            pen.ellipse(box, fill=shape["fill"], outline=outline, width=width)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw_all(svg_text: str) -> dict[str, Image.Image]:
    return {
        name: draw_icon(svg_text, size, share, tile) for name, (size, share, tile) in ICONS.items()
    }


class Command(BaseCommand):
    help = "Draw the home-screen icons (static/icons/*.png) from the logo, static/icon.svg."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", default=str(OUT), help="folder to write the PNGs to")

    def handle(self, *args, out: str, **options) -> None:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for name, image in draw_all(LOGO.read_text()).items():
            if name == "apple-touch-icon.png":
                image = image.convert("RGB")  # iOS shows transparency as black
            image.save(folder / name, optimize=True)
            self.stdout.write(f"{folder / name}  {image.width}x{image.height}")
