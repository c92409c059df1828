"""Scoring rules (quy tắc tính điểm) as scalar functions on exact decimals.

The engine's column loops and the explanations call these same functions, so an explanation always
shows the arithmetic that produced the points. They compute in the current decimal context; the
engine runs them inside `engine_context()`. Points are clamped to 0..max here and rounded nowhere:
rounding (half-up) happens once, for display and ranking, through `round_points`/`round_index`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import TypeVar

from api.scoring.model import BandsRule, Direction, RawValue

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_TEN_THOUSANDTH = Decimal("0.0001")

# 38 digits fill two 19-digit libmpdec words, so it costs no more than the default 28 and keeps a
# chain of sums far from any half-up boundary at 2 decimals.
ENGINE_CONTEXT = Context(
    prec=38,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

RankKey = TypeVar("RankKey", int, Decimal)

_YES = frozenset({"true", "yes", "y", "1", "có", "co", "x"})
_NO = frozenset({"false", "no", "n", "0", "không", "khong"})


def engine_context() -> AbstractContextManager[Context]:
    """The decimal context every engine computation runs in, whatever the caller's context is."""
    return localcontext(ENGINE_CONTEXT)


def to_number(raw: RawValue) -> Decimal | None:
    """A value as an exact decimal; None (or an empty string) is missing data.

    Floats go through their shortest repr so 0.1 stays 0.1. Dates are not numbers.
    """
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        number = raw
    elif isinstance(raw, bool):
        number = ONE if raw else ZERO
    elif isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    elif isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {raw!r}") from None
    else:
        raise TypeError(f"not a number: {raw!r}")
    if not number.is_finite():
        raise ValueError(f"not a finite number: {raw!r}")
    return number


def to_answer(raw: RawValue) -> bool | None:
    """A yes/no answer (có/không). A date counts as yes: the thing happened on that day."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, date):
        return True
    if isinstance(raw, str):
        text = raw.strip().lower()
        if not text:
            return None
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise ValueError(f"not a yes/no answer: {raw!r}")
    number = to_number(raw)
    return None if number is None else number != ZERO


def to_option(raw: RawValue) -> str | None:
    """A choice answer as its option value."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, str):
        text = raw.strip()
        return text or None
    return str(raw)


def clamp(points: Decimal, max_points: Decimal) -> Decimal:
    """Points kept within 0..max."""
    if points < ZERO:
        return ZERO
    if points > max_points:
        return max_points
    return points


def boolean_points(answer: bool, max_points: Decimal) -> Decimal:
    """`boolean`: max if yes, else 0."""
    return max_points if answer else ZERO


def choice_points(option: str, table: Mapping[str, Decimal], max_points: Decimal) -> Decimal:
    """`choice`: the option's points; an option outside the table scores 0."""
    return clamp(table.get(option, ZERO), max_points)


def sorted_bands(rule: BandsRule) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...]]:
    """Thresholds in ascending order and the points that go with them, for `band_reached`."""
    ordered = sorted(rule.bands, key=lambda band: band.threshold)
    return tuple(b.threshold for b in ordered), tuple(b.points for b in ordered)


def band_reached(x: Decimal, thresholds: Sequence[Decimal], direction: Direction) -> int | None:
    """Position in ascending `thresholds` of the band x reaches, or None.

    Higher is better: the highest threshold ≤ x. Lower is better: the lowest threshold ≥ x.
    """
    if direction is Direction.HIGHER_IS_BETTER:
        position = bisect_right(thresholds, x) - 1
        return position if position >= 0 else None
    position = bisect_left(thresholds, x)
    return position if position < len(thresholds) else None


def bands_points(
    x: Decimal,
    thresholds: Sequence[Decimal],
    points: Sequence[Decimal],
    direction: Direction,
    max_points: Decimal,
) -> Decimal:
    """`bands`: the points of the band x reaches; 0 when it reaches none."""
    position = band_reached(x, thresholds, direction)
    return ZERO if position is None else clamp(points[position], max_points)


def linear_points(x: Decimal, floor: Decimal, target: Decimal, max_points: Decimal) -> Decimal:
    """`linear`: max × clamp((x − floor) ÷ (target − floor), 0, 1).

    floor > target is lower-is-better. floor = target only happens with group goalposts when
    every unit has the same x, and then every unit gets max.
    """
    if floor == target:
        return max_points
    # Multiply before the single division so a terminating result comes out exact.
    return clamp(max_points * (x - floor) / (target - floor), max_points)


def ratio_percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """`ratio`: x = a ÷ b × 100; None when b = 0."""
    if denominator == ZERO:
        return None
    return numerator * HUNDRED / denominator


def linear_ratio_points(
    numerator: Decimal, denominator: Decimal, floor: Decimal, target: Decimal, max_points: Decimal
) -> Decimal:
    """`ratio` scored by fixed `linear` goalposts, as one division:
    max × (100a − floor·b) ÷ ((target − floor)·b), so rounding a ÷ b cannot move the points."""
    if denominator < ZERO:
        numerator, denominator = -numerator, -denominator
    return clamp(
        max_points * (numerator * HUNDRED - floor * denominator) / ((target - floor) * denominator),
        max_points,
    )


def relative_to_best_points(x: Decimal, best: Decimal, max_points: Decimal) -> Decimal:
    """`relative_to_best`: max × x ÷ best; 0 when the best is 0 (or less)."""
    if best <= ZERO:
        return ZERO
    return clamp(max_points * x / best, max_points)


def competition_ranks(keys: Sequence[RankKey], direction: Direction) -> list[int]:
    """Standard competition ranks (1, 2, 2, 4) of `keys`; 1 is the best."""
    counts = Counter(keys)
    rank_of: dict[RankKey, int] = {}
    rank = 1
    for key in sorted(counts, reverse=direction is Direction.HIGHER_IS_BETTER):
        rank_of[key] = rank
        rank += counts[key]
    return [rank_of[key] for key in keys]


def rank_of(x: Decimal, ordered: Sequence[Decimal], direction: Direction) -> int:
    """Competition rank of x among `ordered` (ascending, x included): 1 + how many are better."""
    if direction is Direction.HIGHER_IS_BETTER:
        return len(ordered) - bisect_right(ordered, x) + 1
    return bisect_left(ordered, x) + 1


def rank_points(rank: int, points_by_rank: Sequence[Decimal], max_points: Decimal) -> Decimal:
    """`rank`: the points listed for the rank; 0 beyond the list."""
    if rank <= len(points_by_rank):
        return clamp(points_by_rank[rank - 1], max_points)
    return ZERO


def index_of(points: Decimal, max_points: Decimal) -> Decimal:
    """Index = points ÷ max (0 when max is 0), full precision."""
    if max_points == ZERO:
        return ZERO
    with engine_context():
        return points / max_points


def round_points(points: Decimal) -> Decimal:
    """Points as published: 2 decimals, half-up."""
    return points.quantize(_CENT, rounding=ROUND_HALF_UP, context=ENGINE_CONTEXT)


def cents(points: Decimal) -> int:
    """Points rounded as `round_points`, as a whole number of hundredths: a cheap ranking key."""
    return int(points.scaleb(2).to_integral_value(rounding=ROUND_HALF_UP))


def round_index(index: Decimal) -> Decimal:
    """Index as published: 4 decimals, half-up."""
    return index.quantize(_TEN_THOUSANDTH, rounding=ROUND_HALF_UP, context=ENGINE_CONTEXT)
