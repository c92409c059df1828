"""Auto-advance: a round that says so moves to its next phase when that phase's scheduled start
comes, by the job runner's periodic task; once per phase, however often the task runs, and never
against a move made by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.settings import Settings
from api.jobs.runner import InProcessRunner, JobEnv
from api.main import build_registry
from api.rounds import jobs
from tests.rounds.test_rounds import ROUNDS, create_round, move

NOW = dt.datetime(2025, 4, 1, 2, 0, tzinfo=dt.UTC)  # 09:00 in the city


def env_of(session: AsyncSession) -> JobEnv:
    """The task's sessions are the test's (its commits become savepoints)."""

    @asynccontextmanager
    async def shared() -> AsyncIterator[AsyncSession]:
        yield session

    return JobEnv(shared, Settings())


SCHEDULE = {
    "collecting": {"starts_at": "2025-04-01T08:00:00+07:00", "ends_on": "2025-11-30"},
    "reviewing": {"starts_on": "2025-12-01", "ends_on": "2025-12-20"},
}


async def history(client: AsyncClient, headers: dict[str, str], round_id: int) -> list[Any]:
    response = await client.get(f"{ROUNDS}/{round_id}/phase-history", headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json())


async def phase(client: AsyncClient, headers: dict[str, str], round_id: int) -> str:
    return str((await client.get(f"{ROUNDS}/{round_id}", headers=headers)).json()["phase"])


async def test_the_periodic_task_run_twice_moves_the_round_once(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str], admin: dict[str, str]
) -> None:
    # Collecting is due (the real clock is past 1 April 2025); reviewing is not.
    schedule = {**SCHEDULE, "reviewing": {"starts_on": "2099-12-01"}}
    created = await create_round(client, approver, schedule=schedule, auto_advance=True)
    [task] = [p for p in build_registry(Settings()).periodic if p.name == jobs.AUTO_ADVANCE]
    env = env_of(session)
    # As the runner calls it, twice.
    await task.run(env)
    await task.run(env)
    assert await phase(client, approver, created["id"]) == "collecting"
    [change] = await history(client, approver, created["id"])
    assert (change["from_phase"], change["to_phase"]) == ("draft", "collecting")
    assert (change["changed_by"], change["automatic"]) == (None, True)

    events = (
        await client.get(
            "/api/v1/audit-events",
            params={"action": "round.phase", "object_id": str(created["id"])},
            headers=admin,
        )
    ).json()["items"]
    assert [(e["actor"], e["after"]) for e in events] == [
        ("system", {"phase": "collecting", "note": None, "automatic": True})
    ]


async def test_a_due_time_taken_by_one_worker_moves_once(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str]
) -> None:
    schedule = {**SCHEDULE, "reviewing": {"starts_on": "2099-12-01"}}
    created = await create_round(client, approver, schedule=schedule, auto_advance=True)
    registry = build_registry(Settings())
    [task] = [p for p in registry.periodic if p.name == jobs.AUTO_ADVANCE]
    env = env_of(session)
    workers = [InProcessRunner(registry, lambda: env, scheduler=True) for _ in range(2)]
    due = dt.datetime(2026, 12, 5, 1, 0, tzinfo=dt.UTC)
    assert [await w.run_tick(task, due) for w in workers] == [True, False]
    assert len(await history(client, approver, created["id"])) == 1


async def test_a_round_moves_only_when_its_next_phase_starts(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str]
) -> None:
    created = await create_round(client, approver, schedule=SCHEDULE, auto_advance=True)
    factory = env_of(session).session_factory
    before = NOW - dt.timedelta(hours=1, seconds=1)  # 07:59:59 in the city
    assert created["id"] not in await jobs.advance(factory, now=before)
    assert await phase(client, approver, created["id"]) == "draft"
    assert created["id"] in await jobs.advance(factory, now=NOW)
    # One step per phase start: reviewing starts on 1 December.
    assert created["id"] not in await jobs.advance(factory, now=NOW + dt.timedelta(days=30))
    assert await phase(client, approver, created["id"]) == "collecting"
    december = dt.datetime(2025, 11, 30, 17, 0, tzinfo=dt.UTC)  # 00:00 on 1 December there
    assert created["id"] in await jobs.advance(factory, now=december)
    assert await phase(client, approver, created["id"]) == "reviewing"
    # Preliminary has no start in the schedule: the round waits for a hand.
    assert created["id"] not in await jobs.advance(factory, now=december + dt.timedelta(days=60))


async def test_rounds_without_the_switch_stay(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str]
) -> None:
    created = await create_round(client, approver, schedule=SCHEDULE)
    factory = env_of(session).session_factory
    assert created["id"] not in await jobs.advance(factory, now=NOW)
    assert await phase(client, approver, created["id"]) == "draft"
    response = await client.patch(
        f"{ROUNDS}/{created['id']}", json={"auto_advance": True}, headers=approver
    )
    assert response.status_code == 200
    assert created["id"] in await jobs.advance(factory, now=NOW)


async def test_a_move_back_by_hand_sticks(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str]
) -> None:
    created = await create_round(client, approver, schedule=SCHEDULE, auto_advance=True)
    factory = env_of(session).session_factory
    december = dt.datetime(2025, 12, 2, tzinfo=dt.UTC)
    assert created["id"] in await jobs.advance(factory, now=december)
    assert created["id"] in await jobs.advance(factory, now=december)
    assert await phase(client, approver, created["id"]) == "reviewing"
    # DIC reopens collection: the schedule does not push the round on to reviewing again.
    assert (await move(client, approver, created["id"], "collecting")).status_code == 200
    assert created["id"] not in await jobs.advance(factory, now=december)
    assert await phase(client, approver, created["id"]) == "collecting"
    moves = [
        (h["to_phase"], h["automatic"]) for h in await history(client, approver, created["id"])
    ]
    assert moves == [("collecting", True), ("reviewing", True), ("collecting", False)]
