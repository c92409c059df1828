"""Uploading, listing, downloading and unlinking evidence files of an answer."""

from __future__ import annotations

import functools
import re
import unicodedata
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
from api.core.storage import Storage, TooLarge
from api.evidence.models import Blob, EvidenceLink
from api.evidence.sniff import sniff
from api.units.models import Unit

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def clean_filename(name: str | None) -> str:
    """A safe display name: no path, no control or reserved characters, Vietnamese kept."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE.sub("_", base).strip(" .")
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 200 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:200]
    return base or "tai-lieu"


async def store_blob(
    *, session: AsyncSession, storage: Storage, source: BinaryIO, max_bytes: int
) -> Blob:
    """Keep the bytes once by their SHA-256 (the same bytes again reuse the stored copy), with
    their type judged from the bytes; 413 past ``max_bytes``, 415 for a type not accepted."""
    try:
        staged = await to_thread.run_sync(
            functools.partial(storage.stage, source, max_bytes=max_bytes)
        )
    except TooLarge as exc:
        raise PayloadTooLarge("evidence.too_large", max_mb=max_bytes // (1024 * 1024)) from exc
    try:
        content_type = await to_thread.run_sync(sniff, staged.path)
        if staged.size == 0 or content_type is None:
            raise UnsupportedMediaType("evidence.empty" if staged.size == 0 else "evidence.type")
        blob = await session.get(Blob, staged.sha256)
        # Same bytes already stored: commit drops the staged copy and keeps the one there.
        await to_thread.run_sync(storage.commit, staged)
        if blob is None:
            blob = Blob(sha256=staged.sha256, size=staged.size, content_type=content_type)
            session.add(blob)
    except BaseException:
        await to_thread.run_sync(storage.discard, staged)
        raise
    return blob


async def upload(
    *,
    session: AsyncSession,
    ctx: Context,
    principal: Principal,
    storage: Storage,
    indicator_code: str,
    filename: str | None,
    source: BinaryIO,
    max_bytes: int,
) -> EvidenceLink:
    """Store a file once by its SHA-256 and link it to an answer; type judged from the bytes."""
    if indicator_code not in ctx.indicators:
        raise NotFound("assessment.indicator_not_found", code=indicator_code)
    context.check_answer_editable(ctx, indicator_code)
    blob = await store_blob(session=session, storage=storage, source=source, max_bytes=max_bytes)
    link = EvidenceLink(
        round_id=ctx.round.id,
        unit_id=ctx.unit.id,
        indicator_code=indicator_code,
        sha256=blob.sha256,
        filename=clean_filename(filename),
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
        filename=link.filename,
        size=link.blob.size,
        content_type=link.blob.content_type,
        indicator_code=link.indicator_code,
        uploaded_at=link.uploaded_at,
        uploaded_by=link.uploaded_by,
    )
