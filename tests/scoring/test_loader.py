"""`framework_from_dict`: the dict format of docs/framework-format.md, its numbers and its
invariants, each refusal naming the field at fault."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from api.scoring import (
    BandsRule,
    Direction,
    Goalposts,
    LinearRule,
    RatioRule,
    ZeroDenominator,
    framework_from_dict,
    framework_to_dict,
    rule_from_dict,
)
from api.scoring.loader import FrameworkError
from tests.support.scoring import framework_dict

D = Decimal


def with_indicator(**changes: Any) -> dict[str, Any]:
    data = framework_dict()
    data["criteria"][0]["children"][0].update(changes)
    return data


def test_reads_the_minimal_framework() -> None:
    fw = framework_from_dict(framework_dict())
    (top,) = fw.criteria
    (leaf,) = top.children
    assert (fw.code, fw.groups, top.code, leaf.code) == ("T", ("SBN", "QH"), "1", "1.1")
    assert leaf.max_points == 20
    assert top.max_points is None
    assert isinstance(leaf.rule, BandsRule)
    assert fw.elements[0].code == "E-1"


@pytest.mark.parametrize("written", [0.1, "0.1", D("0.1")])
def test_numbers_may_be_floats_strings_or_decimals(written: object) -> None:
    rule = {"kind": "linear", "floor": 0, "target": written}
    leaf = framework_from_dict(with_indicator(rule=rule)).criteria[0].children[0]
    assert isinstance(leaf.rule, LinearRule)
    # A float goes through its shortest repr, so 0.1 is exactly 0.1.
    assert str(leaf.rule.target) == "0.1"


def test_ratio_defaults() -> None:
    data = with_indicator(
        inputs=[{"name": "a", "element_code": "E-1"}, {"name": "b", "element_code": "E-1"}],
        rule={"kind": "ratio"},
    )
    rule = framework_from_dict(data).criteria[0].children[0].rule
    assert rule == RatioRule(
        scale=LinearRule(floor=D(0), target=D(100)),
        numerator="a",
        denominator="b",
        zero_denominator=ZeroDenominator.ZERO,
    )


def test_reversed_goalposts_mean_lower_is_better() -> None:
    rule = rule_from_dict({"kind": "linear", "floor": 10, "target": 0}, max_points=D(20))
    assert isinstance(rule, LinearRule)
    assert rule.direction is Direction.LOWER_IS_BETTER


def test_group_goalposts() -> None:
    rule = rule_from_dict(
        {"kind": "linear", "goalposts": "group_min_max", "direction": "lower_is_better"},
        max_points=D(20),
    )
    assert rule == LinearRule(
        goalposts=Goalposts.GROUP_MIN_MAX, direction=Direction.LOWER_IS_BETTER
    )


def test_round_trip_through_the_dict_format() -> None:
    data = framework_dict()
    data["criteria"][0]["children"].append(
        {
            "code": "1.2",
            "name_vi": "Tỷ lệ",
            "name_en": "Share",
            "max_points": "12.5",
            "weight": "0.5",
            "groups": ["QH"],
            "inputs": [{"name": "a", "element_code": "E-1"}, {"name": "b", "element_code": "E-1"}],
            "rule": {
                "kind": "ratio",
                "zero_denominator": "not_applicable",
                "scale": {"kind": "bands", "bands": [{"threshold": 50, "points": 12.5}]},
            },
            "not_applicable_when_missing": True,
        }
    )
    fw = framework_from_dict(data)
    assert framework_from_dict(framework_to_dict(fw)) == fw


def refused(data: dict[str, Any], path: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        framework_from_dict(data)
    assert caught.value.path == path, caught.value


def test_a_leaf_needs_max_points() -> None:
    data = framework_dict()
    del data["criteria"][0]["children"][0]["max_points"]
    refused(data, "criteria[0].children[0].max_points")


def test_unknown_rule_kind() -> None:
    refused(with_indicator(rule={"kind": "magic"}), "criteria[0].children[0].rule.kind")


def test_band_thresholds_must_be_distinct() -> None:
    bands = [{"threshold": 1, "points": 5}, {"threshold": 1, "points": 10}]
    refused(
        with_indicator(rule={"kind": "bands", "bands": bands}),
        "criteria[0].children[0].rule.bands",
    )


def test_band_points_cannot_exceed_max() -> None:
    bands = [{"threshold": 1, "points": 25}]
    refused(
        with_indicator(rule={"kind": "bands", "bands": bands}),
        "criteria[0].children[0].rule.bands[0].points",
    )


def test_linear_goalposts_must_differ() -> None:
    refused(
        with_indicator(rule={"kind": "linear", "floor": 5, "target": 5}),
        "criteria[0].children[0].rule",
    )


def test_linear_direction_must_agree_with_the_goalposts() -> None:
    rule = {"kind": "linear", "floor": 0, "target": 5, "direction": "lower_is_better"}
    refused(with_indicator(rule=rule), "criteria[0].children[0].rule.direction")


def test_the_rule_must_find_its_inputs() -> None:
    refused(with_indicator(rule={"kind": "ratio"}), "criteria[0].children[0].inputs")


def test_inputs_must_name_known_elements() -> None:
    refused(
        with_indicator(inputs=[{"name": "value", "element_code": "E-404"}]),
        "criteria[0].children[0].inputs[0].element_code",
    )


def test_choice_points_cover_exactly_the_elements_options() -> None:
    data = framework_dict()
    data["elements"][0].update(
        value_type="choice", options=[{"value": "head"}, {"value": "deputy"}]
    )
    data["criteria"][0]["children"][0]["rule"] = {"kind": "choice", "points": {"head": 20}}
    refused(data, "criteria[0].children[0].rule.points")


def test_booleans_are_not_numbers() -> None:
    refused(with_indicator(max_points=True), "criteria[0].children[0].max_points")


def test_groups_must_be_the_frameworks() -> None:
    refused(with_indicator(groups=["TP"]), "criteria[0].children[0].groups")


def test_codes_are_unique() -> None:
    data = framework_dict()
    data["criteria"].append(copy.deepcopy(data["criteria"][0]))
    refused(data, "criteria")


def test_a_declared_inner_max_must_be_the_sum_of_its_children() -> None:
    data = framework_dict()
    data["criteria"][0]["max_points"] = 20
    assert framework_from_dict(data).criteria[0].max_points is None
    data["criteria"][0]["max_points"] = 30
    refused(data, "criteria[0].max_points")


def test_inner_criteria_sum_their_children() -> None:
    data = framework_dict()
    data["criteria"][0]["rule"] = {"kind": "boolean"}
    refused(data, "criteria[0].rule")


def test_provider_elements_name_their_agency() -> None:
    data = framework_dict()
    data["elements"][0]["source"] = "provider"
    refused(data, "elements[0].provider_code")


def test_band_points_never_fall_as_x_gets_better() -> None:
    bands = [{"threshold": 1, "points": 10}, {"threshold": 2, "points": 5}]
    refused(
        with_indicator(rule={"kind": "bands", "bands": bands}),
        "criteria[0].children[0].rule.bands",
    )
    lower = {"kind": "bands", "direction": "lower_is_better", "bands": bands}
    assert framework_from_dict(with_indicator(rule=lower)).criteria[0].children[0].rule
