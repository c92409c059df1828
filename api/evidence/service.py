"""Uploading, listing, downloading and unlinking evidence files of an answer."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from anyio import to_thread
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments import context
from api.assessments.context import Context
from api.assessments.schemas import EvidenceOut
from api.audit import service as audit
from api.core.database import utcnow
from api.core.errors import NotFound, PayloadTooLarge, UnsupportedMediaType
from api.core.principal import Principal
from api.core.storage import Staged, Storage, TooLarge
from api.evidence.models import Blob, EvidenceLink
from api.evidence.sniff import (
    EXTENSIONS,
    MAX_UNPACKED_BYTES,
    ActiveContent,
    active_content,
    sniff,
)
from api.units.models import Unit

_UNSAFE = re.compile(r'[/\\:*?"<>|]+')
# An extension worth replacing: letters (and digits) after the last dot, as ".exe", ".pdf",
# ".tar"; "Quyết định 15.2024" keeps its ".2024" and gets the right extension after it.
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,9}$")
MAX_NAME = 200


def _invisible(char: str) -> bool:
    """Control characters (C0, C1) and format characters: the bidirectional controls
    (U+202A–202E, U+2066–2069, U+200E/F, U+061C) that make "gpj.exe" show as "exe.jpg",
    zero-width spaces, byte order marks."""
    return unicodedata.category(char) in ("Cc", "Cf")


def clean_filename(name: str | None, content_type: str | None = None) -> str:
    """A safe display name: no path, no control, format (bidi) or reserved characters,
    Vietnamese kept; with ``content_type`` (the sniffed one), its extension is that type's."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    base = "".join(c for c in base if not _invisible(c))
    base = _UNSAFE.sub("_", base).strip(" .")
    extensions = EXTENSIONS.get(content_type or "")
    if extensions is None:
        if len(base) > MAX_NAME:
            stem, dot, ext = base.rpartition(".")
            keep = dot and len(ext) <= 10
            base = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if keep else base[:MAX_NAME]
        return base or "tai-lieu"
    if base.lower().endswith(extensions):
        stem, _, ext = base.rpartition(".")
        ext = "." + ext
    else:
        stem, ext = _EXTENSION.sub("", base), extensions[0]
    stem = stem[: MAX_NAME - len(ext)].strip(" .") or "tai-lieu"
    return stem + ext


def download_name(link: EvidenceLink) -> str:
    """The name a file is served under: its stored name with the extension of its sniffed type
    (names stored before extensions followed the type are corrected when served)."""
    return clean_filename(link.filename, link.blob.content_type)


def _refuse_active_content(found: ActiveContent | None) -> None:
    """415 for an Office file carrying macros, an embedded program or an OLE package."""
    if found is None:
        return
    part = clean_filename(found.part)[:100]
    if found.kind == "macros":
        raise UnsupportedMediaType("evidence.macros", field="file", part=part)
    if found.kind == "embedded":
        raise UnsupportedMediaType("evidence.embedded", field="file", part=part)
    if found.kind == "unpacked":
        raise UnsupportedMediaType(
            "evidence.unpacked", field="file", max_mb=MAX_UNPACKED_BYTES // (1024 * 1024)
        )
    raise UnsupportedMediaType("evidence.type", field="file")


@dataclass(frozen=True)
class StagedFile:
    """An upload copied into the store's temporary area, hashed, its type judged from the bytes
    (None: not a type DTI Hub accepts) and its active content looked for, before any database
    transaction begins; ``store_blob`` answers for what was found."""

    staged: Staged
    content_type: str | None
    active: ActiveContent | None = None


def _judge(staged: Staged) -> tuple[str | None, ActiveContent | None]:
    """The type of the staged bytes and any active content in them (blocking: in a thread)."""
    content_type = sniff(staged.path)
    if staged.size == 0 or content_type is None:
        return content_type, None
    return content_type, active_content(staged.path, content_type)


async def stage(*, storage: Storage, source: BinaryIO, max_bytes: int) -> StagedFile:
    """Copy an upload into the store's temporary area (hashing it), judge its type and look for
    active content, in worker threads; 413 past ``max_bytes``. Work on the bytes belongs here,
    not in ``store_blob``: a route stages first, then opens its write transaction (``api.deps``).
    The caller discards the staged copy when done (``Storage.discard``; a no-op once
    ``store_blob`` kept it)."""
    try:
        staged = await to_thread.run_sync(
            functools.partial(storage.stage, source, max_bytes=max_bytes)
        )
    except TooLarge as exc:
        raise PayloadTooLarge("evidence.too_large", max_mb=max_bytes // (1024 * 1024)) from exc
    try:
        content_type, active = await to_thread.run_sync(_judge, staged)
    except BaseException:
        await to_thread.run_sync(storage.discard, staged)
        raise
    return StagedFile(staged=staged, content_type=content_type, active=active)


async def store_blob(*, session: AsyncSession, storage: Storage, file: StagedFile) -> Blob:
    """Keep staged bytes once by their SHA-256 (the same bytes again reuse the stored copy);
    415 for an empty file, a type not accepted, or Office macros and embedded programs."""
    staged = file.staged
    if staged.size == 0 or file.content_type is None:
        raise UnsupportedMediaType("evidence.empty" if staged.size == 0 else "evidence.type")
    _refuse_active_content(file.active)
    blob = await session.get(Blob, staged.sha256)
    # Same bytes already stored: commit drops the staged copy and keeps the one there.
    await to_thread.run_sync(storage.commit, staged)
    if blob is None:
        blob = Blob(sha256=staged.sha256, size=staged.size, content_type=file.content_type)
        session.add(blob)
    return blob


async def upload(
    *,
    session: AsyncSession,
    ctx: Context,
    principal: Principal,
    storage: Storage,
    indicator_code: str,
    filename: str | None,
    file: StagedFile,
) -> EvidenceLink:
    """Store a staged file once by its SHA-256 and link it to an answer."""
    if indicator_code not in ctx.indicators:
        raise NotFound("assessment.indicator_not_found", code=indicator_code)
    context.check_answer_editable(ctx, indicator_code)
    blob = await store_blob(session=session, storage=storage, file=file)
    link = EvidenceLink(
        round_id=ctx.round.id,
        unit_id=ctx.unit.id,
        indicator_code=indicator_code,
        sha256=blob.sha256,
        filename=clean_filename(filename, blob.content_type),
        uploaded_by=principal.name,
        uploaded_at=utcnow(),
        blob=blob,
    )
    session.add(link)
    await context.touch(session, ctx, context.editing_status(ctx))
    await audit.record(
        session=session,
        action="evidence.link",
        object_type="answer",
        object_id=f"{ctx.round.id}/{ctx.unit.code}/{indicator_code}",
        after={"evidence_id": link.id, "sha256": blob.sha256, "filename": link.filename},
    )
    return link


async def readable_link(
    *, session: AsyncSession, principal: Principal, evidence_id: int
) -> EvidenceLink:
    """An evidence link (unlinked ones too: history may point at them) that the caller may read:
    reading a file needs the right to read its answer; anyone else learns nothing (404)."""
    link = await session.get(EvidenceLink, evidence_id)
    if link is None:
        raise NotFound("evidence.not_found", id=evidence_id)
    unit = await session.get(Unit, link.unit_id)
    assert unit is not None
    try:
        await context.load(
            session=session,
            round_id=link.round_id,
            unit_code=unit.code,
            principal=principal,
            write=False,
        )
    except NotFound as exc:
        raise NotFound("evidence.not_found", id=evidence_id) from exc
    return link


async def unlink(
    *, session: AsyncSession, ctx: Context, principal: Principal, evidence_id: int
) -> None:
    """Detach a file from an answer; the blob stays, since history still refers to it."""
    link = await session.scalar(
        select(EvidenceLink).where(
            EvidenceLink.id == evidence_id,
            EvidenceLink.round_id == ctx.round.id,
            EvidenceLink.unit_id == ctx.unit.id,
            EvidenceLink.unlinked_at.is_(None),
            EvidenceLink.feedback_id.is_(None),
        )
    )
    if link is None:
        raise NotFound("evidence.not_found", id=evidence_id)
    context.check_answer_editable(ctx, link.indicator_code)
    link.unlinked_at = utcnow()
    link.unlinked_by = principal.name
    await context.touch(session, ctx, None)
    await audit.record(
        session=session,
        action="evidence.unlink",
        object_type="answer",
        object_id=f"{ctx.round.id}/{ctx.unit.code}/{link.indicator_code}",
        before={"evidence_id": link.id, "sha256": link.sha256, "filename": link.filename},
    )


def evidence_out(link: EvidenceLink) -> EvidenceOut:
    """An evidence link as the API shows it (with its blob's size and sniffed type)."""
    return EvidenceOut(
        id=link.id,
        sha256=link.sha256,
        filename=download_name(link),
        size=link.blob.size,
        content_type=link.blob.content_type,
        indicator_code=link.indicator_code,
        uploaded_at=link.uploaded_at,
        uploaded_by=link.uploaded_by,
    )
