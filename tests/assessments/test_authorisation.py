"""Object-level authorisation over every assessment and evidence endpoint × role × unit.

A unit's staff reach only their own unit; anyone else who may not read an assessment learns
nothing (404); DIC reads every unit but writes none (403); a provider client is not a user (403).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from httpx import AsyncClient, Response

from tests.support.auth import Tokens
from tests.support.files import pdf_bytes
from tests.support.http import assessment_url, put_answer, upload

Action = Callable[[AsyncClient, dict[str, str], str, int], Awaitable[Response]]


async def read_assessment(client: AsyncClient, h: dict[str, str], unit: str, _: int) -> Response:
    return await client.get(f"{assessment_url(unit)}/assessment", headers=h)


async def read_history(client: AsyncClient, h: dict[str, str], unit: str, _: int) -> Response:
    return await client.get(f"{assessment_url(unit)}/answers/1.1/history", headers=h)


async def download(client: AsyncClient, h: dict[str, str], unit: str, evidence: int) -> Response:
    return await client.get(f"/api/v1/evidence/{evidence}", headers=h)


async def save(client: AsyncClient, h: dict[str, str], unit: str, _: int) -> Response:
    return await client.put(
        f"{assessment_url(unit)}/answers/1.4",
        json={"inputs": {"value": True}},
        headers={**h, "If-Match": "*"},
    )


async def attach(client: AsyncClient, h: dict[str, str], unit: str, _: int) -> Response:
    return await upload(client, h, "1.1", pdf_bytes("authz"), unit=unit)


async def detach(client: AsyncClient, h: dict[str, str], unit: str, evidence: int) -> Response:
    return await client.delete(f"{assessment_url(unit)}/evidence/{evidence}", headers=h)


async def submit(client: AsyncClient, h: dict[str, str], unit: str, _: int) -> Response:
    return await client.post(f"{assessment_url(unit)}/submit", headers=h)


READS = {"read": read_assessment, "history": read_history, "download": download}
WRITES = {"save": save, "attach": attach, "detach": detach, "submit": submit}

# Expected status per principal for reads and writes on Q1's assessment (the evidence belongs to
# Q1, so "download" is a read of Q1). "submit" by Q1's staff: the editor may not (403), the head
# reaches the completeness check (422).
EXPECTED: dict[str, dict[str, int]] = {
    "q1.editor": {
        "read": 200,
        "history": 200,
        "download": 200,
        "save": 200,
        "attach": 201,
        "detach": 204,
        "submit": 403,
    },
    "q1.head": {
        "read": 200,
        "history": 200,
        "download": 200,
        "save": 200,
        "attach": 201,
        "detach": 204,
        "submit": 422,
    },
    "so-tttt.editor": dict.fromkeys([*READS, *WRITES], 404),
    "viewer": dict.fromkeys([*READS, *WRITES], 404),
    "evaluator": {**dict.fromkeys(READS, 200), **dict.fromkeys(WRITES, 403)},
    "approver": {**dict.fromkeys(READS, 200), **dict.fromkeys(WRITES, 403)},
    "admin": {**dict.fromkeys(READS, 200), **dict.fromkeys(WRITES, 403)},
    "client:cuc-thue": dict.fromkeys([*READS, *WRITES], 403),
}


async def _headers(tokens: Tokens, principal: str) -> dict[str, str]:
    if principal.startswith("client:"):
        return await tokens.client(principal.removeprefix("client:"))
    return await tokens.user(principal)


@pytest.mark.parametrize("principal", sorted(EXPECTED))
async def test_authorisation_table(client: AsyncClient, tokens: Tokens, principal: str) -> None:
    owner = await tokens.user("q1.editor")
    await put_answer(client, owner, "1.1", {"value": "head"})
    evidence = (await upload(client, owner, "1.1", pdf_bytes("owner"))).json()["id"]
    headers = await _headers(tokens, principal)
    seen = {}
    for name, action in {**READS, **WRITES}.items():
        response = await action(client, headers, "Q1", evidence)
        seen[name] = response.status_code
        if response.status_code >= 400:
            assert response.headers["content-type"] == "application/problem+json"
        if response.status_code in (403, 404):
            assert "answers" not in response.text  # nothing of the assessment leaks
    assert seen == EXPECTED[principal]


@pytest.mark.parametrize("action", sorted({**READS, **WRITES}))
async def test_a_unit_cannot_reach_another_unit(
    client: AsyncClient, tokens: Tokens, action: str
) -> None:
    q1 = await tokens.user("q1.editor")
    other = await tokens.user("so-tttt.editor")
    evidence = (await upload(client, other, "1.1", pdf_bytes("so-tttt"), unit="SO-TTTT")).json()
    target = "SO-TTTT" if action == "download" else "Q3"
    response = await {**READS, **WRITES}[action](client, q1, target, evidence["id"])
    assert response.status_code == 404


async def test_unknown_round_and_non_participant_are_404(
    client: AsyncClient, evaluator: dict[str, str]
) -> None:
    unknown_round = await client.get(f"{assessment_url('Q1', 999)}/assessment", headers=evaluator)
    assert unknown_round.status_code == 404
    # TPHCM does not take part in the demo rounds (group TP).
    outsider = await client.get(f"{assessment_url('TPHCM')}/assessment", headers=evaluator)
    assert outsider.status_code == 404


# Who may not reach an answer learns nothing from its body either: the object-level checks (and
# the version check) come before the body is validated, whatever the body holds.
BAD_BODIES = [{"inputs": "not an object"}, {"note": 5}]


@pytest.mark.parametrize("body", BAD_BODIES)
@pytest.mark.parametrize(
    ("principal", "headers", "status"),
    [
        ("so-tttt.editor", {"If-Match": "*"}, 404),  # another unit's
        ("viewer", {"If-Match": "*"}, 404),
        ("evaluator", {"If-Match": "*"}, 403),  # DIC reads, never writes
        ("q1.editor", {}, 428),  # no version: which one would it overwrite?
        ("q1.editor", {"If-Match": '"assessment-1-Q1-v99"'}, 412),
        ("q1.editor", {"If-Match": "*"}, 422),  # the body is looked at last
    ],
)
async def test_saving_checks_the_caller_and_version_before_the_body(
    client: AsyncClient,
    tokens: Tokens,
    principal: str,
    headers: dict[str, str],
    status: int,
    body: dict[str, object],
) -> None:
    caller = await tokens.user(principal)
    response = await client.put(
        f"{assessment_url('Q1')}/answers/1.4", json=body, headers={**caller, **headers}
    )
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("path", "principal", "status"),
    [
        ("reviews/1.1", "q1.editor", 403),  # a unit does not review
        ("reviews/1.1", "so-tttt.editor", 403),
        ("answers/1.1/comments", "so-tttt.editor", 404),  # nor reads another unit's thread
        ("feedback", "so-tttt.editor", 404),
    ],
)
async def test_review_and_feedback_check_the_caller_before_the_body(
    client: AsyncClient, tokens: Tokens, path: str, principal: str, status: int
) -> None:
    caller = await tokens.user(principal)
    response = await client.post(
        f"{assessment_url('Q1')}/{path}", json={"decision": 5, "body": []}, headers=caller
    )
    assert response.status_code == status, response.text
