"""What changed between two score runs of a round, and why (pure function over stored results).

For every unit whose total, rank or any indicator moved, each changed indicator lists its reasons:
an input's value or source changed, a reviewer's adjustment came or went, the indicator started or
stopped applying, or none of its own inputs changed, so the move comes from the group (rules scored
against the best unit or by rank).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def _inputs(explanation: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {i["name"]: i for i in explanation.get("inputs", [])}


def indicator_reasons(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    """Why an indicator's explanation differs between two runs (empty when it does not)."""
    if before is None or after is None:
        return [{"kind": "added" if before is None else "removed"}]
    reasons: list[dict[str, Any]] = []
    if before["applicable"] != after["applicable"]:
        reasons.append(
            {"kind": "applicability", "before": before["applicable"], "after": after["applicable"]}
        )
    if before["rule"] != after["rule"]:
        reasons.append({"kind": "rule", "before": before["rule"], "after": after["rule"]})
    old, new = _inputs(before), _inputs(after)
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if (
            a is not None
            and b is not None
            and (a["value"], a["source"])
            == (
                b["value"],
                b["source"],
            )
        ):
            continue
        reasons.append(
            {
                "kind": "input",
                "input_name": name,
                "element_code": (b or a or {}).get("element_code"),
                "before": None if a is None else a["value"],
                "after": None if b is None else b["value"],
                "source_before": None if a is None else a["source"],
                "source_after": None if b is None else b["source"],
            }
        )
    if before.get("adjustment") != after.get("adjustment"):
        reasons.append(
            {
                "kind": "adjustment",
                "before": before.get("adjustment"),
                "after": after.get("adjustment"),
            }
        )
    if not reasons and before["points"] != after["points"]:
        reasons.append({"kind": "group"})
    return reasons


def diff(base: Mapping[str, Any], target: Mapping[str, Any]) -> dict[str, Any]:
    """Compare two runs' stored results (``ScoreRun.results``): base → target."""
    old_units: Mapping[str, Any] = base["units"]
    new_units: Mapping[str, Any] = target["units"]
    changed = []
    for code in sorted(old_units.keys() & new_units.keys()):
        old, new = old_units[code], new_units[code]
        criteria = []
        leaves = old["explanations"].keys() | new["explanations"].keys()
        for leaf in sorted(leaves, key=code_order):
            a = old["explanations"].get(leaf)
            b = new["explanations"].get(leaf)
            reasons = indicator_reasons(a, b)
            points_before = None if a is None else a["points"]
            points_after = None if b is None else b["points"]
            if not reasons and points_before == points_after:
                continue
            criteria.append(
                {
                    "code": leaf,
                    "points_before": points_before,
                    "points_after": points_after,
                    "reasons": reasons,
                }
            )
        total_a, total_b = old["nodes"]["total"], new["nodes"]["total"]
        if criteria or total_a != total_b or old["group"] != new["group"]:
            changed.append(
                {
                    "unit_code": code,
                    "group": new["group"],
                    "points_before": total_a["points"],
                    "points_after": total_b["points"],
                    "rank_before": total_a["rank"],
                    "rank_after": total_b["rank"],
                    "criteria": criteria,
                }
            )
    return {
        "units_added": sorted(new_units.keys() - old_units.keys()),
        "units_removed": sorted(old_units.keys() - new_units.keys()),
        "units": changed,
    }


def code_order(code: str) -> tuple[tuple[tuple[int, int | str], ...], ...]:
    """Criterion codes in tree order (1, 1.1, 1.2, …, 1.10, 2; T1, T2, …, T10), whatever order a
    stored JSON object returns its keys in (PostgreSQL's JSONB sorts them by length)."""
    return tuple(
        tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.split(r"(\d+)", part) if t)
        for part in code.split(".")
    )
