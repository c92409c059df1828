"""A framework version exported to Excel and imported back as a new draft (docs/framework-format.md
§ Excel): the workbook itself is ``sheets``; this module adds what needs the database (agency
names, group and agency codes, the code taken, the base version to compare) and writes the draft,
all or nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial

from anyio import to_thread
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.frameworks import diff, documents, service, sheets
from api.frameworks.excel_schemas import FrameworkImportDiff, FrameworkImportSummary
from api.frameworks.models import Framework
from api.frameworks.schemas import FrameworkDocument
from api.frameworks.sheets import Loc, Parsed
from api.frameworks.tree import max_points_by_group
from api.frameworks.validation import check_document
from api.units.models import Unit, UnitGroup

# Fields of the framework sheet an import may override (a new code for the draft, new titles).
OVERRIDABLE = ("code", "title_vi", "title_en")


async def export(*, session: AsyncSession, framework_id: int) -> tuple[Framework, bytes]:
    """A framework version's workbook (built in a worker thread)."""
    framework = await service.get(session=session, framework_id=framework_id)
    doc = await documents.load_document(session=session, framework=framework)
    agencies = {
        unit.code: sheets.Agency(unit.name_vi, unit.name_en)
        for unit in await session.scalars(select(Unit).where(Unit.is_provider.is_(True)))
    }
    content = await to_thread.run_sync(partial(sheets.write_workbook, doc, agencies=agencies))
    return framework, content


@dataclass
class Outcome:
    """A checked workbook: its problems (in ``parsed``), its summary, its diff against the base
    version, and the draft created from it (applied, without problems)."""

    parsed: Parsed
    summary: FrameworkImportSummary | None
    diff: FrameworkImportDiff | None
    framework: Framework | None


def summary(doc: FrameworkDocument) -> FrameworkImportSummary:
    totals, per_node = max_points_by_group(doc.criteria, doc.groups)
    leaves = 0
    stack = list(doc.criteria)
    while stack:
        node = stack.pop()
        leaves += not node.children
        stack.extend(node.children)
    return FrameworkImportSummary(
        code=doc.code,
        title_vi=doc.title_vi,
        title_en=doc.title_en,
        year=doc.year,
        groups=list(doc.groups),
        element_count=len(doc.elements),
        criteria_count=len(per_node),
        indicator_count=leaves,
        max_points_by_group=totals,
    )


async def _base(
    session: AsyncSession, base_id: int | None, file_code: str | None
) -> Framework | None:
    """The version to compare with: the one asked for, else the one whose code the file holds."""
    if base_id is not None:
        return await service.get(session=session, framework_id=base_id)
    if file_code is None:
        return None
    found: Framework | None = await session.scalar(
        select(Framework).where(Framework.code == file_code)
    )
    return found


async def check_and_apply(
    *,
    session: AsyncSession,
    parsed: Parsed,
    file_code: str | None,
    overrides: dict[str, str],
    base_id: int | None,
    dry_run: bool,
    body: bytes,
) -> Outcome:
    """Check the workbook as a whole (the document model, cross-references, the code free);
    unless ``dry_run`` or any problem, create it as a new draft version."""
    for key, value in overrides.items():
        parsed.document[key] = value
        parsed.where[key] = Loc(sheets.FRAMEWORK_SHEET, None, key)
    doc = sheets.validate(parsed)
    if doc is not None:
        known_groups = set(await session.scalars(select(UnitGroup.code)))
        known_providers = set(
            await session.scalars(select(Unit.code).where(Unit.is_provider.is_(True)))
        )
        sheets.add_field_errors(
            parsed,
            check_document(doc, known_groups=known_groups, known_providers=known_providers),
        )
        if await session.scalar(select(Framework.id).where(Framework.code == doc.code)):
            parsed.problems.append(
                sheets.Problem(parsed.locate("code"), "framework.code_taken", {"code": doc.code})
            )
    parsed.problems = sheets.sort_problems(parsed.problems)
    base = await _base(session, base_id, file_code)
    changes = None
    if doc is not None and base is not None:
        before = await documents.load_document(session=session, framework=base)
        meta, criteria, elements, _totals = diff.changes(before, doc)
        changes = FrameworkImportDiff(
            base_id=base.id,
            base_code=base.code,
            metadata=meta,
            criteria=criteria,
            elements=elements,
        )
    outcome = Outcome(parsed, summary(doc) if doc is not None else None, changes, None)
    if dry_run or parsed.problems or doc is None:
        return outcome
    # The draft comes from the version it was compared with: the editor's «So sánh» opens that diff.
    outcome.framework = await service.create(
        session=session, doc=doc, cloned_from_id=base.id if base is not None else None
    )
    await audit.record(
        session=session,
        action="framework.import_xlsx",
        object_type="framework",
        object_id=str(outcome.framework.id),
        after={
            "code": doc.code,
            "file_sha256": hashlib.sha256(body).hexdigest(),
            "base_id": base.id if base is not None else None,
        },
    )
    return outcome
