"""Framework versions: import, editing while not frozen (a round uses it), cloning, status moves,
listing with summaries, and the criteria tree with max points per group."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.core.errors import (
    Conflict,
    FieldError,
    Invalid,
    NotFound,
    PreconditionFailed,
    validation_failed,
)
from api.frameworks import compiled, documents
from api.frameworks.models import Criterion, DataElement, Framework, FrameworkStatus
from api.frameworks.schemas import CriterionOut, CriterionPatch, FrameworkDocument
from api.frameworks.tree import RowNode, max_points_by_group, tree_out
from api.frameworks.validation import check_document
from api.rounds.models import Round
from api.units.models import Unit, UnitGroup

# Status moves DIC may make; a framework in use by a round cannot go back to draft.
STATUS_MOVES: dict[FrameworkStatus, frozenset[FrameworkStatus]] = {
    FrameworkStatus.draft: frozenset({FrameworkStatus.active}),
    FrameworkStatus.active: frozenset({FrameworkStatus.retired, FrameworkStatus.draft}),
    FrameworkStatus.retired: frozenset({FrameworkStatus.active}),
}


async def criteria_tree(
    *, session: AsyncSession, framework_id: int, group: str | None = None
) -> list[CriterionOut]:
    """The criteria tree with each node's max per group; with ``group``, only what applies to it."""
    framework = await get(session=session, framework_id=framework_id)
    if group is not None and group not in framework.groups:
        raise Invalid("framework.unknown_group", field="group", code=group)
    built = await compiled.load(session=session, framework=framework)
    return tree_out(built.doc.criteria, built.per_node, built.elements, group)


async def _problems(session: AsyncSession, doc: FrameworkDocument) -> list[FieldError]:
    known_groups = set(await session.scalars(select(UnitGroup.code)))
    known_providers = set(
        await session.scalars(select(Unit.code).where(Unit.is_provider.is_(True)))
    )
    return check_document(doc, known_groups=known_groups, known_providers=known_providers)


async def _validate(session: AsyncSession, doc: FrameworkDocument) -> None:
    errors = await _problems(session, doc)
    if errors:
        raise validation_failed(errors)


# --- queries and commands -------------------------------------------------------------------


async def is_frozen(*, session: AsyncSession, framework_id: int) -> bool:
    """Whether a round uses the framework (then it can no longer be edited)."""
    return bool(await session.scalar(select(exists().where(Round.framework_id == framework_id))))


async def frozen_ids(*, session: AsyncSession, ids: Sequence[int]) -> set[int]:
    """The ids among ``ids`` that a round uses."""
    return set(await session.scalars(select(Round.framework_id).where(Round.framework_id.in_(ids))))


async def get(*, session: AsyncSession, framework_id: int) -> Framework:
    """A framework by id, or 404."""
    framework = await session.get(Framework, framework_id)
    if framework is None:
        raise NotFound("framework.not_found", id=framework_id)
    return framework


async def list_frameworks(
    *,
    session: AsyncSession,
    limit: int,
    offset: int,
    status: str | None = None,
    year: int | None = None,
) -> tuple[list[Framework], int]:
    """Framework versions, newest year first."""
    query = select(Framework)
    if status is not None:
        query = query.where(Framework.status == status)
    if year is not None:
        query = query.where(Framework.year == year)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(Framework.year.desc(), Framework.id).limit(limit).offset(offset)
    )
    return list(rows), total


async def _ensure_code_free(session: AsyncSession, code: str, own_id: int | None = None) -> None:
    other = await session.scalar(select(Framework.id).where(Framework.code == code))
    if other is not None and other != own_id:
        raise Conflict("framework.code_taken", code=code)


async def create(
    *,
    session: AsyncSession,
    doc: FrameworkDocument,
    status: FrameworkStatus = FrameworkStatus.draft,
    cloned_from_id: int | None = None,
) -> Framework:
    """Import a framework document as a new version (a draft unless told otherwise)."""
    await _ensure_code_free(session, doc.code)
    await _validate(session, doc)
    framework = Framework(
        code=doc.code,
        title_vi=doc.title_vi,
        title_en=doc.title_en,
        year=doc.year,
        groups=list(doc.groups),
        status=status,
        cloned_from_id=cloned_from_id,
        revision=1,
    )
    session.add(framework)
    await session.flush()
    await documents.write_document(session, framework, doc)
    await audit.record(
        session=session,
        action="framework.create",
        object_type="framework",
        object_id=str(framework.id),
        after={**_fingerprint(doc), "status": status.value, "cloned_from_id": cloned_from_id},
    )
    return framework


def _fingerprint(doc: FrameworkDocument) -> dict[str, Any]:
    """What the audit trail keeps of a document: its code and the SHA-256 of its content (the
    versions themselves stay in the database, and the diff endpoint compares them)."""
    canonical = json.dumps(doc.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return {"code": doc.code, "sha256": hashlib.sha256(canonical.encode()).hexdigest()}


def etag(framework: Framework) -> str:
    """The entity tag of a framework's current revision."""
    return f'"framework-{framework.id}-r{framework.revision}"'


async def _editable(session: AsyncSession, framework_id: int, if_match: str | None) -> Framework:
    framework = await get(session=session, framework_id=framework_id)
    if await is_frozen(session=session, framework_id=framework.id):
        raise Conflict("framework.frozen", code=framework.code)
    # Activating freezes a version for editing: rounds may take it from then on. To change it,
    # return it to draft while no round uses it, or clone it.
    if framework.status != FrameworkStatus.draft:
        raise Conflict("framework.not_draft", code=framework.code, status=framework.status.value)
    if if_match is not None and if_match.strip() not in (etag(framework), "*"):
        raise PreconditionFailed("framework.stale", etag=etag(framework))
    return framework


async def replace(
    *, session: AsyncSession, framework_id: int, doc: FrameworkDocument, if_match: str | None
) -> Framework:
    """Replace a draft's whole document; 409 once active or used by a round."""
    framework = await _editable(session, framework_id, if_match)
    await _ensure_code_free(session, doc.code, framework.id)
    await _validate(session, doc)
    before = _fingerprint(await documents.load_document(session=session, framework=framework))
    await documents.write_document(session, framework, doc)
    framework.revision += 1
    await session.flush()
    await audit.record(
        session=session,
        action="framework.replace",
        object_type="framework",
        object_id=str(framework.id),
        before=before,
        after={**_fingerprint(doc), "revision": framework.revision},
    )
    return framework


def _find(nodes: list[dict[str, Any]], code: str, path: str) -> tuple[dict[str, Any], str] | None:
    for index, node in enumerate(nodes):
        here = f"{path}[{index}]"
        if node["code"] == code:
            return node, here
        found = _find(node.get("children", []), code, f"{here}.children")
        if found:
            return found
    return None


async def patch_criterion(
    *,
    session: AsyncSession,
    framework_id: int,
    code: str,
    patch: CriterionPatch,
    if_match: str | None,
) -> Framework:
    """Change one criterion; the whole framework is re-validated, errors name the patch's fields."""
    framework = await _editable(session, framework_id, if_match)
    doc = (await documents.load_document(session=session, framework=framework)).model_dump(
        mode="json"
    )
    found = _find(doc["criteria"], code, "criteria")
    if found is None:
        raise NotFound("criterion.not_found", code=code)
    node, node_path = found
    before = {k: v for k, v in node.items() if k != "children"}
    node.update(patch.model_dump(mode="json", exclude_unset=True))
    new_doc = FrameworkDocument.model_validate(doc)
    errors = await _problems(session, new_doc)
    if errors:
        # Report fields relative to the criterion the client patched.
        for error in errors:
            if error.field.startswith(node_path + "."):
                error.field = error.field[len(node_path) + 1 :]
        raise validation_failed(errors)
    await documents.write_document(session, framework, new_doc)
    framework.revision += 1
    await session.flush()
    await audit.record(
        session=session,
        action="criterion.update",
        object_type="criterion",
        object_id=f"{framework.id}/{code}",
        before=before,
        after={k: v for k, v in node.items() if k != "children"},
    )
    return framework


async def clone(
    *,
    session: AsyncSession,
    framework_id: int,
    code: str,
    title_vi: str | None,
    title_en: str | None,
    year: int | None,
) -> Framework:
    """A new draft version copied from a framework (the way to revise a frozen one)."""
    source = await get(session=session, framework_id=framework_id)
    doc = await documents.load_document(session=session, framework=source)
    copy = doc.model_copy(
        update={
            "code": code,
            "title_vi": title_vi or doc.title_vi,
            "title_en": title_en or doc.title_en,
            "year": year or doc.year,
        }
    )
    return await create(session=session, doc=copy, cloned_from_id=source.id)


async def set_status(
    *, session: AsyncSession, framework_id: int, status: FrameworkStatus
) -> Framework:
    """Activate, retire or (when unused) return a framework to draft; 409 on other moves."""
    framework = await get(session=session, framework_id=framework_id)
    allowed = STATUS_MOVES[framework.status]
    back_to_draft = status == FrameworkStatus.draft
    if status not in allowed or (
        back_to_draft and await is_frozen(session=session, framework_id=framework.id)
    ):
        raise Conflict("framework.status_move", current=framework.status.value, target=status.value)
    await audit.record(
        session=session,
        action="framework.status",
        object_type="framework",
        object_id=str(framework.id),
        before={"status": framework.status.value},
        after={"status": status.value},
    )
    framework.status = status
    framework.revision += 1
    await session.flush()
    return framework


async def delete_framework(*, session: AsyncSession, framework_id: int) -> None:
    """Delete a framework that no round uses."""
    framework = await get(session=session, framework_id=framework_id)
    if await is_frozen(session=session, framework_id=framework.id):
        raise Conflict("framework.in_use", code=framework.code)
    await audit.record(
        session=session,
        action="framework.delete",
        object_type="framework",
        object_id=str(framework.id),
        before={"code": framework.code},
    )
    await session.delete(framework)
    await session.flush()


@dataclass(frozen=True)
class Summary:
    """What a framework listing shows besides the row: totals, counts, frozen."""

    max_points_by_group: dict[str, Decimal]
    criteria_count: int
    indicator_count: int
    element_count: int
    is_frozen: bool


async def summaries(
    *, session: AsyncSession, frameworks: Sequence[Framework]
) -> dict[int, Summary]:
    """Summaries of many frameworks in three queries, whatever their number."""
    ids = [f.id for f in frameworks]
    rows = await session.execute(
        select(
            Criterion.framework_id,
            Criterion.id,
            Criterion.parent_id,
            Criterion.groups,
            Criterion.weight,
            Criterion.max_points,
        ).where(Criterion.framework_id.in_(ids))
    )
    by_framework: dict[int, list[Any]] = {i: [] for i in ids}
    for row in rows.all():
        by_framework[row.framework_id].append(row)
    element_counts = dict(
        (
            await session.execute(
                select(DataElement.framework_id, func.count())
                .where(DataElement.framework_id.in_(ids))
                .group_by(DataElement.framework_id)
            )
        ).all()
    )
    frozen = await frozen_ids(session=session, ids=ids)
    result = {}
    for framework in frameworks:
        rows_of = by_framework[framework.id]
        nodes = {
            row.id: RowNode(str(row.id), row.groups, row.weight, row.max_points) for row in rows_of
        }
        roots: list[RowNode] = []
        for row in rows_of:
            (nodes[row.parent_id].children if row.parent_id else roots).append(nodes[row.id])
        totals, _ = max_points_by_group(roots, framework.groups)
        result[framework.id] = Summary(
            max_points_by_group=totals,
            criteria_count=len(rows_of),
            indicator_count=sum(1 for node in nodes.values() if not node.children),
            element_count=int(element_counts.get(framework.id, 0)),
            is_frozen=framework.id in frozen,
        )
    return result
