"""The published points equal a recomputation from the stored inputs, done here independently of
the scoring engine and its adapter: the framework document as the API gives it, the values read
straight from their table, and the rules of DESIGN.md § Scoring written out again with exact
fractions."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue
from api.publications.schemas import PublicationOut
from api.rounds.models import RoundUnit
from api.units.models import Unit, UnitGroup
from tests.support.http import PUBLIC

COUNTING_SOURCE = {"self": "unit", "provider": "provider", "reviewer": "reviewer"}


def number(raw: Any) -> Fraction | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, Fraction):
        return raw
    return Fraction(Decimal(str(raw)))


def clamp(points: Fraction, top: Fraction) -> Fraction:
    return max(Fraction(0), min(points, top))


def bands(x: Fraction, table: list[dict[str, Any]], direction: str) -> Fraction:
    """The points of the best band x reaches: the highest threshold ≤ x, or for lower-is-better
    the lowest threshold ≥ x."""
    steps = sorted((Fraction(Decimal(str(b["threshold"]))), b["points"]) for b in table)
    if direction == "lower_is_better":
        reached = [points for threshold, points in steps if x <= threshold]
        return Fraction(Decimal(str(reached[0]))) if reached else Fraction(0)
    reached = [points for threshold, points in steps if x >= threshold]
    return Fraction(Decimal(str(reached[-1]))) if reached else Fraction(0)


def leaf_x(rule: dict[str, Any], inputs: dict[str, Any]) -> tuple[str, Any]:
    """('missing'|'na'|'ok', x) of a leaf."""
    kind = rule["kind"]
    if kind == "ratio":
        a, b = (
            number(inputs.get(rule.get("numerator", "a"))),
            number(inputs.get(rule.get("denominator", "b"))),
        )
        if a is None or b is None:
            return "missing", None
        if b == 0:
            return (
                ("na", None)
                if rule.get("zero_denominator") == "not_applicable"
                else (
                    "zero",
                    None,
                )
            )
        return "ok", a * 100 / b
    value = inputs.get(rule.get("input", "value"))
    if value is None:
        return "missing", None
    return "ok", value


def leaf_points(rule: dict[str, Any], x: Any, top: Fraction, best: Fraction | None) -> Fraction:
    kind = rule["kind"]
    if kind == "boolean":
        return top if x is True else Fraction(0)
    if kind == "choice":
        return clamp(number(rule["points"].get(str(x), 0)) or Fraction(0), top)
    if kind == "bands":
        return clamp(bands(number(x), rule["bands"], rule.get("direction", "")), top)
    if kind == "linear":
        floor, target = number(rule["floor"]), number(rule["target"])
        return clamp(top * (number(x) - floor) / (target - floor), top)
    if kind == "ratio":
        scale = rule.get("scale") or {"kind": "linear", "floor": 0, "target": 100}
        if scale["kind"] == "bands":
            return clamp(bands(x, scale["bands"], scale.get("direction", "")), top)
        floor, target = number(scale["floor"]), number(scale["target"])
        return clamp(top * (x - floor) / (target - floor), top)
    if kind == "relative_to_best":
        return Fraction(0) if not best or best <= 0 else clamp(top * number(x) / best, top)
    raise AssertionError(f"rule {kind} is not used by framework 1")


def cents(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def test_published_points_equal_an_independent_recomputation(
    client: AsyncClient,
    session: AsyncSession,
    published: PublicationOut,
    admin: dict[str, str],
) -> None:
    document = (await client.get(f"{PUBLIC}/rounds/1/results")).json()
    framework_id = document["round"]["framework"]["id"]
    framework = (
        await client.get(f"/api/v1/frameworks/{framework_id}/document", headers=admin)
    ).json()
    sources = {e["code"]: COUNTING_SOURCE[e["source"]] for e in framework["elements"]}
    rows = await session.execute(
        select(
            Unit.code,
            UnitGroup.code,
            ElementValue.element_code,
            ElementValue.source,
            ElementValue.value,
        )
        .join(Unit, Unit.id == ElementValue.unit_id)
        .join(
            RoundUnit,
            (RoundUnit.round_id == ElementValue.round_id) & (RoundUnit.unit_id == Unit.id),
        )
        .join(UnitGroup, UnitGroup.id == RoundUnit.group_id)
        .where(ElementValue.round_id == 1)
    )
    values: dict[str, dict[str, Any]] = defaultdict(dict)
    group_of: dict[str, str] = {}
    for unit, group, element, source, raw in rows.all():
        group_of[unit] = group
        if source.value == sources.get(element):
            values[unit][element] = raw
    assert len(group_of) == 48

    def leaves(nodes: list[dict[str, Any]], groups: set[str]) -> list[tuple[dict, set[str]]]:
        out = []
        for node in nodes:
            applies = groups & set(node["groups"]) if node.get("groups") else groups
            if node["children"]:
                out.extend(leaves(node["children"], applies))
            else:
                out.append((node, applies))
        return out

    all_leaves = leaves(framework["criteria"], {"SBN", "QH"})
    # x of every unit on every leaf; the best x per group for relative_to_best.
    xs: dict[tuple[str, str], tuple[str, Any]] = {}
    for unit in group_of:
        for node, _ in all_leaves:
            inputs = {i["name"]: values[unit].get(i["element_code"]) for i in node["inputs"]}
            state, x = leaf_x(node["rule"], inputs)
            if node["rule"]["kind"] != "boolean" and node["rule"]["kind"] != "choice":
                x = number(x) if state == "ok" and not isinstance(x, Fraction) else x
            xs[(unit, node["code"])] = (state, x)
    best: dict[tuple[str, str], Fraction] = {}
    for (unit, code), (state, x) in xs.items():
        if state == "ok" and isinstance(x, Fraction):
            key = (group_of[unit], code)
            best[key] = max(best.get(key, x), x)

    def node_points(node: dict[str, Any], unit: str, groups: set[str]) -> tuple[Fraction, Fraction]:
        group = group_of[unit]
        applies = groups & set(node["groups"]) if node.get("groups") else groups
        if group not in applies:
            return Fraction(0), Fraction(0)
        weight = number(node.get("weight", 1)) or Fraction(1)
        if node["children"]:
            parts = [node_points(child, unit, applies) for child in node["children"]]
            return (
                weight * sum((p for p, _ in parts), Fraction(0)),
                weight * sum((m for _, m in parts), Fraction(0)),
            )
        top = number(node["max_points"]) or Fraction(0)
        state, x = xs[(unit, node["code"])]
        if state == "na" or (state == "missing" and node["not_applicable_when_missing"]):
            return Fraction(0), Fraction(0)
        if state != "ok":
            return Fraction(0), weight * top
        points = leaf_points(node["rule"], x, top, best.get((group, node["code"])))
        return weight * points, weight * top

    checked = 0
    for group in document["groups"]:
        totals = {}
        for row in group["rankings"]:
            unit = row["unit_code"]
            points = Fraction(0)
            maximum = Fraction(0)
            for pillar in framework["criteria"]:
                p, m = node_points(pillar, unit, {"SBN", "QH"})
                points += p
                maximum += m
                published_pillar = next(
                    (x for x in row["pillars"] if x["code"] == pillar["code"]), None
                )
                if m:
                    assert published_pillar is not None, (unit, pillar["code"])
                    assert Decimal(published_pillar["points"]) == cents(p), (unit, pillar["code"])
            assert Decimal(row["points"]) == cents(points), unit
            assert Decimal(row["max_points"]) == cents(maximum), unit
            totals[unit] = cents(points)
            checked += 1
        # Standard competition ranking (1, 2, 2, 4) on the published totals.
        for row in group["rankings"]:
            better = sum(1 for other in totals.values() if other > totals[row["unit_code"]])
            assert row["rank"] == better + 1, row["unit_code"]
    assert checked == 48
    # The points are not all alike (the test would be weak on a round of zeros).
    assert len({row["points"] for g in document["groups"] for row in g["rankings"]}) > 20
