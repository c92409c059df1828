"""The multipart upload of one evidence file, as a FastAPI dependency: the caller is authorised
from who they are (no database) before a byte of the body is read; a body past the largest file
plus the multipart framing is refused with 413 while it streams in, announced or chunked, before
it is spooled (``api.core.middleware.body_limit``); the file part must be there (422); and the
file is staged into the store's temporary area (hashed, its type judged) before the route opens
its write transaction (``api.deps``). The staged copy is dropped once the route is done, unless
the route kept it.

A route declares this dependency before anything that runs a statement on its session, so that
the body arrives while no database lock is held."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from anyio import to_thread
from fastapi import Request
from starlette.datastructures import UploadFile

from api.core.errors import Invalid
from api.core.pagination import IdPath
from api.core.principal import Principal
from api.deps import CurrentUser, SettingsDep, StorageDep
from api.evidence import service
from api.evidence.service import StagedFile

# Raises (403/404) unless the caller may attach a file to this unit's assessment of this round.
Authorise = Callable[[Principal, int, str], object]


@dataclass(frozen=True)
class Upload:
    """The staged file, its name as sent, and the form's text fields."""

    staged: StagedFile
    filename: str | None
    fields: dict[str, str]


def evidence_upload(
    *fields: str, max_fields: int, authorise: Authorise
) -> Callable[..., AsyncIterator[Upload]]:
    """A dependency reading a form with one ``file`` part and the text ``fields`` named, on the
    path's ``round_id`` and ``unit_code``, once ``authorise`` let the caller through; a form with
    more than ``max_fields`` text fields is refused (422, naming the body)."""

    async def read(
        request: Request,
        round_id: IdPath,
        unit_code: str,
        principal: CurrentUser,
        settings: SettingsDep,
        storage: StorageDep,
    ) -> AsyncIterator[Upload]:
        authorise(principal, round_id, unit_code)
        max_bytes = settings.evidence_max_mb * 1024 * 1024
        # Starlette spools file parts to disk past 1 MB, so memory stays flat for any size.
        async with request.form(max_files=1, max_fields=max_fields) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise Invalid("evidence.file_required", field="file")
            found = {name: value for name in fields if isinstance(value := form.get(name), str)}
            staged = await service.stage(storage=storage, source=upload.file, max_bytes=max_bytes)
            filename = upload.filename
        try:
            yield Upload(staged=staged, filename=filename, fields=found)
        finally:
            await to_thread.run_sync(storage.discard, staged.staged)

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
