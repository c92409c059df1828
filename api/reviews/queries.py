"""Reading review decisions: shared by the assessment view, the scoring adapter and review."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import User
from api.reviews.models import AnswerComment, Decision, ReviewDecision

# Built once: the assessment view runs them on every read and save, and building the expression
# cost more per request than SQLAlchemy's cached compilation of it.
_NEWEST = (
    select(func.max(ReviewDecision.id))
    .where(ReviewDecision.round_id == bindparam("round_id"))
    .group_by(ReviewDecision.unit_id, ReviewDecision.indicator_code)
)
_DECISIONS = select(ReviewDecision).where(ReviewDecision.id.in_(_NEWEST))
_UNITS_DECISIONS = select(ReviewDecision).where(
    ReviewDecision.id.in_(
        _NEWEST.where(ReviewDecision.unit_id.in_(bindparam("unit_ids", expanding=True)))
    )
)
_COMMENT_COUNTS = (
    select(AnswerComment.indicator_code, func.count())
    .where(
        AnswerComment.round_id == bindparam("round_id"),
        AnswerComment.unit_id == bindparam("unit_id"),
    )
    .group_by(AnswerComment.indicator_code)
)


async def current_decisions(
    session: AsyncSession, *, round_id: int, unit_ids: list[int] | None = None
) -> dict[int, dict[str, ReviewDecision]]:
    """The newest decision on each reviewed answer, by unit id then indicator code."""
    if unit_ids is None:
        rows = await session.scalars(_DECISIONS, {"round_id": round_id})
    else:
        rows = await session.scalars(_UNITS_DECISIONS, {"round_id": round_id, "unit_ids": unit_ids})
    found: dict[int, dict[str, ReviewDecision]] = {}
    for row in rows:
        found.setdefault(row.unit_id, {})[row.indicator_code] = row
    return found


async def adjusted_points(
    session: AsyncSession, *, round_id: int
) -> dict[tuple[int, str], tuple[Decimal, str]]:
    """The reviewer's points in force, by (unit id, indicator): (points, reason)."""
    return {
        (unit_id, code): (d.points, d.comment or "")
        for unit_id, by_code in (await current_decisions(session, round_id=round_id)).items()
        for code, d in by_code.items()
        if d.decision == Decision.adjusted and d.points is not None
    }


async def comment_counts(session: AsyncSession, *, round_id: int, unit_id: int) -> dict[str, int]:
    """How many messages each answer's thread holds."""
    rows = await session.execute(_COMMENT_COUNTS, {"round_id": round_id, "unit_id": unit_id})
    return {code: int(count) for code, count in rows.all()}


async def full_names(session: AsyncSession, usernames: set[str]) -> dict[str, str]:
    """People's full names by username (for "who decided", "who wrote")."""
    if not usernames:
        return {}
    rows = await session.execute(
        select(User.username, User.full_name).where(User.username.in_(usernames))
    )
    return {str(username): str(name) for username, name in rows.all()}
