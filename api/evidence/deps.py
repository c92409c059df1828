"""The multipart upload of one evidence file, as a FastAPI dependency: the file part must be there
(422), and the spooled parts are closed once the route is done. A body past the largest file plus
the multipart framing is refused with 413 while it streams in, announced or chunked, before it is
spooled (``api.core.middleware.body_limit``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from fastapi import Request
from starlette.datastructures import UploadFile

from api.core.errors import Invalid
from api.deps import SettingsDep


@dataclass(frozen=True)
class Upload:
    """The uploaded file, the form's text fields, and the size limit the store must enforce."""

    file: UploadFile
    fields: dict[str, str]
    max_bytes: int


def evidence_upload(
    *fields: str, max_fields: int
) -> Callable[[Request, SettingsDep], AsyncIterator[Upload]]:
    """A dependency reading a form with one ``file`` part and the text ``fields`` named; a form
    with more than ``max_fields`` text fields is refused (400)."""

    async def read(request: Request, settings: SettingsDep) -> AsyncIterator[Upload]:
        max_bytes = settings.evidence_max_mb * 1024 * 1024
        # Starlette spools file parts to disk past 1 MB, so memory stays flat for any size.
        async with request.form(max_files=1, max_fields=max_fields) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise Invalid("evidence.file_required", field="file")
            found = {name: value for name in fields if isinstance(value := form.get(name), str)}
            yield Upload(file=upload, fields=found, max_bytes=max_bytes)

    return read


def multipart_body(*fields: str) -> dict[str, object]:
    """The OpenAPI request body of such a form (FastAPI cannot see inside the dependency)."""
    properties: dict[str, object] = {"file": {"type": "string", "format": "binary"}}
    properties |= {name: {"type": "string"} for name in fields}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file", *fields],
                        "properties": properties,
                    }
                }
            },
        }
    }
