"""Feedback on preliminary results (giải trình): the unit explains or contests an indicator's
points, with evidence, inside the feedback window; DIC answers each one before the final run.

The window is the round's ``preliminary`` phase dates (Ho Chi Minh City days, both ends included),
and it is open only while the round is in that phase and a run has been shared with the units.
Accepting a feedback means changing the points: it is recorded as an ``adjusted`` review decision
(points or the reviewer's figures, with the answer as its reason), so the next run counts it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments import context
from api.assessments.context import Context
from api.audit import service as audit
from api.core.database import utcnow
from api.core.errors import Conflict, Forbidden, NotFound
from api.core.principal import DIC_ROLES, Principal
from api.core.settings import Settings
from api.core.storage import Storage
from api.evidence import service as evidence
from api.evidence.models import EvidenceLink
from api.feedback.models import Feedback, FeedbackStatus
from api.results import service as results
from api.results.models import ScoreRun
from api.reviews import service as reviews
from api.reviews.models import Decision
from api.reviews.schemas import DecisionIn
from api.rounds import schedule
from api.rounds.models import Phase, Round


@dataclass(frozen=True)
class Window:
    opens_on: dt.date | None
    closes_on: dt.date | None
    is_open: bool
    run: ScoreRun | None


async def window(session: AsyncSession, round_: Round, now: dt.datetime | None = None) -> Window:
    """The feedback window of the round, and the shared run feedback is filed against."""
    now = now or utcnow()
    opens, closes = schedule.bounds(round_.schedule, Phase.preliminary)
    run = await results.latest_shared(session=session, round_id=round_.id)
    is_open = (
        round_.phase == Phase.preliminary
        and run is not None
        and (opens is None or now >= opens)
        and (closes is None or now <= closes)
    )
    return Window(
        schedule.city_day(opens) if opens else None,
        schedule.city_day(closes) if closes else None,
        is_open,
        run,
    )


async def _open_window(session: AsyncSession, ctx: Context) -> ScoreRun:
    found = await window(session, ctx.round)
    if not found.is_open or found.run is None:
        raise Conflict(
            "feedback.window_closed",
            opens=found.opens_on.strftime("%d/%m/%Y") if found.opens_on else "—",
            closes=found.closes_on.strftime("%d/%m/%Y") if found.closes_on else "—",
        )
    return found.run


async def list_for_unit(session: AsyncSession, ctx: Context) -> list[Feedback]:
    rows = await session.scalars(
        select(Feedback)
        .where(Feedback.round_id == ctx.round.id, Feedback.unit_id == ctx.unit.id)
        .order_by(Feedback.id)
    )
    return list(rows)


async def files_of(session: AsyncSession, ids: list[int]) -> dict[int, list[EvidenceLink]]:
    if not ids:
        return {}
    rows = await session.scalars(
        select(EvidenceLink)
        .where(EvidenceLink.feedback_id.in_(ids), EvidenceLink.unlinked_at.is_(None))
        .order_by(EvidenceLink.id)
    )
    found: dict[int, list[EvidenceLink]] = {}
    for row in rows:
        assert row.feedback_id is not None
        found.setdefault(row.feedback_id, []).append(row)
    return found


async def file(
    *, session: AsyncSession, ctx: Context, principal: Principal, code: str, body: str
) -> Feedback:
    """The unit's staff file feedback on one indicator (one open feedback per indicator)."""
    if not ctx.own:
        raise Forbidden("feedback.unit_only")
    if code not in ctx.indicators:
        raise NotFound("assessment.indicator_not_found", code=code)
    # The round's lock: one open feedback per indicator even when two are sent at once, and no
    # feedback slips in while a final run is being made.
    await session.get(Round, ctx.round.id, with_for_update=True)
    if ctx.status not in reviews.REVIEWABLE:
        raise Conflict("feedback.not_submitted", status=ctx.status.value)
    run = await _open_window(session, ctx)
    pending = await session.scalar(
        select(Feedback.id).where(
            Feedback.round_id == ctx.round.id,
            Feedback.unit_id == ctx.unit.id,
            Feedback.indicator_code == code,
            Feedback.status == FeedbackStatus.open,
        )
    )
    if pending is not None:
        raise Conflict("feedback.already_open", code=code, id=pending)
    row = Feedback(
        round_id=ctx.round.id,
        unit_id=ctx.unit.id,
        indicator_code=code,
        score_run_id=run.id,
        body=body,
        filed_by=principal.name,
    )
    session.add(row)
    await session.flush()
    await audit.record(
        session=session,
        action="feedback.file",
        object_type="answer",
        object_id=f"{ctx.round.id}/{ctx.unit.code}/{code}",
        after={"feedback_id": row.id, "run_id": run.id},
    )
    return row


async def _own_feedback(session: AsyncSession, ctx: Context, feedback_id: int) -> Feedback:
    row = await session.get(Feedback, feedback_id, with_for_update=True)
    if row is None or row.round_id != ctx.round.id or row.unit_id != ctx.unit.id:
        raise NotFound("feedback.not_found", id=feedback_id)
    return row


def may_attach(principal: Principal, round_id: int, unit_code: str) -> None:
    """Only the unit's own staff attach files to its feedback (checked before the body is read;
    others learn what ``attach`` would tell them)."""
    own = context.authorise(
        principal=principal, round_id=round_id, unit_code=unit_code, write=False
    )
    if not own:
        raise Forbidden("feedback.unit_only")


async def attach(
    *,
    session: AsyncSession,
    ctx: Context,
    principal: Principal,
    storage: Storage,
    feedback_id: int,
    filename: str | None,
    file: evidence.StagedFile,
) -> EvidenceLink:
    """A file backing an open feedback (the window must still be open), staged beforehand."""
    if not ctx.own:
        raise Forbidden("feedback.unit_only")
    row = await _own_feedback(session, ctx, feedback_id)
    await _open_window(session, ctx)
    if row.status != FeedbackStatus.open:
        raise Conflict("feedback.answered", id=row.id)
    blob = await evidence.store_blob(session=session, storage=storage, file=file)
    link = EvidenceLink(
        round_id=ctx.round.id,
        unit_id=ctx.unit.id,
        indicator_code=row.indicator_code,
        sha256=blob.sha256,
        filename=evidence.clean_filename(filename, blob.content_type),
        uploaded_by=principal.name,
        uploaded_at=utcnow(),
        feedback_id=row.id,
        blob=blob,
    )
    session.add(link)
    await session.flush()
    await audit.record(
        session=session,
        action="feedback.attach",
        object_type="feedback",
        object_id=str(row.id),
        after={"evidence_id": link.id, "sha256": blob.sha256, "filename": link.filename},
    )
    return link


async def answer(
    *,
    session: AsyncSession,
    review: reviews.Review,
    principal: Principal,
    feedback_id: int,
    accepted: bool,
    reason: str,
    points: Any,
    values: dict[str, Any] | None,
    settings: Settings,
) -> Feedback:
    """DIC's answer: accepted with an adjustment (points or figures), or rejected with a reason."""
    ctx = review.ctx
    row = await _own_feedback(session, ctx, feedback_id)
    if row.status != FeedbackStatus.open:
        raise Conflict("feedback.answered", id=row.id)
    if ctx.round.phase not in (Phase.preliminary, Phase.final):
        raise Conflict("feedback.answer_phase", phase=ctx.round.phase.value)
    if accepted:
        decision = await reviews.decide(
            session=session,
            review=review,
            principal=principal,
            code=row.indicator_code,
            body=DecisionIn(
                decision=Decision.adjusted, points=points, values=values, comment=reason
            ),
            settings=settings,
        )
        row.review_decision_id = decision.id
    row.status = FeedbackStatus.accepted if accepted else FeedbackStatus.rejected
    row.response = reason.strip()
    row.responded_by = principal.name
    row.responded_at = utcnow()
    await session.flush()
    await audit.record(
        session=session,
        action=f"feedback.{row.status.value}",
        object_type="feedback",
        object_id=str(row.id),
        after={"reason": row.response, "review_decision_id": row.review_decision_id},
    )
    return row


async def list_for_round(
    session: AsyncSession, *, principal: Principal, round_id: int, status: FeedbackStatus | None
) -> tuple[Round, list[Feedback]]:
    """Every unit's feedback in the round, for DIC, optionally of one status."""
    if not principal.has_any_role(DIC_ROLES):
        raise Forbidden("auth.forbidden_role", roles="evaluator")
    round_ = await session.get(Round, round_id)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    query = select(Feedback).where(Feedback.round_id == round_id)
    if status is not None:
        query = query.where(Feedback.status == status)
    return round_, list(await session.scalars(query.order_by(Feedback.id)))
