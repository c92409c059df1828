"""Publishing: only a final run, numbered versions with reasons, immutable rows, and the round
reaching `published` only this way."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from api.publications.models import Publication
from api.publications.schemas import PublicationOut
from api.rounds.models import Phase
from tests.support import builders
from tests.support.http import PUBLIC, ROUND, app_of, move, publish, run
from tests.support.problems import assert_problem, fields


def content_hash(document: dict[str, Any]) -> str:
    """The hash as documented: canonical JSON (sorted keys, no spaces, UTF-8) without the field."""
    rest = {k: v for k, v in document.items() if k != "content_hash"}
    canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def test_publishing_a_final_run_makes_v1_and_the_round_published(
    client: AsyncClient,
    session: AsyncSession,
    valued_round: int,
    evaluator: dict[str, str],
    approver: dict[str, str],
) -> None:
    assert await builders.move(session, "reviewing", "preliminary", "final") == Phase.final
    draft = await builders.score_run(session, "draft")
    final = await builders.score_run(session, "final")

    direct = await client.post(f"{ROUND}/phase", json={"phase": "published"}, headers=approver)
    assert_problem(direct, 409, "round.publish_via_publication")
    by_evaluator = await client.post(
        f"{ROUND}/publications", json={"score_run_id": final.id}, headers=evaluator
    )
    assert_problem(by_evaluator, 403, "auth.forbidden_role")
    not_final = await client.post(
        f"{ROUND}/publications", json={"score_run_id": draft.id}, headers=approver
    )
    assert_problem(not_final, 409, "publication.run_not_final")
    unknown = await client.post(
        f"{ROUND}/publications", json={"score_run_id": 999999}, headers=approver
    )
    assert fields(assert_problem(unknown, 422, "results.run_not_found")) == ["score_run_id"]
    other_round = await client.post(
        "/api/v1/rounds/2/publications", json={"score_run_id": final.id}, headers=approver
    )
    assert fields(assert_problem(other_round, 422, "results.run_other_round")) == ["score_run_id"]
    before = await client.get(f"{PUBLIC}/rounds/1/results")
    assert_problem(before, 404, "publication.not_found")
    for path in ("results.csv", "results/detail", "framework"):  # nothing public before publishing
        assert_problem(await client.get(f"{PUBLIC}/rounds/1/{path}"), 404, "publication.not_found")

    v1 = await publish(client, approver, final.id)
    assert v1["version"] == 1
    assert v1["reason"] is None
    assert len(v1["content_hash"]) == 64
    assert v1["published_by"] == "approver"
    round_ = (await client.get(ROUND, headers=approver)).json()
    assert round_["phase"] == "published"

    again = await client.post(
        f"{ROUND}/publications", json={"score_run_id": final.id}, headers=approver
    )
    assert_problem(again, 409, "publication.phase")  # a correction reopens the round first
    results = (await client.get(f"{PUBLIC}/rounds/1/results")).json()
    assert results["version"] == 1
    assert results["content_hash"] == v1["content_hash"] == content_hash(results)
    assert results["score_run"] == {"id": final.id, "input_hash": final.input_hash}
    assert [g["code"] for g in results["groups"]] == ["SBN", "QH"]
    history = await client.get(f"{ROUND}/phase-history", headers=approver)
    assert [h["to_phase"] for h in history.json()][-1] == "published"


async def test_a_correction_is_a_new_version_with_a_reason_and_v1_stays(
    client: AsyncClient,
    published: PublicationOut,
    evaluator: dict[str, str],
    approver: dict[str, str],
    viewer: dict[str, str],
) -> None:
    v1_bytes = (await client.get(f"{PUBLIC}/rounds/1/results")).content
    v1_csv = (await client.get(f"{PUBLIC}/rounds/1/results.csv")).content
    early = await client.post(f"{ROUND}/score-runs", json={"kind": "final"}, headers=evaluator)
    assert_problem(early, 409, "results.run_phase")  # reopen first
    await move(client, approver, "final")
    unchanged = await client.post(
        f"{ROUND}/publications",
        json={"score_run_id": published.score_run_id, "reason": "Không có gì mới"},
        headers=approver,
    )
    assert_problem(unchanged, 409, "publication.same_run")
    still = await client.get(f"{PUBLIC}/rounds/1/results")
    assert still.content == v1_bytes  # the public keeps reading v1 while DIC corrects
    adjusted = await client.post(
        f"{ROUND}/units/Q1/reviews/1.1",
        json={"decision": "adjusted", "points": "5", "comment": "Biên bản không hợp lệ"},
        headers=evaluator,
    )
    assert adjusted.status_code in (200, 201), adjusted.text
    stale = await client.post(
        f"{ROUND}/publications",
        json={"score_run_id": published.score_run_id, "reason": "Đính chính"},
        headers=approver,
    )
    assert_problem(stale, 409, "publication.run_stale")  # made before the adjustment
    older = await run(client, evaluator)
    corrected = await run(client, evaluator)
    superseded = await client.post(
        f"{ROUND}/publications",
        json={"score_run_id": older["id"], "reason": "Đính chính"},
        headers=approver,
    )
    assert_problem(superseded, 409, "publication.run_stale")  # a newer final run exists

    no_reason = await client.post(
        f"{ROUND}/publications", json={"score_run_id": corrected["id"]}, headers=approver
    )
    assert fields(assert_problem(no_reason, 422, "publication.reason_required")) == ["reason"]
    blank = await client.post(
        f"{ROUND}/publications",
        json={"score_run_id": corrected["id"], "reason": "   "},
        headers=approver,
    )
    assert_problem(blank, 422, "publication.reason_required")
    v2 = await publish(client, approver, corrected["id"], "Đính chính điểm chỉ số 1.1 của Quận 1")
    assert v2["version"] == 2
    assert v2["content_hash"] != published.content_hash

    latest = (await client.get(f"{PUBLIC}/rounds/1/results")).json()
    assert latest["version"] == 2
    assert latest["reason"] == "Đính chính điểm chỉ số 1.1 của Quận 1"
    q1 = next(r for g in latest["groups"] for r in g["rankings"] if r["unit_code"] == "Q1")
    pillar_1 = next(p for p in q1["pillars"] if p["code"] == "1")
    v1_doc = json.loads(v1_bytes)
    old_q1 = next(r for g in v1_doc["groups"] for r in g["rankings"] if r["unit_code"] == "Q1")
    old_pillar_1 = next(p for p in old_q1["pillars"] if p["code"] == "1")
    assert pillar_1["points"] != old_pillar_1["points"]  # 1.1 is 0, 10 or 20 by choice, now 5
    # v1 is still there, byte for byte, in every format.
    old = await client.get(f"{PUBLIC}/rounds/1/results", params={"version": 1})
    assert old.content == v1_bytes
    assert old.headers["cache-control"] == "public, max-age=31536000, immutable"
    old_csv = await client.get(f"{PUBLIC}/rounds/1/results.csv", params={"version": 1})
    assert old_csv.content == v1_csv
    missing = await client.get(f"{PUBLIC}/rounds/1/results", params={"version": 3})
    assert_problem(missing, 404, "publication.version_not_found")

    listed = (await client.get(f"{ROUND}/publications", headers=evaluator)).json()
    assert [(p["version"], p["reason"]) for p in listed] == [
        (2, "Đính chính điểm chỉ số 1.1 của Quận 1"),
        (1, None),
    ]
    viewer_list = (await client.get(f"{ROUND}/publications", headers=viewer)).json()
    assert all(p["published_by"] is None for p in viewer_list)
    rounds = (await client.get(f"{PUBLIC}/rounds")).json()
    mine = next(item for item in rounds["items"] if item["id"] == 1)
    assert mine["latest"]["version"] == 2
    assert [v["version"] for v in mine["versions"]] == [2, 1]


async def test_no_endpoint_and_no_statement_can_alter_a_publication(
    client: AsyncClient,
    session: AsyncSession,
    published: PublicationOut,
    admin: dict[str, str],
) -> None:
    before = (await client.get(f"{PUBLIC}/rounds/1/results")).content
    # The only write the API has on publications is creating the next one.
    writes = [
        (method.upper(), path)
        for path, operations in app_of(client).openapi()["paths"].items()
        if "publications" in path or path.startswith("/api/v1/public")
        for method in operations
        if method not in ("get", "head")
    ]
    assert writes == [("POST", "/api/v1/rounds/{round_id}/publications")]
    for method in ("PUT", "PATCH", "DELETE"):
        for path in (f"{ROUND}/publications", f"{PUBLIC}/rounds/1/results"):
            response = await client.request(method, path, headers=admin, json={"reason": "x"})
            assert response.status_code == 405, (method, path, response.status_code)
    deleting_round = await client.delete(ROUND, headers=admin)
    assert_problem(deleting_round, 409, "round.delete_not_draft")

    # Not even SQL gets through: the database refuses to change or remove a published row.
    for statement in (
        update(Publication).values(content_hash="0" * 64),
        update(Publication).values(document=b"{}"),
        delete(Publication),
    ):
        with pytest.raises(DBAPIError, match="immutable"):
            async with session.begin_nested():
                await session.execute(statement)
    with pytest.raises(DBAPIError, match="immutable"):
        async with session.begin_nested():
            await session.execute(text("DELETE FROM publications"))
    assert (await client.get(f"{PUBLIC}/rounds/1/results")).content == before


async def test_the_demo_2023_round_is_published_by_a_publication(client: AsyncClient) -> None:
    rounds = (await client.get(f"{PUBLIC}/rounds")).json()
    # Two rounds are published: the units' 2023 assessment and the City's provincial DTI 2022.
    assert sorted(tuple(item["groups"]) for item in rounds["items"]) == [("QH", "SBN"), ("TP",)]
    demo = next(item for item in rounds["items"] if item["groups"] == ["QH", "SBN"])
    assert demo["is_demo"] is True
    assert demo["latest"]["version"] == 1
    results = (await client.get(f"{PUBLIC}/rounds/{demo['id']}/results")).json()
    assert results["round"]["is_demo"] is True
    assert {g["code"] for g in results["groups"]} == {"SBN", "QH"}
