"""A scoring rule in words (phương pháp chấm điểm), Vietnamese or English, for the appendix sheets
of a framework's Excel file. The same sentences as the SPA's criteria viewer
(``frontend/src/features/frameworks/rules.ts``, i18n ``ruleText``), so a rule reads alike on the
page and in the file; keep the two in step."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from api.core.i18n import Language
from api.frameworks.schemas import (
    BandsRule,
    BooleanRule,
    ChoiceRule,
    LinearRule,
    ManualRule,
    RankRule,
    RatioBandsScale,
    RatioRule,
    RelativeToBestRule,
    Rule,
    SumOfChildrenRule,
)

# key -> (Vietnamese, English): the SPA's ``ruleText`` entries.
TEXTS: dict[str, tuple[str, str]] = {
    "boolean": (
        "Đạt điểm tối đa nếu trả lời “Có”, ngược lại 0 điểm.",
        "Full points for “yes”, otherwise 0.",
    ),
    "choice": ("Điểm theo lựa chọn: {options}.", "Points per option: {options}."),
    "bands": ("Điểm theo bậc: {bands}.", "Points by band: {bands}."),
    "band_at_least": (
        "từ {threshold} trở lên: {points} điểm",
        "{threshold} or more: {points} points",
    ),
    "band_at_most": (
        "từ {threshold} trở xuống: {points} điểm",
        "{threshold} or less: {points} points",
    ),
    "linear_fixed": (
        "Tuyến tính từ {floor} (0 điểm) đến {target} (điểm tối đa).",
        "Linear from {floor} (0 points) to {target} (full points).",
    ),
    "linear_group": (
        "Tuyến tính giữa giá trị thấp nhất và cao nhất trong nhóm.",
        "Linear between the lowest and the highest value in the group.",
    ),
    "lower_is_better": ("Giá trị càng thấp càng tốt.", "Lower is better."),
    "ratio": (
        "Tỷ lệ = {numerator} ÷ {denominator} × 100 (%).",
        "Ratio = {numerator} ÷ {denominator} × 100 (%).",
    ),
    "ratio_not_applicable": (
        "Khi mẫu số bằng 0: không áp dụng.",
        "When the denominator is 0: not applicable.",
    ),
    "ratio_zero": ("Khi mẫu số bằng 0: 0 điểm.", "When the denominator is 0: 0 points."),
    "relative_to_best": (
        "Điểm tối đa × giá trị ÷ giá trị tốt nhất trong nhóm.",
        "Full points × value ÷ the best value in the group.",
    ),
    "rank": ("Điểm theo thứ hạng trong nhóm: {ranks}.", "Points by rank in the group: {ranks}."),
    "rank_item": ("hạng {rank}: {points} điểm", "rank {rank}: {points} points"),
    "manual": (
        "Người đánh giá chấm điểm (từ 0 đến tối đa) kèm lý do.",
        "A reviewer sets the points (0 to the maximum) with a reason.",
    ),
    "sum_of_children": ("Tổng điểm các tiêu chí con.", "The sum of its sub-criteria."),
}


def number(value: Decimal | int | None, language: Language) -> str:
    """A number as the SPA's ``formatPoints`` shows it: no grouping, at most 4 decimals, a
    decimal comma in Vietnamese."""
    if value is None:
        return ""
    rounded = Decimal(value).quantize(Decimal("0.0001")).normalize()
    text = format(rounded, "f")
    return text.replace(".", ",") if language == "vi" else text


def _t(key: str, language: Language, **params: object) -> str:
    vi, en = TEXTS[key]
    return (vi if language == "vi" else en).format(**params)


def _bands(bands: list[tuple[Decimal, Decimal]], lower_is_better: bool, language: Language) -> str:
    key = "band_at_most" if lower_is_better else "band_at_least"
    items = [
        _t(key, language, threshold=number(t, language), points=number(p, language))
        for t, p in bands
    ]
    return _t("bands", language, bands="; ".join(items))


def _linear(floor: Decimal | None, target: Decimal | None, language: Language) -> str:
    return _t(
        "linear_fixed", language, floor=number(floor, language), target=number(target, language)
    )


# The name of an input in the sentence (the data element's name, when known), and the label of a
# choice option.
InputLabel = Callable[[str], str]
OptionLabel = Callable[[str], str]


def describe(
    rule: Rule,
    language: Language,
    *,
    input_label: InputLabel = lambda name: name,
    option_label: OptionLabel = lambda option: option,
) -> list[str]:
    """One sentence per fact of the rule: how the points are computed from the inputs."""
    lower = getattr(rule, "direction", None) == "lower_is_better"
    if isinstance(rule, BooleanRule):
        return [_t("boolean", language)]
    if isinstance(rule, ChoiceRule):
        options = "; ".join(
            f"{option_label(option)} → {number(points, language)}"
            for option, points in rule.points.items()
        )
        return [_t("choice", language, options=options)]
    if isinstance(rule, BandsRule):
        lines = [_bands([(b.threshold, b.points) for b in rule.bands], lower, language)]
        return [*lines, _t("lower_is_better", language)] if lower else lines
    if isinstance(rule, LinearRule):
        lines = (
            [_t("linear_group", language)]
            if rule.goalposts == "group_min_max"
            else [_linear(rule.floor, rule.target, language)]
        )
        return [*lines, _t("lower_is_better", language)] if lower else lines
    if isinstance(rule, RatioRule):
        lines = [
            _t(
                "ratio",
                language,
                numerator=input_label(rule.numerator),
                denominator=input_label(rule.denominator),
            )
        ]
        scale = rule.scale
        if isinstance(scale, RatioBandsScale):
            lines.append(
                _bands(
                    [(b.threshold, b.points) for b in scale.bands],
                    scale.direction == "lower_is_better",
                    language,
                )
            )
        else:
            lines.append(_linear(scale.floor, scale.target, language))
        zero = "ratio_not_applicable" if rule.zero_denominator == "not_applicable" else "ratio_zero"
        return [*lines, _t(zero, language)]
    if isinstance(rule, RelativeToBestRule):
        return [_t("relative_to_best", language)]
    if isinstance(rule, RankRule):
        ranks = "; ".join(
            _t("rank_item", language, rank=index, points=number(points, language))
            for index, points in enumerate(rule.points_by_rank, start=1)
        )
        lines = [_t("rank", language, ranks=ranks)]
        return [*lines, _t("lower_is_better", language)] if lower else lines
    if isinstance(rule, ManualRule):
        return [_t("manual", language)]
    assert isinstance(rule, SumOfChildrenRule)
    return [_t("sum_of_children", language)]
