"""Rounds: creation with a snapshot of the participating units, and the phase machine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import Submission, SubmissionStatus
from api.audit import service as audit
from api.auth.models import User
from api.core.database import utcnow
from api.core.errors import Conflict, FieldError, Invalid, NotFound, validation_failed
from api.core.request_context import SYSTEM
from api.frameworks import service as frameworks
from api.frameworks.models import Framework, FrameworkStatus
from api.rounds import schedule as schedules
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


async def list_rounds(
    *,
    session: AsyncSession,
    limit: int,
    offset: int,
    year: int | None = None,
    practice: bool | None = None,
) -> tuple[list[Round], int]:
    """Rounds, newest first; the real ones before every practice round, so that a client taking
    "the first round of the year" never takes a practice copy."""
    query = select(Round)
    if year is not None:
        query = query.where(Round.year == year)
    if practice is not None:
        query = query.where(Round.is_practice.is_(practice))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(Round.is_practice, Round.year.desc(), Round.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total


async def get(*, session: AsyncSession, round_id: int) -> Round:
    """A round by id, or 404."""
    round_ = await session.get(Round, round_id)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    return round_


async def _active_framework(session: AsyncSession, framework_id: int) -> Framework:
    try:
        framework = await frameworks.get(session=session, framework_id=framework_id)
    except NotFound as exc:
        raise Invalid("framework.not_found", field="framework_id", id=framework_id) from exc
    if framework.status != FrameworkStatus.active:
        raise Conflict("framework.not_active", code=framework.code, status=framework.status.value)
    return framework


def default_reference_date(year: int) -> dt.date:
    """The day a round's participants are chosen on unless it says otherwise: its year's end."""
    return dt.date(year, 12, 31)


def reference_date_of(round_: Round) -> dt.date:
    return round_.reference_date or default_reference_date(round_.year)


def _valid_on(day: dt.date) -> Any:
    return (
        or_(Unit.valid_from.is_(None), Unit.valid_from <= day),
        or_(Unit.valid_to.is_(None), Unit.valid_to >= day),
    )


async def default_participants(
    *,
    session: AsyncSession,
    framework: Framework,
    groups: Sequence[str] | None,
    reference_date: dt.date,
) -> tuple[list[str], dict[int, tuple[Unit, UnitGroup]]]:
    """The groups taking part (in the framework's order unless chosen) and every unit valid on
    ``reference_date`` in them, each in the first of its groups in that order; 422 naming a group
    the framework does not rank."""
    group_codes = list(dict.fromkeys(groups if groups is not None else framework.groups))
    for index, code in enumerate(group_codes):
        if code not in framework.groups:
            raise Invalid("round.group_not_in_framework", field=f"groups[{index}]", code=code)
    group_rows = {
        g.code: g
        for g in await session.scalars(select(UnitGroup).where(UnitGroup.code.in_(group_codes)))
    }
    members = await session.execute(
        select(Unit, unit_group_members.c.group_id)
        .join(unit_group_members, unit_group_members.c.unit_id == Unit.id)
        .where(
            unit_group_members.c.group_id.in_([g.id for g in group_rows.values()]),
            *_valid_on(reference_date),
        )
    )
    order = {group_rows[c].id: i for i, c in enumerate(group_codes) if c in group_rows}
    by_id = {g.id: g for g in group_rows.values()}
    chosen: dict[int, tuple[Unit, UnitGroup]] = {}
    for unit, group_id in sorted(members.all(), key=lambda r: (order[r[1]], r[0].code)):
        chosen.setdefault(unit.id, (unit, by_id[group_id]))  # first group in the order wins
    return group_codes, chosen


async def preview_participants(
    *,
    session: AsyncSession,
    framework_id: int,
    groups: Sequence[str] | None,
    reference_date: dt.date,
) -> list[tuple[Unit, UnitGroup]]:
    """The units a round over this framework and these groups would take by default."""
    framework = await _active_framework(session, framework_id)
    _, chosen = await default_participants(
        session=session, framework=framework, groups=groups, reference_date=reference_date
    )
    return list(chosen.values())


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
    reference_date: dt.date | None = None,
    auto_advance: bool = False,
) -> Round:
    """A draft round over an active framework, with its participants: the units of its groups
    valid on the reference date (or the ones named among them)."""
    framework = await _active_framework(session, framework_id)
    reference_day = reference_date or default_reference_date(year)
    group_codes, chosen = await default_participants(
        session=session, framework=framework, groups=groups, reference_date=reference_day
    )
    if unit_codes is not None:
        by_code = {unit.code: (unit, g) for unit, g in chosen.values()}
        for index, code in enumerate(unit_codes):
            if code not in by_code:
                raise Invalid("unit.unknown", field=f"unit_codes[{index}]", code=code)
        chosen = {by_code[c][0].id: by_code[c] for c in unit_codes}
    if not chosen:
        raise Invalid("round.no_units", field="groups")
    stored_schedule = schedules.checked(schedule)
    round_ = Round(
        year=year,
        title_vi=title_vi,
        title_en=title_en,
        framework_id=framework.id,
        phase=Phase.draft,
        schedule=stored_schedule,
        reference_date=reference_day,
        auto_advance=auto_advance,
        is_demo=is_demo,
        created_by_id=actor_id,
        participants=[RoundUnit(unit_id=uid, group_id=g.id) for uid, (_, g) in chosen.items()],
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
            "title_en": title_en,
            "framework": framework.code,
            "groups": group_codes,
            "reference_date": reference_day.isoformat(),
            "units": sorted(unit.code for unit, _ in chosen.values()),
            "schedule": stored_schedule,
            "auto_advance": auto_advance,
            "is_demo": is_demo,
        },
    )
    return round_


async def update(*, session: AsyncSession, round_id: int, changes: dict[str, Any]) -> Round:
    """Rename a round, change its schedule or switch auto-advance."""
    round_ = await get(session=session, round_id=round_id)
    fields = ("title_vi", "title_en", "schedule", "auto_advance")
    before = {name: getattr(round_, name) for name in fields}
    for name in ("title_vi", "title_en", "auto_advance"):
        if changes.get(name) is not None:
            setattr(round_, name, changes[name])
    if changes.get("schedule") is not None:
        round_.schedule = schedules.checked(changes["schedule"])
    await session.flush()
    after = {name: getattr(round_, name) for name in fields}
    await audit.record(
        session=session,
        action="round.update",
        object_type="round",
        object_id=str(round_.id),
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
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
    automatic: bool = False,
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
            automatic=automatic,
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
        after={"phase": target.value, "note": note, **({"automatic": True} if automatic else {})},
        actor=SYSTEM if automatic else None,  # the schedule moved it, whoever's task ran it
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
    # Its practice copies stay practice rounds, linked to nothing (an id SQLite may give again).
    await session.execute(
        sql_update(Round)
        .where(Round.practice_of_id == round_.id)
        .values(practice_of_id=None)
        .execution_options(synchronize_session=False)
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


# --- participants (while the round is a draft) -----------------------------------------------


async def _draft_locked(session: AsyncSession, round_id: int) -> Round:
    """The round, its row locked until the request ends (a phase move waits for the change of
    participants, then finds them final), or 409 unless it is a draft."""
    round_ = await get(session=session, round_id=round_id)
    phase = await session.scalar(select(Round.phase).where(Round.id == round_id).with_for_update())
    if phase != Phase.draft:
        raise Conflict("round.participants_locked", phase=(phase or round_.phase).value)
    return round_


async def add_participants(
    *, session: AsyncSession, round_id: int, unit_codes: Sequence[str]
) -> Round:
    """Add units to a draft round, each in the first of its groups the framework ranks; all or
    none (422 naming every unit at fault)."""
    round_ = await _draft_locked(session, round_id)
    framework_groups = list(round_.framework.groups)
    day = reference_date_of(round_)
    codes = list(dict.fromkeys(unit_codes))
    units = {u.code: u for u in await session.scalars(select(Unit).where(Unit.code.in_(codes)))}
    memberships: dict[int, list[UnitGroup]] = {}
    if units:
        rows = await session.execute(
            select(unit_group_members.c.unit_id, UnitGroup)
            .join(UnitGroup, UnitGroup.id == unit_group_members.c.group_id)
            .where(unit_group_members.c.unit_id.in_([u.id for u in units.values()]))
        )
        for unit_id, group in rows.all():
            memberships.setdefault(unit_id, []).append(group)
    taking_part = {p.unit_id for p in round_.participants}
    errors: list[FieldError] = []
    added: list[tuple[Unit, UnitGroup]] = []
    for index, code in enumerate(unit_codes):
        field = f"unit_codes[{index}]"
        unit = units.get(code)
        if unit is None:
            errors.append(FieldError(field, "unit.unknown", code=code))
            continue
        if unit.id in taking_part or any(u.id == unit.id for u, _ in added):
            errors.append(FieldError(field, "round.unit_taking_part", code=code))
            continue
        if (unit.valid_from and unit.valid_from > day) or (unit.valid_to and unit.valid_to < day):
            errors.append(
                FieldError(field, "round.unit_not_valid", code=code, day=day.strftime("%d/%m/%Y"))
            )
            continue
        ranked = [g for g in memberships.get(unit.id, []) if g.code in framework_groups]
        if not ranked:
            groups = ", ".join(framework_groups)
            errors.append(FieldError(field, "round.unit_no_group", code=code, groups=groups))
            continue
        group = min(ranked, key=lambda g: framework_groups.index(g.code))
        added.append((unit, group))
    if errors:
        raise validation_failed(errors)
    for unit, group in added:
        session.add(RoundUnit(round_id=round_.id, unit_id=unit.id, group_id=group.id))
        session.add(
            Submission(
                round_id=round_.id, unit_id=unit.id, status=SubmissionStatus.not_started, version=0
            )
        )
    await session.flush()
    await session.refresh(round_, ["participants"])
    await audit.record(
        session=session,
        action="round.participants_add",
        object_type="round",
        object_id=str(round_.id),
        after={"units": {unit.code: group.code for unit, group in added}},
    )
    return round_


async def remove_participant(*, session: AsyncSession, round_id: int, unit_code: str) -> None:
    """Take a unit out of a draft round (its empty assessment goes with it)."""
    round_ = await _draft_locked(session, round_id)
    found = next((p for p in round_.participants if p.unit.code == unit_code), None)
    if found is None:
        raise NotFound("round.unit_not_taking_part", code=unit_code, id=round_id)
    if len(round_.participants) == 1:
        raise Conflict("round.last_unit", code=unit_code)
    await session.execute(
        sql_delete(Submission).where(
            Submission.round_id == round_.id, Submission.unit_id == found.unit_id
        )
    )
    group = found.group.code
    round_.participants.remove(found)
    await session.flush()
    await audit.record(
        session=session,
        action="round.participants_remove",
        object_type="round",
        object_id=str(round_.id),
        before={"units": {unit_code: group}},
    )


# --- per-unit deadlines ------------------------------------------------------------------------

EXTENDABLE = frozenset({Phase.draft, Phase.collecting, Phase.reviewing})


def deadlines(round_: Round) -> list[RoundUnit]:
    """Every participant with its own deadline, by group and code (``schedule`` tells the one
    in force: :func:`api.rounds.schedule.submission_deadline`)."""
    return sorted(round_.participants, key=lambda p: (p.group.code, p.unit.code))


async def set_deadline(
    *,
    session: AsyncSession,
    round_id: int,
    unit_code: str,
    deadline_at: dt.datetime | None,
    reason: str,
    actor: str,
) -> RoundUnit:
    """Give a unit its own deadline past the end of collecting (None: the round's again), with a
    reason; while the round is a draft, collecting or reviewing (an extended unit may submit
    while the others are reviewed)."""
    round_ = await get(session=session, round_id=round_id)
    found = next((p for p in round_.participants if p.unit.code == unit_code), None)
    if found is None:
        raise NotFound("round.unit_not_taking_part", code=unit_code, id=round_id)
    if round_.phase not in EXTENDABLE:
        raise Conflict("round.extension_closed", phase=round_.phase.value)
    end = schedules.ends_at(round_.schedule, Phase.collecting)
    if deadline_at is not None and end is not None and deadline_at <= end:
        raise Invalid(
            "round.extension_too_early", field="deadline_at", deadline=schedules.city_text(end)
        )
    before = _deadline_record(found)
    found.deadline_at = deadline_at.astimezone(dt.UTC) if deadline_at else None
    found.deadline_reason = reason
    found.deadline_set_by = actor[:64]
    found.deadline_set_at = utcnow()
    await session.flush()
    await audit.record(
        session=session,
        action="round.deadline_extend" if deadline_at else "round.deadline_reset",
        object_type="round",
        object_id=f"{round_.id}/{unit_code}",
        before=before,
        after=_deadline_record(found),
    )
    return found


def _deadline_record(participant: RoundUnit) -> dict[str, Any]:
    return {
        "deadline_at": participant.deadline_at.isoformat() if participant.deadline_at else None,
        "reason": participant.deadline_reason,
    }


# --- auto-advance ------------------------------------------------------------------------------

# The forward step the schedule may take from each phase (publishing is never automatic).
AUTO_STEPS: dict[Phase, Phase] = {
    Phase.draft: Phase.collecting,
    Phase.collecting: Phase.reviewing,
    Phase.reviewing: Phase.preliminary,
    Phase.preliminary: Phase.final,
}


async def advance_due(*, session: AsyncSession, now: dt.datetime | None = None) -> list[Round]:
    """Move every auto-advancing round one step forward when the next phase's scheduled start
    has come, once: a phase the round has already entered (by hand or by the schedule) is never
    entered again by the schedule, so moving a round back by hand sticks. Returns the moved."""
    now = now or utcnow()
    candidates = await session.scalars(
        select(Round)
        .where(
            Round.auto_advance.is_(True),
            Round.is_practice.is_(False),  # a practice round moves by hand only
            Round.phase.in_(list(AUTO_STEPS)),
        )
        .order_by(Round.id)
    )
    moved: list[Round] = []
    for round_ in list(candidates):
        target = AUTO_STEPS[round_.phase]
        start = schedules.starts_at(round_.schedule, target)
        if start is None or start > now:
            continue
        entered = await session.scalar(
            select(func.count())
            .select_from(PhaseChange)
            .where(PhaseChange.round_id == round_.id, PhaseChange.to_phase == target.value)
        )
        if entered:
            continue
        try:
            async with session.begin_nested():
                await move_phase(
                    session=session,
                    round_id=round_.id,
                    target=target,
                    actor_id=None,
                    note=None,
                    automatic=True,
                )
        except Conflict:  # moved meanwhile by someone else: that move stands
            continue
        moved.append(round_)
    return moved
