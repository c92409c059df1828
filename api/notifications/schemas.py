"""Response bodies of notifications."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class NotificationOut(BaseModel):
    id: int
    kind: str = Field(description="e.g. submit_due_soon, submit_overdue, returned")
    message: str = Field(description="In the caller's language")
    link: str | None = Field(description="Where it leads in the app")
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationsPage(BaseModel):
    items: list[NotificationOut]
    total: int
    unread: int
    limit: int
    offset: int


class MarkedRead(BaseModel):
    marked: int
