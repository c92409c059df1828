"""Practice rounds (vòng tập huấn): DIC copies a round so that units and agencies can practise.

A copy has the original's framework, participants (each in the same group) and groups, an open
schedule (or the original's shifted so that collecting starts now), and none of its data. It starts
collecting at once. Everything works in it as in a real round (answers, evidence, submission,
review, score runs, feedback, agency pushes — an agency scope naming the original covers its copies,
``api.ingest.service.may_push``), except that it is never published (``api.publications``), never
urged or reminded, never auto-advanced, and never a "current" round (the home to-do, the year's
checklist, the SPA's default round). Its audit events name its own id, so the original's audit
views and progress never include them.

DIC (evaluator, approver, admin) creates, resets and deletes practice rounds; a reset removes every
answer, evidence link, submission state, review, comment, feedback, score run, import report and
notification of the round and puts it back to collecting; a delete removes the round with them.
Both are audited with the counts of what was removed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import (
    AnswerNote,
    ElementValue,
    NoteRevision,
    Submission,
    SubmissionStatus,
    ValueRevision,
)
from api.audit import service as audit
from api.core.database import utcnow
from api.core.errors import Conflict
from api.evidence.models import EvidenceLink
from api.feedback.models import Feedback
from api.ingest.models import IngestBatch, IngestReport
from api.notifications.models import Notification, OutboxEmail
from api.results.models import ScoreRun
from api.reviews.models import AnswerComment, Decision, ReviewDecision
from api.rounds import schedule as schedules
from api.rounds import service
from api.rounds.models import Phase, PhaseChange, Round, RoundUnit
from api.urging.models import Urging

TITLE_MAX = 500
PRACTICE_NOTE = "Vòng tập huấn / practice round"
ScheduleChoice = Literal["open", "shifted"]


def _titled(prefix: str, title: str) -> str:
    return f"{prefix} – {title}"[:TITLE_MAX]


def shifted_schedule(stored: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """The stored schedule moved so that collecting starts ``now`` (or, without a start of
    collecting, its first bound), every length and gap kept; empty when nothing is scheduled."""
    bounds = [
        at
        for phase in schedules.SCHEDULED
        for at in schedules.bounds(stored, phase)
        if at is not None
    ]
    anchor = schedules.starts_at(stored, Phase.collecting) or (min(bounds) if bounds else None)
    if anchor is None:
        return {}
    delta = now - anchor
    out: dict[str, Any] = {}
    for phase in schedules.SCHEDULED:
        if phase.value not in stored:
            continue
        start, end = schedules.bounds(stored, phase)
        out[phase.value] = {
            "starts_at": _iso(start + delta) if start else None,
            "ends_at": _iso(end + delta) if end else None,
        }
    return out


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


async def create_copy(
    *,
    session: AsyncSession,
    source_id: int,
    actor_id: int | None,
    title_vi: str | None = None,
    title_en: str | None = None,
    schedule: ScheduleChoice = "open",
    now: dt.datetime | None = None,
) -> Round:
    """A practice copy of the round, collecting from now: same framework, participants and
    groups, no data (409 for a copy of a practice round)."""
    source = await service.get(session=session, round_id=source_id)
    if source.is_practice:
        raise Conflict("practice.copy_of_practice", id=source.id)
    now = now or utcnow()
    stored = shifted_schedule(source.schedule or {}, now) if schedule == "shifted" else {}
    round_ = Round(
        year=source.year,
        title_vi=title_vi or _titled("Tập huấn", source.title_vi),
        title_en=title_en or _titled("Practice", source.title_en),
        framework_id=source.framework_id,
        phase=Phase.collecting,
        schedule=stored,
        reference_date=service.reference_date_of(source),
        auto_advance=False,
        is_demo=source.is_demo,
        is_practice=True,
        practice_of_id=source.id,
        created_by_id=actor_id,
        participants=[
            RoundUnit(unit_id=p.unit_id, group_id=p.group_id) for p in source.participants
        ],
    )
    session.add(round_)
    await session.flush()
    session.add_all(
        Submission(
            round_id=round_.id,
            unit_id=p.unit_id,
            status=SubmissionStatus.not_started,
            version=0,
        )
        for p in source.participants
    )
    # Opened for collecting at once, as a move from draft would have (the history says so).
    session.add(
        PhaseChange(
            round_id=round_.id,
            from_phase=Phase.draft.value,
            to_phase=Phase.collecting.value,
            changed_by_id=actor_id,
            note=PRACTICE_NOTE,
        )
    )
    await session.flush()
    await session.refresh(round_, ["framework", "participants"])
    await audit.record(
        session=session,
        action="round.practice_create",
        object_type="round",
        object_id=str(round_.id),
        after={
            "practice_of": source.id,
            "year": round_.year,
            "title_vi": round_.title_vi,
            "title_en": round_.title_en,
            "framework": round_.framework.code,
            "units": sorted(p.unit.code for p in round_.participants),
            "schedule": stored,
            "phase": Phase.collecting.value,
        },
    )
    return round_


async def practice_round(*, session: AsyncSession, round_id: int) -> Round:
    """The practice round, its row locked until the request ends (a save or an import into it
    waits, then finds it emptied), or 404 / 409 for a real round."""
    round_ = await service.get(session=session, round_id=round_id)
    await session.scalar(select(Round.id).where(Round.id == round_id).with_for_update())
    if not round_.is_practice:
        raise Conflict("practice.not_practice", id=round_id)
    return round_


async def _count(session: AsyncSession, model: Any, *where: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _remove_data(session: AsyncSession, round_id: int) -> dict[str, int]:
    """Delete everything units, agencies and DIC made in the round; what was removed, counted.

    In the order the foreign keys need (files of feedback before feedback, feedback before the
    runs it answers and the decisions it made, revisions before their values, batches before
    their reports), so that neither database's ``RESTRICT`` nor cascade order matters.
    """
    of_round = (ElementValue.round_id == round_id,)
    values = select(ElementValue.id).where(*of_round).scalar_subquery()
    notes = select(AnswerNote.id).where(AnswerNote.round_id == round_id).scalar_subquery()
    reports = select(IngestReport.id).where(IngestReport.round_id == round_id).scalar_subquery()
    returned = list(
        await session.scalars(
            select(ReviewDecision.id).where(
                ReviewDecision.round_id == round_id, ReviewDecision.decision == Decision.returned
            )
        )
    )
    counts = {
        "values": await _count(session, ElementValue, *of_round),
        "evidence": await _count(session, EvidenceLink, EvidenceLink.round_id == round_id),
        "submitted": await _count(
            session,
            Submission,
            Submission.round_id == round_id,
            Submission.status != SubmissionStatus.not_started,
        ),
        "reviews": await _count(session, ReviewDecision, ReviewDecision.round_id == round_id),
        "comments": await _count(session, AnswerComment, AnswerComment.round_id == round_id),
        "feedback": await _count(session, Feedback, Feedback.round_id == round_id),
        "score_runs": await _count(session, ScoreRun, ScoreRun.round_id == round_id),
        "ingest_reports": await _count(session, IngestReport, IngestReport.round_id == round_id),
    }
    # A review's notice is keyed by the decision's id, which SQLite may give again once the
    # decision is gone: its notices go with it, so a later decision's are not taken as repeats.
    link = or_(
        Notification.link.like(f"/rounds/{round_id}/%"),
        *(Notification.dedupe_key.like(f"returned:{i}:%") for i in returned),
    )
    statements = [
        delete(EvidenceLink).where(EvidenceLink.round_id == round_id),
        delete(Feedback).where(Feedback.round_id == round_id),
        delete(ReviewDecision).where(ReviewDecision.round_id == round_id),
        delete(AnswerComment).where(AnswerComment.round_id == round_id),
        delete(ScoreRun).where(ScoreRun.round_id == round_id),
        delete(ValueRevision).where(ValueRevision.value_id.in_(values)),
        delete(ElementValue).where(*of_round),
        delete(NoteRevision).where(NoteRevision.note_id.in_(notes)),
        delete(AnswerNote).where(AnswerNote.round_id == round_id),
        delete(IngestBatch).where(IngestBatch.report_id.in_(reports)),
        delete(IngestReport).where(IngestReport.round_id == round_id),
        delete(Urging).where(Urging.round_id == round_id),
        delete(Notification).where(link),
    ]
    if returned:
        statements.append(
            delete(OutboxEmail).where(
                or_(*(OutboxEmail.dedupe_key.like(f"returned:{i}:%") for i in returned))
            )
        )
    for statement in statements:
        await session.execute(statement.execution_options(synchronize_session=False))
    return counts


async def reset(*, session: AsyncSession, round_id: int, actor_id: int | None) -> Round:
    """Empty the practice round and open it for collecting again (module docstring)."""
    round_ = await practice_round(session=session, round_id=round_id)
    removed = await _remove_data(session, round_id)
    await session.execute(
        update(Submission)
        .where(Submission.round_id == round_id)
        .values(
            status=SubmissionStatus.not_started,
            # Forward, never back: an ETag read before the reset never matches again.
            version=Submission.version + 1,
            submitted_at=None,
            submitted_by=None,
            reopened=None,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    before_phase = round_.phase
    if before_phase != Phase.collecting:
        session.add(
            PhaseChange(
                round_id=round_id,
                from_phase=before_phase.value,
                to_phase=Phase.collecting.value,
                changed_by_id=actor_id,
                note=PRACTICE_NOTE,
            )
        )
        round_.phase = Phase.collecting
    round_.updated_at = utcnow()
    await session.flush()
    await audit.record(
        session=session,
        action="round.practice_reset",
        object_type="round",
        object_id=str(round_id),
        before={"phase": before_phase.value, "removed": removed},
        after={"phase": Phase.collecting.value},
    )
    await session.refresh(round_)
    return round_


async def delete_round(*, session: AsyncSession, round_id: int) -> None:
    """Delete the practice round with everything in it (module docstring)."""
    round_ = await practice_round(session=session, round_id=round_id)
    removed = await _remove_data(session, round_id)
    before = {
        "title_vi": round_.title_vi,
        "year": round_.year,
        "practice_of": round_.practice_of_id,
        "phase": round_.phase.value,
        "removed": removed,
    }
    for statement in (
        delete(Submission).where(Submission.round_id == round_id),
        delete(PhaseChange).where(PhaseChange.round_id == round_id),
    ):
        await session.execute(statement.execution_options(synchronize_session=False))
    await session.delete(round_)
    await session.flush()
    await audit.record(
        session=session,
        action="round.practice_delete",
        object_type="round",
        object_id=str(round_id),
        before=before,
    )
