"""The criteria tree's arithmetic: each node's max points per ranking group (a criterion may apply
to some groups only), the indicators (leaves) a group answers, and the elements they read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from api.frameworks.schemas import (
    CriterionIn,
    CriterionOut,
    DataElementIn,
    InputOut,
)


class TreeNode(Protocol):
    """What max-point arithmetic needs of a criterion (a document node or a database row)."""

    @property
    def code(self) -> str: ...
    @property
    def groups(self) -> Sequence[str] | None: ...
    @property
    def weight(self) -> Decimal: ...
    @property
    def max_points(self) -> Decimal | None: ...
    @property
    def children(self) -> Sequence[TreeNode]: ...


@dataclass
class RowNode:
    code: str
    groups: list[str] | None
    weight: Decimal
    max_points: Decimal | None
    children: list[RowNode] = field(default_factory=list)


def max_points_by_group(
    nodes: Sequence[TreeNode], groups: Iterable[str]
) -> tuple[dict[str, Decimal], dict[str, dict[str, Decimal]]]:
    """The framework's total max per group, and every criterion's max per group it applies to."""
    per_node: dict[str, dict[str, Decimal]] = {}

    def visit(node: TreeNode, parent_groups: set[str]) -> dict[str, Decimal]:
        applies = set(node.groups) & parent_groups if node.groups is not None else parent_groups
        if node.children:
            result = {g: Decimal(0) for g in applies}
            for child in node.children:
                for group, value in visit(child, applies).items():
                    result[group] += child.weight * value
        else:
            result = {g: node.max_points or Decimal(0) for g in applies}
        per_node[node.code] = {g: result[g] for g in sorted(result)}
        return result

    all_groups = set(groups)
    totals = {g: Decimal(0) for g in sorted(all_groups)}
    for top in nodes:
        for group, value in visit(top, all_groups).items():
            totals[group] += top.weight * value
    return totals, per_node


def applicable_leaves(
    nodes: Sequence[CriterionIn], group: str, per_node: dict[str, dict[str, Decimal]]
) -> dict[str, CriterionIn]:
    """The indicators (leaves) of ``nodes`` that apply to ``group``, by code, in tree order."""
    found: dict[str, CriterionIn] = {}
    for node in nodes:
        if group not in per_node.get(node.code, {}):
            continue
        if node.children:
            found.update(applicable_leaves(node.children, group, per_node))
        else:
            found[node.code] = node
    return found


def tree_out(
    nodes: list[CriterionIn],
    per_node: dict[str, dict[str, Decimal]],
    elements: dict[str, DataElementIn],
    group: str | None,
) -> list[CriterionOut]:
    out = []
    for node in nodes:
        maxima = per_node[node.code]
        if group is not None and group not in maxima:
            continue
        inputs = []
        for ref in node.inputs:
            element = elements[ref.element_code]
            inputs.append(
                InputOut(
                    name=ref.name,
                    element_code=ref.element_code,
                    value_type=element.value_type,
                    source=element.source,
                    provider_code=element.provider_code,
                )
            )
        out.append(
            CriterionOut(
                code=node.code,
                name_vi=node.name_vi,
                name_en=node.name_en,
                is_leaf=not node.children,
                max_points=node.max_points,
                max_points_by_group=maxima,
                weight=node.weight,
                groups=sorted(maxima),
                rule=node.rule,
                inputs=inputs,
                not_applicable_when_missing=node.not_applicable_when_missing,
                evidence_required=node.evidence_required,
                guidance=node.guidance,
                provenance=node.provenance,
                children=tree_out(node.children, per_node, elements, group),
            )
        )
    return out
