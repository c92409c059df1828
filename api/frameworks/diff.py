"""What changed between two framework versions: metadata (levels, pillar views and provenance
among it), criteria and data elements, field by field (DIC reads it before adopting a revised
framework)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.frameworks import documents
from api.frameworks.schemas import CriterionDiff, CriterionIn, FieldChange, FrameworkDiff
from api.frameworks.service import get


def _flat(nodes: Sequence[CriterionIn], parent: str | None = None) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for node in nodes:
        data = node.model_dump(mode="json", exclude={"children"})
        data["parent"] = parent
        out[node.code] = data
        out.update(_flat(node.children, node.code))
    return out


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    return [
        FieldChange(field=key, before=before.get(key), after=after.get(key))
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]


def _diff_items(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> list[CriterionDiff]:
    diffs: list[CriterionDiff] = []
    for code in list(before) + [c for c in after if c not in before]:
        if code not in after:
            diffs.append(
                CriterionDiff(
                    code=code, change="removed", name_vi=before[code]["name_vi"], fields=[]
                )
            )
        elif code not in before:
            diffs.append(
                CriterionDiff(code=code, change="added", name_vi=after[code]["name_vi"], fields=[])
            )
        else:
            fields = _changes(before[code], after[code])
            if fields:
                diffs.append(
                    CriterionDiff(
                        code=code, change="changed", name_vi=after[code]["name_vi"], fields=fields
                    )
                )
    return diffs


async def diff(*, session: AsyncSession, base_id: int, target_id: int) -> FrameworkDiff:
    """What changed from one framework version to another: metadata, criteria, elements."""
    base = await documents.load_document(
        session=session, framework=await get(session=session, framework_id=base_id)
    )
    target = await documents.load_document(
        session=session, framework=await get(session=session, framework_id=target_id)
    )
    meta_fields = (
        "code",
        "title_vi",
        "title_en",
        "legal_basis",
        "year",
        "groups",
        "levels",
        "pillar_views",
        "provenance",
    )
    meta = _changes(
        base.model_dump(mode="json", include=set(meta_fields)),
        target.model_dump(mode="json", include=set(meta_fields)),
    )
    elements_before = {e.code: e.model_dump(mode="json") for e in base.elements}
    elements_after = {e.code: e.model_dump(mode="json") for e in target.elements}
    return FrameworkDiff(
        base_id=base_id,
        target_id=target_id,
        metadata=meta,
        criteria=_diff_items(_flat(base.criteria), _flat(target.criteria)),
        elements=_diff_items(elements_before, elements_after),
    )
