"""The framework editor's worked example (ví dụ minh họa): one rule, its max points and example
values scored by the real engine, as one indicator of a one-unit (or small) group.

The editor must never show arithmetic the engine would not do, so there is no second
implementation: the rule becomes a one-criterion framework, the example unit and any other units
of its group get the values, and ``score`` and ``explain`` answer. The rule is checked as a
framework document checks it (points within the max, bands, goalposts), errors naming
``rule.…``, and each example value must be readable by the rule (``inputs.<name>``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from api.core.errors import FieldError, validation_failed
from api.frameworks.schemas import ChoiceRule, PreviewValue, SumOfChildrenRule
from api.frameworks.validation import check_rule_numbers, needed_inputs
from api.scoring import (
    Adjustment,
    Explanation,
    UnitInfo,
    Value,
    framework_from_dict,
    round_points,
    score,
)
from api.scoring.loader import FrameworkError
from api.scoring.rules import to_answer, to_number

CODE = "X"
UNIT = "example"


@dataclass(frozen=True)
class Preview:
    """What the engine made of the example: points (as published), max and its explanation."""

    points: Decimal
    max_points: Decimal
    explanation: Explanation


def _value_type(allowed: frozenset[str]) -> str:
    if "boolean" in allowed:
        return "boolean"
    if "choice" in allowed:
        return "choice"
    return "decimal"


def _check_value(
    name: str, value_type: str, raw: PreviewValue, field: str, errors: list[FieldError]
) -> None:
    if value_type == "choice" or raw is None:
        return
    try:
        if value_type == "boolean":
            to_answer(raw)
        else:
            to_number(raw)
    except (TypeError, ValueError):
        errors.append(
            FieldError(field, "framework.preview_bad_value", name=name, reason=f"{raw!r}")
        )


def preview_rule(
    *,
    rule: BaseModel,
    max_points: Decimal,
    inputs: Mapping[str, PreviewValue],
    others: list[dict[str, PreviewValue]],
    group: str,
    reviewer_points: Decimal | None,
    reviewer_reason: str,
) -> Preview:
    """Score ``inputs`` with ``rule`` as the engine would; ``others`` are the other units of the
    group (for relative_to_best, rank and group goalposts); 422 naming the field at fault."""
    errors: list[FieldError] = []
    if isinstance(rule, SumOfChildrenRule):
        raise validation_failed([FieldError("rule.kind", "framework.leaf_needs_rule")])
    check_rule_numbers(rule, max_points, "rule", errors)
    needed = needed_inputs(rule)
    elements: list[dict[str, Any]] = []
    for _, name, allowed in needed:
        value_type = _value_type(allowed)
        element: dict[str, Any] = {
            "code": name,
            "name_vi": name,
            "name_en": name,
            "value_type": value_type,
            "source": "self",
        }
        if value_type == "choice":
            assert isinstance(rule, ChoiceRule)
            element["options"] = [
                {"value": option, "label_vi": option, "label_en": option} for option in rule.points
            ]
        elements.append(element)
        _check_value(name, value_type, inputs.get(name), f"inputs.{name}", errors)
        for index, other in enumerate(others):
            _check_value(name, value_type, other.get(name), f"others[{index}].{name}", errors)
    if errors:
        raise validation_failed(errors)
    data = {
        "code": "PREVIEW",
        "title_vi": "Ví dụ",
        "title_en": "Example",
        "groups": [group],
        "elements": elements,
        "criteria": [
            {
                "code": CODE,
                "name_vi": CODE,
                "name_en": CODE,
                "max_points": str(max_points),
                "inputs": [{"name": name, "element_code": name} for _, name, _ in needed],
                "rule": rule.model_dump(mode="json", exclude_none=True),
            }
        ],
    }
    try:
        framework = framework_from_dict(data)
    except FrameworkError as exc:
        path = exc.path.removeprefix("criteria[0].")
        raise validation_failed(
            [FieldError(path, "framework.not_scoreable", reason=exc.message)]
        ) from exc
    units = [UnitInfo(UNIT, group)] + [
        UnitInfo(f"other-{index:03d}", group) for index in range(len(others))
    ]
    values = {UNIT: _values(inputs, needed)} | {
        f"other-{index:03d}": _values(other, needed) for index, other in enumerate(others)
    }
    adjustments = (
        {(UNIT, CODE): Adjustment(reviewer_points, reviewer_reason)}
        if reviewer_points is not None
        else None
    )
    run = score(framework, units, values, adjustments=adjustments)
    explanation = run.explain_indicator(UNIT, CODE)
    return Preview(
        points=round_points(explanation.points),
        max_points=round_points(explanation.max_points),
        explanation=explanation,
    )


def _values(
    given: Mapping[str, PreviewValue], needed: list[tuple[str, str, frozenset[str]]]
) -> dict[str, Value]:
    return {
        name: Value(given[name], "self") for _, name, _ in needed if given.get(name) is not None
    }
