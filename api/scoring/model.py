"""Engine inputs: the framework tree (bộ chỉ số), its rules, units, values and reviewer decisions.

Everything here is a frozen dataclass holding plain data; `loader.framework_from_dict` builds a
`Framework` from the dict format of docs/framework-format.md, and the database adapters build
`UnitInfo`, `Value` and `Adjustment` from rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, TypeAlias


class Direction(StrEnum):
    """Which end of a scale is better (hướng tốt hơn)."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class ZeroDenominator(StrEnum):
    """What a ratio does when its denominator is 0."""

    ZERO = "zero"
    NOT_APPLICABLE = "not_applicable"


class Goalposts(StrEnum):
    """Where a linear rule takes its floor and target from."""

    FIXED = "fixed"
    GROUP_MIN_MAX = "group_min_max"


@dataclass(frozen=True, slots=True)
class BooleanRule:
    """Max points when the answer is yes (có), else 0."""

    input: str = "value"

    kind: ClassVar[str] = "boolean"


@dataclass(frozen=True, slots=True)
class ChoiceRule:
    """Points per option (lựa chọn); an option not in the table scores 0."""

    points: tuple[tuple[str, Decimal], ...]
    input: str = "value"

    kind: ClassVar[str] = "choice"


@dataclass(frozen=True, slots=True)
class Band:
    """One step of a band table (mức): `points` once x reaches `threshold`."""

    threshold: Decimal
    points: Decimal


@dataclass(frozen=True, slots=True)
class BandsRule:
    """Step table: higher is better takes the band with the highest threshold ≤ x, lower is better
    the band with the lowest threshold ≥ x; no band reached scores 0."""

    bands: tuple[Band, ...]
    direction: Direction = Direction.HIGHER_IS_BETTER
    input: str = "value"

    kind: ClassVar[str] = "bands"


@dataclass(frozen=True, slots=True)
class LinearRule:
    """max × clamp((x − floor) ÷ (target − floor), 0, 1).

    Fixed goalposts with floor > target mean lower is better. With `Goalposts.GROUP_MIN_MAX` the
    floor and target are the min and max of x in the unit's group (swapped when lower is better),
    and `floor`/`target` are unused.
    """

    floor: Decimal | None = None
    target: Decimal | None = None
    goalposts: Goalposts = Goalposts.FIXED
    direction: Direction = Direction.HIGHER_IS_BETTER
    input: str = "value"

    kind: ClassVar[str] = "linear"


ScaleRule: TypeAlias = LinearRule | BandsRule


@dataclass(frozen=True, slots=True)
class RatioRule:
    """x = numerator ÷ denominator × 100 (a percentage, tỷ lệ), scored by `scale`."""

    scale: ScaleRule = LinearRule(floor=Decimal(0), target=Decimal(100))
    numerator: str = "a"
    denominator: str = "b"
    zero_denominator: ZeroDenominator = ZeroDenominator.ZERO

    kind: ClassVar[str] = "ratio"


@dataclass(frozen=True, slots=True)
class RelativeToBestRule:
    """max × x ÷ (best x in the unit's group); 0 when the best is 0 or less."""

    input: str = "value"

    kind: ClassVar[str] = "relative_to_best"


@dataclass(frozen=True, slots=True)
class RankRule:
    """Points by the unit's rank of x in its group (competition ranking, 1 = best)."""

    points_by_rank: tuple[Decimal, ...]
    direction: Direction = Direction.HIGHER_IS_BETTER
    input: str = "value"

    kind: ClassVar[str] = "rank"


@dataclass(frozen=True, slots=True)
class ManualRule:
    """Points set by a reviewer (chấm điểm thủ công) through an `Adjustment`."""

    kind: ClassVar[str] = "manual"


@dataclass(frozen=True, slots=True)
class SumOfChildren:
    """Inner criteria: points and max are the weighted sums of the applicable children."""

    kind: ClassVar[str] = "sum_of_children"


LeafRule: TypeAlias = (
    BooleanRule
    | ChoiceRule
    | BandsRule
    | LinearRule
    | RatioRule
    | RelativeToBestRule
    | RankRule
    | ManualRule
)
Rule: TypeAlias = LeafRule | SumOfChildren


@dataclass(frozen=True, slots=True)
class InputRef:
    """A rule input: the name the rule reads, and the data element that supplies it."""

    name: str
    element_code: str


@dataclass(frozen=True, slots=True)
class Element:
    """A data element (chỉ tiêu số liệu): one raw figure or answer per unit."""

    code: str
    name_vi: str
    name_en: str
    value_type: str
    source: str
    provider_code: str | None = None
    options: tuple[str, ...] = ()
    min: Decimal | None = None
    max: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    """A node of the tree (tiêu chí): pillar, main indicator or component indicator.

    Leaves (indicators, chỉ số thành phần) have `max_points`, `inputs` and a leaf rule; inner nodes
    have children and `SumOfChildren`. `groups` None means every group of the framework.
    """

    code: str
    name_vi: str
    name_en: str
    rule: Rule
    max_points: Decimal | None = None
    weight: Decimal = Decimal(1)
    groups: tuple[str, ...] | None = None
    inputs: tuple[InputRef, ...] = ()
    not_applicable_when_missing: bool = False
    children: tuple[Criterion, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def element_for(self, name: str) -> str:
        """The element code behind the rule input `name`."""
        for ref in self.inputs:
            if ref.name == name:
                return ref.element_code
        raise KeyError(f"criterion {self.code}: no input named {name!r}")


@dataclass(frozen=True, slots=True)
class Level:
    """One level (mức độ) of a level set: a unit whose index, as published (4 decimals), is at
    least `min_index` and below the next level's is at this level."""

    code: str
    name_vi: str
    name_en: str
    min_index: Decimal


@dataclass(frozen=True, slots=True)
class LevelSet:
    """Levels on the index for some groups (`groups`), or for every other group (None): the first
    at 0, each above the one before."""

    levels: tuple[Level, ...]
    groups: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class PillarView:
    """A named aggregation (trụ cột) over top-level criteria, besides the tree: its points are the
    weighted sum of theirs, its max the sum of their max. Views may share criteria (the national
    index's three pillars share the five foundation indicators)."""

    code: str
    name_vi: str
    name_en: str
    criteria: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    """A framework version (phiên bản bộ chỉ số): top-level criteria are the pillars (trụ cột),
    or main indicators (chỉ số chính); `level_sets` and `pillar_views` are read off the results."""

    code: str
    title_vi: str
    title_en: str
    groups: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    elements: tuple[Element, ...] = ()
    year: int | None = None
    legal_basis: str | None = None
    level_sets: tuple[LevelSet, ...] = ()
    pillar_views: tuple[PillarView, ...] = ()
    # The hash, once computed: the engine's caches key on the framework, and hashing its whole
    # tree on every run cost a live preview a sixth of its time.
    _hash: list[int] = field(default_factory=list, compare=False, repr=False)

    def __hash__(self) -> int:
        if not self._hash:
            self._hash.append(
                hash(
                    (
                        self.code,
                        self.title_vi,
                        self.title_en,
                        self.groups,
                        self.criteria,
                        self.elements,
                        self.year,
                        self.legal_basis,
                        self.level_sets,
                        self.pillar_views,
                    )
                )
            )
        return self._hash[0]

    def walk(self) -> tuple[Criterion, ...]:
        """Every criterion, parents before children, in document order."""
        out: list[Criterion] = []
        stack = list(reversed(self.criteria))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return tuple(out)

    def level_set(self, group: str) -> LevelSet | None:
        """The levels of `group`: the set naming it, else the default set (None if neither)."""
        default = None
        for level_set in self.level_sets:
            if level_set.groups is None:
                default = level_set
            elif group in level_set.groups:
                return level_set
        return default

    def criterion(self, code: str) -> Criterion:
        for node in self.walk():
            if node.code == code:
                return node
        raise KeyError(f"framework {self.code}: no criterion {code!r}")


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """A unit (đơn vị) taking part in the round, and the ranking group (nhóm xếp hạng) it is in."""

    code: str
    group: str


RawValue: TypeAlias = Decimal | int | float | str | bool | date | None


@dataclass(frozen=True, slots=True)
class Value:
    """A data element's value for a unit, and where it came from: `self`, a provider agency's
    code, or `reviewer`. None means not answered (missing)."""

    value: RawValue
    source: str


@dataclass(frozen=True, slots=True)
class Adjustment:
    """Points a reviewer set on an indicator, with the reason (lý do). For a `manual` indicator
    these are its points; for any other rule they replace the computed points."""

    points: Decimal
    reason: str
