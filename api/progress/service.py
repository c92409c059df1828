"""Computing a round's progress from its rows in a handful of queries (whatever the unit count).

Deadlines come from the round's schedule and the unit's own extension (``api.rounds.schedule``):
a unit that has not submitted is due at the end of the collecting phase, or at its extension if
later; a unit whose answers were returned, at the end of the reviewing phase (or of collecting
when reviewing has no date). A deadline is an instant; a unit is late once it has passed. The
deadline's day is the one in Ho Chi Minh City (UTC+7, no DST).

:func:`late_units` lists the units past their deadline in force (urging and digests use it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue, Submission, SubmissionStatus, ValueSource
from api.assessments.service import is_nil_answer
from api.core.clock import city_today
from api.core.database import utcnow
from api.core.errors import Forbidden, NotFound
from api.core.principal import Principal, Role
from api.evidence.models import EvidenceLink
from api.frameworks import compiled
from api.progress.schemas import GroupProgress, ProgressOut, UnitProgress
from api.rounds import schedule
from api.rounds.models import Round

READER_ROLES = (Role.viewer,)  # DIC and leadership (evaluator, approver, admin imply viewer)
NOT_SUBMITTED = frozenset({SubmissionStatus.not_started, SubmissionStatus.in_progress})
SUBMITTED = frozenset(
    {SubmissionStatus.submitted, SubmissionStatus.resubmitted, SubmissionStatus.accepted}
)
HUNDRED = Decimal(100)


def _pct(part: int, whole: int) -> Decimal:
    if whole == 0:
        return HUNDRED.quantize(Decimal("0.01"))
    return (Decimal(part) * HUNDRED / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)


def deadline_of(
    round_: Round, status: SubmissionStatus, extended_until: dt.datetime | None = None
) -> dt.datetime | None:
    """When the unit's next step is due (None: nothing is due from it)."""
    if status in NOT_SUBMITTED:
        return schedule.submission_deadline(round_.schedule, extended_until)
    if status == SubmissionStatus.returned:
        return schedule.resubmission_deadline(round_.schedule, extended_until)
    return None


async def compute(
    *,
    session: AsyncSession,
    round_: Round,
    now: dt.datetime | None = None,
    only_unit: int | None = None,
) -> ProgressOut:
    """Every participant's progress and the per-group summary as of ``now`` (or, with
    ``only_unit``, that participant's alone: its rows only are read)."""
    now = now or utcnow()
    today = city_today(now)
    framework = await compiled.load(session=session, framework=round_.framework)
    doc = framework.doc
    elements = {e.code: e for e in doc.elements}
    leaves = framework.leaves

    values: dict[int, dict[str, Any]] = defaultdict(dict)
    last: dict[int, dt.datetime] = {}
    rows = await session.execute(
        select(
            ElementValue.unit_id,
            ElementValue.element_code,
            ElementValue.value,
            ElementValue.updated_at,
        ).where(
            ElementValue.round_id == round_.id,
            ElementValue.source == ValueSource.unit,
            *([ElementValue.unit_id == only_unit] if only_unit is not None else []),
        )
    )
    for unit_id, code, value, updated_at in rows.all():
        values[unit_id][code] = value
        last[unit_id] = max(last.get(unit_id, updated_at), updated_at)
    proved: dict[int, set[str]] = defaultdict(set)
    links = await session.execute(
        select(
            EvidenceLink.unit_id, EvidenceLink.indicator_code, func.max(EvidenceLink.uploaded_at)
        )
        .where(
            EvidenceLink.round_id == round_.id,
            EvidenceLink.unlinked_at.is_(None),
            EvidenceLink.feedback_id.is_(None),
            *([EvidenceLink.unit_id == only_unit] if only_unit is not None else []),
        )
        .group_by(EvidenceLink.unit_id, EvidenceLink.indicator_code)
    )
    for unit_id, code, uploaded_at in links.all():
        proved[unit_id].add(code)
        last[unit_id] = max(last.get(unit_id, uploaded_at), uploaded_at)
    submissions = {
        s.unit_id: s
        for s in await session.scalars(
            select(Submission).where(
                Submission.round_id == round_.id,
                *([Submission.unit_id == only_unit] if only_unit is not None else []),
            )
        )
    }

    units: list[UnitProgress] = []
    participants = [p for p in round_.participants if only_unit in (None, p.unit_id)]
    for participant in sorted(participants, key=lambda p: (p.group.code, p.unit.code)):
        unit_id = participant.unit_id
        own = values.get(unit_id, {})
        indicators = answered = needed = done = 0
        for code, leaf in leaves.get(participant.group.code, {}).items():
            mine = {
                ref.name: own.get(ref.element_code)
                for ref in leaf.inputs
                if elements[ref.element_code].source == "self"
            }
            if not mine:
                continue  # supplied by agencies or DIC: nothing for the unit to answer
            indicators += 1
            if any(v is None for v in mine.values()):
                continue
            answered += 1
            if leaf.evidence_required and not is_nil_answer(leaf, mine):
                needed += 1
                done += code in proved.get(unit_id, set())
        submission = submissions.get(unit_id)
        status = submission.status if submission else SubmissionStatus.not_started
        if submission is not None and submission.submitted_at is not None:
            last[unit_id] = max(last.get(unit_id, submission.submitted_at), submission.submitted_at)
        deadline = deadline_of(round_, status, participant.deadline_at)
        returned = len(submission.reopened or ()) if submission else 0
        units.append(
            UnitProgress(
                unit_code=participant.unit.code,
                unit_name_vi=participant.unit.name_vi,
                group=participant.group.code,
                status=status,
                indicators=indicators,
                answered=answered,
                answered_pct=_pct(answered, indicators),
                evidence_needed=needed,
                evidence_done=done,
                evidence_pct=_pct(done, needed),
                returned=returned,
                last_activity=last.get(unit_id),
                deadline=schedule.city_day(deadline) if deadline else None,
                deadline_at=deadline,
                extended_until=participant.deadline_at,
                overdue=deadline is not None and now > deadline,
                complete=status in SUBMITTED,
            )
        )
    groups: list[GroupProgress] = []
    for group in sorted({u.group for u in units}):
        members = [u for u in units if u.group == group]
        average = sum((u.answered_pct for u in members), Decimal(0)) / len(members)
        groups.append(
            GroupProgress(
                group=group,
                units=len(members),
                submitted=sum(1 for u in members if u.status in SUBMITTED),
                accepted=sum(1 for u in members if u.status == SubmissionStatus.accepted),
                overdue=sum(1 for u in members if u.overdue),
                answered_pct=average.quantize(Decimal("0.01"), ROUND_HALF_UP),
            )
        )
    return ProgressOut(round_id=round_.id, as_of=today, groups=groups, units=units)


async def for_reader(
    *, session: AsyncSession, principal: Principal, round_id: int, group: str | None
) -> tuple[Round, ProgressOut]:
    """The progress of a round for DIC and leadership, optionally of one group."""
    if not principal.has_any_role(READER_ROLES):
        raise Forbidden("auth.forbidden_role", roles="viewer, evaluator")
    round_ = await session.get(Round, round_id)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    progress = await compute(session=session, round_=round_)
    if group is not None:
        progress.units = [u for u in progress.units if u.group == group]
        progress.groups = [g for g in progress.groups if g.group == group]
    return round_, progress


async def late_units(
    *, session: AsyncSession, round_: Round, now: dt.datetime | None = None
) -> list[UnitProgress]:
    """The round's units past their deadline in force (the round's, or their extension) with
    their next step still to take: not submitted, or returned and not resubmitted."""
    progress = await compute(session=session, round_=round_, now=now)
    return [u for u in progress.units if u.overdue]
