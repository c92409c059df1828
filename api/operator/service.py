"""Reading and changing the operating department's name. Until DIC sets it, the default is the
department that runs the system today (sourced: Sở TT&TT merged into Sở KH&CN in March 2025).
Documents published earlier keep the name they were published under: it is part of their bytes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.core.clock import city_today
from api.core.errors import Invalid
from api.operator.models import OperatorSetting
from api.operator.schemas import OperatorIn, OperatorOut

DEFAULT: dict[str, Any] = {
    "name_vi": "Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh",
    "name_en": "Ho Chi Minh City Department of Science and Technology",
    "short_name_vi": "Sở KH&CN",
    "short_name_en": "the Department of Science and Technology",
    "since": dt.date(2025, 3, 1),
}
FIELDS = ("name_vi", "name_en", "short_name_vi", "short_name_en", "since")


def _out(row: OperatorSetting | None) -> OperatorOut:
    if row is None:
        return OperatorOut(**DEFAULT, is_default=True, updated_by=None, updated_at=None)
    return OperatorOut(
        **{name: getattr(row, name) for name in FIELDS},
        is_default=False,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


async def get(*, session: AsyncSession) -> OperatorOut:
    """The operating department's names (the default until DIC sets them)."""
    return _out(await session.get(OperatorSetting, 1))


def _snapshot(out: OperatorOut) -> dict[str, Any]:
    return {name: getattr(out, name) for name in FIELDS}


async def update(*, session: AsyncSession, data: OperatorIn, actor: str) -> OperatorOut:
    """Set the names (admin); audited with the names before and after."""
    if data.since is not None and data.since > city_today():
        raise Invalid("operator.since_future", field="since")
    row = await session.get(OperatorSetting, 1)
    before = _out(row)
    if row is None:
        row = OperatorSetting(id=1)
        session.add(row)
    for name in FIELDS:
        setattr(row, name, getattr(data, name))
    row.updated_by = actor
    await session.flush()
    after = _out(row)
    await audit.record(
        session=session,
        action="operator.update",
        object_type="operator",
        object_id="operator",
        before=_snapshot(before),
        after=_snapshot(after),
    )
    return after
