"""Response bodies of the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel


class AuditEventOut(BaseModel):
    id: int
    at: dt.datetime
    actor: str
    actor_kind: str
    action: str
    object_type: str
    object_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str | None
    prev_hash: str
    hash: str


class ChainVerification(BaseModel):
    ok: bool
    checked: int
    first_broken_id: int | None
    reason: str | None
