"""Opening a ZIP file someone uploaded, without letting it unpack into more than it may.

A ZIP's own record of how big each file is can lie, so the bytes are counted as they come
out, and reading stops at the limit: a ZIP bomb is refused after `limit` bytes, not after
filling the disk or the memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from django.utils.translation import gettext as _

from copejar.accounts.uploads import MB

MOST_MEMBERS = 2000
ZIP_MAGIC = b"PK\x03\x04"


class ZipProblem(ValueError):
    """A ZIP file that cannot be opened safely, with words for the page."""


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def read_members(data: bytes, *, wanted: Callable[[str], bool], limit: int) -> dict[str, bytes]:
    """The wanted files inside a ZIP, unpacked, together at most `limit` bytes."""
    too_big = ZipProblem(
        _(
            "This ZIP file unpacks to more than %(mb)d MB, more than any export holds, so it was "
            "not opened."
        )
        % {"mb": limit // MB}
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise ZipProblem(_("This ZIP file is damaged or not a ZIP file.")) from None
    infos = archive.infolist()
    if len(infos) > MOST_MEMBERS:
        raise ZipProblem(
            _("This ZIP file holds more than %(n)d files, more than any export holds.")
            % {"n": MOST_MEMBERS}
        )
    found: dict[str, bytes] = {}
    left = limit
    for info in infos:
        if info.is_dir() or not wanted(info.filename):
            continue
        if info.flag_bits & 0x1:
            raise ZipProblem(_("This ZIP file is locked with a password; an unlocked one works."))
        if info.file_size > left:
            raise too_big
        try:
            with archive.open(info) as member:
                chunk = member.read(left + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            raise ZipProblem(_("This ZIP file is damaged or not a ZIP file.")) from None
        if len(chunk) > left:
            raise too_big
        left -= len(chunk)
        found[info.filename] = chunk
    return found
