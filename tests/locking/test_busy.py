"""A busy database answers 503 with Retry-After (problem+json, Vietnamese and English), never
500, and keeps nothing of the request: SQLite's "database is locked", PostgreSQL's lock and
statement timeouts, serialization failures, deadlocks, and a connection pool that ran dry."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, make_url, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from api.assessments.models import ElementValue, Submission
from api.core.errors import database_busy
from tests.support import database
from tests.support.http import app_of, assessment_url
from tests.support.live import live_app, live_client, user_headers

PROBLEM = "application/problem+json"


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"pg error {sqlstate}")
        self.sqlstate = sqlstate


BUSY = {
    "sqlite-locked": OperationalError(
        "UPDATE x", {}, sqlite3.OperationalError("database is locked")
    ),
    "pg-lock-timeout": OperationalError("SELECT", {}, _PgError("55P03")),
    "pg-statement-timeout": DBAPIError("SELECT", {}, _PgError("57014")),
    "pg-serialization": DBAPIError("UPDATE", {}, _PgError("40001")),
    "pg-deadlock": DBAPIError("UPDATE", {}, _PgError("40P01")),
    "pool-timeout": PoolTimeout("QueuePool limit of size 5 overflow 10 reached"),
}
NOT_BUSY = {
    "sqlite-no-table": OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x")),
    "pg-unique": DBAPIError("INSERT", {}, _PgError("23505")),
}


@pytest.mark.parametrize("name", sorted(BUSY))
def test_busy_errors_are_recognised(name: str) -> None:
    assert database_busy(BUSY[name])


@pytest.mark.parametrize("name", sorted(NOT_BUSY))
def test_other_database_errors_are_not_busy(name: str) -> None:
    assert not database_busy(NOT_BUSY[name])


async def test_busy_is_503_with_retry_after_and_anything_else_500(
    own_app_client: AsyncClient,
) -> None:
    app = app_of(own_app_client)

    async def raise_busy() -> None:
        raise BUSY["sqlite-locked"]

    async def raise_other() -> None:
        raise NOT_BUSY["sqlite-no-table"]

    app.add_api_route("/busy", raise_busy)
    app.add_api_route("/broken", raise_other)

    busy = await own_app_client.get("/busy")
    assert busy.status_code == 503
    assert busy.headers["content-type"] == PROBLEM
    assert int(busy.headers["retry-after"]) > 0
    assert busy.json()["code"] == "db.busy"
    assert "thử lại" in busy.json()["detail"]
    english = await own_app_client.get("/busy", headers={"Accept-Language": "en"})
    assert "retry" in english.json()["detail"]

    broken = await own_app_client.get("/broken")
    assert broken.status_code == 500
    assert broken.json()["code"] == "http.internal"


async def _rows(app: FastAPI) -> tuple[int | None, ...]:
    async with app.state.session_factory() as session:
        return tuple(
            [
                await session.scalar(select(func.count()).select_from(model))
                for model in (ElementValue, Submission)
            ]
        )


@contextmanager
def _sqlite_write_lock(app: FastAPI) -> Iterator[None]:
    """Another process's writer holding SQLite's database-wide lock."""
    path = make_url(app.state.settings.database_url).database
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


async def test_a_save_behind_a_held_lock_is_503_and_keeps_nothing(
    database_url: str, tmp_path: Path
) -> None:
    async with (
        live_app(database_url, tmp_path, db_busy_timeout_seconds=0.2) as app,
        live_client(app) as client,
    ):
        editor = await user_headers(app, "q1.editor")
        before = await _rows(app)
        url = f"{assessment_url()}/answers/1.4"
        if database.is_postgresql(database_url):
            async with app.state.engine.connect() as other:
                await other.execute(text("LOCK TABLE submissions IN ACCESS EXCLUSIVE MODE"))
                busy = await client.put(
                    url, json={"inputs": {"value": True}}, headers={**editor, "If-Match": "*"}
                )
                await other.rollback()
        else:
            with _sqlite_write_lock(app):
                # Reads never wait for the write lock.
                read = await client.get(f"{assessment_url()}/assessment", headers=editor)
                assert read.status_code == 200
                busy = await client.put(
                    url, json={"inputs": {"value": True}}, headers={**editor, "If-Match": "*"}
                )
        assert busy.status_code == 503, busy.text
        assert busy.headers["content-type"] == PROBLEM
        assert busy.headers["retry-after"]
        assert busy.json()["code"] == "db.busy"
        assert await _rows(app) == before
        # Once the lock is gone the same save goes through.
        again = await client.put(
            url, json={"inputs": {"value": True}}, headers={**editor, "If-Match": "*"}
        )
        assert again.status_code == 200, again.text
