"""Merged units under the 405 rule (405/QĐ-BKHCN, DTI 2024 onwards): a province formed by a
merger takes, for each main indicator (chỉ số chính, a top-level criterion), the mean of its
predecessors' values (value = points ÷ max), and its index from those values.

    merged = merge_by_mean(framework, unit_code="HCM", group="TINH",
                           predecessor_values={"HCM-OLD": {"1": Decimal("0.8917"), ...},
                                               "BD": {"1": Decimal("0.75"), ...}})
    merged_from_run(run, "HCM", ["HCM-OLD", "BD", "BRVT"])   # the values of a score run

A main indicator's points are its mean value × its max; the index is the (weighted) sum of those
points ÷ the (weighted) sum of the max, as for any unit. A predecessor without a value for an
indicator (not applicable to it) is left out of that indicator's mean; an indicator no predecessor
has is left out of points and max. Values are taken at full precision as given: a caller holding
only published values (4 decimals) passes those.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from api.scoring.engine import ScoreRun, top_level_max
from api.scoring.explain import number_en, number_vi
from api.scoring.model import Framework
from api.scoring.rules import ONE, ZERO, engine_context, index_of, round_index, round_points
from api.scoring.views import (
    LevelResult,
    PillarPart,
    PillarViewResult,
    level_of,
    pillar_view,
)


@dataclass(frozen=True, slots=True)
class MergedIndicator:
    """One main indicator of a merged unit: its predecessors' values and their mean."""

    code: str
    name_vi: str
    name_en: str
    predecessor_values: tuple[tuple[str, Decimal], ...]  # (predecessor code, value), as given
    value: Decimal  # the mean (0 when no predecessor has a value)
    max_points: Decimal
    weight: Decimal
    points: Decimal  # value × max
    applicable: bool  # False when no predecessor has a value
    formula_vi: str
    formula_en: str


@dataclass(frozen=True, slots=True)
class MergedUnit:
    """A merged unit's main indicators, points, index, level and pillar views, explained."""

    unit_code: str
    group: str
    predecessors: tuple[str, ...]
    indicators: tuple[MergedIndicator, ...]
    points: Decimal
    max_points: Decimal
    index: Decimal
    level: LevelResult | None
    pillar_views: tuple[PillarViewResult, ...]
    formula_vi: str
    formula_en: str


def merge_by_mean(
    framework: Framework,
    *,
    unit_code: str,
    group: str,
    predecessor_values: Mapping[str, Mapping[str, Decimal]],
) -> MergedUnit:
    """The merged unit's results from its predecessors' main-indicator values (0..1) by
    predecessor code, then top-level criterion code."""
    if group not in framework.groups:
        raise ValueError(f"group {group} is not in the framework")
    if not predecessor_values:
        raise ValueError(f"unit {unit_code}: a merged unit needs at least one predecessor")
    maxima = top_level_max(framework, group)
    known = {criterion.code: criterion for criterion in framework.criteria}
    for predecessor, values in predecessor_values.items():
        for code, value in values.items():
            if code not in maxima:
                raise ValueError(
                    f"predecessor {predecessor}: {code!r} is not a main indicator of group {group}"
                )
            if not ZERO <= value <= ONE:
                raise ValueError(f"predecessor {predecessor}, {code}: {value} is outside 0..1")
    with engine_context():
        indicators = tuple(
            _indicator(
                code,
                known[code].name_vi,
                known[code].name_en,
                known[code].weight,
                max_points,
                tuple(
                    (predecessor, values[code])
                    for predecessor, values in predecessor_values.items()
                    if code in values
                ),
            )
            for code, max_points in maxima.items()
        )
        counted = [item for item in indicators if item.applicable]
        points = sum((item.weight * item.points for item in counted), ZERO)
        max_points = sum((item.weight * item.max_points for item in counted), ZERO)
        index = index_of(points, max_points)
    by_code = {item.code: item for item in indicators}
    views = tuple(
        pillar_view(
            view,
            tuple(
                PillarPart(
                    code=code,
                    points=by_code[code].points if code in by_code else ZERO,
                    max_points=by_code[code].max_points if code in by_code else ZERO,
                    weight=known[code].weight,
                    applicable=code in by_code and by_code[code].applicable,
                )
                for code in view.criteria
            ),
        )
        for view in framework.pillar_views
    )
    level_set = framework.level_set(group)
    shown = round_index(index)
    return MergedUnit(
        unit_code=unit_code,
        group=group,
        predecessors=tuple(predecessor_values),
        indicators=indicators,
        points=points,
        max_points=max_points,
        index=index,
        level=level_of(index, level_set) if level_set is not None else None,
        pillar_views=views,
        formula_vi=(
            f"{unit_code} hình thành từ {', '.join(predecessor_values)}: mỗi chỉ số chính lấy "
            f"trung bình giá trị của các đơn vị trước sáp nhập; chỉ số = "
            f"{number_vi(round_points(points), 2)} ÷ {number_vi(round_points(max_points), 2)} = "
            f"{number_vi(shown)}."
        ),
        formula_en=(
            f"{unit_code} was formed from {', '.join(predecessor_values)}: each main indicator "
            f"takes the mean of their values; index = {number_en(round_points(points), 2)} ÷ "
            f"{number_en(round_points(max_points), 2)} = {number_en(shown)}."
        ),
    )


def merged_from_run(
    run: ScoreRun, unit_code: str, predecessors: Sequence[str], *, group: str | None = None
) -> MergedUnit:
    """`merge_by_mean` over predecessors scored in `run` (their main indicators' full-precision
    index); `group` defaults to theirs, which must then be one."""
    group_of = {unit.code: unit.group for unit in run.units}
    unknown = [code for code in predecessors if code not in group_of]
    if unknown:
        raise ValueError(f"predecessors not in the run: {unknown}")
    groups = {group_of[code] for code in predecessors}
    if group is None:
        if len(groups) != 1:
            raise ValueError(f"predecessors of {unit_code} span groups {sorted(groups)}")
        group = groups.pop()
    values: dict[str, dict[str, Decimal]] = {}
    for predecessor in predecessors:
        own: dict[str, Decimal] = {}
        for criterion in run.framework.criteria:
            node = run.node(predecessor, criterion.code)
            if node.applicable:
                own[criterion.code] = node.index
        values[predecessor] = own
    return merge_by_mean(run.framework, unit_code=unit_code, group=group, predecessor_values=values)


def _indicator(
    code: str,
    name_vi: str,
    name_en: str,
    weight: Decimal,
    max_points: Decimal,
    given: tuple[tuple[str, Decimal], ...],
) -> MergedIndicator:
    if not given:
        return MergedIndicator(
            code=code,
            name_vi=name_vi,
            name_en=name_en,
            predecessor_values=(),
            value=ZERO,
            max_points=ZERO,
            weight=weight,
            points=ZERO,
            applicable=False,
            formula_vi=f"{code}: không đơn vị nào trước sáp nhập có giá trị → không tính.",
            formula_en=f"{code}: no predecessor has a value → left out.",
        )
    value = sum((v for _, v in given), ZERO) / len(given)
    points = value * max_points
    listed_vi = "; ".join(f"{number_vi(v)} [{p}]" for p, v in given)
    listed_en = "; ".join(f"{number_en(v)} [{p}]" for p, v in given)
    return MergedIndicator(
        code=code,
        name_vi=name_vi,
        name_en=name_en,
        predecessor_values=given,
        value=value,
        max_points=max_points,
        weight=weight,
        points=points,
        applicable=True,
        formula_vi=(
            f"{code}: giá trị = trung bình ({listed_vi}) = {number_vi(value)}; điểm = "
            f"{number_vi(value)} × {number_vi(max_points, 2)} = "
            f"{number_vi(round_points(points), 2)}."
        ),
        formula_en=(
            f"{code}: value = mean ({listed_en}) = {number_en(value)}; points = "
            f"{number_en(value)} × {number_en(max_points, 2)} = "
            f"{number_en(round_points(points), 2)}."
        ),
    )
