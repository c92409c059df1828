"""What changed between two framework versions: metadata (levels, pillar views and provenance
among it), criteria and data elements, field by field (DIC reads it before adopting a revised
framework), with each changed criterion's max points per group and rule before and after, for the
editor's side-by-side view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.frameworks import documents
from api.frameworks.schemas import (
    CriterionDiff,
    CriterionIn,
    FieldChange,
    FrameworkDiff,
    FrameworkDocument,
    GroupMax,
)
from api.frameworks.service import get
from api.frameworks.tree import max_points_by_group


def _flat(nodes: Sequence[CriterionIn], parent: str | None = None) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for node in nodes:
        data = node.model_dump(mode="json", exclude={"children"})
        data["parent"] = parent
        data["_node"] = node
        out[node.code] = data
        out.update(_flat(node.children, node.code))
    return out


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    return [
        FieldChange(field=key, before=before.get(key), after=after.get(key))
        for key in sorted(set(before) | set(after))
        if not key.startswith("_") and before.get(key) != after.get(key)
    ]


def _group_max(before: dict[str, Any], after: dict[str, Any], groups: list[str]) -> list[GroupMax]:
    return [
        GroupMax(group=g, before=before.get(g), after=after.get(g))
        for g in groups
        if g in before or g in after
    ]


def _mark_criteria(
    diffs: list[CriterionDiff],
    before: dict[str, dict[str, Any]],
    after: dict[str, dict[str, Any]],
    base: FrameworkDocument,
    target: FrameworkDocument,
) -> list[GroupMax]:
    """Add each changed criterion's max per group and rule, before and after; the totals."""
    base_totals, base_nodes = max_points_by_group(base.criteria, base.groups)
    target_totals, target_nodes = max_points_by_group(target.criteria, target.groups)
    groups = list(dict.fromkeys([*base.groups, *target.groups]))
    for item in diffs:
        old, new = before.get(item.code), after.get(item.code)
        item.name_en = (new or old or {}).get("name_en", "")
        item.max_points_by_group = _group_max(
            base_nodes.get(item.code, {}), target_nodes.get(item.code, {}), groups
        )
        item.points_changed = any(g.before != g.after for g in item.max_points_by_group)
        item.rule_before = old["_node"].rule if old else None
        item.rule_after = new["_node"].rule if new else None
        item.rule_changed = (old or {}).get("rule") != (new or {}).get("rule")
    return _group_max(base_totals, target_totals, groups)


def _name_elements(
    diffs: list[CriterionDiff], before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> list[CriterionDiff]:
    for item in diffs:
        item.name_en = (after.get(item.code) or before.get(item.code) or {}).get("name_en", "")
    return diffs


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


def changes(
    base: FrameworkDocument, target: FrameworkDocument
) -> tuple[list[FieldChange], list[CriterionDiff], list[CriterionDiff], list[GroupMax]]:
    """What changed from one document to another: metadata, criteria (each with its max points
    per group and rule before and after), elements, and the max points per group."""
    meta_fields = {
        "code",
        "title_vi",
        "title_en",
        "legal_basis",
        "year",
        "groups",
        "levels",
        "pillar_views",
        "provenance",
    }
    meta = _changes(
        base.model_dump(mode="json", include=meta_fields),
        target.model_dump(mode="json", include=meta_fields),
    )
    elements_before = {e.code: e.model_dump(mode="json") for e in base.elements}
    elements_after = {e.code: e.model_dump(mode="json") for e in target.elements}
    criteria_before, criteria_after = _flat(base.criteria), _flat(target.criteria)
    criteria = _diff_items(criteria_before, criteria_after)
    totals = _mark_criteria(criteria, criteria_before, criteria_after, base, target)
    elements = _name_elements(
        _diff_items(elements_before, elements_after), elements_before, elements_after
    )
    return meta, criteria, elements, totals


async def diff(*, session: AsyncSession, base_id: int, target_id: int) -> FrameworkDiff:
    """What changed from one framework version to another: metadata, criteria, elements."""
    base = await documents.load_document(
        session=session, framework=await get(session=session, framework_id=base_id)
    )
    target = await documents.load_document(
        session=session, framework=await get(session=session, framework_id=target_id)
    )
    meta, criteria, elements, totals = changes(base, target)
    return FrameworkDiff(
        base_id=base_id,
        target_id=target_id,
        metadata=meta,
        criteria=criteria,
        elements=elements,
        totals=totals,
    )
