"""Rounds: creation with a snapshot of the participating units, and the phase machine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import Submission, SubmissionStatus
from api.audit import service as audit
from api.auth.models import User
from api.core.database import utcnow
from api.core.errors import Conflict, Invalid, NotFound
from api.frameworks import service as frameworks
from api.frameworks.models import FrameworkStatus
from api.rounds.models import Phase, PhaseChange, Round, RoundUnit
from api.units.models import Unit, UnitGroup, unit_group_members

# The phase machine of DESIGN.md: forward one step at a time; review can reopen collection, and the
# feedback window of preliminary results can send the round back to review.
PHASE_MOVES: dict[Phase, tuple[Phase, ...]] = {
    Phase.draft: (Phase.collecting,),
    Phase.collecting: (Phase.reviewing,),
    Phase.reviewing: (Phase.preliminary, Phase.collecting),
    Phase.preliminary: (Phase.final, Phase.reviewing),
    Phase.final: (Phase.published,),
    # A correction: back to `final`, where reviewers may adjust and a new final run is published as
    # the next version. The public keeps reading the last publication meanwhile.
    Phase.published: (Phase.final,),
}


def _check_schedule(schedule: dict[Phase, Any]) -> dict[str, dict[str, str | None]]:
    stored: dict[str, dict[str, str | None]] = {}
    for phase, dates in schedule.items():
        if dates.starts_on and dates.ends_on and dates.ends_on < dates.starts_on:
            raise Invalid(
                "round.schedule_order", field=f"schedule.{phase.value}.ends_on", phase=phase.value
            )
        stored[phase.value] = {
            "starts_on": dates.starts_on.isoformat() if dates.starts_on else None,
            "ends_on": dates.ends_on.isoformat() if dates.ends_on else None,
        }
    return stored


async def list_rounds(
    *, session: AsyncSession, limit: int, offset: int, year: int | None = None
) -> tuple[list[Round], int]:
    """Rounds, newest first."""
    query = select(Round)
    if year is not None:
        query = query.where(Round.year == year)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(Round.year.desc(), Round.id.desc()).limit(limit).offset(offset)
    )
    return list(rows), total


async def get(*, session: AsyncSession, round_id: int) -> Round:
    """A round by id, or 404."""
    round_ = await session.get(Round, round_id)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    return round_


async def create(
    *,
    session: AsyncSession,
    actor_id: int | None,
    year: int,
    title_vi: str,
    title_en: str,
    framework_id: int,
    groups: Sequence[str] | None,
    unit_codes: Sequence[str] | None,
    schedule: dict[Phase, Any],
    is_demo: bool,
) -> Round:
    """A draft round over an active framework, with its participants fixed now."""
    try:
        framework = await frameworks.get(session=session, framework_id=framework_id)
    except NotFound as exc:
        raise Invalid("framework.not_found", field="framework_id", id=framework_id) from exc
    if framework.status != FrameworkStatus.active:
        raise Conflict("framework.not_active", code=framework.code, status=framework.status.value)
    group_codes = list(dict.fromkeys(groups if groups is not None else framework.groups))
    for index, code in enumerate(group_codes):
        if code not in framework.groups:
            raise Invalid("round.group_not_in_framework", field=f"groups[{index}]", code=code)
    group_rows = {
        g.code: g
        for g in await session.scalars(select(UnitGroup).where(UnitGroup.code.in_(group_codes)))
    }
    reference_day = dt.date(year, 12, 31)
    members = await session.execute(
        select(Unit, unit_group_members.c.group_id)
        .join(unit_group_members, unit_group_members.c.unit_id == Unit.id)
        .where(
            unit_group_members.c.group_id.in_([g.id for g in group_rows.values()]),
            or_(Unit.valid_from.is_(None), Unit.valid_from <= reference_day),
            or_(Unit.valid_to.is_(None), Unit.valid_to >= reference_day),
        )
    )
    order = {group_rows[c].id: i for i, c in enumerate(group_codes) if c in group_rows}
    chosen: dict[int, tuple[Unit, int]] = {}
    for unit, group_id in sorted(members.all(), key=lambda r: order[r[1]]):
        chosen.setdefault(unit.id, (unit, group_id))  # first group in the round's order wins
    if unit_codes is not None:
        by_code = {unit.code: (unit, g) for unit, g in chosen.values()}
        for index, code in enumerate(unit_codes):
            if code not in by_code:
                raise Invalid("unit.unknown", field=f"unit_codes[{index}]", code=code)
        chosen = {by_code[c][0].id: by_code[c] for c in unit_codes}
    if not chosen:
        raise Invalid("round.no_units", field="groups")
    round_ = Round(
        year=year,
        title_vi=title_vi,
        title_en=title_en,
        framework_id=framework.id,
        phase=Phase.draft,
        schedule=_check_schedule(schedule),
        is_demo=is_demo,
        created_by_id=actor_id,
        participants=[RoundUnit(unit_id=uid, group_id=gid) for uid, (_, gid) in chosen.items()],
    )
    session.add(round_)
    await session.flush()
    # Every participant's assessment exists from the start, so its row can be locked by writers.
    session.add_all(
        Submission(round_id=round_.id, unit_id=uid, status=SubmissionStatus.not_started, version=0)
        for uid in chosen
    )
    await session.flush()
    await session.refresh(round_, ["framework", "participants"])
    await audit.record(
        session=session,
        action="round.create",
        object_type="round",
        object_id=str(round_.id),
        after={
            "year": year,
            "title_vi": title_vi,
            "framework": framework.code,
            "groups": group_codes,
            "units": sorted(unit.code for unit, _ in chosen.values()),
            "is_demo": is_demo,
        },
    )
    return round_


async def update(*, session: AsyncSession, round_id: int, changes: dict[str, Any]) -> Round:
    """Rename a round or change its schedule."""
    round_ = await get(session=session, round_id=round_id)
    fields = ("title_vi", "title_en", "schedule")
    before = {name: getattr(round_, name) for name in fields}
    for name in ("title_vi", "title_en"):
        if changes.get(name) is not None:
            setattr(round_, name, changes[name])
    if changes.get("schedule") is not None:
        round_.schedule = _check_schedule(changes["schedule"])
    await session.flush()
    await audit.record(
        session=session,
        action="round.update",
        object_type="round",
        object_id=str(round_.id),
        before=before,
        after={name: getattr(round_, name) for name in fields},
    )
    return round_


def next_phases(phase: Phase) -> list[Phase]:
    """The phases a phase move may reach from ``phase`` (publishing is not a phase move)."""
    return [p for p in PHASE_MOVES[phase] if p != Phase.published]


async def move_phase(
    *,
    session: AsyncSession,
    round_id: int,
    target: Phase,
    actor_id: int | None,
    note: str | None,
    by_publication: bool = False,
) -> Round:
    """Move a round along the phase machine; 409 on an illegal move.

    Only a publication moves a round to ``published`` (``by_publication``), so a round in that
    phase always has published results to show.
    """
    round_ = await get(session=session, round_id=round_id)
    allowed = PHASE_MOVES[round_.phase]
    if target not in allowed:
        raise Conflict(
            "round.phase_move",
            current=round_.phase.value,
            target=target.value,
            allowed=", ".join(p.value for p in allowed) or "—",
        )
    if target == Phase.published and not by_publication:
        raise Conflict("round.publish_via_publication")
    session.add(
        PhaseChange(
            round_id=round_.id,
            from_phase=round_.phase.value,
            to_phase=target.value,
            changed_by_id=actor_id,
            note=note,
        )
    )
    # Compare-and-set: of two approvers moving the same round at once, only one succeeds.
    moved = await session.execute(
        sql_update(Round)
        .where(Round.id == round_.id, Round.phase == round_.phase)
        .values(phase=target, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if getattr(moved, "rowcount", 0) != 1:
        raise Conflict("round.phase_changed")
    await audit.record(
        session=session,
        action="round.phase",
        object_type="round",
        object_id=str(round_.id),
        before={"phase": round_.phase.value},
        after={"phase": target.value, "note": note},
    )
    await session.refresh(round_, ["phase", "updated_at"])
    return round_


async def delete(*, session: AsyncSession, round_id: int) -> None:
    """Delete a round that is still a draft."""
    round_ = await get(session=session, round_id=round_id)
    if round_.phase != Phase.draft:
        raise Conflict("round.delete_not_draft", phase=round_.phase.value)
    await audit.record(
        session=session,
        action="round.delete",
        object_type="round",
        object_id=str(round_.id),
        before={"year": round_.year, "title_vi": round_.title_vi},
    )
    await session.delete(round_)
    await session.flush()


async def phase_history(
    *, session: AsyncSession, round_id: int
) -> list[tuple[PhaseChange, str | None]]:
    """Every phase move of a round, oldest first, with who made it."""
    await get(session=session, round_id=round_id)
    rows = await session.execute(
        select(PhaseChange, User.username)
        .outerjoin(User, User.id == PhaseChange.changed_by_id)
        .where(PhaseChange.round_id == round_id)
        .order_by(PhaseChange.changed_at, PhaseChange.id)
    )
    return [(change, username) for change, username in rows.all()]
