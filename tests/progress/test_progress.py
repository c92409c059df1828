"""Progress of a round: per unit and per group, late units flagged, exported to Excel."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import SubmissionStatus
from api.core.clock import city_today
from tests.support import builders
from tests.support.files import pdf_bytes
from tests.support.http import put_answer, upload
from tests.support.problems import assert_problem

PROGRESS = "/api/v1/rounds/1/progress"


def unit_row(body: dict[str, Any], code: str) -> dict[str, Any]:
    return next(u for u in body["units"] if u["unit_code"] == code)


async def test_progress_follows_the_units_work(
    client: AsyncClient,
    session: AsyncSession,
    q1_editor: dict[str, str],
    viewer: dict[str, str],
    approver: dict[str, str],
) -> None:
    yesterday = city_today() - dt.timedelta(days=1)
    schedule = {"collecting": {"starts_on": "2023-10-01", "ends_on": yesterday.isoformat()}}
    patched = await client.patch("/api/v1/rounds/1", json={"schedule": schedule}, headers=approver)
    assert patched.status_code == 200, patched.text

    start = (await client.get(PROGRESS, headers=viewer)).json()
    q1 = unit_row(start, "Q1")
    assert q1["status"] == "not_started"  # the test database holds no demo answers
    assert q1["answered"] == 0
    assert q1["indicators"] > 0
    assert q1["overdue"] is True
    assert q1["deadline"] == yesterday.isoformat()

    await builders.answer_all_with_nil(session)
    await put_answer(client, q1_editor, "1.1", {"value": "head"})  # a "yes" needs evidence
    middle = unit_row((await client.get(PROGRESS, headers=viewer)).json(), "Q1")
    assert middle["answered_pct"] == "100.00"
    assert (middle["evidence_needed"], middle["evidence_done"]) == (1, 0)
    assert middle["evidence_pct"] == "0.00"
    assert (await upload(client, q1_editor, "1.1", pdf_bytes())).status_code == 201
    assert await builders.submit(session) == SubmissionStatus.submitted

    done = (await client.get(PROGRESS, params={"group": "QH"}, headers=viewer)).json()
    q1 = unit_row(done, "Q1")
    assert (q1["status"], q1["complete"], q1["overdue"], q1["deadline"]) == (
        "submitted",
        True,
        False,
        None,
    )
    assert q1["evidence_pct"] == "100.00"
    assert q1["last_activity"] is not None
    assert {u["group"] for u in done["units"]} == {"QH"}
    [group] = done["groups"]
    assert group["group"] == "QH"
    assert group["submitted"] == 1
    assert group["overdue"] == group["units"] - 1  # every other district is late


async def test_progress_for_leadership_only_and_in_excel(
    client: AsyncClient, viewer: dict[str, str], q1_editor: dict[str, str]
) -> None:
    assert_problem(await client.get(PROGRESS, headers=q1_editor), 403, "auth.forbidden_role")
    response = await client.get(f"{PROGRESS}.xlsx", params={"group": "SBN"}, headers=viewer)
    assert response.status_code == 200
    assert 'filename="tien-do-ky-1-SBN.xlsx"' in response.headers["content-disposition"]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("Mã đơn vị", "Tên đơn vị", "Nhóm", "Trạng thái")
    codes = [r[0] for r in rows[2:]]
    assert "SO-TTTT" in codes
    assert all(r[2] == "SBN" for r in rows[2:])
    missing = await client.get("/api/v1/rounds/999/progress", headers=viewer)
    assert missing.status_code == 404
