"""Framework dicts (docs/framework-format.md) to engine dataclasses (``dumper`` goes back).

The seed YAML files, the API layer and the benchmark all build engine frameworks through
`framework_from_dict`, so a framework means the same thing everywhere. Numbers may be int, float,
str or Decimal (floats go through their shortest repr). Guidance, labels, evidence flags and
provenance are not the engine's business and are skipped. Errors are `FrameworkError`s (a
`ValueError`) naming the path at fault; the API validates with Pydantic first, so here they only
guard invariants.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from api.scoring.model import (
    Band,
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Criterion,
    Direction,
    Element,
    Framework,
    Goalposts,
    InputRef,
    Level,
    LevelSet,
    LinearRule,
    ManualRule,
    PillarView,
    RankRule,
    RatioRule,
    RelativeToBestRule,
    Rule,
    SumOfChildren,
    ZeroDenominator,
)


class FrameworkError(ValueError):
    """A framework dict that breaks the format; `path` names the field at fault, e.g.
    `criteria[0].children[1].rule.bands`."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


_VALUE_TYPES = frozenset({"boolean", "integer", "decimal", "percent", "date", "choice", "text"})
_SOURCES = frozenset({"self", "provider", "reviewer"})


def framework_from_dict(data: Mapping[str, Any]) -> Framework:
    """Build a `Framework` from the plain dict format, checking its invariants."""
    groups = tuple(_strings(data.get("groups"), "groups"))
    if not groups or len(set(groups)) != len(groups):
        raise FrameworkError("groups", "at least one group, each once")
    elements = tuple(
        _element(item, f"elements[{i}]") for i, item in enumerate(data.get("elements") or ())
    )
    element_codes = {element.code: element for element in elements}
    if len(element_codes) != len(elements):
        raise FrameworkError("elements", "codes must be unique")
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, Sequence) or not raw_criteria:
        raise FrameworkError("criteria", "at least one criterion")
    criteria = tuple(
        _criterion(item, f"criteria[{i}]", frozenset(groups), element_codes)
        for i, item in enumerate(raw_criteria)
    )
    seen: set[str] = set()
    for criterion in Framework("", "", "", groups, criteria).walk():
        if criterion.code in seen:
            raise FrameworkError("criteria", f"code {criterion.code} appears twice")
        seen.add(criterion.code)
    year = data.get("year")
    level_sets = _level_sets(data.get("levels") or (), frozenset(groups))
    pillar_views = _pillar_views(data.get("pillar_views") or (), criteria)
    return Framework(
        code=_text(data, "code", ""),
        title_vi=_text(data, "title_vi", ""),
        title_en=_text(data, "title_en", ""),
        groups=groups,
        criteria=criteria,
        elements=elements,
        year=int(year) if year is not None else None,
        legal_basis=str(data["legal_basis"]) if data.get("legal_basis") is not None else None,
        level_sets=level_sets,
        pillar_views=pillar_views,
    )


def _level_sets(value: object, groups: frozenset[str]) -> tuple[LevelSet, ...]:
    """Level sets: levels ascending from 0, codes unique, each group (and the default) once."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise FrameworkError("levels", "expected a list")
    covered: set[str | None] = set()
    out = []
    for i, item in enumerate(value):
        path = f"levels[{i}]"
        data = _mapping(item, path)
        own: tuple[str, ...] | None = None
        if data.get("groups") is not None:
            own = tuple(_strings(data["groups"], f"{path}.groups"))
            if not own:
                raise FrameworkError(f"{path}.groups", "name a group, or leave groups out")
        for group in own or (None,):
            if group is not None and group not in groups:
                raise FrameworkError(f"{path}.groups", f"{group} is not a group of the framework")
            if group in covered:
                raise FrameworkError(f"{path}.groups", f"{group or 'the default'} has levels twice")
            covered.add(group)
        raw = data.get("bands")
        if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
            raise FrameworkError(f"{path}.bands", "at least one level")
        levels: list[Level] = []
        for j, band in enumerate(raw):
            band_data = _mapping(band, f"{path}.bands[{j}]")
            level = Level(
                code=_text(band_data, "code", f"{path}.bands[{j}]"),
                name_vi=_text(band_data, "name_vi", f"{path}.bands[{j}]"),
                name_en=_text(band_data, "name_en", f"{path}.bands[{j}]"),
                min_index=to_decimal(band_data.get("min_index"), f"{path}.bands[{j}].min_index"),
            )
            if not Decimal(0) <= level.min_index <= Decimal(1):
                raise FrameworkError(f"{path}.bands[{j}].min_index", "outside 0..1")
            if j == 0 and level.min_index != 0:
                raise FrameworkError(f"{path}.bands[0].min_index", "the first level starts at 0")
            if levels and level.min_index <= levels[-1].min_index:
                raise FrameworkError(f"{path}.bands[{j}].min_index", "levels must ascend")
            levels.append(level)
        if len({level.code for level in levels}) != len(levels):
            raise FrameworkError(f"{path}.bands", "codes must be unique")
        out.append(LevelSet(levels=tuple(levels), groups=own))
    return tuple(out)


def _pillar_views(value: object, criteria: tuple[Criterion, ...]) -> tuple[PillarView, ...]:
    """Pillar views over existing top-level criteria, codes unique."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise FrameworkError("pillar_views", "expected a list")
    top = {criterion.code for criterion in criteria}
    out = []
    for i, item in enumerate(value):
        path = f"pillar_views[{i}]"
        data = _mapping(item, path)
        codes = tuple(str(code) for code in _list(data.get("criteria"), f"{path}.criteria"))
        if not codes or len(set(codes)) != len(codes):
            raise FrameworkError(f"{path}.criteria", "at least one criterion, each once")
        for j, code in enumerate(codes):
            if code not in top:
                raise FrameworkError(f"{path}.criteria[{j}]", f"{code} is not a top-level one")
        out.append(
            PillarView(
                code=_text(data, "code", path),
                name_vi=_text(data, "name_vi", path),
                name_en=_text(data, "name_en", path),
                criteria=codes,
            )
        )
    if len({view.code for view in out}) != len(out):
        raise FrameworkError("pillar_views", "codes must be unique")
    return tuple(out)


def _list(value: object, path: str) -> Sequence[object]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise FrameworkError(path, "expected a list")
    return value


def to_decimal(value: object, path: str) -> Decimal:
    """A number from YAML/JSON as an exact decimal."""
    if isinstance(value, bool):
        raise FrameworkError(path, f"expected a number, got {value!r}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise FrameworkError(path, f"expected a number, got {value!r}") from None
    else:
        raise FrameworkError(path, f"expected a number, got {value!r}")
    if not number.is_finite():
        raise FrameworkError(path, f"expected a finite number, got {value!r}")
    return number


def _text(data: Mapping[str, Any], key: str, path: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError(f"{path}{'.' if path else ''}{key}", "required text")
    return value


def _strings(value: object, path: str) -> list[str]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise FrameworkError(path, "expected a list")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise FrameworkError(f"{path}[{i}]", "expected text")
        out.append(item)
    return out


def _mapping(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise FrameworkError(path, "expected a mapping")
    return value


def _direction(data: Mapping[str, Any], path: str) -> Direction:
    try:
        return Direction(data.get("direction", Direction.HIGHER_IS_BETTER.value))
    except ValueError:
        raise FrameworkError(
            f"{path}.direction", f"{data.get('direction')!r} is not a direction"
        ) from None


def _element(value: object, path: str) -> Element:
    data = _mapping(value, path)
    value_type = _text(data, "value_type", path)
    if value_type not in _VALUE_TYPES:
        raise FrameworkError(f"{path}.value_type", f"{value_type!r} is not a value type")
    source = _text(data, "source", path)
    if source not in _SOURCES:
        raise FrameworkError(f"{path}.source", f"{source!r} is not a source")
    provider = data.get("provider_code")
    if source == "provider" and not provider:
        raise FrameworkError(f"{path}.provider_code", "required when the source is provider")
    options: tuple[str, ...] = ()
    if value_type == "choice":
        raw_options = data.get("options")
        if not isinstance(raw_options, Sequence) or not raw_options:
            raise FrameworkError(f"{path}.options", "a choice element lists its options")
        options = tuple(
            str(_mapping(option, f"{path}.options[{i}]").get("value"))
            for i, option in enumerate(raw_options)
        )
        if len(set(options)) != len(options):
            raise FrameworkError(f"{path}.options", "values must be unique")
    return Element(
        code=_text(data, "code", path),
        name_vi=_text(data, "name_vi", path),
        name_en=_text(data, "name_en", path),
        value_type=value_type,
        source=source,
        provider_code=str(provider) if provider else None,
        options=options,
        min=to_decimal(data["min"], f"{path}.min") if data.get("min") is not None else None,
        max=to_decimal(data["max"], f"{path}.max") if data.get("max") is not None else None,
    )


def _criterion(
    value: object,
    path: str,
    framework_groups: frozenset[str],
    elements: Mapping[str, Element],
) -> Criterion:
    data = _mapping(value, path)
    code = _text(data, "code", path) if not isinstance(data.get("code"), int) else str(data["code"])
    groups: tuple[str, ...] | None = None
    if data.get("groups") is not None:
        groups = tuple(_strings(data["groups"], f"{path}.groups"))
        unknown = set(groups) - framework_groups
        if unknown:
            raise FrameworkError(
                f"{path}.groups", f"{sorted(unknown)} are not groups of the framework"
            )
    weight = to_decimal(data.get("weight", 1), f"{path}.weight")
    if weight < 0:
        raise FrameworkError(f"{path}.weight", "must not be negative")
    raw_children = data.get("children") or ()
    children = tuple(
        _criterion(child, f"{path}.children[{i}]", framework_groups, elements)
        for i, child in enumerate(raw_children)
    )
    raw_rule = data.get("rule") or {"kind": "sum_of_children"}
    rule_data = _mapping(raw_rule, f"{path}.rule")
    if children:
        if rule_data.get("kind") != "sum_of_children":
            raise FrameworkError(f"{path}.rule", "an inner criterion sums its children")
        if data.get("inputs"):
            raise FrameworkError(f"{path}.inputs", "only indicators read data elements")
        _check_declared_max(data, children, path)
        return Criterion(
            code=code,
            name_vi=_text(data, "name_vi", path),
            name_en=_text(data, "name_en", path),
            rule=SumOfChildren(),
            weight=weight,
            groups=groups,
            not_applicable_when_missing=bool(data.get("not_applicable_when_missing", False)),
            children=children,
        )
    if data.get("max_points") is None:
        raise FrameworkError(f"{path}.max_points", "required on an indicator")
    max_points = to_decimal(data["max_points"], f"{path}.max_points")
    if max_points < 0:
        raise FrameworkError(f"{path}.max_points", "must not be negative")
    inputs = tuple(
        _input(item, f"{path}.inputs[{i}]", elements)
        for i, item in enumerate(data.get("inputs") or ())
    )
    names = [ref.name for ref in inputs]
    if len(set(names)) != len(names):
        raise FrameworkError(f"{path}.inputs", "names must be unique")
    rule = _rule(rule_data, f"{path}.rule", max_points)
    for name in _rule_inputs(rule):
        if name not in names:
            raise FrameworkError(
                f"{path}.inputs", f"the rule reads {name!r}, which is not an input"
            )
    if isinstance(rule, ChoiceRule):
        _check_options(rule, inputs, elements, path)
    return Criterion(
        code=code,
        name_vi=_text(data, "name_vi", path),
        name_en=_text(data, "name_en", path),
        rule=rule,
        max_points=max_points,
        weight=weight,
        groups=groups,
        inputs=inputs,
        not_applicable_when_missing=bool(data.get("not_applicable_when_missing", False)),
    )


def _check_declared_max(
    data: Mapping[str, Any], children: tuple[Criterion, ...], path: str
) -> None:
    """An inner node's max is the weighted sum of its children; a declared one must agree when
    every child applies to the same groups (otherwise it differs per group and is not declared)."""
    if data.get("max_points") is None:
        return
    declared = to_decimal(data["max_points"], f"{path}.max_points")
    if len({child.groups for child in children}) != 1:
        raise FrameworkError(f"{path}.max_points", "differs per group; leave it out")
    total = sum((child.weight * _static_max(child) for child in children), Decimal(0))
    if declared != total:
        raise FrameworkError(f"{path}.max_points", f"{declared} but the children sum to {total}")


def _static_max(criterion: Criterion) -> Decimal:
    if criterion.max_points is not None:
        return criterion.max_points
    return sum((child.weight * _static_max(child) for child in criterion.children), Decimal(0))


def _input(value: object, path: str, elements: Mapping[str, Element]) -> InputRef:
    data = _mapping(value, path)
    ref = InputRef(name=_text(data, "name", path), element_code=_text(data, "element_code", path))
    if elements and ref.element_code not in elements:
        raise FrameworkError(f"{path}.element_code", f"{ref.element_code} is not a data element")
    return ref


def rule_from_dict(data: Mapping[str, Any], *, max_points: Decimal, path: str = "rule") -> Rule:
    """An indicator's rule from its dict (`{kind: bands, bands: [...]}`), checked against max."""
    return _rule(_mapping(data, path), path, max_points)


def _rule(data: Mapping[str, Any], path: str, max_points: Decimal) -> Rule:
    kind = data.get("kind")
    input_name = str(data.get("input", "value"))
    if kind == "boolean":
        return BooleanRule(input=input_name)
    if kind == "choice":
        table = _mapping(data.get("points"), f"{path}.points")
        points = tuple(
            (str(option), _points(p, f"{path}.points.{option}", max_points))
            for option, p in table.items()
        )
        if not points:
            raise FrameworkError(f"{path}.points", "at least one option")
        return ChoiceRule(points=points, input=input_name)
    if kind == "bands":
        return _bands(data, path, max_points, input_name)
    if kind == "linear":
        return _linear(data, path, input_name)
    if kind == "ratio":
        scale_data = _mapping(
            data.get("scale", {"kind": "linear", "floor": 0, "target": 100}), f"{path}.scale"
        )
        scale: LinearRule | BandsRule
        if scale_data.get("kind") == "linear":
            scale = _linear(scale_data, f"{path}.scale", "value")
        elif scale_data.get("kind") == "bands":
            scale = _bands(scale_data, f"{path}.scale", max_points, "value")
        else:
            raise FrameworkError(f"{path}.scale.kind", "a ratio is scaled by linear or bands")
        try:
            zero = ZeroDenominator(data.get("zero_denominator", ZeroDenominator.ZERO.value))
        except ValueError:
            raise FrameworkError(f"{path}.zero_denominator", "zero or not_applicable") from None
        return RatioRule(
            scale=scale,
            numerator=str(data.get("numerator", "a")),
            denominator=str(data.get("denominator", "b")),
            zero_denominator=zero,
        )
    if kind == "relative_to_best":
        return RelativeToBestRule(input=input_name)
    if kind == "rank":
        raw = data.get("points_by_rank")
        if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
            raise FrameworkError(f"{path}.points_by_rank", "a list of points")
        return RankRule(
            points_by_rank=tuple(
                _points(p, f"{path}.points_by_rank[{i}]", max_points) for i, p in enumerate(raw)
            ),
            direction=_direction(data, path),
            input=input_name,
        )
    if kind == "manual":
        return ManualRule()
    if kind == "sum_of_children":
        raise FrameworkError(path, "an indicator needs a scoring rule, not sum_of_children")
    raise FrameworkError(f"{path}.kind", f"{kind!r} is not a rule")


def _points(value: object, path: str, max_points: Decimal) -> Decimal:
    points = to_decimal(value, path)
    if not Decimal(0) <= points <= max_points:
        raise FrameworkError(path, f"{points} is outside 0..{max_points}")
    return points


def _bands(data: Mapping[str, Any], path: str, max_points: Decimal, input_name: str) -> BandsRule:
    raw = data.get("bands")
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        raise FrameworkError(f"{path}.bands", "at least one band")
    bands = []
    for i, item in enumerate(raw):
        band = _mapping(item, f"{path}.bands[{i}]")
        bands.append(
            Band(
                threshold=to_decimal(band.get("threshold"), f"{path}.bands[{i}].threshold"),
                points=_points(band.get("points"), f"{path}.bands[{i}].points", max_points),
            )
        )
    if len({band.threshold for band in bands}) != len(bands):
        raise FrameworkError(f"{path}.bands", "thresholds must be distinct")
    direction = _direction(data, path)
    ascending = [band.points for band in sorted(bands, key=lambda band: band.threshold)]
    if direction is Direction.LOWER_IS_BETTER:
        ascending.reverse()
    if ascending != sorted(ascending):
        raise FrameworkError(
            f"{path}.bands", f"points must not fall as x gets better ({direction})"
        )
    return BandsRule(bands=tuple(bands), direction=direction, input=input_name)


def _linear(data: Mapping[str, Any], path: str, input_name: str) -> LinearRule:
    goalposts = data.get("goalposts", Goalposts.FIXED.value)
    if goalposts == Goalposts.GROUP_MIN_MAX.value:
        return LinearRule(
            goalposts=Goalposts.GROUP_MIN_MAX, direction=_direction(data, path), input=input_name
        )
    if goalposts != Goalposts.FIXED.value:
        raise FrameworkError(f"{path}.goalposts", "fixed or group_min_max")
    floor = to_decimal(data.get("floor"), f"{path}.floor")
    target = to_decimal(data.get("target"), f"{path}.target")
    if floor == target:
        raise FrameworkError(path, "floor and target must differ")
    implied = Direction.HIGHER_IS_BETTER if floor < target else Direction.LOWER_IS_BETTER
    if "direction" in data and _direction(data, path) is not implied:
        raise FrameworkError(
            f"{path}.direction", f"floor {floor} and target {target} say {implied.value}"
        )
    return LinearRule(floor=floor, target=target, direction=implied, input=input_name)


def _rule_inputs(rule: Rule) -> tuple[str, ...]:
    if isinstance(rule, RatioRule):
        return (rule.numerator, rule.denominator)
    if isinstance(rule, ManualRule | SumOfChildren):
        return ()
    return (rule.input,)


def _check_options(
    rule: ChoiceRule, inputs: tuple[InputRef, ...], elements: Mapping[str, Element], path: str
) -> None:
    """Every option of the element has points, and nothing else does."""
    element_code = next(ref.element_code for ref in inputs if ref.name == rule.input)
    element = elements.get(element_code)
    if element is None or not element.options:
        return
    listed = {option for option, _ in rule.points}
    if listed != set(element.options):
        raise FrameworkError(
            f"{path}.rule.points",
            f"options {sorted(listed)} differ from {element_code}'s {sorted(element.options)}",
        )
