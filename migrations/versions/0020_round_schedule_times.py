"""Rounds run by their schedule: phase times instead of days (a stored day becomes 00:00 or
23:59:59 in the city), the reference date the participants were chosen on, the auto-advance
switch and automatic phase moves, and per-unit deadline extensions.

Columns are added, never batch-altered: SQLite would rebuild ``rounds`` and ``round_units``, which
every assessment row references.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-10 09:00:00.000000
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.core.database

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
CITY = dt.timezone(dt.timedelta(hours=7))  # frozen here: a migration must not follow the code

rounds = sa.table(
    "rounds",
    sa.column("id", sa.Integer),
    sa.column("year", sa.Integer),
    sa.column("schedule", JSON),
    sa.column("reference_date", sa.Date),
)


def _utc(day: str, time: dt.time) -> str:
    at = dt.datetime.combine(dt.date.fromisoformat(day), time, CITY).astimezone(dt.UTC)
    return at.isoformat().replace("+00:00", "Z")


def _times(schedule: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for phase, dates in schedule.items():
        if phase == "draft":  # never scheduled; no longer accepted
            continue
        dates = dates or {}
        starts, ends = dates.get("starts_on"), dates.get("ends_on")
        out[phase] = {
            "starts_at": _utc(starts, dt.time(0, 0)) if isinstance(starts, str) else None,
            "ends_at": _utc(ends, dt.time(23, 59, 59)) if isinstance(ends, str) else None,
        }
    return out


def _days(schedule: dict[str, Any]) -> dict[str, Any]:
    def day(value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        return dt.datetime.fromisoformat(value).astimezone(CITY).date().isoformat()

    return {
        phase: {
            "starts_on": day((dates or {}).get("starts_at")),
            "ends_on": day((dates or {}).get("ends_at")),
        }
        for phase, dates in schedule.items()
    }


def _rewrite(convert: Any) -> None:
    connection = op.get_bind()
    for round_id, schedule in connection.execute(sa.select(rounds.c.id, rounds.c.schedule)).all():
        if not isinstance(schedule, dict):  # nothing a schedule could hold
            continue
        connection.execute(
            rounds.update().where(rounds.c.id == round_id).values(schedule=convert(schedule))
        )


def upgrade() -> None:
    op.add_column("rounds", sa.Column("reference_date", sa.Date(), nullable=True))
    op.add_column(
        "rounds",
        sa.Column("auto_advance", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "round_units",
        sa.Column("deadline_at", api.core.database.UTCDateTime(timezone=True), nullable=True),
    )
    op.add_column("round_units", sa.Column("deadline_reason", sa.String(1000), nullable=True))
    op.add_column("round_units", sa.Column("deadline_set_by", sa.String(64), nullable=True))
    op.add_column(
        "round_units",
        sa.Column("deadline_set_at", api.core.database.UTCDateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "round_phase_changes",
        sa.Column("automatic", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    connection = op.get_bind()
    for round_id, year in connection.execute(sa.select(rounds.c.id, rounds.c.year)).all():
        connection.execute(
            rounds.update()
            .where(rounds.c.id == round_id)
            .values(reference_date=dt.date(year, 12, 31))
        )
    _rewrite(_times)


def downgrade() -> None:
    _rewrite(_days)
    # Plain drops (SQLite ≥ 3.35): a batch rebuild of these tables would cascade on SQLite.
    op.drop_column("round_phase_changes", "automatic")
    op.drop_column("round_units", "deadline_set_at")
    op.drop_column("round_units", "deadline_set_by")
    op.drop_column("round_units", "deadline_reason")
    op.drop_column("round_units", "deadline_at")
    op.drop_column("rounds", "auto_advance")
    op.drop_column("rounds", "reference_date")
