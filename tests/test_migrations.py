"""Migrations are the only way the schema is made: upgrade from empty, no drift, downgrade."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.assessments.models import Submission, SubmissionStatus
from api.core.database import make_engine
from api.models import Base
from api.reviews.models import ReviewDecision
from api.rounds.models import Round
from api.seed.loader import load_demo, load_reference
from tests.support import database
from tests.support.database import alembic_config


@pytest.fixture
async def empty_engine(database_url: str, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A database with nothing in it (a new SQLite file, or a new PostgreSQL schema)."""
    if not database.is_postgresql(database_url):
        engine = make_engine(database.sqlite_url(tmp_path / "empty.db"))
        yield engine
        await engine.dispose()
        return
    schema = await database.create_schema(database_url)
    engine = database.schema_engine(database_url, schema)
    yield engine
    await engine.dispose()
    await database.drop_schema(database_url, schema)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "compare_server_default": True,
            # The job runner's tables (pgqueuer, PostgreSQL) are the library's, not models.
            "include_name": lambda name, type_, _parents: (
                not (type_ == "table" and (name or "").startswith("pgqueuer"))
            ),
        },
    )
    return list(compare_metadata(context, Base.metadata))


async def test_upgrade_matches_models_and_downgrade_empties(empty_engine: AsyncEngine) -> None:
    async with empty_engine.begin() as connection:
        assert await connection.run_sync(_tables) == set()
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
    async with empty_engine.connect() as connection:
        tables = await connection.run_sync(_tables)
        assert set(Base.metadata.tables) <= tables
        assert await connection.run_sync(_diff) == []
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.downgrade(alembic_config(c), "base"))
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(_tables) <= {"alembic_version"}
    # And up again: the downgrade left nothing behind that would break a re-run.
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))


async def test_unit_search_text_is_filled_for_existing_units(empty_engine: AsyncEngine) -> None:
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0002"))
        await connection.execute(
            text(
                "INSERT INTO units (code, name_vi, name_en, kind, is_provider, created_at, "
                "updated_at) VALUES ('TP-TD', 'Thành phố Thủ Đức', 'Thu Duc City', 'city', "
                "false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
        folded = await connection.scalar(text("SELECT search_text FROM units"))
    assert folded == "tp-td thanh pho thu duc thu duc city"


async def test_open_returns_become_the_submissions_reopened_answers(
    empty_engine: AsyncEngine,
) -> None:
    """0011 keeps with each submission the answers returned since its last submission, as the
    review decisions said: the newest decision is a return made after the (re)submission."""
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
    t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    async with AsyncSession(empty_engine, expire_on_commit=False) as session:
        await load_reference(session)
        await load_demo(session, "demo12345", with_values=False)
        round_ = await session.scalar(select(Round).order_by(Round.id))
        assert round_ is not None
        q1 = next(p.unit for p in round_.participants if p.unit.code == "Q1")
        q3 = next(p.unit for p in round_.participants if p.unit.code == "Q3")
        # The round made each participant's (empty) submission; Q1 was returned, Q3 submitted.
        for unit, status in ((q1, "returned"), (q3, "submitted")):
            submission = await session.scalar(
                select(Submission).where(
                    Submission.round_id == round_.id, Submission.unit_id == unit.id
                )
            )
            assert submission is not None
            submission.status = SubmissionStatus(status)
            submission.submitted_at = t0

        def decision(unit_id: int, code: str, kind: str, minutes: int) -> ReviewDecision:
            return ReviewDecision(
                round_id=round_.id,
                unit_id=unit_id,
                indicator_code=code,
                decision=kind,
                comment="x",
                submission_version=1,
                reviewer="evaluator",
                decided_at=t0 + dt.timedelta(minutes=minutes),
            )

        session.add_all(
            [
                decision(q1.id, "1.1", "returned", 5),  # open
                decision(q1.id, "1.2", "returned", -5),  # answered by the resubmission
                decision(q1.id, "1.3", "returned", 1),  # settled again afterwards
                decision(q1.id, "1.3", "accepted", 2),
                decision(q1.id, "2.1", "accepted", 1),  # returned later: open
                decision(q1.id, "2.1", "returned", 3),
                decision(q3.id, "1.1", "accepted", 5),
            ]
        )
        await session.commit()
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.downgrade(alembic_config(c), "0010"))
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
    async with AsyncSession(empty_engine) as session:
        reopened = dict(
            (
                await session.execute(
                    select(Submission.unit_id, Submission.reopened).where(
                        Submission.round_id == round_.id, Submission.unit_id.in_([q1.id, q3.id])
                    )
                )
            ).all()
        )
    assert reopened == {q1.id: ["1.1", "2.1"], q3.id: None}


async def test_stored_import_errors_are_capped_and_counted(empty_engine: AsyncEngine) -> None:
    """0014 keeps the first 1,000 row errors of each stored report and counts all by kind."""
    import json

    errors = [
        {"row": i, "field": "unit_code", "code": "ingest.unknown_unit", "params": {"code": "X"}}
        for i in range(1, 1501)
    ]
    insert = (
        "INSERT INTO ingest_reports (round_id, actor, actor_kind, format, dry_run, status,"
        " received, applied, unchanged, rejected, errors, body_sha256, created_at) VALUES"
        " (7, 'cuc-thue', 'client', 'json', false, 'rejected', 1500, 0, 0, 1500, {errors},"
        " 'x', CURRENT_TIMESTAMP)"
    )
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0011"))
    # The report alone: its round is beside the point (foreign keys off for the insert).
    async with empty_engine.connect() as connection:
        raw = (await connection.get_raw_connection()).driver_connection
        assert raw is not None
        if empty_engine.dialect.name == "postgresql":
            await raw.execute("SET session_replication_role = replica")
            await raw.execute(insert.format(errors="$1"), json.dumps(errors))
            await raw.execute("SET session_replication_role = DEFAULT")
        else:
            # SQLite copies the table on ALTER, foreign keys on: round 7 must exist, as a stub.
            await raw.execute("PRAGMA foreign_keys = OFF")
            columns = await (await raw.execute("PRAGMA table_info(rounds)")).fetchall()
            known = {"id": 7, "phase": "collecting"}
            stub = {c[1]: known.get(c[1], "1") for c in columns if c[3] or c[5]}
            names = ", ".join(stub)
            await raw.execute(
                # Column names read from the table itself; the values are bound parameters.
                f"INSERT INTO rounds ({names}) VALUES ({', '.join('?' * len(stub))})",  # noqa: S608
                tuple(stub.values()),
            )
            await raw.execute(insert.format(errors="?"), (json.dumps(errors),))
            await raw.execute("PRAGMA foreign_keys = ON")
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
        row = (
            await connection.execute(
                text("SELECT errors, error_kinds, errors_total, progress FROM ingest_reports")
            )
        ).one()
    kept, kinds, total, progress = (json.loads(v) if isinstance(v, str) else v for v in row)
    assert len(kept) == 1000
    assert kept[-1]["row"] == 1000
    assert total == 1500
    assert progress == 1500
    assert kinds["ingest.unknown_unit"]["count"] == 1500


async def test_round_schedules_become_times_and_back(empty_engine: AsyncEngine) -> None:
    """0020 turns each stored schedule day into an instant (00:00 or 23:59:59 in the city) and
    gives every round its reference date; the downgrade turns the instants back into days."""
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
    async with AsyncSession(empty_engine, expire_on_commit=False) as session:
        await load_reference(session)
        await load_demo(session, "demo12345", with_values=False)
        await session.commit()
    times = {
        "collecting": {"starts_at": "2023-09-30T17:00:00Z", "ends_at": "2023-11-30T16:59:59Z"},
        "final": {"starts_at": None, "ends_at": "2024-01-15T03:00:00Z"},
    }
    days = {
        "collecting": {"starts_on": "2023-10-01", "ends_on": "2023-11-30"},
        "final": {"starts_on": None, "ends_on": "2024-01-15"},
    }

    async def stored(connection: Any) -> Any:
        value = await connection.scalar(text("SELECT schedule FROM rounds WHERE year = 2023"))
        return json.loads(value) if isinstance(value, str) else value

    async with empty_engine.begin() as connection:
        await connection.execute(update(Round).where(Round.year == 2023).values(schedule=times))
        await connection.run_sync(lambda c: command.downgrade(alembic_config(c), "0016"))
        assert await stored(connection) == days
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
        # A day's end is 23:59:59 there: 15 January 10:00 in the city became the whole day.
        assert await stored(connection) == {
            **times,
            "final": {"starts_at": None, "ends_at": "2024-01-15T16:59:59Z"},
        }
        reference = await connection.scalar(
            text("SELECT reference_date FROM rounds WHERE year = 2023")
        )
    assert str(reference) == "2023-12-31"
