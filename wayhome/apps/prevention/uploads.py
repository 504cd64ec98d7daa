"""An upload handler that keeps a file in memory only, and never more than the engine
accepts plus one byte (so an oversized file is still recognised as too big)."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from wayhome.domain import jobads


class CappedMemoryUpload(FileUploadHandler):
    """Never writes a temporary file: an ad that was pasted as a file leaves no trace on
    disk either."""

    limit = jobads.MAX_BYTES + 1

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        room = self.limit - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer, field_name=self.field_name, name=self.file_name,
            content_type=self.content_type, size=self.buffer.getbuffer().nbytes,
            charset=self.charset, content_type_extra=self.content_type_extra,
        )
