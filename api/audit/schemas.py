"""Response bodies of the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from api.audit.service import Reason


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
    mac: str | None = Field(description="HMAC-SHA256 seal under the audit key; none until sealed")


class ChainVerification(BaseModel):
    ok: bool
    checked: int = Field(description="Events whose link and seal held, in id order")
    first_broken_id: int | None
    reason: Reason | None = Field(
        description="prev_hash/hash: an event removed, reordered or edited; mac: re-hashed "
        "without the audit key (or the server has another key); unsealed: no MAC (from before "
        "sealing: run `python -m api audit-rekey`); head: the head row disagrees with the last "
        "event; anchor: an event a publication anchored is gone or changed (newest events "
        "deleted, head rewound)"
    )
    anchors_checked: int = Field(description="Publication anchors found in the chain")


class AuditFacets(BaseModel):
    actions: list[str]
    object_types: list[str]
    actors: list[str] = Field(description="At most 500; others are still found by name")
