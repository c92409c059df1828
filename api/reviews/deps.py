"""Route plumbing for review: a unit's assessment loaded for a reviewer (DIC only, its
submission row locked, the current decisions read under the lock), as a FastAPI dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from api.core.pagination import IdPath
from api.deps import CurrentUser, SessionDep
from api.reviews import service
from api.reviews.service import Review


async def for_review(
    round_id: IdPath, unit_code: str, principal: CurrentUser, session: SessionDep
) -> Review:
    return await service.load_for_review(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal
    )


ReviewedAssessment = Annotated[Review, Depends(for_review)]
