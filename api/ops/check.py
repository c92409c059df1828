"""``python -m api check``: does the evidence store hold every blob the database names?

Each ``evidence_blobs`` row is looked up in storage by its SHA-256: missing, or of another size
(``--deep`` also reads every blob and recomputes its hash). Blobs in storage that no row names
are orphans: harmless (an upload whose request failed after its bytes were stored leaves one),
reported, and never deleted here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import select

from api.core.database import READ_ONLY, make_engine
from api.core.settings import Settings
from api.core.storage import Storage, make_storage
from api.evidence.models import Blob, EvidenceLink
from api.units.models import Unit


@dataclass(frozen=True)
class LinkRef:
    """An evidence link that points at a blob (to say whose file is lost)."""

    id: int
    round_id: int
    unit_code: str
    indicator_code: str
    filename: str


@dataclass
class Problem:
    sha256: str
    kind: str  # "missing", "wrong size", "wrong hash"
    expected_size: int
    actual_size: int | None
    links: list[LinkRef] = field(default_factory=list)


@dataclass
class Report:
    blobs: int = 0
    stored: int = 0
    problems: list[Problem] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _hash_of(storage: Storage, sha256: str) -> str:
    digest = hashlib.sha256()
    for chunk in storage.iter_bytes(sha256):
        digest.update(chunk)
    return digest.hexdigest()


async def check(settings: Settings, *, deep: bool = False) -> Report:
    """Compare the database's blobs with the store's (read-only on both)."""
    engine = make_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            connection = await connection.execution_options(**{READ_ONLY: True})
            rows = await connection.execute(select(Blob.sha256, Blob.size))
            blobs = {row.sha256: row.size for row in rows}
            link_rows = await connection.execute(
                select(
                    EvidenceLink.sha256,
                    EvidenceLink.id,
                    EvidenceLink.round_id,
                    Unit.code,
                    EvidenceLink.indicator_code,
                    EvidenceLink.filename,
                )
                .join(Unit, Unit.id == EvidenceLink.unit_id)
                .order_by(EvidenceLink.id)
            )
            links: dict[str, list[LinkRef]] = {}
            for sha, link_id, round_id, unit_code, indicator, filename in link_rows:
                links.setdefault(sha, []).append(
                    LinkRef(link_id, round_id, unit_code, indicator, filename)
                )
    finally:
        await engine.dispose()

    storage = make_storage(settings)
    report = Report(blobs=len(blobs))
    for sha, size in sorted(blobs.items()):
        actual = storage.size(sha)
        kind = None
        if actual is None:
            kind = "missing"
        elif actual != size:
            kind = "wrong size"
        elif deep and _hash_of(storage, sha) != sha:
            kind = "wrong hash"
        if kind is not None:
            report.problems.append(Problem(sha, kind, size, actual, links.get(sha, [])))
    for sha in storage.iter_hashes():
        report.stored += 1
        if sha not in blobs:
            report.orphans.append(sha)
    return report


def render(report: Report, *, where: str) -> str:
    """The report as an operator reads it: one line per problem, naming the files affected."""
    lines = [f"check: {report.blobs} evidence blob(s) in the database, {report.stored} in {where}"]
    for problem in report.problems:
        found = "" if problem.actual_size is None else f", {problem.actual_size} stored"
        lines.append(
            f"{problem.kind.upper()}: {problem.sha256} ({problem.expected_size} bytes{found})"
        )
        lines.extend(
            f"  evidence {ref.id}: round {ref.round_id}, unit {ref.unit_code}, indicator "
            f"{ref.indicator_code}, {ref.filename!r}"
            for ref in problem.links
        )
    lines.extend(f"ORPHAN: {sha} (in storage, named by no row; harmless)" for sha in report.orphans)
    counts = {
        kind: sum(1 for p in report.problems if p.kind == kind)
        for kind in ("missing", "wrong size", "wrong hash")
    }
    lines.append(
        f"check: {counts['missing']} missing, {counts['wrong size']} of the wrong size, "
        f"{counts['wrong hash']} with the wrong hash, {len(report.orphans)} orphan(s)"
        + ("" if report.problems else " — ok")
    )
    if report.problems:
        lines.append(
            "check: put the files back from a backup (`python -m api restore --blobs-only "
            "<backup>` leaves the database alone) or ask their units to upload them again"
        )
    return "\n".join(lines)
