"""The score run (lượt chấm điểm): every unit's points, max, index and rank at every criterion.

`score` works column by column: one indicator at a time over the units of each group, because
group-relative rules (relative_to_best, rank, group goalposts) need the whole group anyway, and
then sums the columns up the tree. Node results and explanations are built on demand, so a
national-scale run keeps only one column of decimals per criterion.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from operator import add, mul

from api.scoring.explain import Explanation, GroupStats, explain_leaf
from api.scoring.hashing import elements_read, hash_rows, value_rows
from api.scoring.model import (
    Adjustment,
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
    SumOfChildren,
    UnitInfo,
    Value,
    ZeroDenominator,
)
from api.scoring.rules import (
    ONE,
    ZERO,
    bands_points,
    cents,
    choice_points,
    clamp,
    competition_ranks,
    engine_context,
    index_of,
    linear_points,
    linear_ratio_points,
    rank_points,
    ratio_percent,
    relative_to_best_points,
    round_index,
    round_points,
    sorted_bands,
    to_answer,
    to_number,
    to_option,
)
from api.scoring.views import (
    LevelCount,
    LevelResult,
    PillarPart,
    PillarViewResult,
    count_levels,
    level_of,
    pillar_view,
)

TOTAL = ""
"""Code of the root node: the unit's total (tổng điểm), the weighted sum of the pillars."""

UnitValues = Mapping[str, Mapping[str, Value]]
"""Values by unit code, then data element code."""


@dataclass(frozen=True, slots=True)
class NodeResult:
    """A unit's result at one criterion (or at the root, code `TOTAL`).

    `points`, `max_points` and `index` are full precision; `rank` is the standard competition rank
    in the unit's group on points rounded to 2 decimals, None where the node does not apply.
    """

    code: str
    points: Decimal
    max_points: Decimal
    index: Decimal
    applicable: bool
    rank: int | None
    children: tuple[NodeResult, ...] = ()

    @property
    def rounded_points(self) -> Decimal:
        return round_points(self.points)

    @property
    def rounded_max_points(self) -> Decimal:
        return round_points(self.max_points)

    @property
    def rounded_index(self) -> Decimal:
        return round_index(self.index)

    def find(self, code: str) -> NodeResult:
        """The node with `code` in this subtree."""
        stack = [self]
        while stack:
            node = stack.pop()
            if node.code == code:
                return node
            stack.extend(node.children)
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class UnitResult:
    """One unit's results: the tree under its total."""

    unit_code: str
    group: str
    total: NodeResult

    def node(self, code: str) -> NodeResult:
        return self.total.find(code)

    def by_code(self) -> dict[str, NodeResult]:
        """Every node of the tree by its code (one walk, for a caller that looks up many)."""
        found: dict[str, NodeResult] = {}
        stack = [self.total]
        while stack:
            node = stack.pop()
            found[node.code] = node
            stack.extend(node.children)
        return found


@dataclass(frozen=True, slots=True)
class RankedUnit:
    """One row of a group's ranking (bảng xếp hạng) at one criterion."""

    rank: int
    unit_code: str
    points: Decimal
    max_points: Decimal
    index: Decimal


@dataclass(frozen=True, slots=True)
class RunInputs:
    """What a run was computed from, kept so what-if runs can reuse it."""

    units: tuple[UnitInfo, ...]
    values: UnitValues
    adjustments: Mapping[tuple[str, str], Adjustment]
    not_applicable: tuple[tuple[str, str], ...]


class _Node:
    """A criterion compiled for one run: effective groups, per-group max, children by index."""

    __slots__ = (
        "children",
        "code",
        "criterion",
        "depth",
        "groups",
        "leaves",
        "static_max",
        "weight",
    )

    def __init__(
        self,
        code: str,
        criterion: Criterion | None,
        weight: Decimal,
        children: tuple[int, ...],
        groups: frozenset[str],
        static_max: dict[str, Decimal],
        depth: int,
        leaves: tuple[int, ...],
    ) -> None:
        self.code = code
        self.criterion = criterion
        self.weight = weight
        self.children = children
        self.groups = groups
        self.static_max = static_max
        self.depth = depth
        self.leaves = leaves


@lru_cache(maxsize=32)
def _compile(framework: Framework) -> tuple[_Node, ...]:
    """Nodes in pre-order with the root (TOTAL) at 0; a node applies to a group only if its
    parent does and it has a child (or is a leaf) that does.

    Kept for the next run of the same framework (frozen, so the nodes never go stale); nothing
    downstream changes a node.
    """
    nodes: list[_Node | None] = [None]
    framework_groups = frozenset(framework.groups)
    seen: set[str] = set()

    def add_node(criterion: Criterion, parent_groups: frozenset[str], depth: int) -> int:
        if not criterion.code or criterion.code in seen:
            raise ValueError(f"criterion code {criterion.code!r} is empty or repeated")
        seen.add(criterion.code)
        own = framework_groups if criterion.groups is None else frozenset(criterion.groups)
        groups = own & parent_groups
        position = len(nodes)
        nodes.append(None)
        children = tuple(add_node(child, groups, depth + 1) for child in criterion.children)
        if children:
            if not isinstance(criterion.rule, SumOfChildren):
                raise ValueError(f"criterion {criterion.code}: inner nodes sum their children")
            compiled = [_built(nodes, i) for i in children]
            groups = groups & frozenset().union(*(child.groups for child in compiled))
            static_max = {
                g: sum((c.weight * c.static_max.get(g, ZERO) for c in compiled), ZERO)
                for g in groups
            }
            leaves = tuple(leaf for c in compiled for leaf in c.leaves)
        else:
            if isinstance(criterion.rule, SumOfChildren) or criterion.max_points is None:
                raise ValueError(f"criterion {criterion.code}: a leaf needs max points and a rule")
            if criterion.max_points < ZERO:
                raise ValueError(f"criterion {criterion.code}: max points below 0")
            static_max = dict.fromkeys(groups, criterion.max_points)
            leaves = (position,)
        nodes[position] = _Node(
            criterion.code,
            criterion,
            criterion.weight,
            children,
            groups,
            static_max,
            depth,
            leaves,
        )
        return position

    top = tuple(add_node(c, framework_groups, 1) for c in framework.criteria)
    compiled_top = [_built(nodes, i) for i in top]
    nodes[0] = _Node(
        TOTAL,
        None,
        ONE,
        top,
        framework_groups,
        {
            g: sum((c.weight * c.static_max.get(g, ZERO) for c in compiled_top), ZERO)
            for g in framework_groups
        },
        0,
        tuple(leaf for c in compiled_top for leaf in c.leaves),
    )
    return tuple(_built(nodes, i) for i in range(len(nodes)))


def _built(nodes: list[_Node | None], position: int) -> _Node:
    node = nodes[position]
    assert node is not None
    return node


class _Columns:
    """Per-node columns aligned with the run's units (sorted by code)."""

    __slots__ = ("deducted", "not_applicable", "points", "ranks", "stats")

    def __init__(self, size: int) -> None:
        self.points: list[list[Decimal]] = [[] for _ in range(size)]
        # Units for which the node is not applicable although their group is in its groups.
        self.not_applicable: list[set[int]] = [set() for _ in range(size)]
        # How much max is missing for those units: max = static max of the group − deducted.
        self.deducted: list[dict[int, Decimal]] = [{} for _ in range(size)]
        # Each node's ranks, filled on first request (a live preview of one unit asks for none).
        self.ranks: list[dict[int, int] | None] = [None] * size
        self.stats: dict[tuple[int, str], GroupStats] = {}


@dataclass(frozen=True, slots=True, eq=False)
class ScoreRun:
    """The result of `score`: ask it for units, rankings and explanations.

    `input_hash` is the SHA-256 of the canonical inputs (framework, units, values with sources,
    adjustments, not-applicable marks): the same inputs always give the same hash, so it serves as
    the run id. It is computed on first use: a live preview of one unit never asks for it.
    """

    framework: Framework
    units: tuple[UnitInfo, ...]
    inputs: RunInputs = field(repr=False)
    _nodes: tuple[_Node, ...] = field(repr=False)
    _columns: _Columns = field(repr=False)
    _positions: dict[str, int] = field(repr=False)
    _unit_positions: dict[str, int] = field(repr=False)
    _members: dict[str, list[int]] = field(repr=False)
    _values: list[Mapping[str, Value] | None] = field(repr=False)
    _adjustments: dict[int, dict[int, Adjustment]] = field(repr=False)
    _marked: dict[int, set[int]] = field(repr=False)
    _read: list[str] = field(repr=False)
    _rows: tuple[list[list[RawValue]], list[list[str]]] = field(repr=False)
    _hash: list[str] = field(default_factory=list, repr=False)

    @property
    def input_hash(self) -> str:
        if not self._hash:
            raw_rows, source_rows = self._rows
            self._hash.append(
                hash_rows(
                    self.framework,
                    self.units,
                    self._read,
                    raw_rows,
                    source_rows,
                    self.inputs.adjustments,
                    self.inputs.not_applicable,
                )
            )
        return self._hash[0]

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups that have units in this run, in the framework's order."""
        present = {unit.group for unit in self.units}
        return tuple(g for g in self.framework.groups if g in present)

    def unit(self, unit_code: str, *, ranked: bool = True) -> UnitResult:
        """The unit's whole tree of results; ``ranked=False`` leaves every rank None (a live
        preview shows no ranks, and ranking every node costs more than the rest)."""
        u = self._unit_positions[unit_code]
        return UnitResult(unit_code, self.units[u].group, self._node_result(0, u, ranked=ranked))

    def results(self) -> Iterator[UnitResult]:
        """Every unit's results, in unit code order."""
        for unit in self.units:
            yield self.unit(unit.code)

    def node(self, unit_code: str, code: str = TOTAL) -> NodeResult:
        """One unit's result at one criterion, without its children."""
        u = self._unit_positions[unit_code]
        return self._node_result(self._positions[code], u, with_children=False)

    def ranking(self, group: str, code: str = TOTAL) -> tuple[RankedUnit, ...]:
        """The group's ranking at a criterion (default: the total), best first, ties by code."""
        position = self._positions[code]
        rows = []
        for u, rank in self._ranks_at(position).items():
            if self.units[u].group != group:
                continue
            result = self._node_result(position, u, with_children=False)
            rows.append(
                RankedUnit(rank, self.units[u].code, result.points, result.max_points, result.index)
            )
        rows.sort(key=lambda row: (row.rank, row.unit_code))
        return tuple(rows)

    def level(self, unit_code: str) -> LevelResult | None:
        """The unit's level (mức độ) on its total index, by its group's level set (None when the
        framework sets no levels for the group)."""
        u = self._unit_positions[unit_code]
        level_set = self.framework.level_set(self.units[u].group)
        if level_set is None:
            return None
        return level_of(self._node_result(0, u, with_children=False, ranked=False).index, level_set)

    def level_counts(self, group: str) -> tuple[LevelCount, ...]:
        """How many of the group's units are at each level of its level set (empty: no levels)."""
        level_set = self.framework.level_set(group)
        if level_set is None:
            return ()
        return count_levels(
            level_set,
            (
                self._node_result(0, u, with_children=False, ranked=False).index
                for u in self._members.get(group, ())
            ),
        )

    def pillar_views(self, unit_code: str) -> tuple[PillarViewResult, ...]:
        """The unit's pillar views (trụ cột), in the framework's order, each explained."""
        u = self._unit_positions[unit_code]
        out = []
        for view in self.framework.pillar_views:
            parts = []
            for code in view.criteria:
                position = self._positions[code]
                result = self._node_result(position, u, with_children=False, ranked=False)
                parts.append(
                    PillarPart(
                        code=code,
                        points=result.points,
                        max_points=result.max_points,
                        weight=self._nodes[position].weight,
                        applicable=result.applicable,
                    )
                )
            out.append(pillar_view(view, tuple(parts)))
        return tuple(out)

    def leaf_points(self, code: str) -> dict[str, Decimal]:
        """A criterion's points for every unit (0 where it does not apply), by unit code."""
        column = self._columns.points[self._positions[code]]
        return {unit.code: column[u] for u, unit in enumerate(self.units)}

    def explain(self, unit_code: str) -> dict[str, Explanation]:
        """The explanation of every indicator for one unit, by criterion code, in tree order."""
        u = self._unit_positions[unit_code]
        return {self._nodes[leaf].code: self._explain(leaf, u) for leaf in self._nodes[0].leaves}

    def explain_indicator(self, unit_code: str, code: str) -> Explanation:
        """The explanation of one indicator for one unit."""
        position = self._positions[code]
        if self._nodes[position].children:
            raise ValueError(f"criterion {code} is not an indicator")
        return self._explain(position, self._unit_positions[unit_code])

    def _explain(self, leaf: int, u: int) -> Explanation:
        node = self._nodes[leaf]
        criterion = node.criterion
        assert criterion is not None
        group = self.units[u].group
        return explain_leaf(
            criterion,
            group=group,
            in_group=group in node.groups,
            marked=u in self._marked.get(leaf, ()),
            values=self._values[u],
            adjustment=self._adjustments.get(leaf, {}).get(u),
            stats=self._columns.stats.get((leaf, group)),
        )

    def _ranks_at(self, position: int) -> dict[int, int]:
        columns = self._columns
        ranks = columns.ranks[position]
        if ranks is None:
            # Deeper nodes are ranked on first request: a national run would otherwise spend
            # most of its time ranking indicators nobody looks at. The result is the same.
            with engine_context():
                ranks = _ranks(
                    self._nodes[position],
                    self._members,
                    columns.points[position],
                    columns.not_applicable[position],
                )
            columns.ranks[position] = ranks
        return ranks

    def _node_result(
        self, position: int, u: int, *, with_children: bool = True, ranked: bool = True
    ) -> NodeResult:
        node = self._nodes[position]
        columns = self._columns
        group = self.units[u].group
        applicable = group in node.groups and u not in columns.not_applicable[position]
        if applicable:
            points = columns.points[position][u]
            max_points = node.static_max[group] - columns.deducted[position].get(u, ZERO)
        else:
            points = max_points = ZERO
        children = (
            tuple(self._node_result(child, u, ranked=ranked) for child in node.children)
            if with_children
            else ()
        )
        return NodeResult(
            code=node.code,
            points=points,
            max_points=max_points,
            index=index_of(points, max_points),
            applicable=applicable,
            rank=self._ranks_at(position).get(u) if ranked else None,
            children=children,
        )


def score(
    framework: Framework,
    units: Collection[UnitInfo],
    values: UnitValues,
    *,
    adjustments: Mapping[tuple[str, str], Adjustment] | None = None,
    not_applicable: Collection[tuple[str, str]] = (),
) -> ScoreRun:
    """Score every unit on every criterion of the framework.

    `adjustments` and `not_applicable` are keyed by (unit code, criterion code); a criterion marked
    not applicable removes its whole subtree from the unit's points and max. Units are ranked only
    against units of the same group.
    """
    with engine_context():
        return _score(framework, units, values, adjustments or {}, not_applicable)


def _score(
    framework: Framework,
    units: Collection[UnitInfo],
    values: UnitValues,
    adjustments: Mapping[tuple[str, str], Adjustment],
    not_applicable: Collection[tuple[str, str]],
) -> ScoreRun:
    nodes = _compile(framework)
    positions = {node.code: i for i, node in enumerate(nodes)}
    ordered = tuple(sorted(units, key=lambda unit: unit.code))
    unit_positions = {unit.code: u for u, unit in enumerate(ordered)}
    if len(unit_positions) != len(ordered):
        raise ValueError("a unit appears twice")
    members: dict[str, list[int]] = defaultdict(list)
    for u, unit in enumerate(ordered):
        if unit.group not in framework.groups:
            raise ValueError(f"unit {unit.code}: group {unit.group} is not in the framework")
        members[unit.group].append(u)
    unknown = set(values) - unit_positions.keys()
    if unknown:
        raise ValueError(f"values for units not in the run: {sorted(unknown)}")
    unit_values = [values.get(unit.code) for unit in ordered]
    read = elements_read(framework)
    raw_rows, source_rows = value_rows(ordered, values, read)
    member_values = {
        group: _columns_of(read, [raw_rows[u] for u in group_units])
        for group, group_units in members.items()
    }
    unit_groups = [unit.group for unit in ordered]

    marked: dict[int, set[int]] = defaultdict(set)
    for unit_code, code in not_applicable:
        u = _position(unit_positions, unit_code, "unit")
        for leaf in nodes[_position(positions, code, "criterion")].leaves:
            marked[leaf].add(u)
    adjusted: dict[int, dict[int, Adjustment]] = defaultdict(dict)
    for (unit_code, code), adjustment in adjustments.items():
        position = _position(positions, code, "criterion")
        if nodes[position].children:
            raise ValueError(f"adjustment on {code}: only indicators take points")
        adjusted[position][_position(unit_positions, unit_code, "unit")] = adjustment

    columns = _Columns(len(nodes))
    size = len(ordered)
    for leaf in nodes[0].leaves:
        try:
            _score_leaf(
                leaf,
                nodes[leaf],
                size,
                members,
                member_values,
                marked.get(leaf, set()),
                adjusted.get(leaf, {}),
                unit_groups,
                columns,
            )
        except (ValueError, TypeError, ArithmeticError) as error:
            # ArithmeticError: a Decimal NaN slips past the fast path and fails a comparison.
            criterion = _criterion_of(nodes[leaf])
            culprit = _unit_with_bad_value(criterion, ordered, unit_values)
            raise ValueError(f"indicator {criterion.code}, unit {culprit}: {error}") from error
    for position in reversed(range(len(nodes))):
        if nodes[position].children:
            _sum_children(position, nodes, ordered, columns, size)

    return ScoreRun(
        framework=framework,
        units=ordered,
        inputs=RunInputs(ordered, values, adjustments, tuple(not_applicable)),
        _nodes=nodes,
        _columns=columns,
        _positions=positions,
        _unit_positions=unit_positions,
        _members=dict(members),
        _values=unit_values,
        _adjustments=dict(adjusted),
        _marked=dict(marked),
        _read=read,
        _rows=(raw_rows, source_rows),
    )


def top_level_max(framework: Framework, group: str) -> dict[str, Decimal]:
    """The max points of each top-level criterion (main indicator) applying to `group`, by code,
    in the framework's order."""
    nodes = _compile(framework)
    return {
        nodes[i].code: nodes[i].static_max[group]
        for i in nodes[0].children
        if group in nodes[i].groups
    }


def _position(positions: Mapping[str, int], code: str, what: str) -> int:
    try:
        return positions[code]
    except KeyError:
        raise ValueError(f"unknown {what} {code!r}") from None


def _score_leaf(
    leaf: int,
    node: _Node,
    size: int,
    members: Mapping[str, list[int]],
    member_values: Mapping[str, Mapping[str, tuple[RawValue, ...]]],
    marked: set[int],
    adjusted: Mapping[int, Adjustment],
    unit_groups: list[str],
    columns: _Columns,
) -> None:
    """Fill one indicator's column: points per unit, and the units it does not apply to."""
    criterion = node.criterion
    assert criterion is not None
    assert criterion.max_points is not None
    max_points = criterion.max_points
    rule = criterion.rule
    column = [ZERO] * size
    not_applicable: set[int] = set()
    when_missing = not_applicable if criterion.not_applicable_when_missing else None

    for group in sorted(node.groups):
        group_units = members.get(group)
        if not group_units:
            continue
        group_values = member_values[group]
        if marked:
            not_applicable.update(u for u in group_units if u in marked)
            kept = [i for i, u in enumerate(group_units) if u not in marked]
            group_units = [group_units[i] for i in kept]
            group_values = {
                element: tuple(column[i] for i in kept) for element, column in group_values.items()
            }
        if isinstance(rule, ManualRule):
            if when_missing is not None:
                when_missing.update(group_units)
            continue
        if isinstance(rule, RatioRule):
            _score_ratio(
                leaf,
                rule,
                criterion,
                group,
                group_units,
                group_values,
                column,
                not_applicable,
                when_missing,
                columns,
            )
            continue
        assert not isinstance(rule, SumOfChildren)
        raws = group_values[criterion.element_for(rule.input)]
        if isinstance(rule, BooleanRule):
            for u, raw in zip(group_units, raws, strict=True):
                answer = raw if type(raw) is bool else to_answer(raw)
                if answer is None:
                    if when_missing is not None:
                        when_missing.add(u)
                elif answer:
                    column[u] = max_points
        elif isinstance(rule, ChoiceRule):
            table = dict(rule.points)
            for u, raw in zip(group_units, raws, strict=True):
                option = to_option(raw)
                if option is None:
                    if when_missing is not None:
                        when_missing.add(u)
                else:
                    column[u] = choice_points(option, table, max_points)
        elif isinstance(rule, BandsRule):
            thresholds, band_points = sorted_bands(rule)
            direction = rule.direction
            for u, raw in zip(group_units, raws, strict=True):
                x = raw if type(raw) is Decimal else to_number(raw)
                if x is None:
                    if when_missing is not None:
                        when_missing.add(u)
                else:
                    column[u] = bands_points(x, thresholds, band_points, direction, max_points)
        elif isinstance(rule, LinearRule) and rule.goalposts is Goalposts.FIXED:
            floor, target = rule.floor, rule.target
            assert floor is not None
            assert target is not None
            for u, raw in zip(group_units, raws, strict=True):
                x = raw if type(raw) is Decimal else to_number(raw)
                if x is None:
                    if when_missing is not None:
                        when_missing.add(u)
                else:
                    column[u] = linear_points(x, floor, target, max_points)
        else:
            measured = _numbers(group_units, raws, when_missing)
            _score_in_group(leaf, rule, max_points, group, measured, column, columns)

    for u, adjustment in adjusted.items():
        if u in marked or unit_groups[u] not in node.groups:
            continue
        column[u] = clamp(adjustment.points, max_points)
        not_applicable.discard(u)
    columns.points[leaf] = column
    columns.not_applicable[leaf] = not_applicable
    if max_points:
        columns.deducted[leaf] = dict.fromkeys(not_applicable, max_points)


def _columns_of(elements: list[str], rows: list[list[RawValue]]) -> dict[str, tuple[RawValue, ...]]:
    """A group's value rows turned into columns by element, with zip (C-level): this is where
    the engine touches every value."""
    if not rows:
        return dict.fromkeys(elements, ())
    return dict(zip(elements, zip(*rows, strict=True), strict=True))


def _criterion_of(node: _Node) -> Criterion:
    assert node.criterion is not None
    return node.criterion


def _unit_with_bad_value(
    criterion: Criterion, units: tuple[UnitInfo, ...], unit_values: list[Mapping[str, Value] | None]
) -> str | None:
    """The first unit whose value the indicator's rule cannot read (to name it in the error)."""
    read = to_answer if isinstance(criterion.rule, BooleanRule) else to_number
    if isinstance(criterion.rule, ChoiceRule | ManualRule):
        return None
    for unit, found in zip(units, unit_values, strict=True):
        for ref in criterion.inputs:
            value = (found or {}).get(ref.element_code)
            try:
                read(None if value is None else value.value)
            except (ValueError, TypeError):
                return unit.code
    return None


def _numbers(
    group_units: list[int], raws: tuple[RawValue, ...], when_missing: set[int] | None
) -> list[tuple[int, Decimal]]:
    """The units with a number, and the number; the others are missing."""
    measured: list[tuple[int, Decimal]] = []
    append = measured.append
    for u, raw in zip(group_units, raws, strict=True):
        number = raw if type(raw) is Decimal else to_number(raw)
        if number is None:
            if when_missing is not None:
                when_missing.add(u)
        else:
            append((u, number))
    return measured


def _score_in_group(
    leaf: int,
    rule: BandsRule | LinearRule | RelativeToBestRule | RankRule,
    max_points: Decimal,
    group: str,
    measured: list[tuple[int, Decimal]],
    column: list[Decimal],
    columns: _Columns,
) -> None:
    """Score x per unit once the group is known; group-relative rules record what they saw of
    the group for the explanations."""
    if isinstance(rule, BandsRule):
        thresholds, band_points = sorted_bands(rule)
        for u, x in measured:
            column[u] = bands_points(x, thresholds, band_points, rule.direction, max_points)
        return
    if isinstance(rule, LinearRule) and rule.goalposts is Goalposts.FIXED:
        floor, target = rule.floor, rule.target
        assert floor is not None
        assert target is not None
        for u, x in measured:
            column[u] = linear_points(x, floor, target, max_points)
        return
    if not measured:
        return
    xs = [x for _, x in measured]
    low, high = min(xs), max(xs)
    if isinstance(rule, RankRule):
        columns.stats[leaf, group] = GroupStats(group, len(xs), low, high, tuple(sorted(xs)))
        ranks = competition_ranks(xs, rule.direction)
        for (u, _), rank in zip(measured, ranks, strict=True):
            column[u] = rank_points(rank, rule.points_by_rank, max_points)
        return
    columns.stats[leaf, group] = GroupStats(group, len(xs), low, high)
    if isinstance(rule, RelativeToBestRule):
        for u, x in measured:
            column[u] = relative_to_best_points(x, high, max_points)
        return
    floor, target = (low, high) if rule.direction is Direction.HIGHER_IS_BETTER else (high, low)
    for u, x in measured:
        column[u] = linear_points(x, floor, target, max_points)


def _score_ratio(
    leaf: int,
    rule: RatioRule,
    criterion: Criterion,
    group: str,
    group_units: list[int],
    group_values: Mapping[str, tuple[RawValue, ...]],
    column: list[Decimal],
    not_applicable: set[int],
    when_missing: set[int] | None,
    columns: _Columns,
) -> None:
    assert criterion.max_points is not None
    max_points = criterion.max_points
    numerators = group_values[criterion.element_for(rule.numerator)]
    denominators = group_values[criterion.element_for(rule.denominator)]
    zero_is_not_applicable = rule.zero_denominator is ZeroDenominator.NOT_APPLICABLE
    scale = rule.scale
    fixed = isinstance(scale, LinearRule) and scale.goalposts is Goalposts.FIXED
    floor = scale.floor if isinstance(scale, LinearRule) else None
    target = scale.target if isinstance(scale, LinearRule) else None
    measured: list[tuple[int, Decimal]] = []
    for u, raw_a, raw_b in zip(group_units, numerators, denominators, strict=True):
        a = raw_a if type(raw_a) is Decimal else to_number(raw_a)
        b = raw_b if type(raw_b) is Decimal else to_number(raw_b)
        if a is None or b is None:
            if when_missing is not None:
                when_missing.add(u)
        elif not b:
            if zero_is_not_applicable:
                not_applicable.add(u)
        elif fixed:
            assert floor is not None
            assert target is not None
            column[u] = linear_ratio_points(a, b, floor, target, max_points)
        else:
            x = ratio_percent(a, b)
            assert x is not None
            measured.append((u, x))
    if not fixed:
        _score_in_group(leaf, scale, max_points, group, measured, column, columns)


def _sum_children(
    position: int,
    nodes: tuple[_Node, ...],
    units: tuple[UnitInfo, ...],
    columns: _Columns,
    size: int,
) -> None:
    """An inner node's column is the weighted sum of its children's; it is not applicable to a
    unit when none of its children applying to the unit's group is."""
    node = nodes[position]
    total: list[Decimal] | None = None
    candidates: Counter[int] = Counter()
    deducted: dict[int, Decimal] = {}
    for child in node.children:
        weight = nodes[child].weight
        column = columns.points[child]
        if weight != ONE:
            column = list(map(mul, column, repeat(weight, size)))
        total = column if total is None else list(map(add, total, column))
        candidates.update(columns.not_applicable[child])
        for u, amount in columns.deducted[child].items():
            deducted[u] = deducted.get(u, ZERO) + weight * amount
    columns.points[position] = total if total is not None else [ZERO] * size
    columns.deducted[position] = deducted
    not_applicable: set[int] = set()
    for u, count in candidates.items():
        group = units[u].group
        applying = sum(1 for child in node.children if group in nodes[child].groups)
        if count == applying:
            not_applicable.add(u)
    columns.not_applicable[position] = not_applicable


def _ranks(
    node: _Node, members: Mapping[str, list[int]], column: list[Decimal], excluded: set[int]
) -> dict[int, int]:
    """Competition ranks on points rounded to 2 decimals (as published), per group, among the
    units the node applies to."""
    ranks: dict[int, int] = {}
    for group in node.groups:
        ranked = [u for u in members.get(group, ()) if u not in excluded]
        keys = [cents(column[u]) for u in ranked]
        ranks.update(zip(ranked, competition_ranks(keys, Direction.HIGHER_IS_BETTER), strict=True))
    return ranks
