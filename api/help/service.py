"""Help: the tours a user has seen (marked once, idempotently) and the support contact (one
row, changed by an admin, audited)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.core.errors import Invalid
from api.core.principal import Principal, Role
from api.help.models import HelpContact, TourView

CONTACT_ID = 1
CONTACT_FIELDS = ("hotline", "email", "office_hours_vi", "office_hours_en")


async def seen_tours(*, session: AsyncSession, user_id: int) -> list[Role]:
    """The tours (by role) the user has finished or dismissed."""
    rows = await session.scalars(
        select(TourView.tour).where(TourView.user_id == user_id).order_by(TourView.tour)
    )
    return [Role(tour) for tour in rows if tour in Role.__members__]


async def mark_seen(*, session: AsyncSession, user_id: int, tours: Iterable[Role]) -> None:
    """Record the tours as seen; one already recorded keeps its first time."""
    known = set(await seen_tours(session=session, user_id=user_id))
    for tour in dict.fromkeys(tours):
        if tour not in known:
            session.add(TourView(user_id=user_id, tour=tour.value))
    await session.flush()


async def get_contact(*, session: AsyncSession) -> HelpContact | None:
    """The support contact, or None while DIC has not set one."""
    return await session.get(HelpContact, CONTACT_ID)


def _snapshot(contact: HelpContact | None) -> dict[str, Any]:
    return {name: getattr(contact, name, None) for name in CONTACT_FIELDS}


async def set_contact(
    *, session: AsyncSession, principal: Principal, values: dict[str, str | None]
) -> HelpContact:
    """Replace the contact (admin): at least a hotline or an e-mail, so users can reach DIC."""
    if not values.get("hotline") and not values.get("email"):
        raise Invalid("help.contact_empty", field="hotline")
    contact = await session.get(HelpContact, CONTACT_ID, with_for_update=True)
    before = _snapshot(contact) if contact is not None else None
    if contact is None:
        contact = HelpContact(id=CONTACT_ID, updated_by=principal.name)
        session.add(contact)
    for name in CONTACT_FIELDS:
        setattr(contact, name, values.get(name))
    contact.updated_by = principal.name
    await session.flush()
    await session.refresh(contact)
    await audit.record(
        session=session,
        action="help.contact_update",
        object_type="help_contact",
        object_id=str(CONTACT_ID),
        before=before,
        after=_snapshot(contact),
    )
    return contact
