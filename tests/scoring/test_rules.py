"""The scalar rule functions and rounding helpers, one edge at a time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext

import pytest

from api.scoring import Band, BandsRule, Direction, RawValue, round_index, round_points
from api.scoring.rules import (
    bands_points,
    boolean_points,
    cents,
    choice_points,
    clamp,
    competition_ranks,
    engine_context,
    linear_points,
    linear_ratio_points,
    rank_of,
    rank_points,
    ratio_percent,
    relative_to_best_points,
    sorted_bands,
    to_answer,
    to_number,
    to_option,
)

D = Decimal
HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        (D("1.50"), D("1.50")),
        (7, D(7)),
        (True, D(1)),
        (False, D(0)),
        (0.1, D("0.1")),
        (" 12.5 ", D("12.5")),
    ],
)
def test_to_number(raw: RawValue, expected: Decimal | None) -> None:
    assert to_number(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1,5", "NaN", "Infinity", D("NaN")])
def test_to_number_rejects_what_is_not_a_finite_number(raw: RawValue) -> None:
    with pytest.raises(ValueError, match="number"):
        to_number(raw)


def test_a_date_is_not_a_number() -> None:
    with pytest.raises(TypeError):
        to_number(date(2023, 1, 1))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (True, True),
        (False, False),
        ("yes", True),
        ("Có", True),
        ("no", False),
        ("không", False),
        (1, True),
        (D(0), False),
        (date(2023, 6, 1), True),
        (None, None),
        ("", None),
    ],
)
def test_to_answer(raw: RawValue, expected: bool | None) -> None:
    assert to_answer(raw) is expected


def test_to_answer_rejects_other_words() -> None:
    with pytest.raises(ValueError, match="yes/no"):
        to_answer("maybe")


@pytest.mark.parametrize(
    ("raw", "expected"), [(" head ", "head"), ("", None), (None, None), (True, "true"), (3, "3")]
)
def test_to_option(raw: RawValue, expected: str | None) -> None:
    assert to_option(raw) == expected


def test_clamp_keeps_points_within_zero_and_max() -> None:
    assert clamp(D(-1), D(20)) == 0
    assert clamp(D(21), D(20)) == 20
    assert clamp(D("19.99"), D(20)) == D("19.99")


def test_boolean() -> None:
    assert boolean_points(True, D(20)) == 20
    assert boolean_points(False, D(20)) == 0


def test_choice_unknown_option_scores_zero_and_points_are_clamped() -> None:
    table = {"head": D(20), "deputy": D(10), "big": D(99)}
    assert choice_points("deputy", table, D(20)) == 10
    assert choice_points("chairman", table, D(20)) == 0
    assert choice_points("big", table, D(20)) == 20


MEETINGS = BandsRule(
    bands=(Band(D(4), D(20)), Band(D(3), D(15)), Band(D(2), D(10)), Band(D(1), D(5)))
)


@pytest.mark.parametrize(
    ("x", "points"),
    [("0", 0), ("0.99", 0), ("1", 5), ("2.5", 10), ("3", 15), ("4", 20), ("40", 20)],
)
def test_bands_higher_is_better_take_the_highest_threshold_reached(x: str, points: int) -> None:
    thresholds, band_points = sorted_bands(MEETINGS)
    assert bands_points(D(x), thresholds, band_points, HIGHER, D(20)) == points


INCIDENTS = BandsRule(
    bands=(Band(D(0), D(15)), Band(D(1), D(10)), Band(D(2), D(5))), direction=LOWER
)


@pytest.mark.parametrize(("x", "points"), [("0", 15), ("0.5", 10), ("1", 10), ("2", 5), ("3", 0)])
def test_bands_lower_is_better_take_the_lowest_threshold_reached(x: str, points: int) -> None:
    thresholds, band_points = sorted_bands(INCIDENTS)
    assert bands_points(D(x), thresholds, band_points, LOWER, D(15)) == points


@pytest.mark.parametrize(
    ("x", "floor", "target", "points"),
    [
        ("0", "0", "1", "0"),
        ("0.5", "0", "1", "10"),
        ("1", "0", "1", "20"),
        ("3", "0", "1", "20"),
        ("-1", "0", "1", "0"),
        ("75", "50", "100", "10"),
        # Reversed goalposts: lower is better.
        ("2", "10", "0", "16"),
        ("0", "10", "0", "20"),
        ("12", "10", "0", "0"),
    ],
)
def test_linear(x: str, floor: str, target: str, points: str) -> None:
    assert linear_points(D(x), D(floor), D(target), D(20)) == D(points)


def test_linear_with_equal_goalposts_gives_max() -> None:
    assert linear_points(D(5), D(5), D(5), D(20)) == 20


def test_ratio_percent_and_zero_denominator() -> None:
    assert ratio_percent(D(3), D(4)) == 75
    assert ratio_percent(D(3), D(0)) is None


def test_linear_ratio_is_exact_where_a_over_b_is_not() -> None:
    # 1 ÷ 3 cannot be written in decimals, but 30 × 1 ÷ 3 is exactly 10.
    with engine_context():
        assert linear_ratio_points(D(1), D(3), D(0), D(100), D(30)) == 10
        # 7 ÷ 6000 of 30 points is exactly 0.035, on a half-up boundary at 2 decimals.
        points = linear_ratio_points(D(7), D(6000), D(0), D(100), D(30))
    assert points == D("0.035")
    assert round_points(points) == D("0.04")


def test_linear_ratio_handles_a_negative_denominator_and_clamps() -> None:
    with engine_context():
        assert linear_ratio_points(D(-1), D(-2), D(0), D(100), D(20)) == 10
        assert linear_ratio_points(D(5), D(4), D(0), D(100), D(20)) == 20


def test_relative_to_best() -> None:
    with engine_context():
        assert relative_to_best_points(D(6), D(12), D(25)) == D("12.5")
        assert relative_to_best_points(D(12), D(12), D(25)) == 25
        assert relative_to_best_points(D(0), D(0), D(25)) == 0
        assert relative_to_best_points(D(-3), D(-1), D(25)) == 0


def test_competition_ranks_share_ranks_and_skip() -> None:
    keys = [D(10), D(20), D(20), D(5), D("20.00")]
    assert competition_ranks(keys, HIGHER) == [4, 1, 1, 5, 1]
    assert competition_ranks(keys, LOWER) == [2, 3, 3, 1, 3]
    assert competition_ranks([], HIGHER) == []


def test_rank_of_agrees_with_competition_ranks() -> None:
    keys = [D(3), D(1), D(3), D(2), D(7)]
    for direction in (HIGHER, LOWER):
        ranks = competition_ranks(keys, direction)
        assert [rank_of(x, sorted(keys), direction) for x in keys] == ranks


def test_rank_points_beyond_the_list_are_zero() -> None:
    table = (D(10), D(8), D(6))
    assert rank_points(1, table, D(10)) == 10
    assert rank_points(3, table, D(10)) == 6
    assert rank_points(4, table, D(10)) == 0


@pytest.mark.parametrize(
    ("points", "shown"),
    [("0.005", "0.01"), ("2.675", "2.68"), ("2.674999", "2.67"), ("10", "10.00"), ("0", "0.00")],
)
def test_round_points_half_up(points: str, shown: str) -> None:
    rounded = round_points(D(points))
    assert str(rounded) == shown
    assert cents(D(points)) == int(rounded * 100)


def test_round_index_half_up_to_four_places() -> None:
    assert str(round_index(D("0.12345"))) == "0.1235"
    assert str(round_index(D("0.12344999"))) == "0.1234"


def test_engine_context_ignores_the_callers_precision() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        with engine_context():
            assert D(2) / D(3) == D("0.66666666666666666666666666666666666667")
