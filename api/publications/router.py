"""HTTP endpoints of publishing (approver) and of a round's publication history (signed in)."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request, status

from api.core.errors import problem_responses
from api.core.pagination import IdPath
from api.core.principal import DIC_ROLES
from api.deps import CurrentUser, SessionDep
from api.publications import service
from api.publications.models import Publication
from api.publications.public import PublicCache
from api.publications.schemas import AuditAnchorOut, PublicationOut, PublishIn

router = APIRouter(tags=["publications"])

PUBLICATIONS = "/rounds/{round_id}/publications"


def publication_out(row: Publication, *, with_publisher: bool) -> PublicationOut:
    return PublicationOut(
        round_id=row.round_id,
        version=row.version,
        score_run_id=row.score_run_id,
        reason=row.reason,
        content_hash=row.content_hash,
        published_at=row.published_at,
        published_by=row.published_by if with_publisher else None,
        audit_anchor=None
        if row.audit_anchor_id is None or row.audit_anchor_hash is None
        else AuditAnchorOut(event_id=row.audit_anchor_id, hash=row.audit_anchor_hash),
    )


@router.post(
    PUBLICATIONS,
    response_model=PublicationOut,
    status_code=status.HTTP_201_CREATED,
    summary="Publish a final score run (approver): the next version, immutable; the first one "
    "moves the round to published, later ones need a reason",
    responses=problem_responses(403, 409, 422),
)
async def publish(
    round_id: IdPath,
    body: PublishIn,
    principal: CurrentUser,
    session: SessionDep,
    request: Request,
    background: BackgroundTasks,
) -> PublicationOut:
    row = await service.publish(
        session=session,
        principal=principal,
        round_id=round_id,
        score_run_id=body.score_run_id,
        reason=body.reason,
    )
    cache: PublicCache = request.app.state.public_cache
    # After the response, so after the commit: a public read now sees the new version.
    background.add_task(cache.forget, round_id)
    return publication_out(row, with_publisher=True)


@router.get(
    PUBLICATIONS,
    response_model=list[PublicationOut],
    summary="Every published version of the round's results, newest first",
)
async def list_publications(
    round_id: IdPath, principal: CurrentUser, session: SessionDep
) -> list[PublicationOut]:
    rows = await service.list_for_round(session=session, round_id=round_id)
    dic = principal.has_any_role(DIC_ROLES)
    return [publication_out(r, with_publisher=dic) for r in rows]
