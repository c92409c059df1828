"""`score`: every rule inside a run, applicability, adjustments, sums, ranks and the run id."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal

import pytest

from api.scoring import (
    TOTAL,
    Adjustment,
    Band,
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Criterion,
    Direction,
    Framework,
    Goalposts,
    LinearRule,
    ManualRule,
    RankRule,
    RatioRule,
    RawValue,
    RelativeToBestRule,
    ScoreRun,
    UnitInfo,
    Value,
    ZeroDenominator,
    input_hash,
    score,
)
from tests.support.scoring import element, framework, indicator, merge, pillar, units, values_for

D = Decimal
LOWER = Direction.LOWER_IS_BETTER


def run_one(
    leaf: Criterion,
    by_unit: Mapping[str, RawValue],
    *,
    adjustments: Mapping[tuple[str, str], Adjustment] | None = None,
    not_applicable: Collection[tuple[str, str]] = (),
) -> ScoreRun:
    """Score one indicator under one pillar for QH units."""
    return score(
        framework(pillar("1", leaf)),
        units(*by_unit),
        values_for(leaf.code, by_unit),
        adjustments=adjustments,
        not_applicable=not_applicable,
    )


def points(run: ScoreRun, code: str = "1.1") -> dict[str, Decimal]:
    return {unit.code: run.node(unit.code, code).points for unit in run.units}


# --- rules in a run -------------------------------------------------------------------------


def test_boolean_scores_max_for_yes_and_zero_for_no_or_missing() -> None:
    run = run_one(indicator("1.1", BooleanRule()), {"A": True, "B": False, "C": None})
    assert points(run) == {"A": 20, "B": 0, "C": 0}
    missing = run.node("C", "1.1")
    assert missing.applicable
    assert missing.max_points == 20


def test_missing_data_removes_points_and_max_when_the_indicator_says_so() -> None:
    leaf = indicator("1.1", BooleanRule(), not_applicable_when_missing=True)
    other = indicator("1.2", BooleanRule(), 30)
    values = merge(values_for("1.1", {"A": True}), values_for("1.2", {"A": True, "C": True}))
    run = score(framework(pillar("1", leaf, other)), units("A", "C"), values)
    absent = run.node("C", "1.1")
    assert (absent.applicable, absent.points, absent.max_points, absent.rank) == (False, 0, 0, None)
    assert run.node("C", "1").max_points == 30
    assert run.node("A", "1").max_points == 50
    assert run.node("C", TOTAL).index == 1


def test_choice_scores_the_option() -> None:
    rule = ChoiceRule(points=(("head", D(20)), ("deputy", D(10)), ("none", D(0))))
    run = run_one(indicator("1.1", rule), {"A": "head", "B": "deputy", "C": "none", "D": None})
    assert points(run) == {"A": 20, "B": 10, "C": 0, "D": 0}


def test_bands_in_a_run() -> None:
    bands = (Band(D(0), D(15)), Band(D(1), D(10)), Band(D(2), D(5)))
    rule = BandsRule(bands=bands, direction=LOWER)
    run = run_one(indicator("1.1", rule, 15), {"A": 0, "B": "1", "C": D(2), "D": 5, "E": None})
    assert points(run) == {"A": 15, "B": 10, "C": 5, "D": 0, "E": 0}


def ratio_values(by_unit: Mapping[str, tuple[RawValue, RawValue]]) -> dict[str, dict[str, Value]]:
    return merge(
        values_for("1.1", {unit: a for unit, (a, _) in by_unit.items()}, name="a"),
        values_for("1.1", {unit: b for unit, (_, b) in by_unit.items()}, name="b"),
    )


def run_ratio(rule: RatioRule, by_unit: Mapping[str, tuple[RawValue, RawValue]]) -> ScoreRun:
    leaf = indicator("1.1", rule, inputs=("a", "b"))
    return score(framework(pillar("1", leaf)), units(*by_unit), ratio_values(by_unit))


def test_ratio_scores_a_over_b_times_max() -> None:
    run = run_ratio(RatioRule(), {"A": (3, 4), "B": (0, 5), "C": (5, 5), "D": (6, 5), "E": (1, 3)})
    got = points(run)
    assert (got["A"], got["B"], got["C"], got["D"]) == (15, 0, 20, 20)
    assert run.node("E", "1.1").rounded_points == D("6.67")


def test_ratio_with_a_zero_denominator_scores_zero_by_default() -> None:
    run = run_ratio(RatioRule(), {"A": (0, 0)})
    result = run.node("A", "1.1")
    assert (result.points, result.max_points, result.applicable) == (0, 20, True)


def test_ratio_with_a_zero_denominator_can_be_not_applicable() -> None:
    rule = RatioRule(zero_denominator=ZeroDenominator.NOT_APPLICABLE)
    run = run_ratio(rule, {"A": (0, 0), "B": (1, 2)})
    result = run.node("A", "1.1")
    assert (result.points, result.max_points, result.applicable) == (0, 0, False)
    assert run.node("B", "1.1").points == 10


def test_ratio_with_a_missing_part_is_missing() -> None:
    run = run_ratio(RatioRule(), {"A": (None, 4), "B": (3, None)})
    assert points(run) == {"A": 0, "B": 0}
    assert run.explain("A")["1.1"].outcome == "missing"


def test_ratio_scaled_by_bands() -> None:
    scale = BandsRule(bands=(Band(D(50), D(10)), Band(D(90), D(20))))
    run = run_ratio(RatioRule(scale=scale), {"A": (9, 10), "B": (1, 2), "C": (49, 100)})
    assert points(run) == {"A": 20, "B": 10, "C": 0}


def test_ratio_scaled_by_group_goalposts() -> None:
    scale = LinearRule(goalposts=Goalposts.GROUP_MIN_MAX)
    run = run_ratio(RatioRule(scale=scale), {"A": (1, 4), "B": (3, 4), "C": (2, 4)})
    assert points(run) == {"A": 0, "B": 20, "C": 10}


def test_linear_with_fixed_goalposts_in_a_run() -> None:
    leaf = indicator("1.1", LinearRule(floor=D(0), target=D(1)))
    run = run_one(leaf, {"A": D("0.45"), "B": 2, "C": -1})
    assert points(run) == {"A": 9, "B": 20, "C": 0}


def test_linear_with_group_goalposts_uses_the_units_that_have_a_value() -> None:
    leaf = indicator("1.1", LinearRule(goalposts=Goalposts.GROUP_MIN_MAX))
    run = run_one(leaf, {"A": 2, "B": 6, "C": 10, "D": None})
    assert points(run) == {"A": 0, "B": 10, "C": 20, "D": 0}


def test_linear_with_group_goalposts_lower_is_better() -> None:
    leaf = indicator("1.1", LinearRule(goalposts=Goalposts.GROUP_MIN_MAX, direction=LOWER))
    run = run_one(leaf, {"A": 2, "B": 6, "C": 10})
    assert points(run) == {"A": 20, "B": 10, "C": 0}


def test_linear_with_group_goalposts_all_equal_gives_everyone_max() -> None:
    leaf = indicator("1.1", LinearRule(goalposts=Goalposts.GROUP_MIN_MAX))
    run = run_one(leaf, {"A": 5, "B": 5, "C": None})
    assert points(run) == {"A": 20, "B": 20, "C": 0}


def test_group_goalposts_are_taken_per_group() -> None:
    leaf = indicator("1.1", LinearRule(goalposts=Goalposts.GROUP_MIN_MAX))
    run = score(
        framework(pillar("1", leaf)),
        [UnitInfo("A", "QH"), UnitInfo("B", "QH"), UnitInfo("S", "SBN"), UnitInfo("T", "SBN")],
        values_for("1.1", {"A": 0, "B": 10, "S": 100, "T": 50}),
    )
    assert points(run) == {"A": 0, "B": 20, "S": 20, "T": 0}


def test_relative_to_best() -> None:
    run = run_one(indicator("1.1", RelativeToBestRule(), 25), {"A": 7, "B": 12, "C": 0, "D": None})
    got = points(run)
    assert (got["B"], got["C"], got["D"]) == (25, 0, 0)
    assert run.node("A", "1.1").rounded_points == D("14.58")


def test_relative_to_best_when_the_best_is_zero() -> None:
    run = run_one(indicator("1.1", RelativeToBestRule(), 25), {"A": 0, "B": 0})
    assert points(run) == {"A": 0, "B": 0}


def test_a_unit_marked_not_applicable_does_not_set_the_best() -> None:
    run = run_one(
        indicator("1.1", RelativeToBestRule(), 25),
        {"A": 5, "B": 10, "C": 100},
        not_applicable=[("C", "1.1")],
    )
    assert points(run) == {"A": D("12.5"), "B": 25, "C": 0}


def test_rank_rule_uses_competition_ranks_of_x() -> None:
    rule = RankRule(points_by_rank=(D(10), D(8), D(6)))
    run = run_one(indicator("1.1", rule, 10), {"A": 5, "B": 9, "C": 9, "D": 1, "E": None})
    assert points(run) == {"A": 6, "B": 10, "C": 10, "D": 0, "E": 0}


def test_rank_rule_lower_is_better() -> None:
    rule = RankRule(points_by_rank=(D(10), D(8), D(6)), direction=LOWER)
    run = run_one(indicator("1.1", rule, 10), {"A": 5, "B": 9, "C": 9, "D": 1})
    assert points(run) == {"A": 8, "B": 6, "C": 6, "D": 10}


def test_manual_points_come_from_the_reviewer() -> None:
    leaf = indicator("1.1", ManualRule(), inputs=())
    run = score(
        framework(pillar("1", leaf)),
        units("A", "B", "C"),
        {},
        adjustments={
            ("A", "1.1"): Adjustment(D("12.5"), "good evidence"),
            ("C", "1.1"): Adjustment(D(50), "typo"),
        },
    )
    assert points(run) == {"A": D("12.5"), "B": 0, "C": 20}
    assert run.node("B", "1.1").applicable


def test_manual_without_points_can_be_not_applicable() -> None:
    leaf = indicator("1.1", ManualRule(), inputs=(), not_applicable_when_missing=True)
    run = score(
        framework(pillar("1", leaf)),
        units("A", "B"),
        {},
        adjustments={("A", "1.1"): Adjustment(D(5), "ok")},
    )
    assert run.node("A", "1.1").applicable
    assert not run.node("B", "1.1").applicable


# --- adjustments and not-applicable marks ------------------------------------------------------


def test_an_adjustment_replaces_computed_points() -> None:
    run = run_one(
        indicator("1.1", BooleanRule()),
        {"A": False, "B": True},
        adjustments={("A", "1.1"): Adjustment(D(15), "portal checked by DIC")},
    )
    assert points(run) == {"A": 15, "B": 20}
    explanation = run.explain("A")["1.1"]
    assert explanation.outcome == "adjusted"
    assert explanation.adjustment == Adjustment(D(15), "portal checked by DIC")


def test_an_adjustment_brings_back_an_indicator_missing_data_removed() -> None:
    leaf = indicator("1.1", BooleanRule(), not_applicable_when_missing=True)
    run = run_one(leaf, {"A": None}, adjustments={("A", "1.1"): Adjustment(D(5), "seen")})
    result = run.node("A", "1.1")
    assert (result.applicable, result.points, result.max_points) == (True, 5, 20)


def test_an_adjustment_does_not_apply_outside_the_indicators_groups() -> None:
    leaf = indicator("1.1", BooleanRule(), groups=["SBN"])
    run = run_one(leaf, {"A": True}, adjustments={("A", "1.1"): Adjustment(D(5), "x")})
    assert not run.node("A", "1.1").applicable
    assert run.node("A", TOTAL).points == 0


def test_adjustments_are_for_indicators_only() -> None:
    with pytest.raises(ValueError, match="only indicators"):
        run_one(
            indicator("1.1", BooleanRule()),
            {"A": True},
            adjustments={("A", "1"): Adjustment(D(5), "x")},
        )


def test_marking_a_pillar_not_applicable_removes_its_subtree() -> None:
    fw = framework(
        pillar("1", indicator("1.1", BooleanRule()), indicator("1.2", BooleanRule())),
        pillar("2", indicator("2.1", BooleanRule(), 60)),
    )
    values = merge(*(values_for(code, {"A": True, "B": True}) for code in ("1.1", "1.2", "2.1")))
    run = score(fw, units("A", "B"), values, not_applicable=[("A", "1")])
    a = run.unit("A")
    assert (a.node("1").applicable, a.node("1").points, a.node("1").max_points) == (False, 0, 0)
    assert not a.node("1.2").applicable
    assert a.node("1").rank is None
    assert (a.total.points, a.total.max_points, a.total.index) == (60, 60, 1)
    assert run.unit("B").total.max_points == 100


def test_a_pillar_whose_indicators_all_drop_out_is_not_applicable() -> None:
    fw = framework(
        pillar("1", indicator("1.1", BooleanRule(), not_applicable_when_missing=True)),
        pillar("2", indicator("2.1", BooleanRule())),
    )
    run = score(fw, units("A"), values_for("2.1", {"A": True}))
    assert not run.node("A", "1").applicable
    assert run.node("A", TOTAL).max_points == 20


# --- groups, sums, weights ------------------------------------------------------------------


def group_framework() -> tuple[list[UnitInfo], dict[str, dict[str, Value]], ScoreRun]:
    fw = framework(
        pillar(
            "6",
            indicator("6.1", BooleanRule(), 200),
            indicator("6.8", BooleanRule(), 50, groups=["SBN"]),
        ),
        pillar("7", indicator("7.1", BooleanRule(), 250), groups=["SBN"]),
        pillar("8", indicator("8.1", BooleanRule(), 300, groups=["QH"])),
    )
    everyone = [UnitInfo("SO-TC", "SBN"), UnitInfo("Q1", "QH")]
    values = merge(
        *(values_for(code, {"SO-TC": True, "Q1": True}) for code in ("6.1", "6.8", "7.1", "8.1"))
    )
    return everyone, values, score(fw, everyone, values)


def test_criteria_for_other_groups_leave_points_and_max() -> None:
    _, _, run = group_framework()
    department, district = run.unit("SO-TC"), run.unit("Q1")
    assert (department.node("6").max_points, district.node("6").max_points) == (250, 200)
    assert (department.node("7").applicable, district.node("7").applicable) == (True, False)
    assert not district.node("7.1").applicable
    # Pillar 8 has no indicator for SBN, so it does not apply to SBN at all.
    assert not department.node("8").applicable
    assert (department.total.max_points, district.total.max_points) == (500, 500)
    assert (department.total.points, district.total.points) == (500, 500)


def test_weights_multiply_points_and_max_in_the_parent() -> None:
    fw = framework(
        pillar(
            "1",
            indicator("1.1", BooleanRule(), 20, weight="0.5"),
            indicator("1.2", BooleanRule(), 10),
            weight=3,
        ),
        pillar("2", indicator("2.1", BooleanRule(), 10)),
    )
    values = merge(*(values_for(code, {"A": True}) for code in ("1.1", "1.2")))
    result = score(fw, units("A"), values).unit("A")
    assert (result.node("1").points, result.node("1").max_points) == (20, 20)
    assert (result.total.points, result.total.max_points) == (60, 70)


def test_index_is_points_over_max_and_zero_when_max_is_zero() -> None:
    fw = framework(
        pillar("1", indicator("1.1", BooleanRule(), 40)),
        pillar("10", indicator("10.1", BooleanRule(), 0)),
    )
    values = merge(values_for("1.1", {"A": True}), values_for("10.1", {"A": True}))
    result = score(fw, units("A"), values).unit("A")
    assert result.node("10").index == 0
    assert result.node("10").applicable
    assert result.total.index == 1
    assert result.total.rounded_index == D("1.0000")


# --- ranks -----------------------------------------------------------------------------------


def run_points(by_unit: Mapping[str, str], groups: Mapping[str, str] | None = None) -> ScoreRun:
    """Units whose total points equal their value (linear 0→100 on 100 points)."""
    leaf = indicator("1.1", LinearRule(floor=D(0), target=D(100)), 100)
    everyone = [UnitInfo(code, (groups or {}).get(code, "QH")) for code in by_unit]
    values = values_for("1.1", {unit: D(x) for unit, x in by_unit.items()})
    return score(framework(pillar("1", leaf)), everyone, values)


def test_ranks_are_standard_competition_ranks() -> None:
    run = run_points({"A": "50", "B": "70", "C": "70", "D": "10"})
    assert [(row.rank, row.unit_code) for row in run.ranking("QH")] == [
        (1, "B"),
        (1, "C"),
        (3, "A"),
        (4, "D"),
    ]


def test_ranks_use_points_rounded_to_two_decimals_as_published() -> None:
    run = run_points({"A": "10.004", "B": "10.001", "C": "10.005", "D": "10.0049999"})
    ranks = {row.unit_code: row.rank for row in run.ranking("QH")}
    assert ranks == {"C": 1, "A": 2, "B": 2, "D": 2}


def test_each_group_is_ranked_on_its_own() -> None:
    run = run_points({"A": "50", "B": "70", "S": "10", "T": "5"}, {"S": "SBN", "T": "SBN"})
    assert [(r.rank, r.unit_code) for r in run.ranking("QH")] == [(1, "B"), (2, "A")]
    assert [(r.rank, r.unit_code) for r in run.ranking("SBN")] == [(1, "S"), (2, "T")]


def test_indicators_are_ranked_too() -> None:
    fw = framework(pillar("1", indicator("1.1", BooleanRule()), indicator("1.2", BooleanRule())))
    values = merge(values_for("1.1", {"A": True, "B": False}), values_for("1.2", {"B": True}))
    run = score(fw, units("A", "B", "C"), values)
    assert [(r.rank, r.unit_code) for r in run.ranking("QH", "1.1")] == [
        (1, "A"),
        (2, "B"),
        (2, "C"),
    ]
    assert run.unit("B").node("1.2").rank == 1
    assert run.unit("A").total.rank == 1
    assert run.unit("B").total.rank == 1
    assert run.unit("C").total.rank == 3


def test_ranking_rows_carry_points_max_and_index() -> None:
    (row,) = run_points({"A": "25"}).ranking("QH")
    assert (row.points, row.max_points, row.index) == (25, 100, D("0.25"))


# --- inputs that break the engine's invariants ----------------------------------------------


def test_a_unit_in_a_group_the_framework_does_not_rank_is_refused() -> None:
    with pytest.raises(ValueError, match="group TP"):
        score(framework(pillar("1", indicator("1.1", BooleanRule()))), [UnitInfo("X", "TP")], {})


def test_duplicate_units_are_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        score(framework(pillar("1", indicator("1.1", BooleanRule()))), units("A", "A"), {})


def test_values_for_units_outside_the_run_are_refused() -> None:
    with pytest.raises(ValueError, match="not in the run"):
        score(
            framework(pillar("1", indicator("1.1", BooleanRule()))),
            units("A"),
            values_for("1.1", {"B": True}),
        )


def test_unknown_criteria_in_marks_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown criterion"):
        run_one(indicator("1.1", BooleanRule()), {"A": True}, not_applicable=[("A", "9.9")])


def test_a_value_the_rule_cannot_read_names_the_indicator_and_the_unit() -> None:
    leaf = indicator("1.1", LinearRule(floor=D(0), target=D(1)))
    with pytest.raises(ValueError, match=r"indicator 1.1, unit B: not a number"):
        run_one(leaf, {"A": 1, "B": "lots"})


def test_a_decimal_that_is_not_a_number_is_refused_with_its_unit() -> None:
    leaf = indicator("1.1", LinearRule(floor=D(0), target=D(1)))
    with pytest.raises(ValueError, match=r"indicator 1.1, unit C"):
        run_one(leaf, {"A": 1, "C": D("NaN")})


def test_a_leaf_without_max_points_is_refused() -> None:
    leaf = Criterion(code="1.1", name_vi="x", name_en="x", rule=BooleanRule())
    with pytest.raises(ValueError, match="max points"):
        score(framework(pillar("1", leaf)), units("A"), {})


# --- the run id ------------------------------------------------------------------------------


def hash_case() -> tuple[Framework, list[UnitInfo], dict[str, dict[str, Value]]]:
    fw = framework(
        pillar("1", indicator("1.1", BooleanRule()), indicator("1.2", RelativeToBestRule()))
    )
    values = merge(values_for("1.1", {"A": True, "B": False}), values_for("1.2", {"A": 3, "B": 4}))
    return fw, units("A", "B"), values


def test_the_same_inputs_in_any_order_give_the_same_run_id() -> None:
    fw, everyone, values = hash_case()
    shuffled_values = {
        unit: dict(reversed(list(found.items()))) for unit, found in reversed(values.items())
    }
    first = score(fw, everyone, values)
    second = score(fw, list(reversed(everyone)), shuffled_values)
    assert first.input_hash == second.input_hash
    assert len(first.input_hash) == 64
    assert input_hash(fw, everyone, values, {}, ()) == first.input_hash


@pytest.mark.parametrize(
    "change",
    ["value", "source", "type", "adjustment", "mark", "unit group", "weight"],
)
def test_any_change_that_can_move_results_changes_the_run_id(change: str) -> None:
    fw, everyone, values = hash_case()
    base = score(fw, everyone, values).input_hash
    adjustments: dict[tuple[str, str], Adjustment] = {}
    marks: list[tuple[str, str]] = []
    if change == "value":
        values["A"][element("1.2")] = Value(5, "self")
    elif change == "source":
        values["A"][element("1.2")] = Value(3, "SO-TTTT")
    elif change == "type":
        values["A"][element("1.2")] = Value(D(3), "self")
    elif change == "adjustment":
        adjustments[("A", "1.1")] = Adjustment(D(1), "x")
    elif change == "mark":
        marks.append(("A", "1"))
    elif change == "unit group":
        everyone = [UnitInfo("A", "SBN"), UnitInfo("B", "QH")]
    else:
        fw = framework(
            pillar(
                "1",
                indicator("1.1", BooleanRule(), weight=2),
                indicator("1.2", RelativeToBestRule()),
            )
        )
    changed = score(
        fw,
        everyone,
        values,
        adjustments=adjustments,
        not_applicable=marks,
    )
    assert changed.input_hash != base


def test_values_the_framework_does_not_read_do_not_change_the_run_id() -> None:
    fw, everyone, values = hash_case()
    base = score(fw, everyone, values).input_hash
    values["A"]["E-unused"] = Value(99, "self")
    assert score(fw, everyone, values).input_hash == base
