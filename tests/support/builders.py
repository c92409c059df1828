"""State that tests start from, built through the services, as one request each would build it.

A test whose subject is an HTTP endpoint calls that endpoint; what merely has to be true before it
(an assessment answered and submitted, a round walked to a phase, a run published) is built here,
in the test's session, without dozens of requests. Each builder is one unit of work acting as a
named account (its audit events name that account), committed at the end — in a test that is a
savepoint of the test's transaction, rolled back with it. Keep these thin: they only chain
service calls, so they follow the services when those move.

Builders return plain values or the API's own schemas (as the endpoint would answer), never rows:
a request that fails later in the test rolls the session back and expires every loaded row.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments import context
from api.assessments import service as assessments
from api.assessments.models import SubmissionStatus
from api.auth import service as auth
from api.auth.models import User
from api.core.database import unit_of_work
from api.core.principal import Principal
from api.core.request_context import Actor, current_actor, set_actor
from api.frameworks import service as frameworks
from api.frameworks.models import FrameworkStatus
from api.frameworks.schemas import DataElementIn, FrameworkDocument
from api.publications import service as publications
from api.publications.schemas import PublicationOut
from api.results import service as results
from api.results.models import RunKind
from api.results.schemas import RunOut
from api.reviews import service as reviews
from api.rounds import service as rounds
from api.rounds.models import Phase
from api.seed.demo_values import seed_fixed_values, seed_round_values
from tests.support.http import OPEN_ROUND


async def principal(session: AsyncSession, username: str) -> Principal:
    """The caller ``username`` would be once signed in."""
    user = await session.scalar(select(User).where(User.username == username))
    assert user is not None, f"no user {username}"
    return auth.principal_of_user(user)


@asynccontextmanager
async def acting_as(session: AsyncSession, username: str) -> AsyncIterator[Principal]:
    """One unit of work by ``username``, as a request of theirs would run."""
    who = await principal(session, username)
    before = current_actor()
    set_actor(Actor(who.name, who.kind))
    try:
        async with unit_of_work(session):
            yield who
    finally:
        set_actor(before)


def nil_value(name: str, element: DataElementIn) -> Any:
    """The "no"/zero answer of an input, which needs no evidence (a ratio's whole is 1)."""
    if element.value_type == "boolean":
        return False
    if element.value_type == "choice":
        return "none"
    return 1 if name == "b" else 0


async def answer_all_with_nil(
    session: AsyncSession,
    *,
    unit_code: str = "Q1",
    round_id: int = OPEN_ROUND,
    username: str = "q1.editor",
) -> None:
    """Answer every self-entered input of the unit's assessment with "no"/zero."""
    async with acting_as(session, username) as who:
        ctx = await context.load_for_edit(
            session=session,
            round_id=round_id,
            unit_code=unit_code,
            principal=who,
            if_match=None,
            version_required=False,
        )
        for code, indicator in ctx.indicators.items():
            inputs = {
                ref.name: nil_value(ref.name, ctx.elements[ref.element_code])
                for ref in indicator.inputs
                if ctx.elements[ref.element_code].source == "self"
            }
            if inputs:
                await assessments.save_answer(
                    session=session,
                    ctx=ctx,
                    principal=who,
                    indicator_code=code,
                    inputs=inputs,
                    note=None,
                )


async def submit(
    session: AsyncSession,
    *,
    unit_code: str = "Q1",
    round_id: int = OPEN_ROUND,
    username: str = "q1.head",
) -> SubmissionStatus:
    """The unit's head submits its assessment; the status it reaches."""
    async with acting_as(session, username) as who:
        ctx = await context.load(
            session=session, round_id=round_id, unit_code=unit_code, principal=who, write=True
        )
        await assessments.submit(session=session, ctx=ctx, principal=who)
        return ctx.status


async def submitted_with_nil(
    session: AsyncSession, *, unit_code: str = "Q1", round_id: int = OPEN_ROUND
) -> SubmissionStatus:
    """The unit's assessment answered with "no"/zero everywhere and submitted by its head."""
    await answer_all_with_nil(session, unit_code=unit_code, round_id=round_id)
    return await submit(session, unit_code=unit_code, round_id=round_id)


async def accept_pending(
    session: AsyncSession,
    *,
    unit_code: str = "Q1",
    round_id: int = OPEN_ROUND,
    username: str = "evaluator",
) -> SubmissionStatus:
    """DIC accepts every answer not yet decided; the submission's status after it."""
    async with acting_as(session, username) as who:
        review = await reviews.load_for_review(
            session=session, round_id=round_id, unit_code=unit_code, principal=who
        )
        await reviews.accept_pending(session=session, review=review, principal=who)
        return review.ctx.status


async def move(
    session: AsyncSession, *phases: str, round_id: int = OPEN_ROUND, username: str = "approver"
) -> Phase:
    """Walk the round through ``phases``, one legal move after another; the phase reached."""
    async with acting_as(session, username) as who:
        round_ = await rounds.get(session=session, round_id=round_id)
        for phase in phases:
            round_ = await rounds.move_phase(
                session=session, round_id=round_id, target=Phase(phase), actor_id=who.id, note=None
            )
        return round_.phase


async def score_run(
    session: AsyncSession,
    kind: str = "final",
    *,
    round_id: int = OPEN_ROUND,
    username: str = "evaluator",
) -> RunOut:
    """A score run of the round as it stands."""
    async with acting_as(session, username) as who:
        row = await results.create_run(
            session=session, principal=who, round_id=round_id, kind=RunKind(kind)
        )
        return RunOut.model_validate(row, from_attributes=True)


async def publish(
    session: AsyncSession,
    run: RunOut,
    reason: str | None = None,
    *,
    username: str = "approver",
) -> PublicationOut:
    """Publish a final run as the round's next version."""
    async with acting_as(session, username) as who:
        row = await publications.publish(
            session=session,
            principal=who,
            round_id=run.round_id,
            score_run_id=run.id,
            reason=reason,
        )
        return PublicationOut.model_validate(row, from_attributes=True)


async def valued_round(
    session: AsyncSession, *, round_id: int = OPEN_ROUND, seed: int = 7, submitted: bool = True
) -> int:
    """The round with a plausible value for every unit and element (the demo generator's), each
    unit submitted; the number of values written."""
    async with unit_of_work(session):
        round_ = await rounds.get(session=session, round_id=round_id)
        return await seed_round_values(
            session=session,
            round_=round_,
            seed=seed,
            unit_codes=None,
            share=1.0,
            submitted=submitted,
        )


async def published_round(session: AsyncSession, *, round_id: int = OPEN_ROUND) -> PublicationOut:
    """The valued round walked to ``final``, scored by a final run and published as v1."""
    await valued_round(session, round_id=round_id)
    await move(session, "reviewing", "preliminary", "final", round_id=round_id)
    return await publish(session, await score_run(session, "final", round_id=round_id))


async def framework_round(
    session: AsyncSession,
    document: dict[str, Any],
    *,
    year: int,
    unit_codes: list[str] | None = None,
    values: Mapping[str, Mapping[str, Any]] | None = None,
) -> int:
    """A draft round over a new active framework made of ``document``: its participants are
    ``unit_codes``, or every unit of the framework's groups on the year's reference date; with
    ``values`` (unit -> element -> value) written as given, those units submitted. Its id."""
    async with unit_of_work(session):
        framework = await frameworks.create(
            session=session,
            doc=FrameworkDocument.model_validate(document),
            status=FrameworkStatus.active,
        )
        round_ = await rounds.create(
            session=session,
            actor_id=None,
            year=year,
            title_vi=f"Thử nghiệm {document['code']}",
            title_en=f"Trial {document['code']}",
            framework_id=framework.id,
            groups=None,
            unit_codes=unit_codes,
            schedule={},
            is_demo=False,
        )
        await session.flush()
        if values:
            await session.refresh(round_, ["participants", "framework"])
            await seed_fixed_values(session=session, round_=round_, values=values)
        return round_.id
