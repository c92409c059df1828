"""A unit's assessment in one round as a request sees it (the context), who may read or change
it, and its version (the ETag) and status moves.

Object-level authorisation lives here: a unit's staff reach only their own unit (anyone else gets
404, as if the assessment did not exist); DIC (evaluator, approver, admin) read every unit but
write none. While an assessment is returned, only the answers DIC returned reopen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, raiseload

from api.assessments.models import (
    Submission,
    SubmissionStatus,
)
from api.core.database import utcnow
from api.core.errors import (
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from api.core.principal import DIC_ROLES, Principal
from api.frameworks import compiled
from api.frameworks.compiled import CompiledFramework
from api.frameworks.schemas import (
    CriterionIn,
    DataElementIn,
    FrameworkDocument,
)
from api.rounds import schedule
from api.rounds.models import Phase, Round, RoundUnit
from api.units.models import Unit, UnitGroup

EDITABLE = frozenset({SubmissionStatus.not_started, SubmissionStatus.in_progress})


@dataclass
class Context:
    """Everything about one unit's assessment in one round that a request needs."""

    round: Round
    unit: Unit
    group: str
    group_id: int
    submission: Submission | None
    framework: CompiledFramework
    own: bool  # the caller is the unit's own staff (who alone may edit)
    extended_until: dt.datetime | None = None  # the unit's own deadline (round_units.deadline_at)

    @property
    def returned(self) -> frozenset[str]:
        """The answers returned to the unit and not yet resubmitted (the ones it may change)."""
        return frozenset(self.submission.reopened or ()) if self.submission else frozenset()

    @property
    def doc(self) -> FrameworkDocument:
        return self.framework.doc

    @property
    def indicators(self) -> dict[str, CriterionIn]:
        """The indicators (leaves) that apply to the unit's group, by code, in tree order."""
        return self.framework.indicators(self.group)

    @property
    def elements(self) -> dict[str, DataElementIn]:
        return self.framework.elements

    @property
    def pillars(self) -> list[CriterionIn]:
        """The top-level criteria that apply to the unit's group."""
        return self.framework.pillars.get(self.group, [])

    @property
    def status(self) -> SubmissionStatus:
        return self.submission.status if self.submission else SubmissionStatus.not_started

    @property
    def version(self) -> int:
        return self.submission.version if self.submission else 0

    @property
    def etag(self) -> str:
        return f'"assessment-{self.round.id}-{self.unit.code}-v{self.version}"'


def authorise(*, principal: Principal, round_id: int, unit_code: str, write: bool) -> bool:
    """Whether the caller is the unit's own staff, after checking from who they are alone (no
    database) that they may read (or write) the unit's assessment: a route checks this before it
    reads a large body. ``load`` checks it again, with the round and unit."""
    own = principal.is_unit_staff(unit_code)
    if write and not own:
        if principal.kind == "user" and principal.has_any_role(DIC_ROLES):
            raise Forbidden("assessment.not_your_unit", unit_code=unit_code)
        raise NotFound("assessment.not_found", unit_code=unit_code, round_id=round_id)
    if not own and not principal.has_any_role(DIC_ROLES):
        raise NotFound("assessment.not_found", unit_code=unit_code, round_id=round_id)
    return own


# The round (with its framework row), the unit, its group and, on a read, its assessment row,
# in one statement: never the round's whole roster (a 3,800-unit round loaded every participant
# per request). Code that needs the roster loads it itself; touching ``participants`` of this
# round object raises instead of a lazy load. Built once: every request of a unit's assessment
# runs it, and building the expression cost more than SQLAlchemy's cached compilation.
_CONTEXT = (
    select(Round, Unit, RoundUnit.group_id, UnitGroup.code, RoundUnit.deadline_at)
    .join(RoundUnit, RoundUnit.round_id == Round.id)
    .join(Unit, Unit.id == RoundUnit.unit_id)
    .join(UnitGroup, UnitGroup.id == RoundUnit.group_id)
    .where(Round.id == bindparam("round_id"), Unit.code == bindparam("unit_code"))
    .options(joinedload(Round.framework), raiseload("*"))
)
_CONTEXT_WITH_SUBMISSION = _CONTEXT.add_columns(Submission).outerjoin(
    Submission, (Submission.round_id == Round.id) & (Submission.unit_id == Unit.id)
)
# PostgreSQL locks no row on the nullable side of an outer join: a writer's own statement.
_SUBMISSION_FOR_UPDATE = (
    select(Submission)
    .where(Submission.round_id == bindparam("round_id"), Submission.unit_id == bindparam("unit_id"))
    .with_for_update()
)


async def load(
    *, session: AsyncSession, round_id: int, unit_code: str, principal: Principal, write: bool
) -> Context:
    """The assessment's context, after checking the caller may read (or write) it."""
    own = authorise(principal=principal, round_id=round_id, unit_code=unit_code, write=write)
    # SQLite has no row locks: a writer holds the database-wide write lock from its first
    # statement (BEGIN IMMEDIATE), so its assessment row comes in the same statement.
    separate_lock = write and session.get_bind().dialect.name != "sqlite"
    query = _CONTEXT if separate_lock else _CONTEXT_WITH_SUBMISSION
    found = (await session.execute(query, {"round_id": round_id, "unit_code": unit_code})).first()
    if found is None:
        raise NotFound("assessment.not_found", unit_code=unit_code, round_id=round_id)
    columns: tuple[Any, ...] = tuple(found)  # five columns, six with the assessment row
    round_, unit, group_id, group, extended_until = columns[:5]
    if separate_lock:
        # A writer locks the unit's assessment row: a concurrent edit waits, then sees the new
        # version and gets 412 instead of overwriting. PostgreSQL locks no row on the nullable
        # side of an outer join: its own query.
        submission = await session.scalar(
            _SUBMISSION_FOR_UPDATE, {"round_id": round_.id, "unit_id": unit.id}
        )
    else:
        submission = columns[5]
    framework = await compiled.load(session=session, framework=round_.framework)
    return Context(
        round=round_,
        unit=unit,
        group=group,
        group_id=group_id,
        submission=submission,
        framework=framework,
        own=own,
        extended_until=extended_until,
    )


def check_version(ctx: Context, if_match: str | None, *, required: bool = True) -> None:
    """412 when the client edits a version that is no longer current; 428 when it sent none."""
    if if_match is None:
        if required:
            raise PreconditionRequired("assessment.if_match_required")
        return
    if if_match.strip() not in (ctx.etag, "*"):
        raise PreconditionFailed("assessment.stale", etag=ctx.etag)


async def load_for_edit(
    *,
    session: AsyncSession,
    round_id: int,
    unit_code: str,
    principal: Principal,
    if_match: str | None,
    version_required: bool,
) -> Context:
    """The context of an edit: the caller's own unit, the current version, an open assessment."""
    ctx = await load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=True
    )
    check_version(ctx, if_match, required=version_required)
    check_editable(ctx)
    return ctx


REOPENED_PHASES = frozenset({Phase.collecting, Phase.reviewing})


def collecting_for(ctx: Context) -> bool:
    """Whether the unit may still answer and submit (if it has not submitted): the round is
    collecting, or reviewing while the unit's extension runs."""
    return schedule.may_submit(ctx.round.phase, ctx.extended_until, utcnow())


def check_editable(ctx: Context) -> None:
    """409 unless the unit may edit now: the round is collecting (or the unit's extension runs)
    and the unit has not submitted, or DIC returned answers to it (while collecting or
    reviewing)."""
    if ctx.status == SubmissionStatus.returned:
        if ctx.round.phase not in REOPENED_PHASES:
            raise Conflict("assessment.round_closed", phase=ctx.round.phase.value)
        return
    if not collecting_for(ctx):
        raise Conflict("assessment.round_closed", phase=ctx.round.phase.value)
    if ctx.status not in EDITABLE:
        raise Conflict("assessment.locked", status=ctx.status.value)


def editing_status(ctx: Context) -> SubmissionStatus:
    """The status after the unit changes an answer: a returned assessment stays returned."""
    if ctx.status == SubmissionStatus.returned:
        return SubmissionStatus.returned
    return SubmissionStatus.in_progress


def check_answer_editable(ctx: Context, indicator_code: str) -> None:
    """On a returned assessment only the returned answers reopen; the others stay as reviewed."""
    if ctx.status == SubmissionStatus.returned and indicator_code not in ctx.returned:
        raise Conflict("assessment.not_returned", code=indicator_code)


def answer_editable(ctx: Context, indicator_code: str) -> bool:
    """Whether the caller may change this answer now (what the screen shows as editable)."""
    if not ctx.own:
        return False
    if ctx.status == SubmissionStatus.returned:
        return ctx.round.phase in REOPENED_PHASES and indicator_code in ctx.returned
    return collecting_for(ctx) and ctx.status in EDITABLE


def reopen_answer(ctx: Context, indicator_code: str) -> None:
    """DIC returned this answer: the unit may change it (and only the returned ones) until its
    head resubmits. The caller bumps the version and status (``touch``)."""
    assert ctx.submission is not None, "only a submitted assessment is returned"
    reopened = set(ctx.submission.reopened or ())
    ctx.submission.reopened = sorted(reopened | {indicator_code})


def settle_answer(ctx: Context, indicator_code: str) -> None:
    """DIC decided on this answer again (accepted or adjusted): it is no longer open to the unit."""
    if ctx.submission is not None and indicator_code in (ctx.submission.reopened or ()):
        ctx.submission.reopened = sorted(set(ctx.submission.reopened or ()) - {indicator_code})


async def touch(session: AsyncSession, ctx: Context, status: SubmissionStatus | None) -> None:
    """Bump the assessment's version (and status), creating its row on the first write."""
    if ctx.submission is None:
        ctx.submission = Submission(
            round_id=ctx.round.id,
            unit_id=ctx.unit.id,
            status=SubmissionStatus.not_started,
            version=0,
        )
        session.add(ctx.submission)
    ctx.submission.version += 1
    if status is not None:
        ctx.submission.status = status
    ctx.submission.updated_at = utcnow()
    await session.flush()
