"""Levels (mức độ) and pillar views (trụ cột) read off a unit's results, each explained.

A unit's level is looked up on its index as published (4 decimals, half-up), so that the level a
page shows next to "0,6000" is the one its reader expects: thresholds are half-open, a level runs
from its `min_index` up to, not including, the next one's (the city's: below 0.6 khởi động, 0.6 to
below 0.8 hình thành, 0.8 and above nâng cao). A pillar view adds up the points and max of the
top-level criteria it names, weighted as in the total; views may share criteria.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from api.scoring.explain import number_en as _en
from api.scoring.explain import number_vi as _vi
from api.scoring.model import Level, LevelSet, PillarView
from api.scoring.rules import ZERO, index_of, round_index, round_points


@dataclass(frozen=True, slots=True)
class LevelResult:
    """A unit's level: which band its published index falls in, and why."""

    code: str
    name_vi: str
    name_en: str
    index: Decimal  # the index the level was read on: 4 decimals, as published
    min_index: Decimal
    next_min_index: Decimal | None  # where the next level starts (None: the top level)
    explanation_vi: str
    explanation_en: str


@dataclass(frozen=True, slots=True)
class LevelCount:
    """How many units of a group are at one level (0 included: every level of the set is listed)."""

    level: Level
    count: int


@dataclass(frozen=True, slots=True)
class PillarPart:
    """One top-level criterion inside a pillar view, as it counted for the unit."""

    code: str
    points: Decimal
    max_points: Decimal
    weight: Decimal
    applicable: bool


@dataclass(frozen=True, slots=True)
class PillarViewResult:
    """A unit's pillar view: the weighted sums of its criteria's points and max, and the index."""

    code: str
    name_vi: str
    name_en: str
    points: Decimal
    max_points: Decimal
    index: Decimal
    applicable: bool  # False when none of its criteria applies to the unit
    parts: tuple[PillarPart, ...]
    formula_vi: str
    formula_en: str


def level_of(index: Decimal, level_set: LevelSet) -> LevelResult:
    """The level of `index` (full precision; read as published, 4 decimals) in `level_set`."""
    shown = round_index(index)
    levels = level_set.levels
    position = max(bisect_right([level.min_index for level in levels], shown) - 1, 0)
    level = levels[position]
    upper = levels[position + 1].min_index if position + 1 < len(levels) else None
    if upper is None:
        bounds_vi = f"≥ {_vi(level.min_index)}"
        bounds_en = f"≥ {_en(level.min_index)}"
    else:
        bounds_vi = f"≥ {_vi(level.min_index)} và < {_vi(upper)}"
        bounds_en = f"≥ {_en(level.min_index)} and < {_en(upper)}"
    return LevelResult(
        code=level.code,
        name_vi=level.name_vi,
        name_en=level.name_en,
        index=shown,
        min_index=level.min_index,
        next_min_index=upper,
        explanation_vi=f"Chỉ số {_vi(shown)} {bounds_vi}: mức {level.name_vi}.",
        explanation_en=f"Index {_en(shown)} {bounds_en}: level {level.name_en}.",
    )


def count_levels(level_set: LevelSet, indexes: Iterable[Decimal]) -> tuple[LevelCount, ...]:
    """Units per level of the set, from their indexes, lowest level first."""
    counts = dict.fromkeys(range(len(level_set.levels)), 0)
    starts = [level.min_index for level in level_set.levels]
    for index in indexes:
        counts[max(bisect_right(starts, round_index(index)) - 1, 0)] += 1
    return tuple(LevelCount(level, counts[i]) for i, level in enumerate(level_set.levels))


def pillar_view(view: PillarView, parts: tuple[PillarPart, ...]) -> PillarViewResult:
    """A pillar view's result from its criteria as they counted for the unit (`parts`, in the
    view's order): points and max are the weighted sums over the applicable ones."""
    counted = [part for part in parts if part.applicable]
    points = sum((part.weight * part.points for part in counted), ZERO)
    max_points = sum((part.weight * part.max_points for part in counted), ZERO)
    index = index_of(points, max_points)
    # Each term as it counts in the sum: weighted, as in the total.
    terms = [(p.code, round_points(p.weight * p.points)) for p in counted]
    maxima = [round_points(p.weight * p.max_points) for p in counted]
    terms_vi = " + ".join(f"{_vi(points, 2)} [{code}]" for code, points in terms) or "0"
    terms_en = " + ".join(f"{_en(points, 2)} [{code}]" for code, points in terms) or "0"
    maxima_vi = " + ".join(_vi(points, 2) for points in maxima) or "0"
    maxima_en = " + ".join(_en(points, 2) for points in maxima) or "0"
    weighted = any(part.weight != 1 for part in counted)
    note_vi = " (có trọng số)" if weighted else ""
    note_en = " (weighted)" if weighted else ""
    return PillarViewResult(
        code=view.code,
        name_vi=view.name_vi,
        name_en=view.name_en,
        points=points,
        max_points=max_points,
        index=index,
        applicable=bool(counted),
        parts=parts,
        formula_vi=(
            f"{view.name_vi}: điểm = {terms_vi} = {_vi(round_points(points), 2)}{note_vi}; "
            f"tối đa = {maxima_vi} = {_vi(round_points(max_points), 2)}; "
            f"chỉ số = {_vi(round_index(index))}."
        ),
        formula_en=(
            f"{view.name_en}: points = {terms_en} = {_en(round_points(points), 2)}{note_en}; "
            f"max = {maxima_en} = {_en(round_points(max_points), 2)}; "
            f"index = {_en(round_index(index))}."
        ),
    )
