"""Deciding on answers, the submission's status that follows, and comments.

Status after each decision (the submission row is locked while deciding):
- any answer returned → ``returned`` (the unit may change those answers only, then resubmit);
- every answer accepted or adjusted → ``accepted``;
- otherwise → ``submitted`` (locked, awaiting review), unless the unit has just resubmitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments import bulk, context
from api.assessments.context import Context
from api.assessments.models import Submission, SubmissionStatus, ValueSource
from api.assessments.values import parse_value
from api.audit import service as audit
from api.core.database import utcnow
from api.core.errors import Conflict, FieldError, Forbidden, NotFound, validation_failed
from api.core.principal import DIC_ROLES, Principal
from api.core.settings import Settings
from api.notifications import service as notifications
from api.reviews import queries
from api.reviews.models import AnswerComment, Decision, ReviewDecision
from api.reviews.schemas import DecisionIn
from api.rounds.models import Phase

REVIEWABLE = frozenset(
    {
        SubmissionStatus.submitted,
        SubmissionStatus.resubmitted,
        SubmissionStatus.returned,
        SubmissionStatus.accepted,
    }
)
# Decisions until the final run: in `final`, answering feedback still adjusts points.
DECIDING_PHASES = frozenset({Phase.collecting, Phase.reviewing, Phase.preliminary, Phase.final})
RETURNING_PHASES = context.REOPENED_PHASES  # a returned answer must be editable by the unit
CLOSED_FOR_COMMENTS = frozenset({Phase.draft, Phase.published})


@dataclass
class Review:
    """A unit's assessment under review: its context and the current (newest) decision on each
    answer, read under the submission's row lock."""

    ctx: Context
    decisions: dict[str, ReviewDecision]


async def load_for_review(
    *, session: AsyncSession, round_id: int, unit_code: str, principal: Principal
) -> Review:
    """A unit's assessment for a reviewer, its submission row locked for the decision."""
    if not principal.has_any_role(DIC_ROLES):
        raise Forbidden("auth.forbidden_role", roles="evaluator")
    ctx = await context.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
    ctx.submission = await session.scalar(
        select(Submission)
        .where(Submission.round_id == ctx.round.id, Submission.unit_id == ctx.unit.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    # Read the decisions again under the lock: a concurrent reviewer's decision, committed while
    # this one waited, must count (else a return could be silently overwritten).
    found = await queries.current_decisions(session, round_id=ctx.round.id, unit_ids=[ctx.unit.id])
    return Review(ctx, found.get(ctx.unit.id, {}))


def _check_reviewable(ctx: Context) -> None:
    if ctx.round.phase not in DECIDING_PHASES:
        raise Conflict("review.round_phase", phase=ctx.round.phase.value)
    if ctx.status not in REVIEWABLE:
        raise Conflict("review.not_submitted", status=ctx.status.value)


def _max_points(ctx: Context, indicator_code: str) -> Decimal:
    return ctx.framework.max_points(indicator_code, ctx.group)


def _checked(review: Review, code: str, body: DecisionIn) -> dict[str, Any] | None:
    """The body's reviewer values, parsed; 422 naming every field at fault."""
    ctx = review.ctx
    errors: list[FieldError] = []
    parsed: dict[str, Any] | None = None
    if body.decision == Decision.adjusted:
        if (body.points is None) == (body.values is None):
            errors.append(FieldError("points", "review.points_or_values"))
        if body.points is not None and body.points > _max_points(ctx, code):
            errors.append(
                FieldError("points", "review.points_max", max=str(_max_points(ctx, code)))
            )
        if body.values is not None:
            parsed = {}
            refs = {ref.name: ref for ref in ctx.indicators[code].inputs}
            if not body.values:
                errors.append(FieldError("values", "review.values_empty"))
            for name, raw in body.values.items():
                ref = refs.get(name)
                if ref is None:
                    errors.append(
                        FieldError(f"values.{name}", "input.unknown", code=code, name=name)
                    )
                    continue
                if raw is None:
                    errors.append(FieldError(f"values.{name}", "review.value_required"))
                    continue
                value, error = parse_value(ctx.elements[ref.element_code], raw, f"values.{name}")
                if error is not None:
                    errors.append(error)
                else:
                    parsed[name] = value
                    other = _held_elsewhere(review, code).get(ref.element_code)
                    if other is not None and other[1] != value:
                        errors.append(
                            FieldError(
                                f"values.{name}",
                                "review.values_conflict",
                                element=ref.element_code,
                                code=other[0],
                            )
                        )
    elif body.points is not None or body.values is not None:
        errors.append(FieldError("points", "review.adjust_only", decision=body.decision.value))
    if body.decision != Decision.accepted and not (body.comment and body.comment.strip()):
        errors.append(FieldError("comment", "review.comment_required"))
    if errors:
        raise validation_failed(errors)
    return parsed


async def _write_reviewer_values(
    *,
    session: AsyncSession,
    review: Review,
    principal: Principal,
    code: str,
    new: dict[str, Any] | None,
) -> None:
    """Keep the reviewer's figures of this answer in step with its current decision: set the new
    ones, and clear those a previous adjustment set that this decision no longer carries."""
    ctx = review.ctx
    refs = {ref.name: ref.element_code for ref in ctx.indicators[code].inputs}
    previous = review.decisions.get(code)
    kept = _held_elsewhere(review, code)
    values: dict[tuple[int, str], Any] = {}
    if previous is not None and previous.values:
        for name in previous.values:
            element = refs.get(name)
            # Not a figure another answer's adjustment still stands on, and not one DIC enters
            # as the element's own source (clearing it would erase that figure).
            if element is None or element in kept or ctx.elements[element].source == "reviewer":
                continue
            values[(ctx.unit.id, element)] = None
    for name, value in (new or {}).items():
        values[(ctx.unit.id, refs[name])] = value
    if values:
        await bulk.apply_values(
            session=session,
            round_=ctx.round,
            principal=principal,
            values=values,
            source=ValueSource.reviewer,
            write=True,
        )


def _held_elsewhere(review: Review, code: str) -> dict[str, tuple[str, Any]]:
    """The reviewer's figures other answers' current adjustments stand on: element → (indicator,
    value). A figure is per element, so two answers that read one element must agree on it."""
    held: dict[str, tuple[str, Any]] = {}
    for other, decision in review.decisions.items():
        if other == code or decision.decision != Decision.adjusted or not decision.values:
            continue
        leaf = review.ctx.indicators.get(other)
        if leaf is None:
            continue
        refs = {ref.name: ref.element_code for ref in leaf.inputs}
        for name, value in decision.values.items():
            if name in refs:
                held[refs[name]] = (other, value)
    return held


def _settled_status(review: Review) -> SubmissionStatus:
    """The status after a decision. A returned assessment stays returned until the unit's head
    resubmits it (the unit may be mid-edit; its changes need the head's sign-off again). A return
    made before the last resubmission is no longer open: it waits for a new decision."""
    ctx = review.ctx
    if ctx.status == SubmissionStatus.returned:
        return SubmissionStatus.returned
    if ctx.returned:
        return SubmissionStatus.returned
    settled = [
        review.decisions.get(code) is not None
        and review.decisions[code].decision != Decision.returned
        for code in ctx.indicators
    ]
    if all(settled):
        return SubmissionStatus.accepted
    if ctx.status == SubmissionStatus.resubmitted:
        return SubmissionStatus.resubmitted
    return SubmissionStatus.submitted


async def _record(
    *,
    session: AsyncSession,
    review: Review,
    principal: Principal,
    code: str,
    decision: Decision,
    points: Decimal | None = None,
    values: dict[str, Any] | None = None,
    comment: str | None = None,
) -> ReviewDecision:
    ctx = review.ctx
    assert ctx.submission is not None
    row = ReviewDecision(
        round_id=ctx.round.id,
        unit_id=ctx.unit.id,
        indicator_code=code,
        decision=decision,
        points=points,
        values=values,
        comment=comment.strip() if comment else None,
        submission_version=ctx.submission.version,
        reviewer=principal.name,
        decided_at=utcnow(),
    )
    session.add(row)
    review.decisions[code] = row
    # A return reopens the answer for the unit; any other decision settles it.
    if decision == Decision.returned:
        context.reopen_answer(ctx, code)
    else:
        context.settle_answer(ctx, code)
    return row


async def decide(
    *,
    session: AsyncSession,
    review: Review,
    principal: Principal,
    code: str,
    body: DecisionIn,
    settings: Settings,
) -> ReviewDecision:
    """Record one decision on one answer; the submission's status follows (module docstring)."""
    ctx = review.ctx
    if code not in ctx.indicators:
        raise NotFound("assessment.indicator_not_found", code=code)
    _check_reviewable(ctx)
    if body.decision == Decision.returned and ctx.round.phase not in RETURNING_PHASES:
        raise Conflict("review.return_closed", phase=ctx.round.phase.value)
    parsed = _checked(review, code, body)
    before = ctx.status
    previous = review.decisions.get(code)
    await _write_reviewer_values(
        session=session, review=review, principal=principal, code=code, new=parsed
    )
    row = await _record(
        session=session,
        review=review,
        principal=principal,
        code=code,
        decision=body.decision,
        points=body.points,
        values=parsed,
        comment=body.comment,
    )
    await context.touch(session, ctx, _settled_status(review))
    await session.flush()
    if body.decision == Decision.returned:
        # The unit's focal people and head hear of it at once (in the app and by e-mail).
        staff = await notifications.unit_staff(session, {ctx.unit.id})
        await notifications.notify(
            session,
            users=staff.get(ctx.unit.id, []),
            kind="returned",
            code="notify.returned",
            params={
                "code": code,
                "unit": ctx.unit.name_vi,
                "round": ctx.round.title_vi,
                "comment": row.comment or "",
            },
            link=f"/rounds/{ctx.round.id}/units/{ctx.unit.code}/assessment",
            key=f"returned:{row.id}",
            settings=settings,
        )
    await audit.record(
        session=session,
        action=f"review.{body.decision.value}",
        object_type="answer",
        object_id=f"{ctx.round.id}/{ctx.unit.code}/{code}",
        before={
            "decision": previous.decision.value if previous else None,
            "status": before.value,
        },
        after={
            "decision": body.decision.value,
            "points": str(body.points) if body.points is not None else None,
            "values": parsed,
            "comment": row.comment,
            "status": ctx.status.value,
        },
    )
    return row


async def accept_pending(*, session: AsyncSession, review: Review, principal: Principal) -> int:
    """Accept every answer of the unit that has no decision yet; returns how many."""
    ctx, decisions = review.ctx, review.decisions
    _check_reviewable(ctx)
    # Not yet decided, or returned before the unit's resubmission (waiting for a new decision).
    pending = [
        code
        for code in ctx.indicators
        if code not in decisions or decisions[code].decision == Decision.returned
    ]
    if ctx.returned:
        # Returned answers still open with the unit are not the reviewer's to accept in bulk.
        pending = [code for code in pending if code not in ctx.returned]
    for code in pending:
        await _record(
            session=session,
            review=review,
            principal=principal,
            code=code,
            decision=Decision.accepted,
        )
    if pending:
        before = ctx.status
        await context.touch(session, ctx, _settled_status(review))
        await audit.record(
            session=session,
            action="review.accept_pending",
            object_type="assessment",
            object_id=f"{ctx.round.id}/{ctx.unit.code}",
            before={"status": before.value},
            after={"accepted": pending, "status": ctx.status.value},
        )
    return len(pending)


async def history(*, session: AsyncSession, ctx: Context, code: str) -> list[ReviewDecision]:
    """Every decision on one answer, oldest first."""
    if code not in ctx.indicators:
        raise NotFound("assessment.indicator_not_found", code=code)
    rows = await session.scalars(
        select(ReviewDecision)
        .where(
            ReviewDecision.round_id == ctx.round.id,
            ReviewDecision.unit_id == ctx.unit.id,
            ReviewDecision.indicator_code == code,
        )
        .order_by(ReviewDecision.id)
    )
    return list(rows)


async def comments(*, session: AsyncSession, ctx: Context, code: str) -> list[AnswerComment]:
    if code not in ctx.indicators:
        raise NotFound("assessment.indicator_not_found", code=code)
    rows = await session.scalars(
        select(AnswerComment)
        .where(
            AnswerComment.round_id == ctx.round.id,
            AnswerComment.unit_id == ctx.unit.id,
            AnswerComment.indicator_code == code,
        )
        .order_by(AnswerComment.id)
    )
    return list(rows)


async def add_comment(
    *, session: AsyncSession, ctx: Context, principal: Principal, code: str, body: str
) -> AnswerComment:
    """A message in the answer's thread, from the unit's own staff or from DIC."""
    if code not in ctx.indicators:
        raise NotFound("assessment.indicator_not_found", code=code)
    if ctx.round.phase in CLOSED_FOR_COMMENTS:
        raise Conflict("review.comments_closed", phase=ctx.round.phase.value)
    if ctx.own:
        side = "unit"
    elif principal.has_any_role(DIC_ROLES):
        side = "dic"
    else:
        raise Forbidden("review.comment_forbidden")
    row = AnswerComment(
        round_id=ctx.round.id,
        unit_id=ctx.unit.id,
        indicator_code=code,
        author=principal.name,
        author_side=side,
        body=body.strip(),
    )
    session.add(row)
    await session.flush()
    await audit.record(
        session=session,
        action="review.comment",
        object_type="answer",
        object_id=f"{ctx.round.id}/{ctx.unit.code}/{code}",
        after={"comment_id": row.id, "side": side},
    )
    return row
