"""The 5xx that schemathesis found (tests/fuzz/test_schemathesis.py, ``make fuzz``), each kept
answered as it should be: a 4xx naming the field, or the file served."""

from __future__ import annotations

import io

from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.rounds.models import Round
from api.units.models import Unit
from tests.support.http import OPEN_ROUND, ROUND, run
from tests.support.problems import assert_problem, fields

TITLE = "Kỳ\x0b đánh giá\x01 2023\x1f"  # vertical tab and other C0 controls XML cannot hold


def sheets(content: bytes) -> list[list[tuple[object, ...]]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [[tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book]
    finally:
        book.close()


def texts(content: bytes) -> str:
    return "\n".join(str(v) for sheet in sheets(content) for row in sheet for v in row if v)


async def test_a_body_that_is_not_utf8_is_a_422_naming_the_body(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    """FastAPI answered 400, which no operation documents, to JSON that is not UTF-8."""
    for url, headers in (("/api/v1/units", admin), ("/api/v1/auth/refresh", {})):
        response = await client.post(
            url,
            content=b'{"code": "\xff\xfe"}',
            headers={**headers, "Content-Type": "application/json", "Accept-Language": "en"},
        )
        body = assert_problem(response, 422, "http.validation")
        assert fields(body) == ["body"]
        assert body["errors"][0]["message"] == (
            "The request body could not be read (not UTF-8 text, or malformed)."
        )


async def test_an_offset_past_any_list_is_a_422_not_an_integer_overflow(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    for url in ("/api/v1/units", "/api/v1/users", "/api/v1/audit-events", "/api/v1/rounds"):
        huge = await client.get(url, params={"offset": 2**63}, headers=admin)
        assert fields(assert_problem(huge, 422, "http.validation")) == ["offset"], url
        last = await client.get(url, params={"offset": 2**31 - 1}, headers=admin)
        assert last.status_code == 200, (url, last.text)
        assert last.json()["items"] == []
    huge_order = await client.post(
        "/api/v1/unit-groups",
        json={"code": "G9", "name_vi": "Nhóm", "name_en": "Group", "sort_order": 2**63},
        headers=admin,
    )
    assert fields(assert_problem(huge_order, 422)) == ["sort_order"]


async def test_control_characters_in_titles_and_names_are_refused(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    for method, url, body in (
        ("PATCH", ROUND, {"title_vi": TITLE}),
        ("PATCH", "/api/v1/units/Q1", {"name_en": "District\x00 1"}),
        ("PATCH", "/api/v1/unit-groups/QH", {"name_vi": "Quận\x7f"}),
        (
            "POST",
            "/api/v1/units",
            {"code": "QX", "name_vi": "Quận\x08", "name_en": "X", "kind": "district"},
        ),
    ):
        response = await client.request(method, url, json=body, headers=admin)
        problem = assert_problem(response, 422, "http.validation")
        assert fields(problem) == [next(k for k in body if k.startswith("name") or "title" in k)]
        assert (
            problem["errors"][0]["message"] == "Không được chứa ký tự điều khiển (ký tự vô hình)."
        )
    kept = await client.patch(ROUND, json={"title_en": "Round\t2023\n"}, headers=admin)
    assert kept.status_code == 200, kept.text


async def test_control_characters_already_stored_do_not_break_the_excel_files(
    client: AsyncClient, session: AsyncSession, admin: dict[str, str]
) -> None:
    """A title or name stored before they were refused (or by another path) is written without
    the characters openpyxl refuses, in every workbook: the ingest template, the progress table
    and the city report."""
    round_ = await session.get(Round, OPEN_ROUND)
    assert round_ is not None
    round_.title_vi = TITLE
    q1 = await session.scalar(select(Unit).where(Unit.code == "Q1"))
    assert q1 is not None
    q1.name_vi = "Quận\x02 1"
    await session.commit()

    template = await client.get("/api/v1/ingest/template", params={"round_id": 1}, headers=admin)
    assert template.status_code == 200, template.text
    assert "Kỳ đánh giá 2023" in texts(template.content)
    assert "Quận 1" in texts(template.content)

    progress = await client.get(f"{ROUND}/progress.xlsx", headers=admin)
    assert progress.status_code == 200, progress.text
    assert "Kỳ đánh giá 2023" in texts(progress.content)
    assert "Quận 1" in texts(progress.content)

    draft = await run(client, admin, "draft")
    report = await client.get(f"{ROUND}/score-runs/{draft['id']}/report.xlsx", headers=admin)
    assert report.status_code == 200, report.text
    assert "Kỳ đánh giá 2023" in texts(report.content)
    assert "Đơn vị: Quận 1 (Q1)" in texts(report.content)


async def test_the_report_of_a_draft_run_with_inputs_not_yet_answered(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    """Nothing answered yet (a draft run early in collection): every input has no value and no
    source; the report says so instead of failing."""
    draft = await run(client, admin, "draft")
    report = await client.get(f"{ROUND}/score-runs/{draft['id']}/report.xlsx", headers=admin)
    assert report.status_code == 200, report.text
    # The unit's sheet names it under the title and the operating department's row.
    q1 = next(s for s in sheets(report.content) if any("Q1" in str(r[0]) for r in s[1:3]))
    answers = [row for row in q1[4:] if row[0] and row[2] is not None]
    assert answers
    assert all(row[4] in (None, "") for row in answers if "(chưa có)" in str(row[2]))
    assert any("(chưa có)" in str(row[2]) for row in answers)


async def test_a_form_with_too_many_fields_is_a_422_naming_the_body(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    """Starlette refuses a form past the route's field count with a 400 no operation documents."""
    response = await client.post(
        f"{ROUND}/units/Q1/evidence",
        data={f"x{n}": "1" for n in range(6)} | {"indicator_code": "1.1"},
        files={"file": ("a.pdf", b"%PDF-1.4\n", "application/pdf")},
        headers=q1_editor,
    )
    assert fields(assert_problem(response, 422, "http.validation")) == ["body"]
