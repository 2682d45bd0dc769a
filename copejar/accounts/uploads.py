"""Uploads with a ceiling: a file over its limit is refused while it arrives, not after.

Django writes an upload to memory or a temporary file as it comes in, whatever its size; a
view that takes files puts `CappedUpload` first among the request's upload handlers, so a
file past the limit stops being kept at once and the view can say why.
"""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

MB = 1024 * 1024


class CappedUpload(FileUploadHandler):
    """Passes file data on until it passes `limit` bytes; then drops the file, and notes it."""

    def __init__(self, request: HttpRequest | None = None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_big = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.too_big = True
            # The rest of the request is read and thrown away, so the page can still answer.
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def cap_uploads(request: HttpRequest, *, limit: int) -> CappedUpload:
    """Put a ceiling on the files of this request (call before anything reads request.POST)."""
    cap = CappedUpload(request, limit=limit)
    request.upload_handlers.insert(0, cap)
    return cap
