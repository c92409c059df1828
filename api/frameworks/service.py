"""Framework versions: import, validation of cross-references, the criteria tree with max points
per group, editing while not frozen, cloning, status moves and diffs between versions."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from pydantic import BaseModel
from sqlalchemy import delete, exists, func, select
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
from api.frameworks.models import Criterion, DataElement, Framework, FrameworkStatus
from api.frameworks.schemas import (
    BandsRule,
    BooleanRule,
    ChoiceRule,
    CriterionDiff,
    CriterionIn,
    CriterionOut,
    CriterionPatch,
    DataElementIn,
    FieldChange,
    FrameworkDiff,
    FrameworkDocument,
    InputOut,
    LinearRule,
    RankRule,
    RatioBandsScale,
    RatioRule,
    RelativeToBestRule,
    SumOfChildrenRule,
)
from api.rounds.models import Round
from api.scoring.loader import FrameworkError, framework_from_dict
from api.units.models import Unit, UnitGroup

NUMERIC_TYPES = frozenset({"integer", "decimal", "percent"})

# Status moves DIC may make; a framework in use by a round cannot go back to draft.
STATUS_MOVES: dict[FrameworkStatus, frozenset[FrameworkStatus]] = {
    FrameworkStatus.draft: frozenset({FrameworkStatus.active}),
    FrameworkStatus.active: frozenset({FrameworkStatus.retired, FrameworkStatus.draft}),
    FrameworkStatus.retired: frozenset({FrameworkStatus.active}),
}


# --- validation of a document -------------------------------------------------------------------


def check_document(
    doc: FrameworkDocument, *, known_groups: set[str], known_providers: set[str]
) -> list[FieldError]:
    """Every cross-reference problem of a framework document, with the field at fault.

    ``known_providers`` are the agencies (units with ``is_provider``) a ``provider_code`` may name.
    """
    errors: list[FieldError] = []
    for index, group in enumerate(doc.groups):
        if group not in known_groups:
            errors.append(FieldError(f"groups[{index}]", "group.unknown", code=group))
    elements = _check_elements(doc.elements, known_providers, errors)
    seen: set[str] = set()
    _check_criteria(doc.criteria, "criteria", set(doc.groups), elements, seen, errors)
    if not errors:
        # The scoring engine reads what is stored; whatever it would refuse is refused now.
        try:
            framework_from_dict(engine_dict(doc))
        except FrameworkError as exc:
            errors.append(FieldError(exc.path, "framework.not_scoreable", reason=exc.message))
    return errors


def engine_dict(doc: FrameworkDocument) -> dict[str, Any]:
    """The document as the scoring engine's loader reads it (unset options left out)."""
    return doc.model_dump(mode="json", exclude_none=True)


def _check_elements(
    items: Sequence[DataElementIn], known_providers: set[str], errors: list[FieldError]
) -> dict[str, DataElementIn]:
    elements: dict[str, DataElementIn] = {}
    for index, element in enumerate(items):
        path = f"elements[{index}]"
        if element.code in elements:
            errors.append(FieldError(f"{path}.code", "framework.duplicate_code", code=element.code))
        elements[element.code] = element
        if element.value_type == "choice":
            if not element.options:
                errors.append(FieldError(f"{path}.options", "framework.options_required"))
            else:
                values = [o.value for o in element.options]
                for dup in {v for v in values if values.count(v) > 1}:
                    errors.append(
                        FieldError(f"{path}.options", "framework.duplicate_code", code=dup)
                    )
        elif element.options:
            errors.append(FieldError(f"{path}.options", "framework.options_forbidden"))
        if element.source == "provider":
            if not element.provider_code:
                errors.append(FieldError(f"{path}.provider_code", "framework.provider_required"))
            elif element.provider_code not in known_providers:
                errors.append(
                    FieldError(
                        f"{path}.provider_code",
                        "framework.unknown_provider",
                        code=element.provider_code,
                    )
                )
        elif element.provider_code:
            errors.append(
                FieldError(
                    f"{path}.provider_code", "framework.provider_forbidden", source=element.source
                )
            )
        if element.min is not None and element.max is not None and element.min >= element.max:
            errors.append(FieldError(f"{path}.max", "framework.bounds_order"))
    return elements


def _check_criteria(
    nodes: Sequence[CriterionIn],
    prefix: str,
    parent_groups: set[str],
    elements: dict[str, DataElementIn],
    seen: set[str],
    errors: list[FieldError],
) -> None:
    for index, node in enumerate(nodes):
        path = f"{prefix}[{index}]"
        if node.code in seen:
            errors.append(FieldError(f"{path}.code", "framework.duplicate_code", code=node.code))
        seen.add(node.code)
        for g_index, group in enumerate(node.groups or []):
            if group not in parent_groups:
                code = (
                    "framework.unknown_group"
                    if prefix == "criteria"
                    else "framework.group_outside_parent"
                )
                errors.append(FieldError(f"{path}.groups[{g_index}]", code, code=group))
        groups = set(node.groups) & parent_groups if node.groups is not None else parent_groups
        if node.children:
            if not isinstance(node.rule, SumOfChildrenRule):
                errors.append(FieldError(f"{path}.rule", "framework.inner_needs_sum"))
            if node.inputs:
                errors.append(FieldError(f"{path}.inputs", "framework.inner_has_inputs"))
            if node.max_points is not None:
                errors.append(FieldError(f"{path}.max_points", "framework.inner_no_max"))
            _check_criteria(node.children, f"{path}.children", groups, elements, seen, errors)
        else:
            _check_leaf(node, path, elements, errors)


def _needed_inputs(rule: BaseModel) -> list[tuple[str, str, frozenset[str]]]:
    """(rule field, input name, allowed value types) the rule reads."""
    if isinstance(rule, BooleanRule):
        return [("input", rule.input, frozenset({"boolean"}))]
    if isinstance(rule, ChoiceRule):
        return [("input", rule.input, frozenset({"choice"}))]
    if isinstance(rule, BandsRule | LinearRule | RelativeToBestRule | RankRule):
        return [("input", rule.input, NUMERIC_TYPES)]
    if isinstance(rule, RatioRule):
        return [
            ("numerator", rule.numerator, NUMERIC_TYPES),
            ("denominator", rule.denominator, NUMERIC_TYPES),
        ]
    return []


def _check_leaf(
    node: CriterionIn,
    path: str,
    elements: dict[str, DataElementIn],
    errors: list[FieldError],
) -> None:
    rule = node.rule
    if isinstance(rule, SumOfChildrenRule):
        errors.append(FieldError(f"{path}.rule.kind", "framework.leaf_needs_rule"))
        return
    if node.max_points is None:
        errors.append(FieldError(f"{path}.max_points", "framework.leaf_needs_max"))
    inputs: dict[str, DataElementIn | None] = {}
    for i_index, ref in enumerate(node.inputs):
        if ref.name in inputs:
            errors.append(
                FieldError(
                    f"{path}.inputs[{i_index}].name", "framework.duplicate_input", name=ref.name
                )
            )
        element = elements.get(ref.element_code)
        if element is None:
            errors.append(
                FieldError(
                    f"{path}.inputs[{i_index}].element_code",
                    "framework.unknown_element",
                    code=ref.element_code,
                )
            )
        inputs[ref.name] = element
    for rule_field, name, allowed in _needed_inputs(rule):
        if name not in inputs:
            errors.append(
                FieldError(f"{path}.rule.{rule_field}", "framework.missing_input", name=name)
            )
            continue
        element = inputs[name]
        if element is not None and element.value_type not in allowed:
            errors.append(
                FieldError(
                    f"{path}.inputs",
                    "framework.input_type",
                    name=name,
                    expected=" | ".join(sorted(allowed)),
                    actual=element.value_type,
                )
            )
        if isinstance(rule, ChoiceRule) and element is not None and element.options:
            options = [o.value for o in element.options]
            if set(rule.points) != set(options):
                errors.append(
                    FieldError(
                        f"{path}.rule.points",
                        "framework.choice_options",
                        options=", ".join(options),
                    )
                )
    _check_rule_numbers(rule, node.max_points, f"{path}.rule", errors)


def _check_rule_numbers(
    rule: BaseModel, max_points: Decimal | None, path: str, errors: list[FieldError]
) -> None:
    def over(points: Decimal, field_path: str) -> None:
        if max_points is not None and points > max_points:
            errors.append(
                FieldError(
                    field_path, "framework.points_over_max", points=points, max_points=max_points
                )
            )

    if isinstance(rule, ChoiceRule):
        for option, points in rule.points.items():
            over(points, f"{path}.points.{option}")
    bands = None
    if isinstance(rule, BandsRule):
        bands, bands_path, direction = rule.bands, f"{path}.bands", rule.direction
    if isinstance(rule, RatioRule) and isinstance(rule.scale, RatioBandsScale):
        bands, bands_path = rule.scale.bands, f"{path}.scale.bands"
        direction = rule.scale.direction
    if bands is not None:
        thresholds: set[Decimal] = set()
        for b_index, band in enumerate(bands):
            over(band.points, f"{bands_path}[{b_index}].points")
            if band.threshold in thresholds:
                errors.append(
                    FieldError(
                        f"{bands_path}[{b_index}].threshold",
                        "framework.duplicate_threshold",
                        threshold=band.threshold,
                    )
                )
            thresholds.add(band.threshold)
        # A better value never earns fewer points: points rise with the threshold (or fall, when
        # lower is better).
        ordered = [b.points for b in sorted(bands, key=lambda b: b.threshold)]
        if direction == "lower_is_better":
            ordered.reverse()
        if ordered != sorted(ordered):
            errors.append(FieldError(bands_path, "framework.bands_order", direction=direction))
    if isinstance(rule, RankRule):
        for r_index, points in enumerate(rule.points_by_rank):
            over(points, f"{path}.points_by_rank[{r_index}]")
    linear = rule if isinstance(rule, LinearRule) else None
    if (
        isinstance(rule, RatioRule)
        and not isinstance(rule.scale, RatioBandsScale)
        and rule.scale.floor == rule.scale.target
    ):
        errors.append(FieldError(f"{path}.scale.target", "framework.linear_goalposts"))
    if linear is not None and linear.goalposts == "fixed":
        if linear.floor is None or linear.target is None or linear.floor == linear.target:
            field_name = "floor" if linear.floor is None else "target"
            errors.append(FieldError(f"{path}.{field_name}", "framework.linear_goalposts"))
        elif linear.direction is not None:
            implied = "higher_is_better" if linear.floor < linear.target else "lower_is_better"
            if linear.direction != implied:
                errors.append(
                    FieldError(f"{path}.direction", "framework.linear_direction", implied=implied)
                )


# --- max points per group -------------------------------------------------------------------


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
class _RowNode:
    code: str
    groups: list[str] | None
    weight: Decimal
    max_points: Decimal | None
    children: list[_RowNode] = field(default_factory=list)


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


def elements_by_group(doc: FrameworkDocument) -> dict[str, set[str]]:
    """For each group of the framework, the data elements its indicators read."""
    _, per_node = max_points_by_group(doc.criteria, doc.groups)
    return {
        group: {
            ref.element_code
            for leaf in applicable_leaves(doc.criteria, group, per_node).values()
            for ref in leaf.inputs or []
        }
        for group in doc.groups
    }


def _tree_out(
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
                children=_tree_out(node.children, per_node, elements, group),
            )
        )
    return out


async def criteria_tree(
    *, session: AsyncSession, framework_id: int, group: str | None = None
) -> list[CriterionOut]:
    """The criteria tree with each node's max per group; with ``group``, only what applies to it."""
    framework = await get(session=session, framework_id=framework_id)
    if group is not None and group not in framework.groups:
        raise Invalid("framework.unknown_group", field="group", code=group)
    doc = await load_document(session=session, framework=framework)
    _, per_node = max_points_by_group(doc.criteria, doc.groups)
    return _tree_out(doc.criteria, per_node, {e.code: e for e in doc.elements}, group)


# --- rows <-> document ----------------------------------------------------------------------


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
        }
    )


async def _write_document(
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
    order = {code: i for i, code in enumerate(_preorder_codes(doc.criteria))}
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
            )
            session.add(row)
            rows.append((row, node))
        await session.flush()  # parents need ids before their children are written
        level = [(row.id, child) for row, node in rows for child in node.children]


def _preorder_codes(nodes: Sequence[CriterionIn]) -> list[str]:
    codes: list[str] = []
    for node in nodes:
        codes.append(node.code)
        codes.extend(_preorder_codes(node.children))
    return codes


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
    await _write_document(session, framework, doc)
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
    if if_match is not None and if_match.strip() not in (etag(framework), "*"):
        raise PreconditionFailed("framework.stale", etag=etag(framework))
    return framework


async def replace(
    *, session: AsyncSession, framework_id: int, doc: FrameworkDocument, if_match: str | None
) -> Framework:
    """Replace a framework's whole document; 409 once a round uses it."""
    framework = await _editable(session, framework_id, if_match)
    await _ensure_code_free(session, doc.code, framework.id)
    await _validate(session, doc)
    before = _fingerprint(await load_document(session=session, framework=framework))
    await _write_document(session, framework, doc)
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
    doc = (await load_document(session=session, framework=framework)).model_dump(mode="json")
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
    await _write_document(session, framework, new_doc)
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
    doc = await load_document(session=session, framework=source)
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
            row.id: _RowNode(str(row.id), row.groups, row.weight, row.max_points) for row in rows_of
        }
        roots: list[_RowNode] = []
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
    base = await load_document(
        session=session, framework=await get(session=session, framework_id=base_id)
    )
    target = await load_document(
        session=session, framework=await get(session=session, framework_id=target_id)
    )
    meta_fields = ("code", "title_vi", "title_en", "legal_basis", "year", "groups")
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
