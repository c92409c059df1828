"""What the audit screen reads (admin only): filtered pages, the filters' values, one object's
timeline, the CSV export of the filtered events (never formulas), and the chain's verification."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.core.database import utcnow
from tests.support.auth import Headers, Tokens
from tests.support.problems import assert_problem

EVENTS = "/api/v1/audit-events"
REFUSED = ["evaluator", "approver", "q1.editor", "q1.head", "viewer", "cuc-thue.staff"]


async def make_client(client: AsyncClient, admin: Headers, client_id: str, **headers: str) -> None:
    response = await client.post(
        "/api/v1/api-clients",
        json={
            "client_id": client_id,
            "name": f'=HYPERLINK("http://evil.example/{client_id}")',
            "unit_code": "CUC-THUE",
            "scopes": [{"element_code": "E-8.1-a", "unit_code": "*"}],
        },
        headers={**admin, **headers},
    )
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    "path", [EVENTS, f"{EVENTS}/facets", f"{EVENTS}/export.csv", f"{EVENTS}/verify"]
)
async def test_only_an_admin_reads_the_audit_trail(
    client: AsyncClient, tokens: Tokens, admin: Headers, path: str
) -> None:
    callers = [await tokens.user(name) for name in REFUSED] + [await tokens.client("cuc-thue")]
    for headers in callers:
        assert_problem(await client.get(path, headers=headers), 403)
    assert_problem(await client.get(path), 401)
    assert (await client.get(path, headers=admin)).status_code == 200


async def test_events_filter_by_actor_action_object_and_time(
    client: AsyncClient, admin: Headers
) -> None:
    start = utcnow()
    await make_client(client, admin, "audit-a")
    await make_client(client, admin, "audit-b")
    await client.patch("/api/v1/api-clients/audit-a", json={"is_active": False}, headers=admin)
    end = utcnow() + dt.timedelta(seconds=1)

    def query(**params: Any) -> dict[str, Any]:
        return {"since": start.isoformat(), "until": end.isoformat(), **params}

    window = (await client.get(EVENTS, params=query(), headers=admin)).json()
    assert [(e["action"], e["object_id"]) for e in window["items"]] == [
        ("client.disable", "audit-a"),
        ("client.create", "audit-b"),
        ("client.create", "audit-a"),
    ]
    created = await client.get(EVENTS, params=query(action="client.create"), headers=admin)
    assert created.json()["total"] == 2
    timeline = await client.get(
        EVENTS, params={"object_type": "api_client", "object_id": "audit-a"}, headers=admin
    )
    items = timeline.json()["items"]
    assert [e["action"] for e in items] == ["client.disable", "client.create"]
    assert items[0]["before"]["is_active"] is True
    assert items[0]["after"]["is_active"] is False
    by_actor = await client.get(EVENTS, params=query(actor="evaluator"), headers=admin)
    assert by_actor.json()["total"] == 0
    assert (await client.get(EVENTS, params=query(actor="admin"), headers=admin)).json()[
        "total"
    ] == 3
    later = await client.get(EVENTS, params={"since": end.isoformat()}, headers=admin)
    assert later.json()["total"] == 0
    paged = await client.get(EVENTS, params=query(limit=1, offset=1), headers=admin)
    assert paged.json()["total"] == 3
    assert [e["object_id"] for e in paged.json()["items"]] == ["audit-b"]


async def test_facets_list_what_the_trail_holds(client: AsyncClient, admin: Headers) -> None:
    await make_client(client, admin, "audit-a")
    facets = (await client.get(f"{EVENTS}/facets", headers=admin)).json()
    assert "client.create" in facets["actions"]
    assert facets["actions"] == sorted(set(facets["actions"]))
    assert {"api_client", "user", "framework"} <= set(facets["object_types"])
    assert {"admin", "system"} <= set(facets["actors"])


def read_csv(content: bytes) -> list[dict[str, str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads Vietnamese as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


async def test_the_csv_export_holds_the_filtered_events_and_no_formula(
    client: AsyncClient, admin: Headers
) -> None:
    await make_client(client, admin, "audit-a", **{"X-Request-ID": "-1-1"})
    await make_client(client, admin, "audit-b")
    response = await client.get(
        f"{EVENTS}/export.csv",
        params={"object_type": "api_client", "object_id": "audit-a"},
        headers=admin,
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment;")
    rows = read_csv(response.content)
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == [
        "id",
        "at",
        "actor",
        "actor_kind",
        "action",
        "object_type",
        "object_id",
        "before",
        "after",
        "request_id",
        "hash",
    ]
    assert (row["actor"], row["action"], row["object_id"]) == ("admin", "client.create", "audit-a")
    assert row["request_id"] == "'-1-1"  # would be a formula: kept as text
    after = json.loads(row["after"])
    assert after["name"] == '=HYPERLINK("http://evil.example/audit-a")'  # inside JSON: inert
    assert row["before"] == ""
    listed = (await client.get(EVENTS, params={"object_id": "audit-a"}, headers=admin)).json()[
        "items"
    ][0]
    assert row["hash"] == listed["hash"]
    assert int(row["id"]) == listed["id"]


async def test_the_csv_export_holds_every_event_newest_first(
    client: AsyncClient, admin: Headers
) -> None:
    every = (await client.get(EVENTS, params={"limit": 1}, headers=admin)).json()["total"]
    rows = read_csv((await client.get(f"{EVENTS}/export.csv", headers=admin)).content)
    ids = [int(r["id"]) for r in rows]
    assert len(ids) == every > 10
    assert ids == sorted(ids, reverse=True)


async def test_the_export_reads_batch_after_batch(session: AsyncSession) -> None:
    """By id, not offset: every event once, newest first, however the batches fall."""
    where = audit.EventFilter(actor="system")
    found, _ = await audit.list_events(session=session, limit=500, offset=0, actor="system")
    expected = [e.id for e in found]
    assert len(expected) > 10
    batches = [
        [e.id for e in rows]
        async for rows in audit.event_batches(session=session, where=where, batch=3)
    ]
    assert all(len(b) == 3 for b in batches[:-1])
    assert [i for b in batches for i in b] == expected


async def test_verify_reports_the_chain(client: AsyncClient, admin: Headers) -> None:
    await make_client(client, admin, "audit-a")
    result = (await client.get(f"{EVENTS}/verify", headers=admin)).json()
    assert result["ok"] is True
    assert result["reason"] is None
    total = (await client.get(EVENTS, params={"limit": 1}, headers=admin)).json()["total"]
    assert result["checked"] == total
