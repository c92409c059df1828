"""Practice rounds (vòng tập huấn): DIC copies a round; units and agencies practise in the copy as
in a real round; the copy is never published, public, urged, reminded or "current", leaves the real
round untouched, and can be reset and deleted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue, Submission
from api.audit.models import AuditEvent
from api.core.settings import Settings
from api.evidence.models import EvidenceLink
from api.ingest.models import IngestReport
from api.notifications.models import Notification
from api.progress import reminders
from api.results.models import ScoreRun
from api.reviews.models import ReviewDecision
from api.rounds import practice
from api.rounds import service as rounds_service
from api.rounds.models import PhaseChange, Round, RoundUnit
from api.urging import service as urging
from tests.support import builders
from tests.support.auth import Headers, Tokens
from tests.support.files import pdf_bytes
from tests.support.http import OPEN_ROUND, assessment_url
from tests.support.problems import assert_problem

ROUNDS = "/api/v1/rounds"
REAL = f"{ROUNDS}/{OPEN_ROUND}"
BANNER_TITLE = "Tập huấn – Đánh giá chỉ số CĐS năm 2024 (dữ liệu minh họa)"


async def copy(client: AsyncClient, headers: Headers, **body: Any) -> dict[str, Any]:
    response = await client.post(f"{REAL}/practice-copies", json=body, headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def assessment(client: AsyncClient, headers: Headers, round_id: int) -> Any:
    response = await client.get(f"{assessment_url('Q1', round_id)}/assessment", headers=headers)
    assert response.status_code == 200, response.text
    return response


async def save(
    client: AsyncClient, headers: Headers, round_id: int, code: str, inputs: dict[str, Any]
) -> dict[str, Any]:
    etag = (await assessment(client, headers, round_id)).headers["etag"]
    response = await client.put(
        f"{assessment_url('Q1', round_id)}/answers/{code}",
        json={"inputs": inputs, "note": "tập huấn"},
        headers={**headers, "If-Match": etag},
    )
    assert response.status_code == 200, response.text
    saved: dict[str, Any] = next(
        a for a in response.json()["answers"] if a["indicator_code"] == code
    )
    return saved


async def count(session: AsyncSession, model: Any, *where: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def answers(body: dict[str, Any]) -> dict[str, Any]:
    return {a["indicator_code"]: (a["inputs"], a["note"]) for a in body["answers"]}


# --- copying --------------------------------------------------------------------------------------


async def test_a_copy_keeps_the_framework_and_units_and_none_of_the_data(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    await builders.answer_all_with_nil(session)  # Q1 has answered in the real round
    real = (await client.get(REAL, headers=evaluator)).json()
    assert real["is_practice"] is False
    assert real["practice_of_id"] is None
    created = await copy(client, evaluator)
    assert created["is_practice"] is True
    assert created["practice_of_id"] == OPEN_ROUND
    assert created["phase"] == "collecting"  # open for practice at once
    assert created["title_vi"] == BANNER_TITLE
    assert created["title_en"] == "Practice – 2024 DX index assessment (demo data)"
    for field in ("year", "framework_id", "framework_code", "groups", "unit_count", "is_demo"):
        assert created[field] == real[field], field
    assert created["schedule"] == {}
    assert created["auto_advance"] is False

    units = await client.get(f"{ROUNDS}/{created['id']}/units", headers=evaluator)
    assert units.json() == (await client.get(f"{REAL}/units", headers=evaluator)).json()
    # The real round has Q1's answers; the copy has none, and every assessment is new.
    assert await count(session, ElementValue, ElementValue.round_id == OPEN_ROUND) > 0
    assert await count(session, ElementValue, ElementValue.round_id == created["id"]) == 0
    body = (await assessment(client, evaluator, created["id"])).json()
    assert body["status"] == "not_started"
    assert all(v is None for a in body["answers"] for v in a["inputs"].values())
    statuses = set(
        await session.scalars(select(Submission.status).where(Submission.round_id == created["id"]))
    )
    assert statuses == {"not_started"}
    event = await session.scalar(
        select(AuditEvent).where(AuditEvent.action == "round.practice_create")
    )
    assert event is not None
    assert event.object_id == str(created["id"])
    assert event.after["practice_of"] == OPEN_ROUND


async def test_a_copy_may_take_the_schedule_shifted_to_start_now() -> None:
    stored = {
        "collecting": {"starts_at": "2023-10-01T00:00:00Z", "ends_at": "2023-11-30T10:00:00Z"},
        "reviewing": {"starts_at": "2023-12-01T00:00:00Z", "ends_at": None},
    }
    now = dt.datetime(2026, 12, 14, 3, 0, tzinfo=dt.UTC)
    shifted = practice.shifted_schedule(stored, now)
    assert shifted == {
        "collecting": {"starts_at": "2026-12-14T03:00:00Z", "ends_at": "2027-02-12T13:00:00Z"},
        "reviewing": {"starts_at": "2027-02-13T03:00:00Z", "ends_at": None},
    }
    assert practice.shifted_schedule({}, now) == {}


async def test_the_titles_and_schedule_may_be_chosen(
    client: AsyncClient, approver: Headers, evaluator: Headers
) -> None:
    schedule = {"collecting": {"starts_on": "2023-10-01", "ends_on": "2023-11-30"}}
    response = await client.patch(REAL, json={"schedule": schedule}, headers=approver)
    assert response.status_code == 200, response.text
    created = await copy(
        client, evaluator, title_vi="Tập huấn quận 1", title_en="Q1 practice", schedule="shifted"
    )
    assert (created["title_vi"], created["title_en"]) == ("Tập huấn quận 1", "Q1 practice")
    collecting = created["schedule"]["collecting"]
    starts = dt.datetime.fromisoformat(collecting["starts_at"])
    assert abs(starts - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    length = dt.datetime.fromisoformat(collecting["ends_at"]) - starts
    assert length == dt.timedelta(days=60, hours=23, minutes=59, seconds=59)


async def test_a_practice_round_is_not_copied_again(
    client: AsyncClient, evaluator: Headers
) -> None:
    created = await copy(client, evaluator)
    response = await client.post(
        f"{ROUNDS}/{created['id']}/practice-copies", json={}, headers=evaluator
    )
    assert_problem(response, 409, "practice.copy_of_practice")
    response = await client.post(f"{ROUNDS}/999999/practice-copies", json={}, headers=evaluator)
    assert_problem(response, 404, "round.not_found")


# --- practising leaves the real round alone -------------------------------------------------------


async def test_practising_leaves_the_real_round_untouched(
    client: AsyncClient,
    session: AsyncSession,
    evaluator: Headers,
    q1_editor: Headers,
) -> None:
    await save(client, q1_editor, OPEN_ROUND, "1.2", {"value": 1})
    before = (await assessment(client, q1_editor, OPEN_ROUND)).json()
    progress_before = (await client.get(f"{REAL}/progress", headers=evaluator)).json()
    audit_before = await count(session, AuditEvent, AuditEvent.object_id.like(f"{OPEN_ROUND}/%"))
    created = await copy(client, evaluator)
    rid = created["id"]

    saved = await save(client, q1_editor, rid, "1.2", {"value": 4})
    assert saved["points"] == "20.00"
    await builders.submitted_with_nil(session, round_id=rid)
    submission = (await assessment(client, q1_editor, rid)).json()
    assert submission["status"] == "submitted"

    after = (await assessment(client, q1_editor, OPEN_ROUND)).json()
    assert answers(after) == answers(before)
    assert after["status"] == before["status"] == "in_progress"
    assert after["preview"] == before["preview"]
    progress_after = (await client.get(f"{REAL}/progress", headers=evaluator)).json()
    assert progress_after == progress_before
    # What happened in the copy is audited under the copy's id, never the real round's.
    assert (
        await count(session, AuditEvent, AuditEvent.object_id.like(f"{OPEN_ROUND}/%"))
        == audit_before
    )
    assert await count(session, AuditEvent, AuditEvent.object_id.like(f"{rid}/Q1%")) > 0


async def test_an_agency_scope_naming_the_real_round_covers_its_copy(
    client: AsyncClient, admin: Headers, evaluator: Headers, q1_editor: Headers
) -> None:
    created = await copy(client, evaluator)

    async def client_scoped(client_id: str, round_id: int) -> Headers:
        response = await client.post(
            "/api/v1/api-clients",
            json={
                "client_id": client_id,
                "name": f"Cục Thuế (kỳ {round_id})",
                "unit_code": "CUC-THUE",
                "scopes": [{"element_code": "*", "unit_code": "*", "round_id": round_id}],
            },
            headers=admin,
        )
        assert response.status_code == 201, response.text
        token = await client.post(
            "/api/v1/auth/client-token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": response.json()["client_secret"],
            },
        )
        return {"Authorization": f"Bearer {token.json()['access_token']}"}

    def push(round_id: int, value: int) -> dict[str, Any]:
        return {
            "round_id": round_id,
            "values": [{"unit_code": "Q1", "element_code": "E-8.1-a", "value": value}],
        }

    of_real = await client_scoped("thue-2024", OPEN_ROUND)
    response = await client.post(
        "/api/v1/ingest/values", json=push(created["id"], 7), headers=of_real
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "applied"
    real = (await assessment(client, q1_editor, OPEN_ROUND)).json()
    assert next(a for a in real["answers"] if a["indicator_code"] == "8.1")["inputs"]["a"] != 7

    # A scope naming another round reaches neither.
    of_other = await client_scoped("thue-2023", 2)
    response = await client.post(
        "/api/v1/ingest/values", json=push(created["id"], 8), headers=of_other
    )
    problem = assert_problem(response, 422, "ingest.rejected")
    assert problem["errors"][0]["field"] == "element_code"


# --- never published, public, urged or current ----------------------------------------------------


async def test_a_practice_round_is_never_published(
    client: AsyncClient, session: AsyncSession, evaluator: Headers, approver: Headers
) -> None:
    created = await copy(client, evaluator)
    rid = created["id"]
    await builders.valued_round(session, round_id=rid)
    for phase in ("reviewing", "preliminary", "final"):  # DIC moves its practice round
        response = await client.post(
            f"{ROUNDS}/{rid}/phase", json={"phase": phase}, headers=evaluator
        )
        assert response.status_code == 200, response.text
    run = await client.post(f"{ROUNDS}/{rid}/score-runs", json={"kind": "final"}, headers=evaluator)
    assert run.status_code == 201, run.text
    response = await client.post(
        f"{ROUNDS}/{rid}/publications",
        json={"score_run_id": run.json()["id"]},
        headers={**approver, "Accept-Language": "en"},
    )
    problem = assert_problem(response, 409, "practice.no_publication")
    assert (
        problem["detail"] == f"Round {rid} is a practice round: practice data is never published."
    )
    response = await client.post(
        f"{ROUNDS}/{rid}/phase", json={"phase": "published"}, headers=approver
    )
    assert_problem(response, 409)
    assert (await client.get(f"{ROUNDS}/{rid}", headers=evaluator)).json()["phase"] == "final"


async def test_public_endpoints_never_list_it(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    created = await copy(client, evaluator)
    rid = created["id"]
    listed = (await client.get("/api/v1/public/rounds")).json()
    ids = [r["id"] for r in listed["items"]] if "items" in listed else [r["id"] for r in listed]
    assert rid not in ids
    for path in (
        f"/public/rounds/{rid}/results",
        f"/public/rounds/{rid}/results.csv",
        f"/public/rounds/{rid}/framework",
    ):
        assert (await client.get(f"/api/v1{path}")).status_code == 404, path
    history = (await client.get("/api/v1/public/units/Q1")).json()
    assert all(entry["round"]["id"] != rid for entry in history["history"])


async def test_periodic_tasks_and_urging_skip_practice_rounds(
    client: AsyncClient,
    session: AsyncSession,
    evaluator: Headers,
    approver: Headers,
    settings: Settings,
) -> None:
    created = await copy(client, evaluator)
    rid = created["id"]
    past = (dt.date.today() - dt.timedelta(days=20)).isoformat()
    ended = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    soon = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    response = await client.patch(
        f"{ROUNDS}/{rid}",
        json={
            "auto_advance": True,
            "schedule": {
                "collecting": {"starts_on": past, "ends_on": ended},
                "reviewing": {"starts_on": soon},
            },
        },
        headers=approver,
    )
    assert response.status_code == 200, response.text

    assert await rounds_service.advance_due(session=session) == []
    made = await reminders.remind(session, settings=settings)
    assert made.notifications == 0
    assert rid not in [r.id for r in await urging.collecting_rounds(session)]
    assert await count(session, Notification, Notification.link.like(f"/rounds/{rid}/%")) == 0

    response = await client.post(
        f"{ROUNDS}/{rid}/urgings",
        json={
            "unit_codes": ["Q1"],
            "subject_vi": "Đôn đốc",
            "subject_en": "Reminder",
            "body_vi": "Nội dung",
            "body_en": "Body",
        },
        headers=evaluator,
    )
    assert_problem(response, 409, "practice.no_urging")


async def test_it_is_nobodys_current_round(
    client: AsyncClient, tokens: Tokens, admin: Headers, evaluator: Headers, q1_editor: Headers
) -> None:
    created = await copy(client, evaluator)
    rid = created["id"]
    for headers in (q1_editor, evaluator, admin):
        todo = (await client.get("/api/v1/me/todo", headers=headers)).json()
        assert all(s["round_id"] != rid for s in todo["sections"]), todo
    # Listed after every real round (a client taking the first 2024 round gets the real one).
    listed = (await client.get(ROUNDS, params={"year": 2024}, headers=q1_editor)).json()
    assert [r["id"] for r in listed["items"]] == [OPEN_ROUND, rid]
    only = (await client.get(ROUNDS, params={"practice": "true"}, headers=q1_editor)).json()
    assert [r["id"] for r in only["items"]] == [rid]
    real = (await client.get(ROUNDS, params={"practice": "false"}, headers=q1_editor)).json()
    assert rid not in [r["id"] for r in real["items"]]


# --- reset and delete -----------------------------------------------------------------------------


async def practised(
    client: AsyncClient, session: AsyncSession, tokens: Tokens, evaluator: Headers
) -> int:
    """A practice round where Q1 answered with evidence, submitted, had an answer returned (with
    its notice), was scored and got a figure from the tax office."""
    rid = int((await copy(client, evaluator))["id"])
    q1_editor = await tokens.user("q1.editor")
    await builders.answer_all_with_nil(session, round_id=rid)
    await save(client, q1_editor, rid, "1.1", {"value": "head"})
    response = await client.post(
        f"{assessment_url('Q1', rid)}/evidence",
        data={"indicator_code": "1.1"},
        files={"file": ("quyet-dinh.pdf", pdf_bytes(), "application/pdf")},
        headers=q1_editor,
    )
    assert response.status_code == 201, response.text
    response = await client.post(
        "/api/v1/ingest/values",
        json={
            "round_id": rid,
            "values": [{"unit_code": "Q1", "element_code": "E-8.1-a", "value": 5}],
        },
        headers=await tokens.client("cuc-thue"),
    )
    assert response.status_code == 200, response.text
    await builders.submit(session, round_id=rid)
    response = await client.post(
        f"{assessment_url('Q1', rid)}/reviews/1.2",
        json={"decision": "returned", "comment": "Bổ sung biên bản họp"},
        headers=evaluator,
    )
    assert response.status_code == 201, response.text
    run = await client.post(f"{ROUNDS}/{rid}/score-runs", json={"kind": "draft"}, headers=evaluator)
    assert run.status_code == 201, run.text
    return rid


async def test_a_reset_empties_the_round_and_keeps_it_usable(
    client: AsyncClient,
    session: AsyncSession,
    tokens: Tokens,
    evaluator: Headers,
    q1_editor: Headers,
) -> None:
    real_before = (await assessment(client, q1_editor, OPEN_ROUND)).json()
    rid = await practised(client, session, tokens, evaluator)
    assert await count(session, Notification, Notification.link.like(f"/rounds/{rid}/%")) > 0
    stale = (await assessment(client, q1_editor, rid)).headers["etag"]

    response = await client.post(f"{ROUNDS}/{rid}/practice-reset", headers=evaluator)
    assert response.status_code == 200, response.text
    assert response.json()["phase"] == "collecting"
    for model in (ElementValue, EvidenceLink, ReviewDecision, ScoreRun, IngestReport):
        assert await count(session, model, model.round_id == rid) == 0, model
    assert await count(session, Notification, Notification.link.like(f"/rounds/{rid}/%")) == 0
    body = (await assessment(client, q1_editor, rid)).json()
    assert body["status"] == "not_started"
    assert all(v is None for a in body["answers"] for v in a["inputs"].values())
    assert all(not a["evidence"] and a["note"] is None for a in body["answers"])
    event = await session.scalar(
        select(AuditEvent).where(AuditEvent.action == "round.practice_reset")
    )
    assert event is not None
    assert event.object_id == str(rid)
    assert event.before["removed"]["evidence"] == 1
    assert event.before["removed"]["reviews"] == 1
    assert event.before["removed"]["score_runs"] == 1
    assert event.before["removed"]["ingest_reports"] == 1

    # Still usable: Q1 practises again (an ETag from before the reset no longer matches).
    response = await client.put(
        f"{assessment_url('Q1', rid)}/answers/1.2",
        json={"inputs": {"value": 2}, "note": None},
        headers={**q1_editor, "If-Match": stale},
    )
    assert_problem(response, 412)
    assert (await save(client, q1_editor, rid, "1.2", {"value": 2}))["points"] == "10.00"
    assert answers((await assessment(client, q1_editor, OPEN_ROUND)).json()) == answers(real_before)


async def test_a_reset_brings_a_later_phase_back_to_collecting(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    rid = (await copy(client, evaluator))["id"]
    for phase in ("reviewing", "preliminary"):
        response = await client.post(
            f"{ROUNDS}/{rid}/phase", json={"phase": phase}, headers=evaluator
        )
        assert response.status_code == 200, response.text
    response = await client.post(f"{ROUNDS}/{rid}/practice-reset", headers=evaluator)
    assert response.json()["phase"] == "collecting"
    history = (await client.get(f"{ROUNDS}/{rid}/phase-history", headers=evaluator)).json()
    assert history[-1]["from_phase"] == "preliminary"
    assert history[-1]["to_phase"] == "collecting"


async def test_deleting_removes_the_round_and_its_data(
    client: AsyncClient,
    session: AsyncSession,
    tokens: Tokens,
    evaluator: Headers,
    q1_editor: Headers,
) -> None:
    real_before = (await assessment(client, q1_editor, OPEN_ROUND)).json()
    rid = await practised(client, session, tokens, evaluator)
    response = await client.delete(f"{ROUNDS}/{rid}", headers=evaluator)
    assert response.status_code == 204, response.text
    assert_problem(await client.get(f"{ROUNDS}/{rid}", headers=evaluator), 404, "round.not_found")
    for model in (ElementValue, EvidenceLink, ReviewDecision, ScoreRun, IngestReport, Submission):
        assert await count(session, model, model.round_id == rid) == 0, model
    assert await count(session, RoundUnit, RoundUnit.round_id == rid) == 0
    assert await count(session, PhaseChange, PhaseChange.round_id == rid) == 0
    assert await session.get(Round, rid) is None
    event = await session.scalar(
        select(AuditEvent).where(AuditEvent.action == "round.practice_delete")
    )
    assert event is not None
    assert event.before["practice_of"] == OPEN_ROUND
    assert answers((await assessment(client, q1_editor, OPEN_ROUND)).json()) == answers(real_before)


async def test_deleting_the_original_leaves_its_copy_a_practice_round(
    client: AsyncClient, approver: Headers, evaluator: Headers
) -> None:
    draft = await client.post(
        ROUNDS,
        json={
            "year": 2024,
            "title_vi": "Kỳ 2024",
            "title_en": "2024 round",
            "framework_id": (await client.get(REAL, headers=approver)).json()["framework_id"],
        },
        headers=approver,
    )
    assert draft.status_code == 201, draft.text
    response = await client.post(
        f"{ROUNDS}/{draft.json()['id']}/practice-copies", json={}, headers=evaluator
    )
    assert response.status_code == 201
    copied = response.json()
    assert (
        await client.delete(f"{ROUNDS}/{draft.json()['id']}", headers=approver)
    ).status_code == 204
    after = (await client.get(f"{ROUNDS}/{copied['id']}", headers=evaluator)).json()
    assert after["is_practice"] is True
    assert after["practice_of_id"] is None


# --- who may ------------------------------------------------------------------------------------


async def test_who_may_create_reset_and_delete(
    client: AsyncClient,
    tokens: Tokens,
    admin: Headers,
    approver: Headers,
    evaluator: Headers,
    q1_editor: Headers,
    q1_head: Headers,
    viewer: Headers,
) -> None:
    rid = (await copy(client, evaluator))["id"]
    cuc_thue = await tokens.client("cuc-thue")
    for headers in (q1_editor, q1_head, viewer, cuc_thue):
        response = await client.post(f"{REAL}/practice-copies", json={}, headers=headers)
        assert_problem(response, 403)
        assert_problem(await client.post(f"{ROUNDS}/{rid}/practice-reset", headers=headers), 403)
        assert_problem(await client.delete(f"{ROUNDS}/{rid}", headers=headers), 403)
        response = await client.post(
            f"{ROUNDS}/{rid}/phase", json={"phase": "reviewing"}, headers=headers
        )
        assert_problem(response, 403)
    assert_problem(await client.post(f"{REAL}/practice-copies", json={}), 401)

    # An evaluator runs practice rounds only: a real round is not reset, moved or deleted.
    response = await client.post(f"{REAL}/practice-reset", headers=evaluator)
    assert_problem(response, 409, "practice.not_practice")
    response = await client.post(f"{REAL}/phase", json={"phase": "reviewing"}, headers=evaluator)
    assert_problem(response, 403, "auth.forbidden_role")
    assert_problem(await client.delete(REAL, headers=evaluator), 403, "auth.forbidden_role")
    # Every DIC role may; approvers and admins too.
    for headers in (approver, admin):
        made = await copy(client, headers)
        response = await client.post(f"{ROUNDS}/{made['id']}/practice-reset", headers=headers)
        assert response.status_code == 200, response.text
        assert (await client.delete(f"{ROUNDS}/{made['id']}", headers=headers)).status_code == 204
    assert (await client.delete(f"{ROUNDS}/{rid}", headers=evaluator)).status_code == 204
