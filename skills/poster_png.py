"""Drawing a poster (skills/poster.py) with Pillow, as a PNG to print.

Only draws: every position, size and word comes from the `Poster`. Each jar is drawn on its
own transparent tile at twice the size and scaled down, which smooths every edge; text is
drawn on the page itself, where Pillow smooths it. The font is one the machine already has
(DejaVu Sans or Liberation Sans, as Debian and most Linux systems carry) or, failing that, the
one that ships inside Pillow: nothing is fetched.
"""

from __future__ import annotations

import io
from functools import cache
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from skills import pebbles
from skills.jar_shape import Shape
from skills.pebbles import Paint
from skills.poster import PAPER, RULE, PlacedJar, Poster, Words

SUPERSAMPLE = 2
BILINEAR = Image.Resampling.BILINEAR
FONT_FOLDERS = ("/usr/share/fonts/truetype", "/usr/share/fonts", "/usr/local/share/fonts")
FONT_FILES = {
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
}

# The light theme's glass, lid and web colours (static/copejar.css).
GLASS_TINT = (143, 184, 204)
GLASS_LINE = (111, 141, 155)
GLASS_RIM = (190, 215, 228, 153)
CAP = {"dark": "#646a72", "mid": "#9097a0", "light": "#c9ced4", "top": "#a9afb6", "line": "#545a61"}
CORK = {
    "dark": "#9a6e42",
    "light": "#c79a68",
    "top": "#d4ab7c",
    "line": "#7f5a34",
    "dot": "#8a623b",
}
WEB = "#7d858e"
SPIDER = "#2b2f34"


@cache
def _font_file(bold: bool) -> str | None:
    for folder in FONT_FOLDERS:
        root = Path(folder)
        if not root.is_dir():
            continue
        for name in FONT_FILES[bold]:
            found = next(root.rglob(name), None)
            if found is not None:
                return str(found)
    return None


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font at this pixel size: the system's, else the one inside Pillow."""
    path = _font_file(bold)
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


RAMP = 256


@cache
def _strip(stops: tuple) -> Image.Image:
    """A gradient RAMP pixels long, through (offset, colour) stops."""
    strip = Image.new("RGBA", (RAMP, 1))
    pixels = strip.load()
    for i in range(RAMP):
        at = i / (RAMP - 1)
        for (o0, c0), (o1, c1) in pairwise(stops):
            if o0 <= at <= o1:
                t = 0 if o1 == o0 else (at - o0) / (o1 - o0)
                pixels[i, 0] = tuple(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
                break
    return strip


@cache
def _shading(paint: Paint) -> Image.Image:
    """A rock colour lit from the middle out: highlight, its own colour, then its shade."""
    ramp = Image.radial_gradient("L")  # 0 in the middle, 255 at the edge of a 256 square
    return ImageOps.colorize(
        ramp, black=paint.highlight, white=paint.shade, mid=paint.fill, midpoint=107
    ).convert("RGBA")


class _Tile:
    """One jar's drawing surface: the jar's own units mapped onto a transparent picture."""

    def __init__(self, placed: PlacedJar) -> None:
        self.placed = placed
        vx, vy, vw, vh = placed.jar.shape.view_box
        self.k = placed.scale * SUPERSAMPLE
        self.origin = (vx, vy)
        self.image = Image.new("RGBA", (round(vw * self.k), round(vh * self.k)), (0, 0, 0, 0))
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    def at(self, point) -> tuple[float, float]:
        return ((point[0] - self.origin[0]) * self.k, (point[1] - self.origin[1]) * self.k)

    def points(self, shape_points) -> list[tuple[float, float]]:
        return [self.at(point) for point in shape_points]

    def width(self, units: float) -> int:
        return max(1, round(units * self.k))

    def line(self, shape: Shape, colour, units: float) -> None:
        points = self.points(shape.points)
        if shape.closed:
            points.append(points[0])
        self.draw.line(points, fill=colour, width=self.width(units), joint="curve")

    def fill(self, shape: Shape, colour) -> None:
        self.draw.polygon(self.points(shape.points), fill=colour)

    def _mask(self, points) -> tuple[Image.Image, tuple[int, int]]:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        left, top = int(min(xs)), int(min(ys))
        box = (int(max(xs)) - left + 2, int(max(ys)) - top + 2)
        mask = Image.new("L", box, 0)
        ImageDraw.Draw(mask).polygon([(x - left, y - top) for x, y in points], fill=255)
        return mask, (left, top)

    def gradient(self, shape_points, stops, *, vertical: bool = False) -> None:
        """Fill a shape with a linear gradient across it (left to right, or top to bottom)."""
        points = self.points(shape_points)
        mask, (left, top) = self._mask(points)
        strip = _strip(tuple(stops))
        w, h = mask.size
        # Stretched along its length, then repeated across: two cheap steps, not one big one.
        if vertical:
            strip = strip.transpose(Image.Transpose.ROTATE_270).resize((1, h), BILINEAR)
        else:
            strip = strip.resize((w, 1), BILINEAR)
        paint = strip.resize((w, h), Image.Resampling.NEAREST)
        layer = Image.new("RGBA", mask.size, (0, 0, 0, 0))
        layer.paste(paint, (0, 0), mask)
        self.image.alpha_composite(layer, (left, top))

    def rock(self, outline, paint: Paint) -> None:
        """A pebble with light from the upper left, like the page's radial gradient."""
        points = self.points(outline)
        mask, (left, top) = self._mask(points)
        w, h = mask.size
        (fx, fy), radius = pebbles.LIGHT_FOCUS, pebbles.LIGHT_RADIUS
        # The shading's square, centred on the light, reaching `radius` of the rock's box.
        reach = max(w, h) * radius * 2
        k = RAMP / reach
        x0, y0 = (reach / 2 - fx * w) * k, (reach / 2 - fy * h) * k
        shading = _shading(paint).resize(
            (w, h), Image.Resampling.BILINEAR, box=(x0, y0, x0 + w * k, y0 + h * k)
        )
        body = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        body.paste(shading, (0, 0), mask)
        self.image.alpha_composite(body, (left, top))
        line = (*_rgb(paint.line), 180)
        self.draw.line([*points, points[0]], fill=line, width=self.width(0.45), joint="curve")

    def finished(self) -> Image.Image:
        return self.image.reduce(SUPERSAMPLE)


def _by_name(shapes, name: str) -> list[Shape]:
    return [shape for shape in shapes if shape.name == name]


def _draw_jar(placed: PlacedJar) -> Image.Image:
    tile = _Tile(placed)
    shape = placed.jar.shape
    for part in shape.behind:
        if part.name == "shadow":
            for step in range(6):  # a soft shadow from a few ellipses, lightest outermost
                shrink = 1 - step * 0.12
                cx = sum(p[0] for p in part.points) / len(part.points)
                cy = sum(p[1] for p in part.points) / len(part.points)
                points = [(cx + (x - cx) * shrink, cy + (y - cy) * shrink) for x, y in part.points]
                tile.draw.polygon(tile.points(points), fill=(0, 0, 0, 12))
        elif part.name == "glass":
            edge, clear = (*GLASS_TINT, 140), (*GLASS_TINT, 31)
            tile.gradient(part.points, [(0, edge), (0.22, clear), (0.7, clear), (1, edge)])
        else:
            tile.line(part, (*GLASS_LINE, 90), 0.7)
    for rock in placed.jar.rocks:
        tile.rock(rock.outline, rock.paint)
    for part in shape.web:
        if part.name == "spider":
            tile.fill(part, _rgb(SPIDER))
        elif part.name == "spider-leg":
            tile.line(part, _rgb(SPIDER), 0.5)
        else:
            tile.line(part, _rgb(WEB), 0.35)
    white = (255, 255, 255)
    for part in shape.front:
        if part.name == "shine":
            tile.gradient(
                part.points,
                [(0, (*white, 0)), (0.3, (*white, 204)), (1, (*white, 0))],
                vertical=True,
            )
        elif part.name == "base-front":
            tile.line(part, (*GLASS_LINE, 140), 0.8)
        else:
            tile.line(part, (*GLASS_LINE, 255), 1.3)
    metal = [
        (0, _rgb(CAP["dark"])),
        (0.3, _rgb(CAP["light"])),
        (0.65, _rgb(CAP["mid"])),
        (1, _rgb(CAP["dark"])),
    ]
    cork = [(0, _rgb(CORK["dark"])), (0.35, _rgb(CORK["light"])), (1, _rgb(CORK["dark"]))]
    for part in shape.lid:
        if part.name == "cap":
            tile.gradient(part.points, [(o, (*c, 255)) for o, c in metal])
            tile.line(part, _rgb(CAP["line"]), 0.8)
        elif part.name == "cap-top":
            tile.fill(part, _rgb(CAP["top"]))
            tile.line(part, _rgb(CAP["line"]), 0.5)
        elif part.name in ("cap-ridge", "cap-band"):
            tile.line(part, (*_rgb(CAP["line"]), 125), 0.6)
        elif part.name == "cork":
            tile.gradient(part.points, [(o, (*c, 255)) for o, c in cork])
            tile.line(part, _rgb(CORK["line"]), 0.8)
        elif part.name == "cork-top":
            tile.fill(part, _rgb(CORK["top"]))
            tile.line(part, _rgb(CORK["line"]), 0.6)
        elif part.name == "cork-hole":
            tile.fill(part, _rgb(CORK["dot"]))
        elif part.name == "rim":
            tile.fill(part, GLASS_RIM)
            tile.line(part, _rgb("#6f8d9b"), 0.9)
    return tile.finished()


def _words(draw: ImageDraw.ImageDraw, words: Words) -> None:
    face = font(round(words.size), words.bold)
    anchor = "ms" if words.anchor == "middle" else "ls"
    for index, line in enumerate(words.lines):
        draw.text(
            (words.x, words.baseline(index)), line, font=face, fill=words.colour, anchor=anchor
        )


def _icon(page: Image.Image, entry) -> None:
    """The rock's own outline, small, in the key."""
    icon = pebbles.pebble(entry.rock.key, entry.rock.shape)
    left, top, right, bottom = icon.bounds()
    k = entry.size * SUPERSAMPLE * 0.9 / max(right - left, bottom - top)
    box = round(entry.size * SUPERSAMPLE)
    cx, cy = box / 2 - (left + right) / 2 * k, box / 2 - (top + bottom) / 2 * k
    points = [(cx + x * k, cy + y * k) for x, y in icon.outline]
    small = Image.new("RGBA", (box, box), (0, 0, 0, 0))
    draw = ImageDraw.Draw(small)
    paint = entry.rock.paint
    draw.polygon(points, fill=_rgb(paint.fill), outline=_rgb(paint.line), width=SUPERSAMPLE * 2)
    highlight = [
        (cx + x * k * 0.45 - k * 0.2, cy + y * k * 0.45 - k * 0.25) for x, y in icon.outline
    ]
    draw.polygon(highlight, fill=(*_rgb(paint.highlight), 150))
    small = small.reduce(SUPERSAMPLE)
    page.paste(small, (round(entry.icon_x), round(entry.icon_y)), small)


def render_png(poster: Poster) -> bytes:
    """The poster as PNG bytes, at the poster's full size."""
    # An opaque page: each drawing is laid on it through its own transparency.
    page = Image.new("RGB", (poster.width, poster.height), _rgb(PAPER))
    for placed in poster.jars:
        tile = _draw_jar(placed)
        page.paste(tile, (round(placed.x), round(placed.y)), tile)
    draw = ImageDraw.Draw(page)
    for x1, y1, x2, y2 in poster.rules:
        draw.line([(x1, y1), (x2, y2)], fill=RULE, width=3)
    for words in poster.words:
        _words(draw, words)
    label_font = {}
    for entry in poster.key:
        _icon(page, entry)
        size = round(entry.text_size)
        face = label_font.setdefault(size, font(size))
        draw.text(
            (entry.text_x, entry.y),
            entry.label,
            font=face,
            fill="#1f2328",
            anchor="ls",
        )
    out = io.BytesIO()
    # Fast compression: a few hundred KB more, a third of a second less.
    page.save(out, "PNG", compress_level=1, dpi=(300, 300))
    return out.getvalue()
