"""A framework version's rows <-> its document (the format of docs/framework-format.md): read in
two queries, written level by level (parents need ids before their children)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.frameworks.models import Criterion, DataElement, Framework
from api.frameworks.schemas import CriterionIn, FrameworkDocument


async def load_document(*, session: AsyncSession, framework: Framework) -> FrameworkDocument:
    """The framework as a document (two queries: elements, criteria)."""
    element_rows = await session.scalars(
        select(DataElement)
        .where(DataElement.framework_id == framework.id)
        .order_by(DataElement.position)
    )
    criterion_rows = list(
        await session.scalars(
            select(Criterion)
            .where(Criterion.framework_id == framework.id)
            .order_by(Criterion.position)
        )
    )
    children: dict[int | None, list[Criterion]] = {}
    for row in criterion_rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(row: Criterion) -> dict[str, Any]:
        return {
            "code": row.code,
            "name_vi": row.name_vi,
            "name_en": row.name_en,
            "groups": row.groups,
            "weight": row.weight,
            "max_points": row.max_points,
            "inputs": row.inputs,
            "rule": row.rule,
            "not_applicable_when_missing": row.not_applicable_when_missing,
            "evidence_required": row.evidence_required,
            "guidance": row.guidance,
            "provenance": row.provenance,
            "children": [build(child) for child in children.get(row.id, [])],
        }

    return FrameworkDocument.model_validate(
        {
            "code": framework.code,
            "title_vi": framework.title_vi,
            "title_en": framework.title_en,
            "legal_basis": framework.legal_basis,
            "year": framework.year,
            "groups": framework.groups,
            "elements": [
                {
                    "code": e.code,
                    "name_vi": e.name_vi,
                    "name_en": e.name_en,
                    "value_type": e.value_type,
                    "options": e.options,
                    "min": e.min_value,
                    "max": e.max_value,
                    "unit": e.unit_of_measure,
                    "source": e.source,
                    "provider_code": e.provider_code,
                }
                for e in element_rows
            ],
            "criteria": [build(row) for row in children.get(None, [])],
            "levels": framework.levels,
            "pillar_views": framework.pillar_views,
            "provenance": framework.provenance,
        }
    )


async def write_document(
    session: AsyncSession, framework: Framework, doc: FrameworkDocument
) -> None:
    """Replace the framework's metadata, elements and criteria with the document's."""
    await session.execute(delete(Criterion).where(Criterion.framework_id == framework.id))
    await session.execute(delete(DataElement).where(DataElement.framework_id == framework.id))
    framework.code = doc.code
    framework.title_vi = doc.title_vi
    framework.title_en = doc.title_en
    framework.legal_basis = doc.legal_basis
    framework.year = doc.year
    framework.groups = list(doc.groups)
    framework.levels = (
        [item.model_dump(mode="json", exclude_none=True) for item in doc.levels]
        if doc.levels is not None
        else None
    )
    framework.pillar_views = (
        [item.model_dump(mode="json", exclude_none=True) for item in doc.pillar_views]
        if doc.pillar_views is not None
        else None
    )
    framework.provenance = (
        doc.provenance.model_dump(mode="json", exclude_none=True) if doc.provenance else None
    )
    for position, element in enumerate(doc.elements):
        session.add(
            DataElement(
                framework_id=framework.id,
                position=position,
                code=element.code,
                name_vi=element.name_vi,
                name_en=element.name_en,
                value_type=element.value_type,
                options=[o.model_dump() for o in element.options] if element.options else None,
                min_value=element.min,
                max_value=element.max,
                unit_of_measure=element.unit,
                source=element.source,
                provider_code=element.provider_code,
            )
        )
    order = {code: i for i, code in enumerate(preorder_codes(doc.criteria))}
    level: list[tuple[int | None, CriterionIn]] = [(None, node) for node in doc.criteria]
    while level:
        rows: list[tuple[Criterion, CriterionIn]] = []
        for parent_id, node in level:
            row = Criterion(
                framework_id=framework.id,
                parent_id=parent_id,
                position=order[node.code],
                code=node.code,
                name_vi=node.name_vi,
                name_en=node.name_en,
                max_points=node.max_points,
                weight=node.weight,
                groups=list(node.groups) if node.groups is not None else None,
                rule=node.rule.model_dump(mode="json", exclude_none=True),
                inputs=[ref.model_dump() for ref in node.inputs],
                not_applicable_when_missing=node.not_applicable_when_missing,
                evidence_required=node.evidence_required,
                guidance=node.guidance.model_dump(exclude_none=True),
                provenance=(
                    node.provenance.model_dump(mode="json", exclude_none=True)
                    if node.provenance
                    else None
                ),
            )
            session.add(row)
            rows.append((row, node))
        await session.flush()  # parents need ids before their children are written
        level = [(row.id, child) for row, node in rows for child in node.children]


def preorder_codes(nodes: Sequence[CriterionIn]) -> list[str]:
    codes: list[str] = []
    for node in nodes:
        codes.append(node.code)
        codes.extend(preorder_codes(node.children))
    return codes
