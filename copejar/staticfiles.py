"""Static files as deployments serve them: our own stylesheet and scripts minified, then
named by their content and compressed (WhiteNoise)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

import rcssmin
import rjsmin
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minifier(name: str) -> Callable[[str], str] | None:
    """What takes the comments and spare white space out of this file, or None when it is not
    ours to minify: anything but a stylesheet or a script, or a library shipped minified."""
    path = PurePosixPath(name)
    if ".min" in path.suffixes:
        return None
    return MINIFIERS.get(path.suffix)


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Each stylesheet and script is minified whenever it is saved: as collectstatic copies it
    in, and again under the name made from its source's content (a stylesheet's, after its
    addresses were rewritten; minifying minified text changes nothing). The compressed copies
    are made from what was saved, so a phone downloads only the minified text."""

    def _save(self, name: str, content) -> str:
        minify = minifier(name)
        if minify is not None:
            content.seek(0)
            raw = content.read()
            text = raw.decode() if isinstance(raw, bytes) else raw
            content = ContentFile(minify(text).encode())
        return super()._save(name, content)
