"""Photos that go with a skill: checked, cleaned and re-encoded before anything is kept.

Only JPEG, PNG and WebP are opened (Pillow's `formats=` allow-list), never more than
MAX_PIXELS, and a decompression bomb is an error rather than a warning. Whatever comes in is
decoded and drawn again into a fresh picture: turned upright from its orientation tag, every
piece of metadata left behind (EXIF, GPS, XMP, comments, anything appended after the image),
scaled down to LONGEST_SIDE, and saved as a plain JPEG, with a square thumbnail beside it.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from copejar.accounts.uploads import MB

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_BYTES = 10 * MB
MAX_PIXELS = 40_000_000
LONGEST_SIDE = 1600
SMALL_SIDE = 320
QUALITY = 85
CONTENT_TYPE = "image/jpeg"

# What Pillow raises for a file that starts like an image and then is not one.
_BROKEN = (OSError, ValueError, SyntaxError, EOFError, TypeError, IndexError, struct.error)


class PhotoProblem(ValueError):
    """A photo that cannot be taken, with words for the form field."""


@dataclass(frozen=True)
class CleanPhoto:
    """A photo ready to keep: the picture and its thumbnail, both fresh JPEG files."""

    full: bytes
    small: bytes
    width: int
    height: int


def _upright_rgb(image: Image.Image) -> Image.Image:
    """The picture the camera saw: turned by its orientation tag, in sRGB, alpha on white."""
    image = ImageOps.exif_transpose(image)
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            output = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=output
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the colours stay as they are
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    return image.convert("RGB")


def _fresh(image: Image.Image) -> Image.Image:
    """The same pixels in a new picture that carries nothing else along."""
    return Image.frombytes("RGB", image.size, image.tobytes())


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    _fresh(image).save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def clean_photo(source: IO[bytes] | bytes) -> CleanPhoto:
    """Check and re-encode a photo; PhotoProblem says what is wrong with it."""
    data = source if isinstance(source, bytes) else source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PhotoProblem(_("This photo is larger than 10 MB. A smaller copy of it could work."))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.load()
            image = _upright_rgb(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoProblem(
                _("This picture has more than 40 megapixels. A smaller copy of it could work.")
            ) from None
        except UnidentifiedImageError:
            raise PhotoProblem(_("Pick a photo in JPEG, PNG or WebP format.")) from None
        except _BROKEN:
            raise PhotoProblem(
                _("This photo could not be read to the end; the file may be cut short.")
            ) from None
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    small = ImageOps.fit(image, (SMALL_SIDE, SMALL_SIDE), Image.Resampling.LANCZOS)
    return CleanPhoto(full=_jpeg(image), small=_jpeg(small), width=image.width, height=image.height)
