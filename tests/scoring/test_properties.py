"""Properties that hold for any framework, units and values (Hypothesis).

- 0 ≤ points ≤ max at every node, and nodes that do not apply carry neither;
- parents are the weighted sums of their applicable children;
- ranks are standard competition ranks on points rounded to 2 decimals;
- results and the run id do not depend on the order of units or values;
- explanations show the points the run computed;
- higher-is-better rules are monotone in their input;
- a what-if run with unchanged parameters is the base run;
- frameworks survive the dict format.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    InputRef,
    LeafRule,
    LinearRule,
    ManualRule,
    NodeResult,
    RankRule,
    RatioRule,
    RawValue,
    RelativeToBestRule,
    ScoreRun,
    SumOfChildren,
    UnitInfo,
    Value,
    ZeroDenominator,
    framework_from_dict,
    framework_to_dict,
    round_points,
    score,
    what_if,
)
from api.scoring.rules import engine_context

pytestmark = pytest.mark.slow  # hundreds of generated cases per property: skip with -m "not slow"

D = Decimal
GROUPS = ("SBN", "QH")
OPTIONS = ("full", "partial", "none")
HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER

PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

numbers = st.builds(D, st.integers(-20, 120)) | st.decimals(
    min_value=-5, max_value=150, places=3, allow_nan=False, allow_infinity=False
)
max_points = st.sampled_from([D(0), D(5), D(10), D(20), D("12.5"), D(40)])
weights = st.sampled_from([D(1), D(1), D("0.5"), D(2), D("1.5"), D(0)])
directions = st.sampled_from([HIGHER, LOWER])


@st.composite
def points_up_to(draw: st.DrawFn, top: Decimal) -> Decimal:
    return draw(st.sampled_from([D(0), top / 4, top / 2, top]))


@st.composite
def bands_rules(draw: st.DrawFn, top: Decimal) -> BandsRule:
    thresholds = sorted(draw(st.lists(st.integers(-5, 110), min_size=1, max_size=4, unique=True)))
    points = sorted(draw(points_up_to(top)) for _ in thresholds)
    direction = draw(directions)
    if direction is LOWER:
        points.reverse()
    # Bands are written in any order; points never fall as x gets better (the loader checks it).
    bands = draw(st.permutations([Band(D(t), p) for t, p in zip(thresholds, points, strict=True)]))
    return BandsRule(bands=tuple(bands), direction=direction)


@st.composite
def fixed_linear_rules(draw: st.DrawFn) -> LinearRule:
    floor, target = draw(st.lists(st.integers(-10, 110), min_size=2, max_size=2, unique=True))
    direction = HIGHER if floor < target else LOWER
    return LinearRule(floor=D(floor), target=D(target), direction=direction)


@st.composite
def leaf_rules(draw: st.DrawFn, top: Decimal) -> LeafRule:
    kind = draw(
        st.sampled_from(
            ["boolean", "choice", "bands", "linear", "group_linear", "ratio", "best", "rank",
             "manual"]
        )
    )  # fmt: skip
    if kind == "boolean":
        return BooleanRule()
    if kind == "choice":
        return ChoiceRule(points=tuple((o, draw(points_up_to(top))) for o in OPTIONS))
    if kind == "bands":
        return draw(bands_rules(top))
    if kind == "linear":
        return draw(fixed_linear_rules())
    if kind == "group_linear":
        return LinearRule(goalposts=Goalposts.GROUP_MIN_MAX, direction=draw(directions))
    if kind == "ratio":
        scale = draw(
            fixed_linear_rules()
            | bands_rules(top)
            | st.builds(
                LinearRule, goalposts=st.just(Goalposts.GROUP_MIN_MAX), direction=directions
            )
        )
        return RatioRule(scale=scale, zero_denominator=draw(st.sampled_from(ZeroDenominator)))
    if kind == "best":
        return RelativeToBestRule()
    if kind == "rank":
        return RankRule(
            points_by_rank=tuple(draw(st.lists(points_up_to(top), min_size=1, max_size=4))),
            direction=draw(directions),
        )
    return ManualRule()


def inputs_of(code: str, rule: LeafRule) -> tuple[InputRef, ...]:
    if isinstance(rule, ManualRule):
        return ()
    if isinstance(rule, RatioRule):
        return (InputRef("a", f"E-{code}-a"), InputRef("b", f"E-{code}-b"))
    return (InputRef("value", f"E-{code}"),)


group_choices = st.sampled_from([None, None, ("SBN",), ("QH",), GROUPS])


@st.composite
def indicators(draw: st.DrawFn, code: str) -> Criterion:
    top = draw(max_points)
    rule = draw(leaf_rules(top))
    return Criterion(
        code=code,
        name_vi=f"Chỉ số {code}",
        name_en=f"Indicator {code}",
        rule=rule,
        max_points=top,
        weight=draw(weights),
        groups=draw(group_choices),
        inputs=inputs_of(code, rule),
        not_applicable_when_missing=draw(st.booleans()),
    )


@st.composite
def inner(draw: st.DrawFn, code: str, depth: int) -> Criterion:
    children = []
    for i in range(1, draw(st.integers(1, 3)) + 1):
        child_code = f"{code}.{i}"
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            children.append(draw(inner(child_code, depth + 1)))
        else:
            children.append(draw(indicators(child_code)))
    return Criterion(
        code=code,
        name_vi=f"Tiêu chí {code}",
        name_en=f"Criterion {code}",
        rule=SumOfChildren(),
        weight=draw(weights),
        groups=draw(group_choices),
        children=tuple(children),
    )


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    pillars = tuple(draw(inner(str(p), 1)) for p in range(1, draw(st.integers(1, 3)) + 1))
    return Framework(
        code="PROP", title_vi="Thuộc tính", title_en="Property", groups=GROUPS, criteria=pillars
    )


@dataclass(frozen=True)
class Case:
    framework: Framework
    units: list[UnitInfo]
    values: dict[str, dict[str, Value]]
    adjustments: dict[tuple[str, str], Adjustment]
    not_applicable: list[tuple[str, str]]

    def run(self) -> ScoreRun:
        return score(
            self.framework,
            self.units,
            self.values,
            adjustments=self.adjustments,
            not_applicable=self.not_applicable,
        )


def raw_value(draw: st.DrawFn, rule: LeafRule, name: str) -> RawValue:
    if isinstance(rule, BooleanRule):
        return draw(st.booleans())
    if isinstance(rule, ChoiceRule):
        return draw(st.sampled_from([*OPTIONS, "other"]))
    if isinstance(rule, RatioRule):
        return draw(st.integers(0, 40))
    return draw(numbers | st.integers(-5, 120) | st.integers(0, 100).map(str))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    fw = draw(frameworks())
    codes = [f"U{i:02d}" for i in range(draw(st.integers(1, 7)))]
    everyone = [UnitInfo(code, draw(st.sampled_from(GROUPS))) for code in codes]
    leaves = [c for c in fw.walk() if not c.children]
    values: dict[str, dict[str, Value]] = {}
    for unit in codes:
        found: dict[str, Value] = {}
        for leaf in leaves:
            for ref in leaf.inputs:
                if draw(st.integers(0, 5)) == 0:
                    continue
                raw = None if draw(st.integers(0, 9)) == 0 else raw_value(draw, leaf.rule, ref.name)
                found[ref.element_code] = Value(raw, draw(st.sampled_from(["self", "SO-TC"])))
        values[unit] = found
    adjustments = {
        (unit, leaf.code): Adjustment(draw(st.sampled_from([D(0), D(3), D(15), D(60)])), "r")
        for unit in codes
        for leaf in leaves
        if draw(st.integers(0, 7)) == 0
    }
    marks = [
        (unit, criterion.code)
        for unit in codes
        for criterion in fw.walk()
        if draw(st.integers(0, 12)) == 0
    ]
    return Case(fw, everyone, values, adjustments, marks)


def nodes(result: NodeResult) -> list[NodeResult]:
    out, stack = [], [result]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node.children)
    return out


def weights_by_code(fw: Framework) -> dict[str, Decimal]:
    weights = {criterion.code: criterion.weight for criterion in fw.walk()}
    weights[TOTAL] = D(1)
    return weights


@PROPERTY_SETTINGS
@given(cases())
def test_points_stay_within_max_and_parents_sum_their_children(case: Case) -> None:
    run = case.run()
    weight = weights_by_code(case.framework)
    for unit in run.results():
        for node in nodes(unit.total):
            assert 0 <= node.points <= node.max_points
            assert 0 <= node.index <= 1
            if not node.applicable:
                assert node.points == node.max_points == 0
                assert node.rank is None
            if node.children:
                applying = [child for child in node.children if child.applicable]
                with engine_context():
                    points = sum((weight[c.code] * c.points for c in applying), D(0))
                    top = sum((weight[c.code] * c.max_points for c in applying), D(0))
                assert (node.points, node.max_points) == (points, top)


@PROPERTY_SETTINGS
@given(cases())
def test_ranks_are_competition_ranks_on_published_points(case: Case) -> None:
    run = case.run()
    codes = [TOTAL, *(c.code for c in case.framework.walk())]
    for code in codes:
        results = {unit.code: (unit.group, run.node(unit.code, code)) for unit in run.units}
        for group, result in results.values():
            if not result.applicable:
                continue
            better = sum(
                1
                for other_group, other in results.values()
                if other_group == group
                and other.applicable
                and round_points(other.points) > round_points(result.points)
            )
            assert result.rank == better + 1


@PROPERTY_SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_units_or_values(
    case: Case, shuffler: random.Random
) -> None:
    run = case.run()
    shuffled_units = list(case.units)
    shuffler.shuffle(shuffled_units)
    shuffled_values = {}
    for unit in shuffler.sample(list(case.values), len(case.values)):
        items = list(case.values[unit].items())
        shuffler.shuffle(items)
        shuffled_values[unit] = dict(items)
    marks = list(case.not_applicable)
    shuffler.shuffle(marks)
    other = score(
        case.framework,
        shuffled_units,
        shuffled_values,
        adjustments=dict(reversed(list(case.adjustments.items()))),
        not_applicable=marks,
    )
    assert other.input_hash == run.input_hash
    assert list(other.results()) == list(run.results())


@PROPERTY_SETTINGS
@given(cases())
def test_explanations_show_the_points_of_the_run(case: Case) -> None:
    run = case.run()
    for unit in run.units:
        for code, explanation in run.explain(unit.code).items():
            result = run.node(unit.code, code)
            assert explanation.points == result.points
            assert explanation.max_points == result.max_points
            assert explanation.applicable == result.applicable
            assert explanation.formula_vi
            assert explanation.formula_en


@PROPERTY_SETTINGS
@given(cases())
def test_what_if_with_unchanged_parameters_is_the_base_run(case: Case) -> None:
    run = case.run()
    result = what_if(run, case.framework)
    assert list(result.scenario.results()) == list(run.results())
    assert all(change.change in (0, None) for change in result.changes)
    assert result.scenario.input_hash == run.input_hash


@PROPERTY_SETTINGS
@given(frameworks())
def test_frameworks_survive_the_dict_format(fw: Framework) -> None:
    assert framework_from_dict(framework_to_dict(fw)) == fw


# --- monotonicity ------------------------------------------------------------------------------

higher_rules = st.one_of(
    st.just(BooleanRule()),
    bands_rules(D(20)).filter(lambda rule: rule.direction is HIGHER),
    fixed_linear_rules().filter(lambda rule: rule.direction is HIGHER),
    st.just(LinearRule(goalposts=Goalposts.GROUP_MIN_MAX)),
    st.just(RelativeToBestRule()),
    st.lists(points_up_to(D(20)), min_size=1, max_size=4)
    .map(sorted)
    .map(lambda points: RankRule(points_by_rank=tuple(reversed(points)))),
    st.builds(
        RatioRule,
        scale=fixed_linear_rules().filter(lambda rule: rule.direction is HIGHER)
        | bands_rules(D(20)).filter(lambda rule: rule.direction is HIGHER),
    ),
)


def bump(rule: LeafRule, raw: Any, step: Decimal) -> Any:
    if isinstance(rule, BooleanRule):
        return True
    return raw + step


@PROPERTY_SETTINGS
@given(
    higher_rules,
    st.lists(numbers, min_size=1, max_size=6),
    st.integers(0, 5),
    st.decimals(min_value=0, max_value=50, places=2),
)
def test_higher_is_better_rules_are_monotone_in_their_input(
    rule: LeafRule, xs: list[Decimal], which: int, step: Decimal
) -> None:
    which %= len(xs)
    if isinstance(rule, RatioRule):
        # Bands on a ratio must be monotone too: raise the numerator over a fixed denominator.
        rule_inputs: tuple[InputRef, ...] = (InputRef("a", "E-a"), InputRef("b", "E-b"))
    else:
        rule_inputs = (InputRef("value", "E-value"),)
    leaf = Criterion(
        code="1.1", name_vi="x", name_en="x", rule=rule, max_points=D(20), inputs=rule_inputs
    )
    parent = Criterion(code="1", name_vi="p", name_en="p", rule=SumOfChildren(), children=(leaf,))
    fw = Framework("M", "m", "m", GROUPS, (parent,))
    everyone = [UnitInfo(f"U{i}", "QH") for i in range(len(xs))]

    def values(answers: list[Any]) -> dict[str, dict[str, Value]]:
        if isinstance(rule, RatioRule):
            return {
                u.code: {"E-a": Value(abs(x), "self"), "E-b": Value(D(50), "self")}
                for u, x in zip(everyone, answers, strict=True)
            }
        if isinstance(rule, BooleanRule):
            answers = [x > 0 for x in answers]
        return {
            u.code: {"E-value": Value(x, "self")} for u, x in zip(everyone, answers, strict=True)
        }

    before_values = values(xs)
    after_xs = list(xs)
    if isinstance(rule, RatioRule):
        after_xs[which] = abs(xs[which]) + step
    elif isinstance(rule, BooleanRule):
        after_xs[which] = D(1)
    else:
        after_xs[which] = bump(rule, xs[which], step)
    after_values = values(after_xs)
    unit = everyone[which].code
    before = score(fw, everyone, before_values).node(unit, "1.1").points
    after = score(fw, everyone, after_values).node(unit, "1.1").points
    assert after >= before


def test_the_property_strategies_cover_every_rule() -> None:
    """Guards the generators above: a rule kind dropped from them would go untested."""
    seen: set[str] = set()

    def collect(rule: LeafRule) -> None:
        seen.add(rule.kind)

    @settings(max_examples=300, deadline=None)
    @given(leaf_rules(D(20)))
    def gather(rule: LeafRule) -> None:
        collect(rule)

    gather()
    assert seen == {
        "boolean", "choice", "bands", "linear", "ratio", "relative_to_best", "rank", "manual",
    }  # fmt: skip
