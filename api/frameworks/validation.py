"""Checking a framework document before it is stored: every cross-reference (groups, elements,
agencies, inputs and rule types) and every number (points within the max, ordered bands, goalposts),
each problem with the field at fault; what the scoring engine would refuse is refused here too."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from api.core.errors import FieldError
from api.frameworks.schemas import (
    BandsRule,
    BooleanRule,
    ChoiceRule,
    CriterionIn,
    DataElementIn,
    FrameworkDocument,
    LinearRule,
    PartProvenance,
    RankRule,
    RatioBandsScale,
    RatioRule,
    RelativeToBestRule,
    SumOfChildrenRule,
)
from api.scoring.loader import FrameworkError, framework_from_dict

NUMERIC_TYPES = frozenset({"integer", "decimal", "percent"})


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
    _check_levels(doc, errors)
    _check_pillar_views(doc, errors)
    _check_provenance(doc, errors)
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


def needed_inputs(rule: BaseModel) -> list[tuple[str, str, frozenset[str]]]:
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
    for rule_field, name, allowed in needed_inputs(rule):
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
    check_rule_numbers(rule, node.max_points, f"{path}.rule", errors)


def check_rule_numbers(
    rule: BaseModel, max_points: Decimal | None, path: str, errors: list[FieldError]
) -> None:
    """The rule's numbers: points within the max, distinct and ordered bands, goalposts."""

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


# --- levels, pillar views, provenance (issue 17) -----------------------------------------------


def _check_levels(doc: FrameworkDocument, errors: list[FieldError]) -> None:
    """Levels ascend from 0 with unique codes; each group, and the default, has one set at most."""
    owner: dict[str | None, int] = {}
    for index, level_set in enumerate(doc.levels or ()):
        path = f"levels[{index}]"
        if level_set.groups is None:
            if None in owner:
                errors.append(FieldError(path, "levels.default_twice", other=owner[None]))
            owner.setdefault(None, index)
        for g_index, group in enumerate(level_set.groups or ()):
            field = f"{path}.groups[{g_index}]"
            if group not in doc.groups:
                errors.append(FieldError(field, "framework.unknown_group", code=group))
            elif group in owner:
                errors.append(
                    FieldError(field, "levels.group_twice", code=group, other=owner[group])
                )
            else:
                owner[group] = index
        codes: set[str] = set()
        for b_index, band in enumerate(level_set.bands):
            band_path = f"{path}.bands[{b_index}]"
            if band.code in codes:
                errors.append(
                    FieldError(f"{band_path}.code", "framework.duplicate_code", code=band.code)
                )
            codes.add(band.code)
            if b_index == 0 and band.min_index != 0:
                errors.append(FieldError(f"{band_path}.min_index", "levels.first_not_zero"))
            previous = level_set.bands[b_index - 1].min_index if b_index else None
            if previous is not None and band.min_index <= previous:
                errors.append(
                    FieldError(
                        f"{band_path}.min_index",
                        "levels.not_ascending",
                        min_index=band.min_index,
                        previous=previous,
                    )
                )


def _check_pillar_views(doc: FrameworkDocument, errors: list[FieldError]) -> None:
    """Pillar views name existing top-level criteria, each once, under unique codes."""
    top = {node.code for node in doc.criteria}
    inner = set(_codes(doc.criteria)) - top
    codes: set[str] = set()
    for index, view in enumerate(doc.pillar_views or ()):
        path = f"pillar_views[{index}]"
        if view.code in codes:
            errors.append(FieldError(f"{path}.code", "framework.duplicate_code", code=view.code))
        codes.add(view.code)
        listed: set[str] = set()
        for c_index, code in enumerate(view.criteria):
            field = f"{path}.criteria[{c_index}]"
            if code in listed:
                errors.append(FieldError(field, "pillar_views.criterion_twice", code=code))
            elif code in inner:
                errors.append(FieldError(field, "pillar_views.not_top_level", code=code))
            elif code not in top:
                errors.append(FieldError(field, "pillar_views.unknown_criterion", code=code))
            listed.add(code)


def _codes(nodes: Sequence[CriterionIn]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        out.append(node.code)
        out.extend(_codes(node.children))
    return out


def _check_provenance(doc: FrameworkDocument, errors: list[FieldError]) -> None:
    """A framework said to be wholly sourced or wholly illustrative has no part marked the other
    way: sourced and illustrative content are mixed only under ``mixed``, so that the notice on
    an illustrative framework always names what is sourced."""
    if doc.provenance is None or doc.provenance.kind == "mixed":
        return
    kind = doc.provenance.kind

    def check(mark: PartProvenance | None, path: str) -> None:
        if mark is not None and mark.kind != kind:
            errors.append(
                FieldError(
                    f"{path}.provenance.kind",
                    "provenance.needs_mixed",
                    kind=mark.kind,
                    framework_kind=kind,
                )
            )

    def walk(nodes: Sequence[CriterionIn], prefix: str) -> None:
        for index, node in enumerate(nodes):
            check(node.provenance, f"{prefix}[{index}]")
            walk(node.children, f"{prefix}[{index}].children")

    walk(doc.criteria, "criteria")
    for index, level_set in enumerate(doc.levels or ()):
        check(level_set.provenance, f"levels[{index}]")
    for index, view in enumerate(doc.pillar_views or ()):
        check(view.provenance, f"pillar_views[{index}]")
