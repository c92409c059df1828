"""A deadline day: reading and saving one unit's assessment costs the same in a round of 5 units
as in a round of 50 (a bounded number of SQL statements, the roster never read), and the live
preview still equals what a run over the whole round gives."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.assessments.models import ElementValue
from api.auth import service as auth
from api.core.principal import Role
from api.core.sqlite_driver import statements_inline
from api.frameworks import compiled
from api.results import service as results
from api.results.adapter import PeerValues
from api.rounds import service as rounds
from api.rounds.models import Phase
from api.scoring import round_points
from api.seed.demo_values import seed_round_values
from api.units import service as units
from tests.support.auth import Headers, Tokens
from tests.support.builders import acting_as
from tests.support.database import sqlite_trips
from tests.support.http import AppFactory

SHARED = "CAP-X"  # the unit taking part in both rounds, whose editor reads and saves
# The seed framework's indicators scored relative to the best of the group.
RELATIVE = (
    "3.3",
    "6.8",
    "8.3",
)  # the unit taking part in both rounds, whose editor reads and saves


@dataclass
class Statements:
    sql: list[str] = field(default_factory=list)

    def roster_reads(self) -> list[str]:
        """Statements reading the round's participants other than the one unit's row or the
        group's values of group-relative elements."""
        return [
            s
            for s in self.sql
            if "round_units" in s and "units.code =" not in s and "element_values" not in s
        ]


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[Statements]:
    found = Statements()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            found.sql.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def _round_of(session: AsyncSession, size: int, tag: str) -> int:
    """A collecting round of the shared unit and ``size - 1`` others, every unit valued."""
    async with acting_as(session, "admin"):
        codes = [SHARED]
        for i in range(size - 1):
            code = f"CAP-{tag}{i:02d}"
            await units.create_unit(
                session=session,
                data={
                    "code": code,
                    "name_vi": f"Đơn vị {code}",
                    "name_en": f"Unit {code}",
                    "kind": "district",
                    "groups": ["QH"],
                },
            )
            codes.append(code)
        round_ = await rounds.create(
            session=session,
            actor_id=None,
            year=2030,
            title_vi=f"Vòng {tag}",
            title_en=f"Round {tag}",
            framework_id=1,
            groups=["QH"],
            unit_codes=codes,
            schedule={},
            is_demo=False,
        )
        await seed_round_values(
            session=session, round_=round_, seed=3, unit_codes=None, share=1.0, submitted=False
        )
        await rounds.move_phase(
            session=session, round_id=round_.id, target=Phase.collecting, actor_id=None, note=None
        )
        return round_.id


async def _two_rounds(session: AsyncSession, tokens: Tokens) -> tuple[int, int, Headers]:
    async with acting_as(session, "admin"):
        await units.create_unit(
            session=session,
            data={
                "code": SHARED,
                "name_vi": "Đơn vị chung",
                "name_en": "Shared unit",
                "kind": "district",
                "groups": ["QH"],
            },
        )
        await auth.create_user(
            session=session,
            username="cap.editor",
            full_name="Biên tập",
            roles=[Role.unit_editor],
            unit_code=SHARED,
            email=None,
            rules=None,
            password="capacity-password",
        )
    small = await _round_of(session, 5, "S")
    large = await _round_of(session, 50, "L")
    return small, large, await tokens.user("cap.editor")


def _url(round_id: int, unit: str = SHARED) -> str:
    return f"/api/v1/rounds/{round_id}/units/{unit}"


async def _read(
    client: AsyncClient, session: AsyncSession, engine: AsyncEngine, url: str, who: Headers
) -> Statements:
    session.expunge_all()  # as a fresh request's session: nothing already loaded
    with counting(engine) as statements:
        response = await client.get(f"{url}/assessment", headers=who)
    assert response.status_code == 200, response.text
    return statements


async def test_the_view_reads_a_bounded_number_of_statements_whatever_the_round_size(
    client: AsyncClient,
    session: AsyncSession,
    engine: AsyncEngine,
    tokens: Tokens,
    evaluator: Headers,
) -> None:
    small, large, editor = await _two_rounds(session, tokens)
    for who in (editor, evaluator):
        # Warm: the compiled framework, and each group's values of its group-relative elements
        # (kept a few seconds, adapter.PeerValues).
        await _read(client, session, engine, _url(small), who)
        await _read(client, session, engine, _url(large), who)
        in_small = await _read(client, session, engine, _url(small), who)
        in_large = await _read(client, session, engine, _url(large), who)
        assert len(in_small.sql) == len(in_large.sql)
        assert len(in_large.sql) <= 16, in_large.sql
        assert in_large.roster_reads() == []


async def test_a_save_runs_a_bounded_number_of_statements_whatever_the_round_size(
    client: AsyncClient, session: AsyncSession, engine: AsyncEngine, tokens: Tokens
) -> None:
    small, large, editor = await _two_rounds(session, tokens)
    counts = []
    sqls: list[list[str]] = []
    # The first save of each round makes the answer's note row; the second only changes it.
    for n, round_id in enumerate((small, small, large, large)):
        url = _url(round_id)
        read = await client.get(f"{url}/assessment", headers=editor)
        body = read.json()
        answer = next(a for a in body["answers"] if a["indicator_code"] == "1.2")
        session.expunge_all()
        with counting(engine) as statements:
            saved = await client.put(
                f"{url}/answers/{answer['indicator_code']}",
                headers={**editor, "If-Match": read.headers["etag"]},
                json={"inputs": {"value": 7 + n}, "note": f"lần {n}"},
            )
        assert saved.status_code == 200, saved.text
        assert statements.roster_reads() == []
        counts.append(len(statements.sql))
        sqls.append(statements.sql)
    assert counts[1] == counts[3], sqls[3]
    assert counts[3] <= 24


async def test_the_preview_equals_a_run_over_the_whole_round(
    client: AsyncClient, session: AsyncSession, tokens: Tokens, evaluator: Headers
) -> None:
    # The seed framework scores three indicators relative to the best of the group: a unit's
    # points there depend on the other units' values, which the view reads for those alone.
    _, large, _ = await _two_rounds(session, tokens)
    round_ = await rounds.get(session=session, round_id=large)
    run = await results.compute(session=session, round_=round_)
    relative = RELATIVE
    compared = 0
    for unit in [SHARED, *(f"CAP-L{i:02d}" for i in range(49))]:  # every unit of the round
        body = (await client.get(f"{_url(large, unit)}/assessment", headers=evaluator)).json()
        expected = run.unit(unit)
        assert body["preview"]["points"] == str(round_points(expected.total.points))
        for a in body["answers"]:
            assert a["points"] == str(round_points(expected.node(a["indicator_code"]).points))
            compared += a["indicator_code"] in relative and a["points"] not in ("0.00", "25.00")
        for pillar in body["preview"]["pillars"]:
            assert pillar["points"] == str(round_points(expected.node(pillar["code"]).points))
    assert compared > 0, "no group-relative indicator between 0 and the max was compared"


async def test_the_preview_sees_another_units_change_once_the_group_values_expire(
    make_client: AppFactory, app: FastAPI, session: AsyncSession, tokens: Tokens
) -> None:
    """The group's values of group-relative elements are kept a few seconds per app (a deadline
    day's reloads cost no group-sized query each): the unit's own change shows at once, another
    unit's once they expire."""
    client = await make_client(preview_peers_seconds=5)
    now = [1000.0]
    app.state.peer_values = PeerValues(ttl=5, clock=lambda: now[0])
    small, _, editor = await _two_rounds(session, tokens)
    url = _url(small)

    async def relative_points() -> list[str]:
        body = (await client.get(f"{url}/assessment", headers=editor)).json()
        return [a["points"] for a in body["answers"] if a["indicator_code"] in RELATIVE]

    before = await relative_points()
    # Another unit of the group becomes the best at every group-relative element.
    round_ = await rounds.get(session=session, round_id=small)
    framework = await compiled.load(session=session, framework=round_.framework)
    other = next(p.unit for p in round_.participants if p.unit.code != SHARED)
    elements = sorted(framework.relative_elements["QH"])
    for code in elements:
        element = framework.elements[code]
        best = Decimal(element.max) if element.max is not None else Decimal(10**6)
        await session.execute(
            update(ElementValue)
            .where(
                ElementValue.round_id == small,
                ElementValue.unit_id == other.id,
                ElementValue.element_code == code,
            )
            .values(value=int(best) if element.value_type == "integer" else str(best))
        )
    assert await relative_points() == before, "kept: the other unit's change is not read yet"
    now[0] += 5
    after = await relative_points()
    assert after != before, "expired: the group's values are read again"


async def test_the_assessments_statements_run_inline_for_the_request_only(
    client: AsyncClient,
    session: AsyncSession,
    engine: AsyncEngine,
    tokens: Tokens,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On SQLite, the view's and the save's statements (short, on one unit's rows) make no trip
    to SQLite's thread (api.core.sqlite_driver); the flag ends with the request."""
    if engine.dialect.name != "sqlite":
        pytest.skip("only SQLite's driver has a thread of its own to keep statements off")
    small, _, editor = await _two_rounds(session, tokens)
    url = _url(small)
    await client.get(f"{url}/assessment", headers=editor)  # warm the caches
    trips = sqlite_trips(monkeypatch)
    read = await client.get(f"{url}/assessment", headers=editor)
    assert read.status_code == 200, read.text
    saved = await client.put(
        f"{url}/answers/1.2",
        headers={**editor, "If-Match": read.headers["etag"]},
        json={"inputs": {"value": 9}, "note": "inline"},
    )
    assert saved.status_code == 200, saved.text
    # The test's session holds the write lock already, so each request made one trip: the end
    # of its unit of work, after the endpoint (a savepoint's release here; in production a
    # read's commit, inline too, or a write's, synced on SQLite's thread).
    assert trips == ["on_sqlite_thread", "on_sqlite_thread"]
    assert not statements_inline()
    # Outside an assessment's request, statements go to SQLite's thread as before.
    await client.get("/api/v1/units", headers=editor)
    assert trips
