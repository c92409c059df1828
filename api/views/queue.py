"""The review queue: every unit of a round with where its submission and review stand, filtered
by group, status or one indicator (DIC). It reads the assessments' submissions and the reviews'
decisions side by side."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import Submission, SubmissionStatus
from api.core.errors import Forbidden, Invalid, NotFound
from api.core.principal import DIC_ROLES, Principal
from api.frameworks import compiled
from api.reviews import queries
from api.reviews.models import Decision, ReviewDecision
from api.reviews.schemas import QueueItem
from api.rounds.models import Round


async def queue(
    *,
    session: AsyncSession,
    principal: Principal,
    round_id: int,
    group: str | None,
    status: SubmissionStatus | None,
    indicator: str | None,
) -> list[QueueItem]:
    """Every unit of the round with where its review stands, filtered (DIC only)."""
    if not principal.has_any_role(DIC_ROLES):
        raise Forbidden("auth.forbidden_role", roles="evaluator")
    round_ = await session.get(Round, round_id)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    leaves = (await compiled.load(session=session, framework=round_.framework)).leaves
    if indicator is not None and not any(indicator in by_code for by_code in leaves.values()):
        raise Invalid("review.unknown_indicator", field="indicator", code=indicator)
    submissions = {
        s.unit_id: s
        for s in await session.scalars(select(Submission).where(Submission.round_id == round_id))
    }
    decisions = await queries.current_decisions(session, round_id=round_id)
    items: list[QueueItem] = []
    for participant in sorted(round_.participants, key=lambda p: p.unit.code):
        code_of_group = participant.group.code
        if group is not None and code_of_group != group:
            continue
        submission = submissions.get(participant.unit_id)
        state = submission.status if submission else SubmissionStatus.not_started
        if status is not None and state != status:
            continue
        applicable = leaves.get(code_of_group, {})
        mine = decisions.get(participant.unit_id, {})
        reopened = frozenset(submission.reopened or ()) if submission else frozenset()

        def state_of(
            code: str,
            mine: dict[str, ReviewDecision] = mine,
            reopened: frozenset[str] = reopened,
        ) -> str:
            found = mine.get(code)
            if found is None:
                return "pending"
            if found.decision == Decision.returned and code not in reopened:
                return "pending"  # answered by the unit's resubmission: to be decided again
            return found.decision.value

        counts = {d.value: 0 for d in Decision} | {"pending": 0}
        for code in applicable:
            counts[state_of(code)] += 1
        indicator_state = None
        if indicator is not None:
            indicator_state = state_of(indicator) if indicator in applicable else "not_applicable"
        items.append(
            QueueItem(
                unit_code=participant.unit.code,
                unit_name_vi=participant.unit.name_vi,
                group=code_of_group,
                status=state,
                submitted_at=submission.submitted_at if submission else None,
                indicators=len(applicable),
                accepted=counts["accepted"],
                adjusted=counts["adjusted"],
                returned=counts["returned"],
                pending=counts["pending"],
                indicator_state=indicator_state,
            )
        )
    return items
