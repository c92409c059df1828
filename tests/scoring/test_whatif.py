"""What-if runs under revised weights, max points, rules or another framework, and the
Monte-Carlo rank stability of weights."""

from __future__ import annotations

from decimal import Decimal

import pytest

from api.scoring import (
    TOTAL,
    Adjustment,
    BooleanRule,
    LinearRule,
    ScoreRun,
    rank_stability,
    revise,
    score,
    what_if,
)
from tests.support.scoring import framework, indicator, merge, pillar, units, values_for

D = Decimal


def base_run() -> ScoreRun:
    """A leads on pillar 1 (weight 1), B on pillar 2, C is weak on both."""
    fw = framework(
        pillar("1", indicator("1.1", LinearRule(floor=D(0), target=D(100)), 100)),
        pillar("2", indicator("2.1", LinearRule(floor=D(0), target=D(100)), 100)),
    )
    values = merge(
        values_for("1.1", {"A": 90, "B": 40, "C": 10}),
        values_for("2.1", {"A": 20, "B": 60, "C": 10}),
    )
    return score(fw, units("A", "B", "C"), values)


def test_unchanged_parameters_change_nothing() -> None:
    base = base_run()
    result = what_if(base, base.framework)
    assert all(change.change == 0 for change in result.changes)
    assert result.scenario.input_hash == base.input_hash


def test_other_weights_move_ranks() -> None:
    base = base_run()
    result = what_if(base, revise(base.framework, weights={"2": D(3)}, code="TEST-W"))
    moved = {c.unit_code: (c.base_rank, c.new_rank, c.change) for c in result.changes}
    assert moved == {"A": (1, 2, -1), "B": (2, 1, 1), "C": (3, 3, 0)}
    assert [c.unit_code for c in result.changes] == ["B", "A", "C"]
    by_unit = {c.unit_code: c for c in result.changes}
    assert (by_unit["B"].base_points, by_unit["B"].new_points) == (100, 220)
    assert result.scenario.framework.code == "TEST-W"
    assert result.scenario.input_hash != base.input_hash


def test_other_max_points_and_rules() -> None:
    base = base_run()
    scenario = revise(
        base.framework,
        max_points={"1.1": D(50)},
        rules={"2.1": LinearRule(floor=D(0), target=D(50))},
    )
    result = what_if(base, scenario)
    assert result.scenario.node("A", "1.1").points == 45
    assert result.scenario.node("B", "2.1").points == 100
    assert result.scenario.node("B", TOTAL).rank == 1


def test_another_framework_version_keeps_adjustments_it_still_has() -> None:
    fw = framework(
        pillar("1", indicator("1.1", BooleanRule()), indicator("1.2", BooleanRule())),
    )
    values = values_for("1.1", {"A": True, "B": False})
    base = score(
        fw,
        units("A", "B"),
        values,
        adjustments={
            ("B", "1.1"): Adjustment(D(20), "seen"),
            ("B", "1.2"): Adjustment(D(20), "seen"),
        },
    )
    assert base.ranking("QH")[0].unit_code == "B"
    newer = framework(pillar("1", indicator("1.1", BooleanRule())))
    result = what_if(base, newer)
    assert result.scenario.node("B", "1.1").points == 20
    assert {c.unit_code: c.new_rank for c in result.changes} == {"A": 1, "B": 1}


def test_revise_refuses_unknown_or_misplaced_changes() -> None:
    fw = base_run().framework
    with pytest.raises(ValueError, match="unknown criteria"):
        revise(fw, weights={"9": D(1)})
    with pytest.raises(ValueError, match="only indicators"):
        revise(fw, max_points={"1": D(10)})
    with pytest.raises(ValueError, match="below 0"):
        revise(fw, weights={"1": D(-1)})


def test_rank_stability_without_spread_is_the_base_rank() -> None:
    base = base_run()
    for row in rank_stability(base, spread_percent=D(0), samples=20, seed=3):
        assert row.median_rank == row.rank
        assert row.low_rank == row.high_rank == row.best_rank == row.worst_rank == row.rank


def test_rank_stability_is_reproducible_and_brackets_the_median() -> None:
    base = base_run()
    first = rank_stability(base, spread_percent=D(50), samples=200, seed=7)
    assert first == rank_stability(base, spread_percent=D(50), samples=200, seed=7)
    for row in first:
        assert row.best_rank <= row.low_rank <= row.median_rank <= row.high_rank <= row.worst_rank
    by_unit = {row.unit_code: row for row in first}
    # C trails on every pillar, so no weighting can lift it.
    assert (by_unit["C"].low_rank, by_unit["C"].high_rank) == (3, 3)
    # A (110) and B (100) are close: ±50 % weights swap them sometimes.
    assert by_unit["A"].best_rank == by_unit["B"].best_rank == 1
    assert by_unit["A"].worst_rank == by_unit["B"].worst_rank == 2


def test_rank_stability_at_a_pillar() -> None:
    base = base_run()
    rows = rank_stability(base, spread_percent=D(20), samples=50, seed=1, code="1")
    assert [(row.unit_code, row.low_rank, row.high_rank) for row in rows] == [
        ("A", 1, 1),
        ("B", 2, 2),
        ("C", 3, 3),
    ]


def test_rank_stability_checks_its_parameters() -> None:
    with pytest.raises(ValueError, match="sample"):
        rank_stability(base_run(), samples=0)
    with pytest.raises(ValueError, match="spread"):
        rank_stability(base_run(), spread_percent=D(150))
