"""Deterministic demo answers (dữ liệu minh họa): plausible values for a round's units.

Seeded by the round's ``seed`` so every installation shows the same figures. Values are written
set-based (one INSERT per table), each with its first revision, as if entered by the unit or pushed
by the agency.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue, Submission, SubmissionStatus, ValueRevision
from api.assessments.values import SOURCE_OF_ELEMENT, parse_value
from api.core.database import plain_decimal, utcnow
from api.frameworks import compiled
from api.frameworks.schemas import CriterionIn, DataElementIn, RatioRule
from api.rounds.models import Round

DEMO_ACTOR = "demo"


def _walk(nodes: Sequence[CriterionIn]) -> list[CriterionIn]:
    leaves: list[CriterionIn] = []
    for node in nodes:
        leaves.extend(_walk(node.children) if node.children else [node])
    return leaves


def _value(rng: random.Random, element: DataElementIn, skill: float) -> Any:
    """One plausible value; ``skill`` (0..1) makes a unit consistently stronger or weaker."""
    kind = element.value_type
    if kind == "boolean":
        return rng.random() < 0.35 + 0.6 * skill
    if kind == "choice":
        options = [o.value for o in element.options or []]
        # Options are listed best first in the seed; strong units pick early ones more often.
        weights = [(1 + skill * 3) ** (len(options) - i) for i in range(len(options))]
        return rng.choices(options, weights=weights)[0]
    if kind == "percent":
        # Stored in canonical form (as parse_value would), so an equal figure sent later is equal.
        return str(
            plain_decimal(Decimal(rng.uniform(35 + 40 * skill, 100)).quantize(Decimal("0.1")))
        )
    if kind == "decimal":
        return str(
            plain_decimal(Decimal(rng.uniform(0.2, 2.5) * (0.5 + skill)).quantize(Decimal("0.01")))
        )
    if kind == "integer":
        return rng.randint(0, 2 + round(4 * skill))
    return None


def generate(
    *,
    rng: random.Random,
    leaves: Sequence[CriterionIn],
    elements: dict[str, DataElementIn],
    skill: float,
    share: float,
    sources: set[str],
) -> dict[str, Any]:
    """Values by element code for one unit: ``share`` of its indicators, from ``sources``."""
    values: dict[str, Any] = {}
    for leaf in leaves:
        refs = {ref.name: elements[ref.element_code] for ref in leaf.inputs}
        if not refs or next(iter(refs.values())).source not in sources:
            continue
        if rng.random() > share:
            continue
        if isinstance(leaf.rule, RatioRule):
            whole = rng.randint(5, 200)
            part = min(whole, round(whole * rng.uniform(0.3 + 0.5 * skill, 1.05)))
            values[refs[leaf.rule.numerator].code] = part
            values[refs[leaf.rule.denominator].code] = whole
            continue
        for element in refs.values():
            values[element.code] = _value(rng, element, skill)
    return values


async def seed_round_values(
    *,
    session: AsyncSession,
    round_: Round,
    seed: int,
    unit_codes: Sequence[str] | None,
    share: float,
    submitted: bool,
) -> int:
    """Write demo values for some (or all) units of a round; returns how many were written."""
    doc = (await compiled.load(session=session, framework=round_.framework)).doc
    elements = {e.code: e for e in doc.elements}
    leaves = _walk(doc.criteria)
    participants = sorted(round_.participants, key=lambda p: p.unit.code)
    chosen = [p for p in participants if unit_codes is None or p.unit.code in unit_codes]
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for participant in chosen:
        # Drawn from the unit's own code, never from a shared sequence: adding a unit to the seed
        # (Ban Quản lý Khu Nam came in 2026) or choosing a subset changes no other unit's values.
        skill = random.Random(f"{seed}:skill:{participant.unit.code}").random()
        unit_rng = random.Random(f"{seed}:{participant.unit.code}")
        sources = {"self", "provider"} if unit_codes is None or submitted else {"self"}
        for code, value in generate(
            rng=unit_rng,
            leaves=leaves,
            elements=elements,
            skill=skill,
            share=share,
            sources=sources,
        ).items():
            rows.append(_row(round_, participant.unit_id, elements[code], value, now))
    return await _write(
        session=session,
        round_=round_,
        rows=rows,
        unit_ids=[p.unit_id for p in chosen],
        submitted=submitted,
    )


async def seed_fixed_values(
    *,
    session: AsyncSession,
    round_: Round,
    values: Mapping[str, Mapping[str, Any]],
) -> int:
    """Write given values (unit code -> element code -> value, as the seed file states them, e.g.
    the figures a public source published), each checked as an entry of it would be; the units
    are marked submitted and accepted. Returns how many were written."""
    doc = (await compiled.load(session=session, framework=round_.framework)).doc
    elements = {e.code: e for e in doc.elements}
    units = {p.unit.code: p.unit_id for p in round_.participants}
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for unit_code, by_element in values.items():
        if unit_code not in units:
            raise ValueError(f"fixed values for {unit_code}, which is not in the round")
        for code, raw in by_element.items():
            element = elements.get(code)
            if element is None:
                raise ValueError(f"fixed value of {code}, which the framework does not have")
            value, error = parse_value(element, raw, code)
            if error is not None:
                raise ValueError(f"fixed value of {code} for {unit_code}: {error.code}")
            rows.append(_row(round_, units[unit_code], element, value, now))
    return await _write(
        session=session,
        round_=round_,
        rows=rows,
        unit_ids=[units[code] for code in values],
        submitted=True,
    )


def _row(
    round_: Round, unit_id: int, element: DataElementIn, value: Any, now: dt.datetime
) -> dict[str, Any]:
    """One value row, at its first revision, from the element's own source."""
    return {
        "round_id": round_.id,
        "unit_id": unit_id,
        "element_code": element.code,
        "source": SOURCE_OF_ELEMENT[element.source],
        "value": value,
        "revision": 1,
        "updated_at": now,
        "updated_by": DEMO_ACTOR,
    }


async def _write(
    *,
    session: AsyncSession,
    round_: Round,
    rows: list[dict[str, Any]],
    unit_ids: list[int],
    submitted: bool,
) -> int:
    """Insert the values with their first revision, and mark the units' assessments."""
    if not rows:
        return 0
    now = rows[0]["updated_at"]
    await session.execute(insert(ElementValue), rows)
    ids = await session.execute(
        select(ElementValue.id, ElementValue.value).where(ElementValue.round_id == round_.id)
    )
    await session.execute(
        insert(ValueRevision),
        [
            {
                "value_id": value_id,
                "revision": 1,
                "old_value": None,
                "new_value": value,
                "actor": DEMO_ACTOR,
                "actor_kind": "system",
                "at": now,
            }
            for value_id, value in ids.all()
        ],
    )
    await session.execute(
        update(Submission)
        .where(Submission.round_id == round_.id, Submission.unit_id.in_(unit_ids))
        .values(
            status=SubmissionStatus.accepted if submitted else SubmissionStatus.in_progress,
            version=Submission.version + 1,
            submitted_at=now if submitted else None,
            submitted_by=DEMO_ACTOR if submitted else None,
            reopened=None,
        )
    )
    await session.flush()
    return len(rows)
