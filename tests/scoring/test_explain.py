"""Explanations: the rule, the inputs with their sources, the formula with the numbers put in and
the points, in Vietnamese and English."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pytest

from api.scoring import (
    Adjustment,
    Band,
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Direction,
    ExplainedInput,
    Explanation,
    Goalposts,
    LeafRule,
    LinearRule,
    ManualRule,
    Outcome,
    RankRule,
    RatioRule,
    RawValue,
    RelativeToBestRule,
    ScoreRun,
    UnitInfo,
    ZeroDenominator,
    score,
)
from tests.support.scoring import element, framework, indicator, merge, pillar, units, values_for

D = Decimal


def checked(run: ScoreRun, unit: str) -> Explanation:
    """The explanation of 1.1, after checking it shows the points the run computed."""
    explanation = run.explain(unit)["1.1"]
    result = run.node(unit, "1.1")
    assert (explanation.points, explanation.max_points) == (result.points, result.max_points)
    assert explanation.applicable == result.applicable
    return explanation


def explained(
    rule: LeafRule,
    by_unit: Mapping[str, RawValue],
    unit: str = "A",
    *,
    max_points: int = 20,
    source: str = "self",
    adjustments: Mapping[tuple[str, str], Adjustment] | None = None,
    not_applicable_when_missing: bool = False,
) -> Explanation:
    leaf = indicator(
        "1.1", rule, max_points, not_applicable_when_missing=not_applicable_when_missing
    )
    run = score(
        framework(pillar("1", leaf)),
        units(*by_unit),
        values_for("1.1", by_unit, source=source),
        adjustments=adjustments,
    )
    return checked(run, unit)


def explained_ratio(
    rule: RatioRule, by_unit: Mapping[str, tuple[RawValue, RawValue]], unit: str = "A"
) -> Explanation:
    leaf = indicator("1.1", rule, inputs=("a", "b"))
    values = merge(
        values_for("1.1", {u: a for u, (a, _) in by_unit.items()}, name="a", source="VP-UBND"),
        values_for("1.1", {u: b for u, (_, b) in by_unit.items()}, name="b", source="VP-UBND"),
    )
    return checked(score(framework(pillar("1", leaf)), units(*by_unit), values), unit)


def test_inputs_carry_their_values_and_sources() -> None:
    explanation = explained_ratio(RatioRule(), {"A": (3, 4)})
    assert explanation.rule == "ratio"
    assert explanation.inputs == (
        ExplainedInput("a", element("1.1", "a"), 3, "VP-UBND"),
        ExplainedInput("b", element("1.1", "b"), 4, "VP-UBND"),
    )


def test_boolean() -> None:
    yes = explained(BooleanRule(), {"A": True})
    assert (yes.formula_en, yes.formula_vi) == ("Answer yes → 20 points", "Trả lời có → 20 điểm")
    no = explained(BooleanRule(), {"A": False})
    assert (no.formula_en, no.formula_vi) == ("Answer no → 0 points", "Trả lời không → 0 điểm")


def test_choice() -> None:
    rule = ChoiceRule(points=(("head", D(20)), ("deputy", D(10))))
    known = explained(rule, {"A": "deputy"})
    assert known.formula_en == "Option “deputy” → 10 points"
    assert known.formula_vi == "Lựa chọn “deputy” → 10 điểm"
    unknown = explained(rule, {"A": "chairman"})
    assert unknown.formula_en == "Option “chairman” is not in the points table → 0 points"


def test_bands() -> None:
    rule = BandsRule(bands=(Band(D(4), D(20)), Band(D(3), D(15))))
    reached = explained(rule, {"A": 3})
    assert reached.formula_en == "x = 3 reaches the band ≥ 3 → 15 points"
    assert reached.formula_vi == "x = 3 đạt mức ≥ 3 → 15 điểm"
    below = explained(rule, {"A": D("2.5")})
    assert below.formula_en == "x = 2.5 reaches no band (the first is ≥ 3) → 0 points"
    assert below.formula_vi == "x = 2,5 không đạt mức nào (mức đầu tiên ≥ 3) → 0 điểm"


def test_bands_lower_is_better() -> None:
    rule = BandsRule(
        bands=(Band(D(0), D(15)), Band(D(2), D(5))), direction=Direction.LOWER_IS_BETTER
    )
    assert explained(rule, {"A": 1}).formula_en == "x = 1 reaches the band ≤ 2 → 5 points"
    assert explained(rule, {"A": 3}).formula_en == (
        "x = 3 reaches no band (the first is ≤ 2) → 0 points"
    )


def test_linear_puts_the_numbers_in_the_formula() -> None:
    explanation = explained(LinearRule(floor=D(0), target=D(1)), {"A": D("0.45")})
    assert explanation.formula_en == "20 × clamp((0.45 − 0) ÷ (1 − 0), 0, 1) = 9 points"
    assert explanation.formula_vi == "20 × [(0,45 − 0) ÷ (1 − 0)] giới hạn trong [0; 1] = 9 điểm"


def test_linear_with_group_goalposts_names_them() -> None:
    rule = LinearRule(goalposts=Goalposts.GROUP_MIN_MAX)
    explanation = explained(rule, {"A": 4, "B": 2, "C": 10})
    assert explanation.formula_en == (
        "goalposts from the 3 units of group QH with a value: floor 2 (lowest), target 10"
        " (highest); 20 × clamp((4 − 2) ÷ (10 − 2), 0, 1) = 5 points"
    )
    assert explanation.formula_vi.startswith(
        "mốc theo 3 đơn vị có số liệu của nhóm QH: sàn 2 (thấp nhất), đích 10 (cao nhất);"
    )


def test_linear_with_equal_group_goalposts() -> None:
    rule = LinearRule(goalposts=Goalposts.GROUP_MIN_MAX)
    explanation = explained(rule, {"A": 4, "B": 4})
    assert explanation.formula_en == (
        "Every unit of group QH with a value has x = 4 → 20 points (the maximum)"
    )


def test_ratio_shows_x_and_marks_rounded_numbers() -> None:
    explanation = explained_ratio(RatioRule(), {"A": (1, 3)})
    assert explanation.formula_en == (
        "x = a ÷ b × 100 = 1 ÷ 3 × 100 ≈ 33.3333 %;"
        " 20 × clamp((33.3333 − 0) ÷ (100 − 0), 0, 1) ≈ 6.67 points"
    )
    assert explanation.formula_vi == (
        "x = a ÷ b × 100 = 1 ÷ 3 × 100 ≈ 33,3333 %;"
        " 20 × [(33,3333 − 0) ÷ (100 − 0)] giới hạn trong [0; 1] ≈ 6,67 điểm"
    )


@pytest.mark.parametrize(
    ("zero", "outcome", "applicable", "en"),
    [
        (ZeroDenominator.ZERO, Outcome.ZERO_DENOMINATOR, True, "a = 0, b = 0 → 0 points"),
        (
            ZeroDenominator.NOT_APPLICABLE,
            Outcome.ZERO_DENOMINATOR,
            False,
            "a = 0, b = 0 → not applicable (left out of points and max)",
        ),
    ],
)
def test_ratio_with_zero_denominator(
    zero: ZeroDenominator, outcome: Outcome, applicable: bool, en: str
) -> None:
    explanation = explained_ratio(RatioRule(zero_denominator=zero), {"A": (0, 0)})
    assert (explanation.outcome, explanation.applicable, explanation.formula_en) == (
        outcome,
        applicable,
        en,
    )


def test_relative_to_best() -> None:
    explanation = explained(RelativeToBestRule(), {"A": 7, "B": 12}, max_points=25)
    assert explanation.formula_en == "25 × 7 ÷ 12 (the best of group QH) ≈ 14.58 points"
    assert explanation.formula_vi == "25 × 7 ÷ 12 (cao nhất nhóm QH) ≈ 14,58 điểm"
    zero = explained(RelativeToBestRule(), {"A": 0, "B": 0})
    assert zero.formula_en == "The best value in group QH is 0 → 0 points"


def test_rank() -> None:
    rule = RankRule(points_by_rank=(D(10), D(8)))
    second = explained(rule, {"A": 5, "B": 9, "C": 1}, max_points=10)
    assert second.formula_en == "x = 5 ranks 2 of 3 in group QH → 8 points"
    assert second.formula_vi == "x = 5 xếp thứ 2/3 trong nhóm QH → 8 điểm"
    third = explained(rule, {"A": 1, "B": 9, "C": 5}, max_points=10)
    assert third.formula_en == "x = 1 ranks 3 of 3 in group QH → 0 points (only ranks 1–2 score)"


def test_missing_data() -> None:
    missing = explained(BooleanRule(), {"A": None})
    assert missing.outcome == Outcome.MISSING
    assert missing.formula_en == "No value for E-1.1-value → 0 points"
    assert missing.formula_vi == "Chưa có số liệu E-1.1-value → 0 điểm"
    removed = explained(BooleanRule(), {"A": None}, not_applicable_when_missing=True)
    assert not removed.applicable
    assert removed.formula_en == (
        "No value for E-1.1-value → not applicable (left out of points and max)"
    )


def test_manual_points_and_their_reason() -> None:
    explanation = explained(
        ManualRule(), {"A": None}, adjustments={("A", "1.1"): Adjustment(D(12), "đủ hồ sơ")}
    )
    assert explanation.outcome == Outcome.ADJUSTED
    assert explanation.formula_en == "Points set by the reviewer: 12 (reason: đủ hồ sơ)"
    assert explanation.formula_vi == "Điểm do người đánh giá chấm: 12 (lý do: đủ hồ sơ)"


def test_an_adjustment_keeps_the_computed_formula_and_says_why() -> None:
    explanation = explained(
        BooleanRule(), {"A": True}, adjustments={("A", "1.1"): Adjustment(D(30), "bonus")}
    )
    assert explanation.points == 20
    assert explanation.formula_en == (
        "Answer yes → 20 points; adjusted by the reviewer to 20 points"
        " (30 entered, kept within 0–20) (reason: bonus)"
    )


def test_not_applicable_explanations() -> None:
    leaf = indicator("1.1", BooleanRule(), groups=["SBN"])
    other = indicator("1.2", BooleanRule())
    run = score(
        framework(pillar("1", leaf, other)),
        [UnitInfo("Q1", "QH"), UnitInfo("SO-TC", "SBN")],
        {},
        not_applicable=[("SO-TC", "1")],
    )
    outside = run.explain("Q1")["1.1"]
    assert (outside.outcome, outside.formula_en) == (
        Outcome.NOT_IN_GROUP,
        "Does not apply to group QH",
    )
    marked = run.explain("SO-TC")["1.2"]
    assert marked.outcome == Outcome.MARKED_NOT_APPLICABLE
    assert marked.formula_vi.startswith("Được xác định không áp dụng")


def test_every_indicator_is_explained_in_tree_order() -> None:
    fw = framework(
        pillar("1", indicator("1.1", BooleanRule()), indicator("1.2", BooleanRule())),
        pillar("2", indicator("2.1", BooleanRule())),
    )
    run = score(fw, units("A"), {})
    assert list(run.explain("A")) == ["1.1", "1.2", "2.1"]
    assert run.explain_indicator("A", "2.1") == run.explain("A")["2.1"]
    with pytest.raises(ValueError, match="not an indicator"):
        run.explain_indicator("A", "1")
