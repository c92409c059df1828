"""Per-unit deadlines: DIC extends one unit's deadline past the round's, with a reason (audited);
the unit's progress, lateness, reminders and submission then follow its own deadline — it may
still answer and submit while the others are reviewed, until its extension ends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.clock import CITY_TZ
from api.core.settings import Settings
from api.notifications.models import Notification
from api.progress import reminders
from api.progress import service as progress
from api.rounds.models import Round
from tests.support import builders
from tests.support.auth import Tokens
from tests.support.http import OPEN_ROUND, ROUND, assessment_url, get_assessment, put_answer
from tests.support.problems import assert_problem, fields

DEADLINES = f"{ROUND}/deadlines"
PROGRESS = f"{ROUND}/progress"


def deadline_url(unit: str) -> str:
    return f"{ROUND}/units/{unit}/deadline"


def iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def city(day: dt.date, hour: int = 17) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=CITY_TZ)


async def collecting_ended(
    client: AsyncClient, approver: dict[str, str], days_ago: int = 1
) -> dt.datetime:
    """The open (2024) round's collecting ended ``days_ago`` days ago at 17:00 in the city."""
    end = city(dt.datetime.now(CITY_TZ).date() - dt.timedelta(days=days_ago))
    schedule = {"collecting": {"starts_on": "2023-10-01", "ends_at": end.isoformat()}}
    response = await client.patch(ROUND, json={"schedule": schedule}, headers=approver)
    assert response.status_code == 200, response.text
    return end


async def extend(
    client: AsyncClient, headers: dict[str, str], unit: str, until: dt.datetime | None, **extra: Any
) -> Any:
    body = {"deadline_at": until.isoformat() if until else None, "reason": "Sáp nhập đơn vị"}
    return await client.put(deadline_url(unit), json={**body, **extra}, headers=headers)


def row(body: Any, code: str) -> dict[str, Any]:
    items = body["units"] if isinstance(body, dict) else body
    found: dict[str, Any] = next(u for u in items if u["unit_code"] == code)
    return found


async def test_an_extension_moves_the_units_deadline_and_lateness(
    client: AsyncClient, approver: dict[str, str], admin: dict[str, str], viewer: dict[str, str]
) -> None:
    end = await collecting_ended(client, approver)
    before = (await client.get(PROGRESS, headers=viewer)).json()
    assert row(before, "Q1")["overdue"] is True
    assert row(before, "Q1")["deadline_at"] == iso(end)

    until = end + dt.timedelta(days=3)
    response = await extend(client, approver, "Q1", until)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "unit_code": "Q1",
        "name_vi": "Quận 1",
        "name_en": "District 1",
        "group": "QH",
        "round_deadline": iso(end),
        "extended_until": iso(until),
        "deadline": iso(until),
        "reason": "Sáp nhập đơn vị",
        "set_by": "approver",
        "set_at": response.json()["set_at"],
    }

    after = (await client.get(PROGRESS, headers=viewer)).json()
    q1, q3 = row(after, "Q1"), row(after, "Q3")
    assert (q1["overdue"], q1["deadline_at"], q1["extended_until"]) == (
        False,
        iso(until),
        iso(until),
    )
    assert q1["deadline"] == until.date().isoformat()
    assert (q3["overdue"], q3["deadline_at"], q3["extended_until"]) == (True, iso(end), None)
    qh = next(g for g in after["groups"] if g["group"] == "QH")
    assert qh["overdue"] == next(g for g in before["groups"] if g["group"] == "QH")["overdue"] - 1

    listed = (await client.get(DEADLINES, headers=admin)).json()
    assert len(listed) == 48
    assert row(listed, "Q1")["extended_until"] == iso(until)
    assert row(listed, "Q3") == {
        **row(listed, "Q3"),
        "extended_until": None,
        "deadline": iso(end),
        "reason": None,
    }

    # Back to the round's deadline: late again. Both changes are in the audit trail.
    response = await extend(client, admin, "Q1", None, reason="Nhập nhầm")
    assert response.status_code == 200, response.text
    assert (response.json()["deadline"], response.json()["extended_until"]) == (iso(end), None)
    assert row((await client.get(PROGRESS, headers=viewer)).json(), "Q1")["overdue"] is True
    events = (
        await client.get(
            "/api/v1/audit-events", params={"object_id": f"{OPEN_ROUND}/Q1"}, headers=admin
        )
    ).json()["items"]
    assert [(e["action"], e["actor"]) for e in events] == [
        ("round.deadline_reset", "admin"),
        ("round.deadline_extend", "approver"),
    ]
    assert events[1]["before"] == {"deadline_at": None, "reason": None}
    assert events[1]["after"]["reason"] == "Sáp nhập đơn vị"
    assert events[0]["after"] == {"deadline_at": None, "reason": "Nhập nhầm"}


async def test_late_units_use_each_units_deadline(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str]
) -> None:
    end = await collecting_ended(client, approver)
    assert (await extend(client, approver, "Q1", end + dt.timedelta(days=2))).status_code == 200
    await builders.answer_all_with_nil(session, unit_code="SO-TTTT", username="so-tttt.editor")
    await builders.submit(session, unit_code="SO-TTTT", username="so-tttt.head")
    round_ = await session.get(Round, OPEN_ROUND)
    assert round_ is not None
    late = {u.unit_code for u in await progress.late_units(session=session, round_=round_)}
    assert len(late) == 46  # 48 units, Q1 extended, SO-TTTT submitted
    assert not {"Q1", "SO-TTTT"} & late
    # Two days on, Q1's extension has passed as well.
    later = await progress.late_units(
        session=session, round_=round_, now=end + dt.timedelta(days=2, seconds=1)
    )
    assert "Q1" in {u.unit_code for u in later}


async def test_an_extended_unit_submits_while_the_others_are_reviewed(
    client: AsyncClient,
    session: AsyncSession,
    tokens: Tokens,
    approver: dict[str, str],
    q1_editor: dict[str, str],
    q1_head: dict[str, str],
) -> None:
    end = await collecting_ended(client, approver)
    assert (await extend(client, approver, "Q1", end + dt.timedelta(days=3))).status_code == 200
    await builders.answer_all_with_nil(session, unit_code="Q1")
    await builders.answer_all_with_nil(session, unit_code="SO-TTTT", username="so-tttt.editor")
    await builders.move(session, "reviewing")

    view = (await get_assessment(client, q1_editor)).json()
    assert all(answer["editable"] for answer in view["answers"] if answer["input_states"])
    response = await put_answer(client, q1_editor, "1.1", {"value": "none"})
    assert response.status_code == 200, response.text
    response = await client.post(f"{assessment_url('Q1')}/submit", headers=q1_head)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "submitted"
    # A unit without an extension is closed, as before.
    so_head = await tokens.user("so-tttt.head")
    response = await client.post(f"{assessment_url('SO-TTTT')}/submit", headers=so_head)
    assert_problem(response, 409, "assessment.round_closed")


async def test_once_the_extension_passes_the_unit_is_closed(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str], q1_editor: dict[str, str]
) -> None:
    end = await collecting_ended(client, approver, days_ago=3)
    assert (await extend(client, approver, "Q1", end + dt.timedelta(days=1))).status_code == 200
    await builders.move(session, "reviewing")
    response = await put_answer(client, q1_editor, "1.1", {"value": "none"})
    assert_problem(response, 409, "assessment.round_closed")


async def test_reminders_follow_the_extension(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str], settings: Settings
) -> None:
    end = await collecting_ended(client, approver)
    until = end + dt.timedelta(days=2)
    assert (await extend(client, approver, "Q1", until)).status_code == 200
    await builders.move(session, "reviewing")

    made = await reminders.remind(session, settings=settings)
    kinds = {
        (n.kind, n.link)
        for n in await session.scalars(
            select(Notification).where(Notification.kind.like("submit%"))
        )
    }
    # Only Q1 may still submit: it is reminded of its own deadline; the others, closed, are not.
    assert kinds == {("submit_due_soon", f"/rounds/{OPEN_ROUND}/units/Q1/assessment")}
    assert made.notifications == 2  # Q1's focal person and head
    messages = list(await session.scalars(select(Notification.params)))
    assert all(m["deadline"] == until.strftime("%d/%m/%Y") for m in messages)


async def test_extensions_are_checked(
    client: AsyncClient, session: AsyncSession, approver: dict[str, str]
) -> None:
    end = await collecting_ended(client, approver)
    english = {**approver, "Accept-Language": "en"}
    response = await extend(client, english, "Q1", end)
    body = assert_problem(response, 422, "round.extension_too_early")
    assert fields(body) == ["deadline_at"]
    local = end.astimezone(CITY_TZ).strftime("%d/%m/%Y %H:%M")
    assert body["errors"][0]["message"] == (
        f"An extension must end after the round's deadline ({local}, Ho Chi Minh City time)."
    )
    response = await extend(client, approver, "Q1", end + dt.timedelta(days=1), reason="")
    assert fields(assert_problem(response, 422)) == ["reason"]
    response = await client.put(
        deadline_url("Q1"), json={"deadline_at": "2026-01-01T00:00:00"}, headers=approver
    )
    assert sorted(fields(assert_problem(response, 422))) == ["deadline_at", "reason"]
    response = await extend(client, approver, "CUC-THUE", end + dt.timedelta(days=1))
    assert_problem(response, 404, "round.unit_not_taking_part")
    await builders.move(session, "reviewing", "preliminary")
    response = await extend(client, approver, "Q1", end + dt.timedelta(days=1))
    assert_problem(response, 409, "round.extension_closed")


async def test_only_approvers_and_admins_see_and_extend_deadlines(
    client: AsyncClient,
    tokens: Tokens,
    approver: dict[str, str],
    evaluator: dict[str, str],
    q1_editor: dict[str, str],
    q1_head: dict[str, str],
    viewer: dict[str, str],
) -> None:
    end = await collecting_ended(client, approver)
    provider = await tokens.client("cuc-thue")
    for headers in (evaluator, q1_editor, q1_head, viewer, provider):
        assert_problem(await client.get(DEADLINES, headers=headers), 403, "auth.forbidden_role")
        response = await extend(client, headers, "Q1", end + dt.timedelta(days=1))
        assert_problem(response, 403, "auth.forbidden_role")
    assert_problem(await client.get(DEADLINES), 401)
    assert (
        row((await client.get(DEADLINES, headers=approver)).json(), "Q1")["extended_until"] is None
    )
