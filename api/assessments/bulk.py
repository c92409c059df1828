"""Set-based writes of element values: a handful of statements per batch, whatever its size,
never an ORM object per row (DESIGN.md § Performance). Used by ingestion (provider figures) and by
review (a reviewer's adjusted figures).

On PostgreSQL the whole batch is one statement: the rows travel as three arrays, ``unnest`` turns
them into a relation, and one ``WITH`` compares it with the current values of that source,
updates the changed ones, inserts the new ones and writes a revision for each. On SQLite (the
embedded single-user default) the current values are read once and inserts, updates and revisions
go as executemany.
"""

from __future__ import annotations

import json
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue, ValueRevision, ValueSource
from api.core.database import utcnow
from api.core.principal import Principal
from api.core.request_context import current_request_id
from api.rounds.models import Round


async def apply_values(
    *,
    session: AsyncSession,
    round_: Round,
    principal: Principal,
    values: dict[tuple[int, str], Any],
    source: ValueSource,
    write: bool,
    report_id: int | None = None,
) -> tuple[int, int]:
    """Upsert the values with one revision each; returns (applied, unchanged)."""
    if session.get_bind().dialect.name == "postgresql":
        applied = await _apply_postgres(
            session=session,
            round_id=round_.id,
            principal=principal,
            values=values,
            source=source,
            write=write,
            report_id=report_id,
        )
        return applied, len(values) - applied
    current = {
        (unit_id, code): (value_id, value, revision)
        for value_id, unit_id, code, value, revision in (
            await session.execute(
                select(
                    ElementValue.id,
                    ElementValue.unit_id,
                    ElementValue.element_code,
                    ElementValue.value,
                    ElementValue.revision,
                ).where(ElementValue.round_id == round_.id, ElementValue.source == source)
            )
        ).all()
    }
    inserts, updates, revisions = [], [], []
    now = utcnow()
    request_id = current_request_id()
    for (unit_id, code), value in values.items():
        existing = current.get((unit_id, code))
        if existing is not None and existing[1] == value:
            continue
        if existing is None:
            if value is None:
                continue
            inserts.append(
                {
                    "round_id": round_.id,
                    "unit_id": unit_id,
                    "element_code": code,
                    "source": source,
                    "value": value,
                    "revision": 1,
                    "updated_at": now,
                    "updated_by": principal.name,
                }
            )
        else:
            updates.append({"b_id": existing[0], "b_value": value, "b_revision": existing[2] + 1})
            revisions.append(
                {
                    "value_id": existing[0],
                    "revision": existing[2] + 1,
                    "old_value": existing[1],
                    "new_value": value,
                    "actor": principal.name,
                    "actor_kind": principal.kind,
                    "request_id": request_id,
                    "ingest_report_id": report_id,
                    "at": now,
                }
            )
    applied = len(inserts) + len(updates)
    if not write or not applied:
        return applied, len(values) - applied
    if updates:
        # Core executemany: one statement, no ORM object per row.
        table = cast(Table, ElementValue.__table__)
        await session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                value=bindparam("b_value"),
                revision=bindparam("b_revision"),
                updated_at=now,
                updated_by=principal.name,
            ),
            updates,
        )
    if inserts:
        await session.execute(insert(ElementValue), inserts)
        ids = {
            (unit_id, code): value_id
            for value_id, unit_id, code in (
                await session.execute(
                    select(ElementValue.id, ElementValue.unit_id, ElementValue.element_code).where(
                        ElementValue.round_id == round_.id,
                        ElementValue.source == source,
                        ElementValue.revision == 1,
                    )
                )
            ).all()
        }
        revisions += [
            {
                "value_id": ids[(row["unit_id"], row["element_code"])],
                "revision": 1,
                "old_value": None,
                "new_value": row["value"],
                "actor": principal.name,
                "actor_kind": principal.kind,
                "request_id": request_id,
                "ingest_report_id": report_id,
                "at": now,
            }
            for row in inserts
        ]
    if revisions:
        await session.execute(insert(ValueRevision), revisions)
    return applied, len(values) - applied


_CHANGED = """
WITH incoming AS (
    SELECT unit_id, element_code, CAST(value AS JSONB) AS value
    FROM unnest(CAST(:unit_ids AS INTEGER[]), CAST(:codes AS TEXT[]), CAST(:values AS TEXT[]))
        AS t(unit_id, element_code, value)
), changed AS (
    SELECT i.unit_id, i.element_code, i.value, e.id AS value_id, e.value AS old_value,
           e.revision
    FROM incoming AS i
    LEFT JOIN element_values AS e
        ON e.round_id = :round_id AND e.source = :source
        AND e.unit_id = i.unit_id AND e.element_code = i.element_code
    WHERE CASE WHEN e.id IS NULL THEN i.value <> 'null'::jsonb
               ELSE COALESCE(e.value, 'null'::jsonb) <> i.value END
)
"""

# Both statements are literals joined at import time; every value is a bound parameter.
_COUNT = text(_CHANGED + "SELECT count(*) FROM changed")  # noqa: S608

_WRITE = text(
    _CHANGED  # noqa: S608
    + """, updated AS (
    UPDATE element_values AS e
    SET value = c.value, revision = c.revision + 1, updated_at = :now, updated_by = :actor
    FROM changed AS c
    WHERE c.value_id IS NOT NULL AND e.id = c.value_id
    RETURNING e.id, e.revision, c.old_value, e.value
), inserted AS (
    INSERT INTO element_values
        (round_id, unit_id, element_code, source, value, revision, updated_at, updated_by)
    SELECT :round_id, unit_id, element_code, :source, value, 1, :now, :actor
    FROM changed WHERE value_id IS NULL
    RETURNING id, revision, CAST(NULL AS JSONB) AS old_value, value
), revised AS (
    INSERT INTO value_revisions
        (value_id, revision, old_value, new_value, actor, actor_kind, request_id,
         ingest_report_id, at)
    SELECT id, revision, old_value, value, :actor, :actor_kind, :request_id, :report_id, :now
    FROM (SELECT * FROM updated UNION ALL SELECT * FROM inserted) AS done
    RETURNING 1
)
SELECT count(*) FROM revised
"""
)


async def _apply_postgres(
    *,
    session: AsyncSession,
    round_id: int,
    principal: Principal,
    values: dict[tuple[int, str], Any],
    source: ValueSource,
    write: bool,
    report_id: int | None,
) -> int:
    """The PostgreSQL path of :func:`_apply` in one statement; returns how many changed.

    Values travel as JSON text (the canonical forms of :func:`parse_value` are strings, numbers
    and booleans, so equal figures are equal JSON and compare equal as ``jsonb``).
    """
    params: dict[str, Any] = {
        "unit_ids": [unit_id for unit_id, _ in values],
        "codes": [code for _, code in values],
        "values": [json.dumps(value) for value in values.values()],
        "round_id": round_id,
        "source": source.value,
    }
    if not write:
        return int(await session.scalar(_COUNT, params) or 0)
    params |= {
        "now": utcnow(),
        "actor": principal.name,
        "actor_kind": principal.kind,
        "request_id": current_request_id(),
        "report_id": report_id,
    }
    return int(await session.scalar(_WRITE, params) or 0)
