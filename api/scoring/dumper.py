"""Engine dataclasses back to the framework dict format (docs/framework-format.md), numbers as
strings: what the input hash of a run is computed over, and what ``loader`` reads back to an equal
framework."""

from __future__ import annotations

from typing import Any

from api.scoring.model import (
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Criterion,
    Element,
    Framework,
    Goalposts,
    LevelSet,
    LinearRule,
    RankRule,
    RatioRule,
    RelativeToBestRule,
    Rule,
)


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """The engine's part of the dict format, numbers as strings; `framework_from_dict` reads it
    back to an equal framework. Levels and pillar views appear only when set, so a framework
    without them dumps (and hashes) as it did before they existed."""
    out: dict[str, Any] = {
        "code": framework.code,
        "title_vi": framework.title_vi,
        "title_en": framework.title_en,
        "legal_basis": framework.legal_basis,
        "year": framework.year,
        "groups": list(framework.groups),
        "elements": [_element_to_dict(element) for element in framework.elements],
        "criteria": [_criterion_to_dict(criterion) for criterion in framework.criteria],
    }
    if framework.level_sets:
        out["levels"] = [_level_set_to_dict(level_set) for level_set in framework.level_sets]
    if framework.pillar_views:
        out["pillar_views"] = [
            {
                "code": view.code,
                "name_vi": view.name_vi,
                "name_en": view.name_en,
                "criteria": list(view.criteria),
            }
            for view in framework.pillar_views
        ]
    return out


def _level_set_to_dict(level_set: LevelSet) -> dict[str, Any]:
    out: dict[str, Any] = {
        "bands": [
            {
                "code": level.code,
                "name_vi": level.name_vi,
                "name_en": level.name_en,
                "min_index": str(level.min_index),
            }
            for level in level_set.levels
        ]
    }
    if level_set.groups is not None:
        out["groups"] = list(level_set.groups)
    return out


def _element_to_dict(element: Element) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": element.code,
        "name_vi": element.name_vi,
        "name_en": element.name_en,
        "value_type": element.value_type,
        "source": element.source,
    }
    if element.provider_code is not None:
        out["provider_code"] = element.provider_code
    if element.options:
        out["options"] = [{"value": option} for option in element.options]
    if element.min is not None:
        out["min"] = str(element.min)
    if element.max is not None:
        out["max"] = str(element.max)
    return out


def _criterion_to_dict(criterion: Criterion) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": criterion.code,
        "name_vi": criterion.name_vi,
        "name_en": criterion.name_en,
        "weight": str(criterion.weight),
        "rule": rule_to_dict(criterion.rule),
    }
    if criterion.groups is not None:
        out["groups"] = list(criterion.groups)
    if criterion.max_points is not None:
        out["max_points"] = str(criterion.max_points)
    if criterion.inputs:
        out["inputs"] = [
            {"name": ref.name, "element_code": ref.element_code} for ref in criterion.inputs
        ]
    if criterion.not_applicable_when_missing:
        out["not_applicable_when_missing"] = True
    if criterion.children:
        out["children"] = [_criterion_to_dict(child) for child in criterion.children]
    return out


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """A rule's parameters in the dict format, numbers as strings."""
    if isinstance(rule, BooleanRule | RelativeToBestRule):
        return {"kind": rule.kind, "input": rule.input}
    if isinstance(rule, ChoiceRule):
        return {
            "kind": rule.kind,
            "input": rule.input,
            "points": {option: str(points) for option, points in rule.points},
        }
    if isinstance(rule, BandsRule):
        return {
            "kind": rule.kind,
            "input": rule.input,
            "direction": rule.direction.value,
            "bands": [
                {"threshold": str(band.threshold), "points": str(band.points)}
                for band in rule.bands
            ],
        }
    if isinstance(rule, LinearRule):
        if rule.goalposts is Goalposts.GROUP_MIN_MAX:
            return {
                "kind": rule.kind,
                "input": rule.input,
                "goalposts": rule.goalposts.value,
                "direction": rule.direction.value,
            }
        return {
            "kind": rule.kind,
            "input": rule.input,
            "floor": str(rule.floor),
            "target": str(rule.target),
        }
    if isinstance(rule, RatioRule):
        return {
            "kind": rule.kind,
            "numerator": rule.numerator,
            "denominator": rule.denominator,
            "zero_denominator": rule.zero_denominator.value,
            "scale": rule_to_dict(rule.scale),
        }
    if isinstance(rule, RankRule):
        return {
            "kind": rule.kind,
            "input": rule.input,
            "direction": rule.direction.value,
            "points_by_rank": [str(points) for points in rule.points_by_rank],
        }
    return {"kind": rule.kind}
