"""The worked examples of shared/domain/README.md § How real index sets are written, and the point
totals of the frameworks it describes, as table tests.

Each indicator is written in the dict format of docs/framework-format.md and goes through
`framework_from_dict`, as the seed files do.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest

from api.scoring import TOTAL, UnitInfo, Value, framework_from_dict, score

D = Decimal


def one_indicator(rule: Mapping[str, Any], max_points: int, inputs: tuple[str, ...]) -> Any:
    return framework_from_dict(
        {
            "code": "EX",
            "title_vi": "Ví dụ",
            "title_en": "Example",
            "groups": ["QH"],
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
                            "max_points": max_points,
                            "inputs": [{"name": n, "element_code": f"E-{n}"} for n in inputs],
                            "rule": dict(rule),
                        }
                    ],
                }
            ],
        }
    )


def points_for(rule: Mapping[str, Any], max_points: int, answers: Mapping[str, object]) -> Decimal:
    """Points, rounded as published, of one unit answering `answers` (input name -> value)."""
    fw = one_indicator(rule, max_points, tuple(answers))
    values = {"Q1": {f"E-{name}": Value(raw, "self") for name, raw in answers.items()}}
    return score(fw, [UnitInfo("Q1", "QH")], values).node("Q1", "1.1").rounded_points


MEETINGS = {
    "kind": "bands",
    "bands": [
        {"threshold": 4, "points": 20},
        {"threshold": 3, "points": 15},
        {"threshold": 2, "points": 10},
        {"threshold": 1, "points": 5},
    ],
}


@pytest.mark.parametrize(
    ("meetings", "expected"), [(6, 20), (4, 20), (3, 15), (2, 10), (1, 5), (0, 0)]
)
def test_bands_steering_committee_meetings(meetings: int, expected: int) -> None:
    """ "met 4 times a year: 20 points; 3: 15; 2: 10; 1: 5; otherwise 0"."""
    assert points_for(MEETINGS, 20, {"value": meetings}) == expected


@pytest.mark.parametrize(
    ("chaired", "meetings", "expected"),
    [(4, 4, "20.00"), (3, 4, "15.00"), (1, 3, "6.67"), (2, 3, "13.33"), (0, 5, "0.00")],
)
def test_ratio_meetings_chaired_by_the_chairman(chaired: int, meetings: int, expected: str) -> None:
    """ "a = meetings chaired by the chairman, b = all DX meetings; points = a/b × max"."""
    assert points_for({"kind": "ratio"}, 20, {"a": chaired, "b": meetings}) == D(expected)


CHAIR = {"kind": "choice", "points": {"chairman": 20, "vice_chairman": 10, "none": 0}}


@pytest.mark.parametrize(
    ("answer", "expected"), [("chairman", 20), ("vice_chairman", 10), ("none", 0)]
)
def test_choice_committee_head(answer: str, expected: int) -> None:
    """ "committee head is the chairman: max; a vice-chairman: ½ max; no committee: 0"."""
    assert points_for(CHAIR, 20, {"value": answer}) == expected


@pytest.mark.parametrize(("answer", "expected"), [(True, 20), (False, 0), ("yes", 20), ("no", 0)])
def test_yes_no_portal_section(answer: object, expected: int) -> None:
    """ "the portal has a DX section updated during the year: max, else 0"."""
    assert points_for({"kind": "boolean"}, 20, {"value": answer}) == expected


# Rules of the 2023 city framework table (Framework 1), with the points a unit gets.
CITY_TABLE: list[tuple[str, Mapping[str, Any], int, Mapping[str, object], str]] = [
    ("2.3 linear 0→1 %", {"kind": "linear", "floor": 0, "target": 1}, 20, {"value": "0.5"}, "10"),
    ("2.3 above target", {"kind": "linear", "floor": 0, "target": 1}, 20, {"value": 1.5}, "20"),
    (
        "3.4 linear 50→100 %",
        {"kind": "linear", "floor": 50, "target": 100},
        25,
        {"value": 75},
        "12.5",
    ),
    ("3.4 below floor", {"kind": "linear", "floor": 50, "target": 100}, 25, {"value": 40}, "0"),
    (
        "5.3 bands 100:20",
        {
            "kind": "bands",
            "bands": [
                {"threshold": 100, "points": 20},
                {"threshold": 90, "points": 15},
                {"threshold": 80, "points": 10},
                {"threshold": 50, "points": 5},
            ],
        },
        20,
        {"value": "99.9"},
        "15",
    ),
    (
        "5.5 lower is better: 0:15, 1:10, 2:5, ≥3:0",
        {
            "kind": "bands",
            "direction": "lower_is_better",
            "bands": [
                {"threshold": 0, "points": 15},
                {"threshold": 1, "points": 10},
                {"threshold": 2, "points": 5},
            ],
        },
        15,
        {"value": 3},
        "0",
    ),
    (
        "6.2 ratio, linear 0→80 %",
        {"kind": "ratio", "scale": {"kind": "linear", "floor": 0, "target": 80}},
        40,
        {"a": 40, "b": 100},
        "20",
    ),
    (
        "6.2 above target",
        {"kind": "ratio", "scale": {"kind": "linear", "floor": 0, "target": 80}},
        40,
        {"a": 90, "b": 100},
        "40",
    ),
    (
        "6.5 ratio, linear 0→50 %",
        {"kind": "ratio", "scale": {"kind": "linear", "floor": 0, "target": 50}},
        20,
        {"a": 1, "b": 8},
        "5",
    ),
]


@pytest.mark.parametrize(
    ("rule", "max_points", "answers", "expected"),
    [case[1:] for case in CITY_TABLE],
    ids=[case[0] for case in CITY_TABLE],
)
def test_city_framework_rules(
    rule: Mapping[str, Any], max_points: int, answers: Mapping[str, object], expected: str
) -> None:
    assert points_for(rule, max_points, answers) == D(expected)


def test_relative_to_best_in_group() -> None:
    """3.3: systems connected to the LGSP, relative to the best district."""
    fw = one_indicator({"kind": "relative_to_best"}, 25, ("value",))
    values = {code: {"E-value": Value(n, "SO-TTTT")} for code, n in (("Q1", 7), ("Q3", 12))}
    run = score(fw, [UnitInfo("Q1", "QH"), UnitInfo("Q3", "QH"), UnitInfo("Q4", "QH")], values)
    assert [run.node(code, "1.1").rounded_points for code in ("Q1", "Q3", "Q4")] == [
        D("14.58"),
        D("25.00"),
        D("0.00"),
    ]


def skeleton(pillars: Mapping[str, str]) -> Any:
    """A framework of boolean indicators, each pillar written as "code:max[:group] ..."."""
    criteria = []
    for pillar, spec in pillars.items():
        children = []
        for item in spec.split():
            code, max_points, *groups = item.split(":")
            children.append(
                {
                    "code": code,
                    "name_vi": code,
                    "name_en": code,
                    "max_points": max_points,
                    **({"groups": groups} if groups else {}),
                    "inputs": [{"name": "value", "element_code": f"E-{code}"}],
                    "rule": {"kind": "boolean"},
                }
            )
        criteria.append(
            {"code": pillar, "name_vi": pillar, "name_en": pillar, "children": children}
        )
    return framework_from_dict(
        {
            "code": "SK",
            "title_vi": "Khung",
            "title_en": "Skeleton",
            "groups": ["SBN", "QH"],
            "criteria": criteria,
        }
    )


CITY_2023 = {
    "1": "1.1:20 1.2:20 1.3:20 1.4:20 1.5:20",
    "2": "2.1:20 2.2:20 2.3:20 2.4:20 2.5:20",
    "3": "3.1:25 3.2:25 3.3:25 3.4:25:QH 3.5:25:SBN",
    "4": "4.1:20 4.2:30 4.3:20 4.4:30:QH 4.5:30:SBN",
    "5": "5.1:25 5.2:25 5.3:20 5.4:15 5.5:15",
    "6": "6.1:40 6.2:40 6.3:30 6.4:30 6.5:20 6.6:20 6.7:20 6.8:25:SBN 6.9:25:SBN",
    "7": "7.1:80:SBN 7.2:90:SBN 7.3:80:SBN",
    "8": "8.1:40:QH 8.2:30:QH 8.3:40:QH 8.4:40:QH",
    "9": "9.1:40:QH 9.2:40:QH 9.3:35:QH 9.4:35:QH",
    "10": "10.1:0",
}


def test_city_2023_table_is_1000_points_for_each_group() -> None:
    """ "SBN = 100×5 + 250 + 250 = 1000; QH = 100×5 + 200 + 150 + 150 = 1000"."""
    run = score(skeleton(CITY_2023), [UnitInfo("SO-TC", "SBN"), UnitInfo("Q1", "QH")], {})
    department, district = run.unit("SO-TC"), run.unit("Q1")
    assert department.total.max_points == district.total.max_points == 1000
    assert [department.node(p).max_points for p in "123456789"] == [
        100, 100, 100, 100, 100, 250, 250, 0, 0,
    ]  # fmt: skip
    assert [district.node(p).max_points for p in "123456789"] == [
        100, 100, 100, 100, 100, 200, 0, 150, 150,
    ]  # fmt: skip
    assert district.node("10").max_points == 0


NATIONAL = [
    ("awareness", 100), ("institutions", 100), ("infrastructure", 100), ("human-resources", 100),
    ("cybersecurity", 100), ("smart-city", 0), ("digital-government", 200),
    ("digital-economy", 150), ("digital-society", 150),
]  # fmt: skip


def test_national_dti_is_1000_points_and_the_index_is_points_over_1000() -> None:
    """922/QĐ-BTTTT: 9 main indicators over 1000 points; smart city is reported, not scored."""
    fw = skeleton({name: f"{name}.1:{points}" for name, points in NATIONAL})
    answers = {"E-awareness.1": True, "E-digital-government.1": True, "E-smart-city.1": True}
    values = {"TPHCM": {code: Value(raw, "self") for code, raw in answers.items()}}
    total = score(fw, [UnitInfo("TPHCM", "SBN")], values).node("TPHCM", TOTAL)
    assert total.max_points == 1000
    assert total.points == 300
    assert total.rounded_index == D("0.3000")
