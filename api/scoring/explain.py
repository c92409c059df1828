"""Explanations (diễn giải cách tính điểm): for one unit and one indicator, the rule, the inputs
with their sources, the formula with the numbers put in, and the points, in Vietnamese and English.

Built on demand from the same scalar rule functions the engine's loops use, so the formula shown is
the arithmetic that produced the points. Vietnamese text writes decimals with a comma (0,75).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from api.scoring.model import (
    Adjustment,
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Criterion,
    Direction,
    Goalposts,
    LinearRule,
    ManualRule,
    RankRule,
    RatioRule,
    RawValue,
    RelativeToBestRule,
    Value,
    ZeroDenominator,
)
from api.scoring.rules import (
    ZERO,
    band_reached,
    bands_points,
    boolean_points,
    choice_points,
    clamp,
    engine_context,
    linear_points,
    linear_ratio_points,
    rank_of,
    rank_points,
    ratio_percent,
    relative_to_best_points,
    round_points,
    sorted_bands,
    to_answer,
    to_number,
    to_option,
)

_SHOWN = Decimal("0.0001")


class Outcome(StrEnum):
    """How an indicator's points came about."""

    SCORED = "scored"
    MISSING = "missing"
    ZERO_DENOMINATOR = "zero_denominator"
    ADJUSTED = "adjusted"
    MARKED_NOT_APPLICABLE = "marked_not_applicable"
    NOT_IN_GROUP = "not_in_group"


@dataclass(frozen=True, slots=True)
class GroupStats:
    """What a group-relative rule saw in one group (nhóm): the units with a value, their lowest
    and highest x, and (rank rule only) every x in ascending order."""

    group: str
    count: int
    low: Decimal | None
    high: Decimal | None
    ordered: tuple[Decimal, ...] = ()


@dataclass(frozen=True, slots=True)
class ExplainedInput:
    """A rule input as the engine read it; `source` is None when the value is missing."""

    name: str
    element_code: str
    value: RawValue
    source: str | None


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a unit got its points on one indicator."""

    criterion_code: str
    rule: str
    outcome: Outcome
    applicable: bool
    inputs: tuple[ExplainedInput, ...]
    formula_vi: str
    formula_en: str
    points: Decimal
    max_points: Decimal
    adjustment: Adjustment | None = None


@dataclass(frozen=True, slots=True)
class _Evaluated:
    points: Decimal
    outcome: Outcome
    vi: str
    en: str


def explain_leaf(
    criterion: Criterion,
    *,
    group: str,
    in_group: bool,
    marked: bool,
    values: Mapping[str, Value] | None,
    adjustment: Adjustment | None,
    stats: GroupStats | None,
) -> Explanation:
    """Explain one indicator for one unit; `stats` is the unit's group as the run saw it."""
    with engine_context():
        return _explain(
            criterion,
            group=group,
            in_group=in_group,
            marked=marked,
            values=values or {},
            adjustment=adjustment,
            stats=stats,
        )


def _explain(
    criterion: Criterion,
    *,
    group: str,
    in_group: bool,
    marked: bool,
    values: Mapping[str, Value],
    adjustment: Adjustment | None,
    stats: GroupStats | None,
) -> Explanation:
    max_points = criterion.max_points if criterion.max_points is not None else ZERO
    inputs = tuple(
        ExplainedInput(
            name=ref.name,
            element_code=ref.element_code,
            value=values[ref.element_code].value if ref.element_code in values else None,
            source=values[ref.element_code].source if ref.element_code in values else None,
        )
        for ref in criterion.inputs
    )
    kind = criterion.rule.kind
    if not in_group:
        return Explanation(
            criterion_code=criterion.code,
            rule=kind,
            outcome=Outcome.NOT_IN_GROUP,
            applicable=False,
            inputs=inputs,
            formula_vi=f"Không áp dụng cho nhóm {group}",
            formula_en=f"Does not apply to group {group}",
            points=ZERO,
            max_points=ZERO,
        )
    if marked:
        return Explanation(
            criterion_code=criterion.code,
            rule=kind,
            outcome=Outcome.MARKED_NOT_APPLICABLE,
            applicable=False,
            inputs=inputs,
            formula_vi="Được xác định không áp dụng cho đơn vị: không tính vào điểm và điểm tối đa",
            formula_en="Marked not applicable for this unit: left out of points and max",
            points=ZERO,
            max_points=ZERO,
        )
    raw = {item.name: item.value for item in inputs}
    evaluated = _evaluate(criterion, raw, max_points, group, stats)
    if adjustment is not None:
        points = clamp(adjustment.points, max_points)
        kept = kept_en = ""
        if points != adjustment.points:
            kept = f" (đã nhập {_vi(adjustment.points)}, giới hạn trong 0–{_vi(max_points)})"
            kept_en = f" ({_en(adjustment.points)} entered, kept within 0–{_en(max_points)})"
        if isinstance(criterion.rule, ManualRule):
            reason = adjustment.reason
            vi = f"Điểm do người đánh giá chấm: {_vi(points, 2)}{kept} (lý do: {reason})"
            en = f"Points set by the reviewer: {_en(points, 2)}{kept_en} (reason: {reason})"
        else:
            vi = (
                f"{evaluated.vi}; người đánh giá điều chỉnh thành {_vi(points, 2)} điểm{kept}"
                f" (lý do: {adjustment.reason})"
            )
            en = (
                f"{evaluated.en}; adjusted by the reviewer to {_en(points, 2)} points{kept_en}"
                f" (reason: {adjustment.reason})"
            )
        return Explanation(
            criterion_code=criterion.code,
            rule=kind,
            outcome=Outcome.ADJUSTED,
            applicable=True,
            inputs=inputs,
            formula_vi=vi,
            formula_en=en,
            points=points,
            max_points=max_points,
            adjustment=adjustment,
        )
    applicable = True
    if evaluated.outcome is Outcome.MISSING:
        applicable = not criterion.not_applicable_when_missing
    elif evaluated.outcome is Outcome.ZERO_DENOMINATOR:
        rule = criterion.rule
        assert isinstance(rule, RatioRule)
        applicable = rule.zero_denominator is ZeroDenominator.ZERO
    return Explanation(
        criterion_code=criterion.code,
        rule=kind,
        outcome=evaluated.outcome,
        applicable=applicable,
        inputs=inputs,
        formula_vi=evaluated.vi,
        formula_en=evaluated.en,
        points=evaluated.points if applicable else ZERO,
        max_points=max_points if applicable else ZERO,
    )


def _evaluate(
    criterion: Criterion,
    raw: Mapping[str, RawValue],
    max_points: Decimal,
    group: str,
    stats: GroupStats | None,
) -> _Evaluated:
    rule = criterion.rule
    if isinstance(rule, ManualRule):
        return _missing(criterion, "người đánh giá chưa chấm điểm", "no points set by a reviewer")
    if isinstance(rule, BooleanRule):
        answer = to_answer(raw.get(rule.input))
        if answer is None:
            return _missing_inputs(criterion, (rule.input,))
        points = boolean_points(answer, max_points)
        return _Evaluated(
            points,
            Outcome.SCORED,
            f"Trả lời {'có' if answer else 'không'} → {_vi(points, 2)} điểm",
            f"Answer {'yes' if answer else 'no'} → {_en(points, 2)} points",
        )
    if isinstance(rule, ChoiceRule):
        option = to_option(raw.get(rule.input))
        if option is None:
            return _missing_inputs(criterion, (rule.input,))
        table = dict(rule.points)
        points = choice_points(option, table, max_points)
        if option in table:
            return _Evaluated(
                points,
                Outcome.SCORED,
                f"Lựa chọn “{option}” → {_vi(points, 2)} điểm",
                f"Option “{option}” → {_en(points, 2)} points",
            )
        return _Evaluated(
            points,
            Outcome.SCORED,
            f"Lựa chọn “{option}” không có trong bảng điểm → 0 điểm",
            f"Option “{option}” is not in the points table → 0 points",
        )
    if isinstance(rule, RatioRule):
        return _ratio(criterion, rule, raw, max_points, group, stats)
    assert isinstance(rule, BandsRule | LinearRule | RelativeToBestRule | RankRule)
    x = to_number(raw.get(rule.input))
    if x is None:
        return _missing_inputs(criterion, (rule.input,))
    if isinstance(rule, BandsRule):
        return _bands(x, rule, max_points)
    if isinstance(rule, LinearRule):
        return _linear(x, rule, max_points, group, stats)
    assert stats is not None
    assert stats.high is not None
    if isinstance(rule, RelativeToBestRule):
        best = stats.high
        points = relative_to_best_points(x, best, max_points)
        if best <= ZERO:
            return _Evaluated(
                points,
                Outcome.SCORED,
                f"Giá trị cao nhất của nhóm {group} là {_vi(best)} → 0 điểm",
                f"The best value in group {group} is {_en(best)} → 0 points",
            )
        eq = _eq(points)
        return _Evaluated(
            points,
            Outcome.SCORED,
            f"{_vi(max_points)} × {_vi(x)} ÷ {_vi(best)} (cao nhất nhóm {group})"
            f" {eq} {_vi(points, 2)} điểm",
            f"{_en(max_points)} × {_en(x)} ÷ {_en(best)} (the best of group {group})"
            f" {eq} {_en(points, 2)} points",
        )
    rank = rank_of(x, stats.ordered, rule.direction)
    points = rank_points(rank, rule.points_by_rank, max_points)
    listed = len(rule.points_by_rank)
    beyond_vi = f" (chỉ {listed} hạng đầu có điểm)" if rank > listed else ""
    beyond_en = f" (only ranks 1–{listed} score)" if rank > listed else ""
    order_vi = "" if rule.direction is Direction.HIGHER_IS_BETTER else ", thấp hơn là tốt hơn"
    order_en = "" if rule.direction is Direction.HIGHER_IS_BETTER else ", lower is better"
    return _Evaluated(
        points,
        Outcome.SCORED,
        f"x = {_vi(x)} xếp thứ {rank}/{stats.count} trong nhóm {group}{order_vi}"
        f" → {_vi(points, 2)} điểm{beyond_vi}",
        f"x = {_en(x)} ranks {rank} of {stats.count} in group {group}{order_en}"
        f" → {_en(points, 2)} points{beyond_en}",
    )


def _ratio(
    criterion: Criterion,
    rule: RatioRule,
    raw: Mapping[str, RawValue],
    max_points: Decimal,
    group: str,
    stats: GroupStats | None,
) -> _Evaluated:
    a = to_number(raw.get(rule.numerator))
    b = to_number(raw.get(rule.denominator))
    if a is None or b is None:
        absent = tuple(
            name for name, v in ((rule.numerator, a), (rule.denominator, b)) if v is None
        )
        return _missing_inputs(criterion, absent)
    x = ratio_percent(a, b)
    if x is None:
        if rule.zero_denominator is ZeroDenominator.ZERO:
            vi_end, en_end = "0 điểm", "0 points"
        else:
            vi_end = "không áp dụng (không tính vào điểm và điểm tối đa)"
            en_end = "not applicable (left out of points and max)"
        return _Evaluated(
            ZERO,
            Outcome.ZERO_DENOMINATOR,
            f"a = {_vi(a)}; b = 0 → {vi_end}",
            f"a = {_en(a)}, b = 0 → {en_end}",
        )
    eq = "=" if x == x.quantize(_SHOWN, rounding=ROUND_HALF_UP) else "≈"
    prefix_vi = f"x = a ÷ b × 100 = {_vi(a)} ÷ {_vi(b)} × 100 {eq} {_vi(x)} %; "
    prefix_en = f"x = a ÷ b × 100 = {_en(a)} ÷ {_en(b)} × 100 {eq} {_en(x)} %; "
    scale = rule.scale
    if isinstance(scale, BandsRule):
        scored = _bands(x, scale, max_points)
    elif scale.goalposts is Goalposts.GROUP_MIN_MAX:
        scored = _linear(x, scale, max_points, group, stats)
    else:
        assert scale.floor is not None
        assert scale.target is not None
        points = linear_ratio_points(a, b, scale.floor, scale.target, max_points)
        scored = _linear_text(x, scale.floor, scale.target, max_points, points)
    return _Evaluated(scored.points, scored.outcome, prefix_vi + scored.vi, prefix_en + scored.en)


def _bands(x: Decimal, rule: BandsRule, max_points: Decimal) -> _Evaluated:
    thresholds, band_points = sorted_bands(rule)
    points = bands_points(x, thresholds, band_points, rule.direction, max_points)
    position = band_reached(x, thresholds, rule.direction)
    higher = rule.direction is Direction.HIGHER_IS_BETTER
    sign = "≥" if higher else "≤"
    if position is None:
        first = thresholds[0] if higher else thresholds[-1]
        return _Evaluated(
            points,
            Outcome.SCORED,
            f"x = {_vi(x)} không đạt mức nào (mức đầu tiên {sign} {_vi(first)}) → 0 điểm",
            f"x = {_en(x)} reaches no band (the first is {sign} {_en(first)}) → 0 points",
        )
    threshold = thresholds[position]
    return _Evaluated(
        points,
        Outcome.SCORED,
        f"x = {_vi(x)} đạt mức {sign} {_vi(threshold)} → {_vi(points, 2)} điểm",
        f"x = {_en(x)} reaches the band {sign} {_en(threshold)} → {_en(points, 2)} points",
    )


def _linear(
    x: Decimal, rule: LinearRule, max_points: Decimal, group: str, stats: GroupStats | None
) -> _Evaluated:
    if rule.goalposts is Goalposts.FIXED:
        assert rule.floor is not None
        assert rule.target is not None
        points = linear_points(x, rule.floor, rule.target, max_points)
        return _linear_text(x, rule.floor, rule.target, max_points, points)
    assert stats is not None
    assert stats.low is not None
    assert stats.high is not None
    higher = rule.direction is Direction.HIGHER_IS_BETTER
    floor, target = (stats.low, stats.high) if higher else (stats.high, stats.low)
    points = linear_points(x, floor, target, max_points)
    if floor == target:
        return _Evaluated(
            points,
            Outcome.SCORED,
            f"Mọi đơn vị có số liệu của nhóm {group} đều có x = {_vi(x)}"
            f" → {_vi(points, 2)} điểm (tối đa)",
            f"Every unit of group {group} with a value has x = {_en(x)}"
            f" → {_en(points, 2)} points (the maximum)",
        )
    low_vi, high_vi = ("thấp nhất", "cao nhất") if higher else ("cao nhất", "thấp nhất")
    low_en, high_en = ("lowest", "highest") if higher else ("highest", "lowest")
    text = _linear_text(x, floor, target, max_points, points)
    return _Evaluated(
        points,
        Outcome.SCORED,
        f"mốc theo {stats.count} đơn vị có số liệu của nhóm {group}: sàn {_vi(floor)}"
        f" ({low_vi}), đích {_vi(target)} ({high_vi}); {text.vi}",
        f"goalposts from the {stats.count} units of group {group} with a value:"
        f" floor {_en(floor)} ({low_en}), target {_en(target)} ({high_en}); {text.en}",
    )


def _linear_text(
    x: Decimal, floor: Decimal, target: Decimal, max_points: Decimal, points: Decimal
) -> _Evaluated:
    eq = _eq(points)
    return _Evaluated(
        points,
        Outcome.SCORED,
        f"{_vi(max_points)} × [({_vi(x)} − {_vi(floor)}) ÷ ({_vi(target)} − {_vi(floor)})]"
        f" giới hạn trong [0; 1] {eq} {_vi(points, 2)} điểm",
        f"{_en(max_points)} × clamp(({_en(x)} − {_en(floor)}) ÷ ({_en(target)} − {_en(floor)}),"
        f" 0, 1) {eq} {_en(points, 2)} points",
    )


def _missing_inputs(criterion: Criterion, names: tuple[str, ...]) -> _Evaluated:
    codes = ", ".join(criterion.element_for(name) for name in names)
    return _missing(criterion, f"chưa có số liệu {codes}", f"no value for {codes}")


def _missing(criterion: Criterion, why_vi: str, why_en: str) -> _Evaluated:
    if criterion.not_applicable_when_missing:
        return _Evaluated(
            ZERO,
            Outcome.MISSING,
            f"{_sentence(why_vi)} → không áp dụng (không tính vào điểm và điểm tối đa)",
            f"{_sentence(why_en)} → not applicable (left out of points and max)",
        )
    return _Evaluated(
        ZERO,
        Outcome.MISSING,
        f"{_sentence(why_vi)} → 0 điểm",
        f"{_sentence(why_en)} → 0 points",
    )


def _sentence(text: str) -> str:
    """Capitalise the first letter only: element codes keep their case."""
    return text[:1].upper() + text[1:]


def _eq(points: Decimal) -> str:
    """'=' when the points shown (2 decimals) are exact, '≈' when they are rounded."""
    return "=" if points == round_points(points) else "≈"


def _en(number: Decimal, places: int = 4) -> str:
    """A number as shown in English text: at most `places` decimals (2 for points), no trailing
    zeros."""
    shown = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(shown.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _vi(number: Decimal, places: int = 4) -> str:
    """A number as written in Vietnamese: decimal comma."""
    return _en(number, places).replace(".", ",")


# Shared with the other explained results (levels, pillar views, merged units).
number_en = _en
number_vi = _vi
