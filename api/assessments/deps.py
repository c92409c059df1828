"""Route plumbing for a unit's assessment: load it and check the caller may read, edit or submit
it, as FastAPI dependencies (one place, instead of the same block in every route).

Path parameters come from the route (``round_id``, ``unit_code``); routes with a further path
parameter also name these two first, so the published API lists them in path order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Header

from api.assessments import context
from api.assessments.context import Context
from api.core.pagination import IdPath
from api.core.sqlite_driver import inline_statements
from api.deps import CurrentUser, SessionDep


async def _inline() -> AsyncIterator[None]:
    """The request's statements on the unit's assessment are short, on one unit's indexed rows:
    SQLite runs those that cannot wait on the event loop's thread (``api.core.sqlite_driver``)."""
    with inline_statements():
        yield


# scope="function": the flag ends with the endpoint, within the request's own task.
Inline = Annotated[None, Depends(_inline, scope="function")]

IfMatch = Annotated[
    str | None, Header(description="The assessment's ETag; required for writes (412 when stale)")
]


async def for_reading(
    round_id: IdPath, unit_code: str, principal: CurrentUser, session: SessionDep, _: Inline
) -> Context:
    """The unit's own staff, or DIC; anyone else gets 404."""
    return await context.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )


def _for_edit(*, version_required: bool) -> Callable[..., Awaitable[Context]]:
    async def load(
        round_id: IdPath,
        unit_code: str,
        principal: CurrentUser,
        session: SessionDep,
        _: Inline,
        if_match: IfMatch = None,
    ) -> Context:
        return await context.load_for_edit(
            session=session,
            round_id=round_id,
            unit_code=unit_code,
            principal=principal,
            if_match=if_match,
            version_required=version_required,
        )

    return load


# The unit's own staff, on the current version (If-Match required), while it may edit.
for_answer = _for_edit(version_required=True)
# As for an answer, but If-Match is optional: a file is added or detached, nothing overwritten.
for_evidence = _for_edit(version_required=False)


async def for_submit(
    round_id: IdPath,
    unit_code: str,
    principal: CurrentUser,
    session: SessionDep,
    _: Inline,
    if_match: IfMatch = None,
) -> Context:
    """The unit's own staff, its row locked; If-Match optional (``submit`` checks the rest)."""
    ctx = await context.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=True
    )
    context.check_version(ctx, if_match, required=False)
    return ctx


ReadableAssessment = Annotated[Context, Depends(for_reading)]
AnswerableAssessment = Annotated[Context, Depends(for_answer)]
EvidenceAssessment = Annotated[Context, Depends(for_evidence)]
SubmittableAssessment = Annotated[Context, Depends(for_submit)]
