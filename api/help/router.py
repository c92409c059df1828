"""HTTP endpoints of help: the caller's tours seen, and the support contact (read by anyone,
set by an admin)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.core.errors import problem_responses
from api.core.principal import Role
from api.deps import AdminUser, CurrentUser, SessionDep
from api.help import service
from api.help.models import HelpContact
from api.help.schemas import ContactIn, ContactOut, ToursOut

router = APIRouter(tags=["help"])


def contact_out(contact: HelpContact | None) -> ContactOut:
    if contact is None:
        return ContactOut()
    return ContactOut.model_validate(contact, from_attributes=True)


@router.get("/me/tours", response_model=ToursOut, summary="The first sign-in tours I have seen")
async def my_tours(principal: CurrentUser, session: SessionDep) -> ToursOut:
    return ToursOut(seen=await service.seen_tours(session=session, user_id=principal.id))


@router.put(
    "/me/tours/{tour}",
    status_code=204,
    summary="Mark a first sign-in tour (one per role) as seen: finished or dismissed",
    responses=problem_responses(422),
)
async def mark_tour_seen(tour: Role, principal: CurrentUser, session: SessionDep) -> Response:
    await service.mark_seen(session=session, user_id=principal.id, tours=[tour])
    return Response(status_code=204)


@router.get(
    "/help/contact",
    response_model=ContactOut,
    summary="The support contact (hotline, e-mail, office hours); no account needed",
)
async def get_contact(session: SessionDep) -> ContactOut:
    return contact_out(await service.get_contact(session=session))


@router.put(
    "/help/contact",
    response_model=ContactOut,
    summary="Set the support contact (admin)",
    responses=problem_responses(403, 422),
)
async def set_contact(body: ContactIn, principal: AdminUser, session: SessionDep) -> ContactOut:
    contact = await service.set_contact(
        session=session, principal=principal, values=body.model_dump()
    )
    return contact_out(contact)
