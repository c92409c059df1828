"""Small builders for engine inputs, so each test states only what it is about."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from api.scoring import (
    Criterion,
    Framework,
    InputRef,
    LeafRule,
    RawValue,
    SumOfChildren,
    UnitInfo,
    Value,
)

D = Decimal


def indicator(
    code: str,
    rule: LeafRule,
    max_points: int | str | Decimal = 20,
    *,
    inputs: Iterable[str] = ("value",),
    groups: Iterable[str] | None = None,
    weight: int | str | Decimal = 1,
    not_applicable_when_missing: bool = False,
) -> Criterion:
    """A leaf whose inputs read elements named `E-<code>-<input>`."""
    return Criterion(
        code=code,
        name_vi=f"Chỉ số {code}",
        name_en=f"Indicator {code}",
        rule=rule,
        max_points=D(max_points),
        weight=D(weight),
        groups=tuple(groups) if groups is not None else None,
        inputs=tuple(InputRef(name, element(code, name)) for name in inputs),
        not_applicable_when_missing=not_applicable_when_missing,
    )


def pillar(
    code: str,
    *children: Criterion,
    groups: Iterable[str] | None = None,
    weight: int | str | Decimal = 1,
) -> Criterion:
    return Criterion(
        code=code,
        name_vi=f"Trụ cột {code}",
        name_en=f"Pillar {code}",
        rule=SumOfChildren(),
        weight=D(weight),
        groups=tuple(groups) if groups is not None else None,
        children=children,
    )


def framework(*criteria: Criterion, groups: Iterable[str] = ("SBN", "QH")) -> Framework:
    return Framework(
        code="TEST",
        title_vi="Bộ chỉ số thử",
        title_en="Test framework",
        groups=tuple(groups),
        criteria=criteria,
    )


def element(code: str, name: str = "value") -> str:
    return f"E-{code}-{name}"


def values_for(
    code: str, by_unit: Mapping[str, RawValue], *, name: str = "value", source: str = "self"
) -> dict[str, dict[str, Value]]:
    """One input of one indicator, for several units."""
    return {unit: {element(code, name): Value(raw, source)} for unit, raw in by_unit.items()}


def merge(*parts: Mapping[str, Mapping[str, Value]]) -> dict[str, dict[str, Value]]:
    out: dict[str, dict[str, Value]] = {}
    for part in parts:
        for unit, found in part.items():
            out.setdefault(unit, {}).update(found)
    return out


def units(*codes: str, group: str = "QH") -> list[UnitInfo]:
    return [UnitInfo(code, group) for code in codes]


def framework_dict(**overrides: Any) -> dict[str, Any]:
    """A minimal valid framework in the dict format of docs/framework-format.md."""
    data: dict[str, Any] = {
        "code": "T",
        "title_vi": "Thử",
        "title_en": "Test",
        "groups": ["SBN", "QH"],
        "elements": [
            {
                "code": "E-1",
                "name_vi": "a",
                "name_en": "a",
                "value_type": "integer",
                "source": "self",
            },
        ],
        "criteria": [
            {
                "code": "1",
                "name_vi": "Trụ cột",
                "name_en": "Pillar",
                "children": [
                    {
                        "code": "1.1",
                        "name_vi": "Chỉ số",
                        "name_en": "Indicator",
                        "max_points": 20,
                        "inputs": [{"name": "value", "element_code": "E-1"}],
                        "rule": {"kind": "bands", "bands": [{"threshold": 1, "points": 20}]},
                    }
                ],
            }
        ],
    }
    data.update(overrides)
    return data
