"""Levels (mức độ), pillar views (trụ cột) and the 405 merged-unit rule, in the engine.

The 922 case is dti.gov.vn's DTI 2022 for Ho Chi Minh City (shared/domain/README.md): fed the
published main-indicator values, a framework of the 922 shape gives the published index 0.7163.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from api.scoring import (
    LevelSet,
    UnitInfo,
    Value,
    framework_from_dict,
    framework_to_dict,
    input_hash,
    level_of,
    merge_by_mean,
    merged_from_run,
    score,
)
from api.scoring.loader import FrameworkError
from api.scoring.rules import index_of

D = Decimal

CITY_LEVELS: list[dict[str, Any]] = [
    {"code": "khoi_dong", "name_vi": "Khởi động", "name_en": "Starting", "min_index": 0},
    {"code": "hinh_thanh", "name_vi": "Hình thành", "name_en": "Forming", "min_index": "0.6"},
    {"code": "nang_cao", "name_vi": "Nâng cao", "name_en": "Advanced", "min_index": "0.8"},
]
LOWER_LEVELS: list[dict[str, Any]] = [
    {"code": "thap", "name_vi": "Thấp", "name_en": "Low", "min_index": 0},
    {"code": "cao", "name_vi": "Cao", "name_en": "High", "min_index": "0.5"},
]

# 922/QĐ-BTTTT: the main indicators and their points; smart city is reported, not scored.
MAIN_922 = [
    ("1", "Nhận thức số", 100),
    ("2", "Thể chế số", 100),
    ("3", "Hạ tầng số", 100),
    ("4", "Nhân lực số", 100),
    ("5", "An toàn thông tin mạng", 100),
    ("6", "Đô thị thông minh", 0),
    ("7", "Hoạt động chính quyền số", 200),
    ("8", "Hoạt động kinh tế số", 150),
    ("9", "Hoạt động xã hội số", 150),
]
FOUNDATION = ["1", "2", "3", "4", "5", "6"]
PILLARS_922 = [
    {"code": "CQS", "name_vi": "Chính quyền số", "name_en": "Digital government"},
    {"code": "KTS", "name_vi": "Kinh tế số", "name_en": "Digital economy"},
    {"code": "XHS", "name_vi": "Xã hội số", "name_en": "Digital society"},
]
# dti.gov.vn, DTI 2022, Thành phố Hồ Chí Minh: each main indicator's value (points ÷ max).
HCMC_2022 = {
    "1": D("0.8917"),
    "2": D("0.9"),
    "3": D("0.8258"),
    "4": D("0.6267"),
    "5": D("0.5580"),
    "6": D(0),
    "7": D("0.8406"),
    "8": D("0.7611"),
    "9": D("0.3590"),
}


X_ELEMENT = {"code": "E", "name_vi": "x", "name_en": "x", "value_type": "decimal", "source": "self"}


def framework_922(**extra: Any) -> Any:
    """A framework of the 922 shape: each main indicator one component read as a value 0..1
    scaled to the indicator's points (what the published value is), and the three pillars."""
    return framework_from_dict(
        {
            "code": "DTI-922-TEST",
            "title_vi": "DTI cấp tỉnh",
            "title_en": "Provincial DTI",
            "groups": ["TINH"],
            "elements": [
                {
                    "code": f"E-{code}",
                    "name_vi": name,
                    "name_en": name,
                    "value_type": "decimal",
                    "source": "reviewer",
                }
                for code, name, _ in MAIN_922
            ],
            "criteria": [
                {
                    "code": code,
                    "name_vi": name,
                    "name_en": name,
                    "children": [
                        {
                            "code": f"{code}.1",
                            "name_vi": f"Giá trị {name}",
                            "name_en": f"Value of {name}",
                            "max_points": points,
                            "inputs": [{"name": "value", "element_code": f"E-{code}"}],
                            "rule": {"kind": "linear", "floor": 0, "target": 1},
                        }
                    ],
                }
                for code, name, points in MAIN_922
            ],
            "pillar_views": [
                dict(pillar, criteria=[*FOUNDATION, activity])
                for pillar, activity in zip(PILLARS_922, ["7", "8", "9"], strict=True)
            ],
            **extra,
        }
    )


def province_values(by_unit: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, Value]]:
    return {
        unit: {f"E-{code}": Value(value, "reviewer") for code, value in values.items()}
        for unit, values in by_unit.items()
    }


def two_groups(levels: list[dict[str, Any]]) -> Any:
    """One indicator worth 100 points, value 0..100 read as points, for groups SBN and QH."""
    return framework_from_dict(
        {
            "code": "LV",
            "title_vi": "Mức độ",
            "title_en": "Levels",
            "groups": ["SBN", "QH"],
            "elements": [X_ELEMENT],
            "criteria": [
                {
                    "code": "1",
                    "name_vi": "Một",
                    "name_en": "One",
                    "max_points": 100,
                    "inputs": [{"name": "value", "element_code": "E"}],
                    "rule": {"kind": "linear", "floor": 0, "target": 100},
                }
            ],
            "levels": levels,
        }
    )


# --- levels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "level"),
    [
        ("0", "khoi_dong"),
        ("0.5999", "khoi_dong"),
        ("0.59994", "khoi_dong"),  # published as 0,5999
        ("0.59995", "hinh_thanh"),  # published as 0,6000: read as shown
        ("0.6", "hinh_thanh"),
        ("0.7999", "hinh_thanh"),
        ("0.8", "nang_cao"),
        ("1", "nang_cao"),
    ],
)
def test_a_level_runs_from_its_threshold_up_to_not_including_the_next(
    index: str, level: str
) -> None:
    level_set = two_groups([{"bands": CITY_LEVELS}]).level_set("SBN")
    assert level_set is not None
    assert level_of(D(index), level_set).code == level


def test_each_group_takes_its_own_level_set_and_the_others_the_default() -> None:
    framework = two_groups([{"groups": ["QH"], "bands": LOWER_LEVELS}, {"bands": CITY_LEVELS}])
    units = [UnitInfo("S1", "SBN"), UnitInfo("S2", "SBN"), UnitInfo("Q1", "QH")]
    x = {"S1": "59.99", "S2": "60", "Q1": "59.99"}
    run = score(framework, units, {u: {"E": Value(D(v), "self")} for u, v in x.items()})

    levels = {code: getattr(run.level(code), "code", None) for code in ("S1", "S2", "Q1")}
    assert levels == {"S1": "khoi_dong", "S2": "hinh_thanh", "Q1": "cao"}
    counts = {c.level.code: c.count for c in run.level_counts("SBN")}
    assert counts == {"khoi_dong": 1, "hinh_thanh": 1, "nang_cao": 0}
    assert {c.level.code: c.count for c in run.level_counts("QH")} == {"thap": 0, "cao": 1}


def test_a_level_explains_itself_with_the_bounds_it_fell_between() -> None:
    framework = two_groups([{"bands": CITY_LEVELS}])
    run = score(framework, [UnitInfo("S1", "SBN")], {"S1": {"E": Value(D("71.63"), "self")}})
    level = run.level("S1")
    assert level is not None
    assert level.index == D("0.7163")
    assert level.explanation_vi == "Chỉ số 0,7163 ≥ 0,6 và < 0,8: mức Hình thành."
    assert level.explanation_en == "Index 0.7163 ≥ 0.6 and < 0.8: level Forming."


def test_a_group_without_a_level_set_has_no_level() -> None:
    framework = two_groups([{"groups": ["SBN"], "bands": CITY_LEVELS}])
    run = score(framework, [UnitInfo("Q1", "QH")], {"Q1": {"E": Value(D(70), "self")}})
    assert run.level("Q1") is None
    assert run.level_counts("QH") == ()


@pytest.mark.parametrize(
    ("levels", "path"),
    [
        ([{"bands": [dict(CITY_LEVELS[0], min_index="0.1"), *CITY_LEVELS[1:]]}], "bands[0]"),
        ([{"bands": [CITY_LEVELS[0], CITY_LEVELS[2], CITY_LEVELS[1]]}], "bands[2].min_index"),
        ([{"bands": [CITY_LEVELS[0], dict(CITY_LEVELS[1], code="khoi_dong")]}], "levels[0].bands"),
        ([{"groups": ["QH"], "bands": CITY_LEVELS}, {"groups": ["QH"], "bands": CITY_LEVELS}], "1"),
        ([{"bands": CITY_LEVELS}, {"bands": CITY_LEVELS}], "levels[1].groups"),
        ([{"groups": ["TP"], "bands": CITY_LEVELS}], "levels[0].groups"),
    ],
)
def test_the_loader_refuses_level_sets_that_break_the_format(
    levels: list[dict[str, Any]], path: str
) -> None:
    with pytest.raises(FrameworkError) as caught:
        two_groups(levels)
    assert path in caught.value.path


def test_levels_and_pillar_views_round_trip_and_enter_the_input_hash() -> None:
    framework = framework_922(levels=[{"bands": CITY_LEVELS}])
    assert framework_from_dict(framework_to_dict(framework)) == framework
    plain = framework_922()
    assert "levels" not in framework_to_dict(plain)
    units = [UnitInfo("HCM", "TINH")]
    values = province_values({"HCM": HCMC_2022})
    assert input_hash(framework, units, values, {}, ()) != input_hash(plain, units, values, {}, ())


# --- pillar views ------------------------------------------------------------------------------


def test_the_922_framework_fed_hcmc_2022_values_gives_the_published_index() -> None:
    run = score(framework_922(), [UnitInfo("HCM", "TINH")], province_values({"HCM": HCMC_2022}))

    total = run.node("HCM")
    assert total.max_points == 1000
    assert abs(total.index - D("0.7163")) <= D("0.0001")
    for code, value in HCMC_2022.items():
        assert run.node("HCM", code).index == value


def test_a_pillar_view_sums_its_criteria_and_overlapping_views_each_count_a_shared_one() -> None:
    run = score(framework_922(), [UnitInfo("HCM", "TINH")], province_values({"HCM": HCMC_2022}))
    views = {view.code: view for view in run.pillar_views("HCM")}

    foundation = sum((run.node("HCM", code).points for code in FOUNDATION), D(0))
    for code, activity in (("CQS", "7"), ("KTS", "8"), ("XHS", "9")):
        view = views[code]
        assert view.points == foundation + run.node("HCM", activity).points
        assert [part.code for part in view.parts] == [*FOUNDATION, activity]
        assert view.index == index_of(view.points, view.max_points)
    assert views["CQS"].max_points == 700  # 7 main indicators, 700 points (922)
    assert views["KTS"].max_points == views["XHS"].max_points == 650
    assert views["CQS"].points == D("548.34")  # 380.22 foundation + 168.12
    assert "380,22" not in views["CQS"].formula_vi  # parts are listed one by one
    assert "89,17 [1]" in views["CQS"].formula_vi
    assert "168,12 [7]" in views["CQS"].formula_vi
    assert views["CQS"].formula_en.endswith("index = 0.7833.")


def test_a_pillar_view_weights_its_criteria_as_the_total_does_and_skips_what_does_not_apply() -> (
    None
):
    framework = framework_from_dict(
        {
            "code": "W",
            "title_vi": "W",
            "title_en": "W",
            "groups": ["SBN", "QH"],
            "elements": [X_ELEMENT],
            "criteria": [
                {
                    "code": code,
                    "name_vi": code,
                    "name_en": code,
                    "max_points": 10,
                    "weight": weight,
                    "groups": groups,
                    "inputs": [{"name": "value", "element_code": "E"}],
                    "rule": {"kind": "linear", "floor": 0, "target": 10},
                }
                for code, weight, groups in (("1", 2, None), ("2", 1, ["QH"]))
            ],
            "pillar_views": [{"code": "P", "name_vi": "P", "name_en": "P", "criteria": ["1", "2"]}],
        }
    )
    run = score(framework, [UnitInfo("S", "SBN")], {"S": {"E": Value(D(5), "self")}})
    (view,) = run.pillar_views("S")
    assert (view.points, view.max_points) == (D(10), D(20))  # 2 × 5 of 2 × 10; "2" is QH only
    assert [part.applicable for part in view.parts] == [True, False]
    assert run.node("S").points == view.points


def test_the_loader_refuses_pillar_views_over_unknown_or_inner_criteria() -> None:
    for criteria, path in ((["1", "42"], "criteria[1]"), (["1.1"], "criteria[0]")):
        with pytest.raises(FrameworkError) as caught:
            framework_922(
                pillar_views=[{"code": "X", "name_vi": "X", "name_en": "X", "criteria": criteria}]
            )
        assert caught.value.path == f"pillar_views[0].{path}"


# --- merged units (405) ------------------------------------------------------------------------


def test_a_merged_province_takes_the_mean_of_its_predecessors_values() -> None:
    other = {code: D("0.5") for code in HCMC_2022} | {"6": D(0)}
    framework = framework_922(levels=[{"bands": CITY_LEVELS}])
    run = score(
        framework,
        [UnitInfo("HCM-CU", "TINH"), UnitInfo("BD", "TINH")],
        province_values({"HCM-CU": HCMC_2022, "BD": other}),
    )

    merged = merged_from_run(run, "HCM", ["HCM-CU", "BD"])

    by_code = {item.code: item for item in merged.indicators}
    assert by_code["1"].value == (D("0.8917") + D("0.5")) / 2
    assert by_code["7"].points == (D("0.8406") + D("0.5")) / 2 * 200
    expected = sum((item.points for item in merged.indicators), D(0)) / 1000
    assert merged.max_points == 1000
    assert merged.index == index_of(expected * 1000, D(1000))
    # The mean of values gives the mean of the two indexes when the max are the same.
    mean_index = (run.node("HCM-CU").index + run.node("BD").index) / 2
    assert abs(merged.index - mean_index) < D("1e-30")
    assert merged.level is not None
    assert merged.level.code == "hinh_thanh"
    assert {view.code for view in merged.pillar_views} == {"CQS", "KTS", "XHS"}
    assert "trung bình (0,8917 [HCM-CU]; 0,5 [BD]) = 0,6959" in by_code["1"].formula_vi
    assert merged.formula_en.startswith("HCM was formed from HCM-CU, BD")


def test_a_predecessor_without_a_value_is_left_out_of_that_indicators_mean() -> None:
    merged = merge_by_mean(
        framework_922(),
        unit_code="M",
        group="TINH",
        predecessor_values={"A": {"1": D("0.8"), "7": D("0.4")}, "B": {"1": D("0.6")}},
    )
    by_code = {item.code: item for item in merged.indicators}
    assert by_code["1"].value == D("0.7")
    assert by_code["7"].value == D("0.4")
    assert not by_code["8"].applicable
    assert merged.max_points == 300
    assert merged.index == index_of(D(70) + D(80), D(300))


def test_merging_refuses_values_outside_0_to_1_and_unknown_indicators() -> None:
    with pytest.raises(ValueError, match=r"outside 0\.\.1"):
        merge_by_mean(
            framework_922(), unit_code="M", group="TINH", predecessor_values={"A": {"1": D(2)}}
        )
    with pytest.raises(ValueError, match="not a main indicator"):
        merge_by_mean(
            framework_922(), unit_code="M", group="TINH", predecessor_values={"A": {"1.1": D(1)}}
        )


def test_level_sets_are_frozen_data() -> None:
    framework = two_groups([{"bands": CITY_LEVELS}])
    assert isinstance(framework.level_sets[0], LevelSet)
    assert hash(framework) == hash(two_groups([{"bands": CITY_LEVELS}]))
