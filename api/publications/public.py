"""The public read side: stored bytes kept in memory, and the bodies built from publications.

Published bytes never change, so a worker may keep them. ``PublicCache`` holds each version for
good (least recently used out past ``capacity``) and remembers which version is a round's latest for
``ttl`` seconds; publishing in this worker forgets it at once, other workers notice within the TTL
(the same order as the ``max-age`` the responses carry, which CDNs and browsers honour anyway).
The database stays the one source of truth: nothing here is needed by another worker.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.database import read_only
from api.core.errors import NotFound
from api.core.xlsx import XLSX_TYPE
from api.frameworks import compiled
from api.frameworks import service as frameworks
from api.publications import service
from api.publications.models import Publication
from api.publications.render import canonical
from api.publications.schemas import (
    PublicMethodology,
    PublicRoundItem,
    PublicRoundList,
    PublicUnitHistory,
    PublicVersion,
)
from api.results.models import ScoreRun
from api.rounds.models import Round
from api.units.models import Unit, UnitGroup

CENT = Decimal("0.01")
SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]


KINDS = {
    "json": ("application/json", "document"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": (XLSX_TYPE, "xlsx"),
}
Head = list[tuple[bytes, bytes]]


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, as RFC 9110 asks)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


@dataclass(frozen=True)
class Served:
    """One publication's bytes and what its responses say about them."""

    round_id: int
    version: int
    content_hash: str
    published_at: dt.datetime
    document: bytes
    csv: bytes
    xlsx: bytes
    filename: str
    # Response heads, built once per (kind, Cache-Control): they never change either.
    _heads: dict[tuple[str, str], tuple[str, Head, Head]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def answer(
        self, kind: str, cache_control: str, if_none_match: str | None
    ) -> tuple[int, Head, bytes]:
        """(status, raw headers, body) of the answer: 200 with the bytes, or 304."""
        media_type, attribute = KINDS[kind]
        body: bytes = getattr(self, attribute)
        head = self._heads.get((kind, cache_control))
        if head is None:
            etag = f'"{self.content_hash}"' if kind == "json" else f'"{self.content_hash}-{kind}"'
            common = [(b"etag", etag.encode()), (b"cache-control", cache_control.encode())]
            full = [
                (b"content-length", str(len(body)).encode()),
                (b"content-type", media_type.encode()),
                *common,
                (
                    b"last-modified",
                    email.utils.format_datetime(self.published_at, usegmt=True).encode(),
                ),
                (b"x-content-hash", self.content_hash.encode()),
                (b"x-publication-version", str(self.version).encode()),
            ]
            if kind != "json":
                disposition = f'attachment; filename="{self.filename}.{kind}"'
                full.append((b"content-disposition", disposition.encode()))
            head = self._heads[(kind, cache_control)] = (etag, full, common)
        etag, full, common = head
        if matches(if_none_match, etag):
            return 304, common, b""
        return 200, full, body

    @classmethod
    def of(cls, row: Publication, year: int) -> Served:
        return cls(
            round_id=row.round_id,
            version=row.version,
            content_hash=row.content_hash,
            published_at=row.published_at,
            document=row.document,
            csv=row.csv,
            xlsx=row.xlsx,
            filename=f"dti-{year}-r{row.round_id}-v{row.version}",
        )


class PublicCache:
    """Publications' bytes by (round, version), and each round's latest version for a while."""

    def __init__(self, *, ttl: float = 10.0, capacity: int = 64) -> None:
        self.ttl = ttl
        self.capacity = capacity
        self._versions: OrderedDict[tuple[int, int], Served] = OrderedDict()
        self._latest: OrderedDict[int, tuple[float, int | None]] = OrderedDict()
        self._documents: dict[int, dict[str, Any]] = {}
        self._generations: dict[int, int] = {}

    def parsed(self, row: Publication) -> dict[str, Any]:
        """A publication's document, parsed once."""
        document = self._documents.get(row.id)
        if document is None:
            if len(self._documents) >= 4 * self.capacity:
                self._documents.clear()
            document = self._documents[row.id] = service.parse(row.document)
        return document

    def forget(self, round_id: int) -> None:
        """A new version was published (and committed) here: read the latest again next time.

        A read that began before the commit must not store what it saw afterwards: it checks the
        round's generation, which this bumps, before storing."""
        self._latest.pop(round_id, None)
        self._generations[round_id] = self._generations.get(round_id, 0) + 1

    def _keep(self, served: Served) -> Served:
        key = (served.round_id, served.version)
        self._versions[key] = served
        self._versions.move_to_end(key)
        while len(self._versions) > self.capacity:
            self._versions.popitem(last=False)
        return served

    def peek(self, round_id: int, version: int | None) -> Served | None:
        """What can be served without the database: a known version, or the latest while fresh."""
        if version is None:
            known = self._latest.get(round_id)
            if known is None or known[1] is None or known[0] <= time.monotonic():
                return None
            version = known[1]
        return self._versions.get((round_id, version))

    async def latest(self, round_id: int, sessions: SessionFactory) -> Served:
        """The round's newest publication, or 404."""
        known = self._latest.get(round_id)
        if known is not None and known[0] > time.monotonic():
            version = known[1]
            if version is None:
                raise NotFound("publication.not_found", id=round_id)
            served = self._versions.get((round_id, version))
            if served is not None:
                self._versions.move_to_end((round_id, version))
                return served
        generation = self._generations.get(round_id, 0)
        async with read_only(sessions) as session:  # a cache fill never takes the write lock
            row = await service.latest(session=session, round_id=round_id, with_bytes=True)
            served = None if row is None else Served.of(row, await _year(session, round_id))
        if generation != self._generations.get(round_id, 0):
            if served is None:  # published meanwhile: ask again rather than answer 404
                return await self.latest(round_id, sessions)
            return served  # answer it, but do not remember it as the latest
        self._latest[round_id] = (
            time.monotonic() + self.ttl,
            None if served is None else served.version,
        )
        while len(self._latest) > 4 * self.capacity:
            self._latest.popitem(last=False)
        if served is None:
            raise NotFound("publication.not_found", id=round_id)
        return self._keep(served)

    async def version(self, round_id: int, version: int, sessions: SessionFactory) -> Served:
        """A given version of the round's results (they never change), or 404."""
        served = self._versions.get((round_id, version))
        if served is not None:
            self._versions.move_to_end((round_id, version))
            return served
        async with read_only(sessions) as session:  # a cache fill never takes the write lock
            row = await service.get_version(session=session, round_id=round_id, version=version)
            return self._keep(Served.of(row, await _year(session, round_id)))


async def _year(session: AsyncSession, round_id: int) -> int:
    return int(await session.scalar(select(Round.year).where(Round.id == round_id)) or 0)


def _version(row: Publication) -> PublicVersion:
    return PublicVersion(
        version=row.version,
        content_hash=row.content_hash,
        published_at=row.published_at,
        reason=row.reason,
    )


async def round_list(*, session: AsyncSession) -> PublicRoundList:
    """Every round with published results, newest first, with its versions."""
    items = []
    for round_, rows in await service.published_rounds(session=session):
        newest = rows[0]
        items.append(
            PublicRoundItem(
                id=round_.id,
                year=round_.year,
                title_vi=round_.title_vi,
                title_en=round_.title_en,
                is_demo=round_.is_demo,
                framework_code=round_.framework.code,
                groups=sorted({p.group.code for p in round_.participants}),
                latest=_version(newest),
                versions=[_version(r) for r in rows],
            )
        )
    return PublicRoundList(items=items, total=len(items))


async def unit_history(
    *, session: AsyncSession, code: str, cache: PublicCache
) -> PublicUnitHistory:
    """A unit's published results across rounds, and apart from them those of the units it
    replaced (a ward formed from parts of a district): another unit's scores are never shown as
    this unit's own, only as its predecessor area's, labelled."""
    unit, ancestors = await service.lineage(session=session, code=code)
    by_code = {a.unit.code: a for a in ancestors}
    own: list[dict[str, Any]] = []
    theirs: list[dict[str, Any]] = []
    for row in await service.latest_per_round(session=session):
        for entry in service.unit_entries(row, cache.parsed(row), {unit.code} | set(by_code)):
            if entry["unit_code"] == unit.code:
                own.append(entry)
            else:
                theirs.append(entry | {"share": by_code[entry["unit_code"]].share})
    if not own and not theirs and not ancestors:
        raise NotFound("publication.unit_not_found", code=code)
    own.sort(key=service.sort_key)
    theirs.sort(key=service.sort_key)

    def ref(u: Unit) -> dict[str, str]:
        return {"code": u.code, "name_vi": u.name_vi, "name_en": u.name_en, "kind": u.kind}

    return PublicUnitHistory.model_validate(
        {
            "unit": ref(unit),
            "predecessors": [
                ref(a.unit) | {"share": a.share, "effective_on": a.effective_on, "note": a.note}
                for a in ancestors
            ],
            "history": own,
            "predecessor_history": theirs,
        }
    )


async def methodology(*, session: AsyncSession, round_id: int) -> PublicMethodology:
    """How a published round is scored: its framework's criteria, rules and guidance."""
    row = await service.latest(session=session, round_id=round_id)
    round_ = await session.get(Round, round_id)
    if row is None or round_ is None:
        raise NotFound("publication.not_found", id=round_id)
    run = await session.get(ScoreRun, row.score_run_id)
    assert run is not None  # a publication's run cannot be deleted (RESTRICT)
    framework = round_.framework
    built = await compiled.load(session=session, framework=framework)
    doc, maxima = built.doc, built.totals
    group_codes = sorted({p.group.code for p in round_.participants})
    groups = {
        g.code: g
        for g in await session.scalars(select(UnitGroup).where(UnitGroup.code.in_(group_codes)))
    }
    provider_codes = {e.provider_code for e in doc.elements if e.provider_code}
    providers = {
        u.code: {"name_vi": u.name_vi, "name_en": u.name_en}
        for u in await session.scalars(select(Unit).where(Unit.code.in_(provider_codes)))
    }
    criteria = await frameworks.criteria_tree(session=session, framework_id=framework.id)
    return PublicMethodology.model_validate(
        {
            "round": service.round_ref(round_),
            "framework": service.framework_ref(round_, run.framework_revision),
            "groups": [
                {
                    "code": code,
                    "name_vi": groups[code].name_vi if code in groups else code,
                    "name_en": groups[code].name_en if code in groups else code,
                    "max_points": str(Decimal(maxima.get(code, 0)).quantize(CENT)),
                }
                for code in group_codes
            ],
            "providers": providers,
            "elements": [e.model_dump(mode="json") for e in doc.elements],
            "criteria": [c.model_dump(mode="json") for c in criteria],
        }
    )


async def detail(*, session: AsyncSession, round_id: int, version: int | None) -> tuple[bytes, str]:
    """A version's per-criterion points as canonical JSON, and its SHA-256."""
    if version is None:
        row = await service.latest(session=session, round_id=round_id, with_bytes=True)
        if row is None:
            raise NotFound("publication.not_found", id=round_id)
    else:
        row = await service.get_version(session=session, round_id=round_id, version=version)
    data = canonical(row.detail)  # keys sorted: the same bytes whatever order JSONB keeps
    return data, hashlib.sha256(data).hexdigest()


def body_and_etag(model: Any) -> tuple[bytes, str]:
    """A dynamic public body, canonical, with a strong ETag over its bytes."""
    data = canonical(model.model_dump(mode="json"))
    return data, f'"{hashlib.sha256(data).hexdigest()}"'
