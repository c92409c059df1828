"""Importing units from Excel: the template, a dry run reporting every row error (row, column,
message in Vietnamese or English), and applying every row or none; only an admin may."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from httpx import AsyncClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent
from api.units.models import Unit
from tests.support.auth import Tokens
from tests.support.problems import assert_problem

UNITS = "/api/v1/units"
IMPORT = "/api/v1/units/import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ("code", "name_vi", "name_en", "kind", "parent", "group", "valid_from", "predecessors")


def sheet(*rows: tuple[Any, ...], header: tuple[str, ...] = HEADER) -> bytes:
    book = Workbook()
    page = book.active
    assert page is not None
    page.append(header)
    for row in rows:
        page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def send(
    client: AsyncClient, headers: dict[str, str], body: bytes, *, dry_run: bool, **extra: str
) -> Any:
    return await client.post(
        IMPORT,
        params={"dry_run": str(dry_run).lower()},
        content=body,
        headers={**headers, "Content-Type": XLSX, **extra},
    )


async def unit_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(Unit)) or 0


async def make_old_wards(client: AsyncClient, admin: dict[str, str]) -> None:
    for code in ("P-BEN-NGHE", "P-DA-KAO"):
        response = await client.post(
            UNITS,
            json={
                "code": code,
                "name_vi": f"Phường {code}",
                "name_en": code,
                "kind": "ward",
                "parent_code": "Q1",
                "valid_from": "2000-01-01",
            },
            headers=admin,
        )
        assert response.status_code == 201, response.text


GOOD = (
    ("P-SAI-GON", "Phường Sài Gòn", "Sai Gon Ward", "ward", "TPHCM", "QH", "2025-07-01",
     "P-BEN-NGHE, P-DA-KAO:part"),
    ("X-TEST", "Xã thử", "Test Commune", "xã", "P-SAI-GON", "", dt.date(2025, 7, 1), ""),
)  # fmt: skip


async def test_template_has_the_columns_and_a_guide(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.get(f"{IMPORT}/template", headers=admin)
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert "mau-nhap-don-vi.xlsx" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    first, guide = book.worksheets
    assert [c.value for c in first[1]] == list(HEADER)
    text = "\n".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "special_zone" in text
    assert "đặc khu" in text
    assert "SBN" in text  # the groups, from the database


async def test_dry_run_writes_nothing_then_apply_creates_every_row(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    await make_old_wards(client, admin)
    before = await unit_count(session)
    body = sheet(*GOOD)
    checked = await send(client, admin, body, dry_run=True)
    assert checked.status_code == 200, checked.text
    report = checked.json()
    assert report["status"] == "validated"
    assert report["rows"] == 2
    assert report["created"] == []
    assert report["closed"] == ["P-BEN-NGHE"]
    assert report["errors"] == []
    assert await unit_count(session) == before

    applied = await send(client, admin, body, dry_run=False)
    assert applied.status_code == 200, applied.text
    report = applied.json()
    assert report["status"] == "applied"
    assert report["created"] == ["P-SAI-GON", "X-TEST"]
    assert await unit_count(session) == before + 2

    sai_gon = (await client.get(f"{UNITS}/P-SAI-GON", headers=admin)).json()
    assert sai_gon["parent_code"] == "TPHCM"
    assert sai_gon["groups"] == ["QH"]
    assert sai_gon["valid_from"] == "2025-07-01"
    assert sai_gon["predecessors"] == ["P-BEN-NGHE", "P-DA-KAO"]
    commune = (await client.get(f"{UNITS}/X-TEST", headers=admin)).json()
    assert commune["kind"] == "commune"  # "xã" read as the kind
    assert commune["parent_code"] == "P-SAI-GON"  # a parent from the same sheet
    history = (await client.get(f"{UNITS}/P-SAI-GON/history", headers=admin)).json()
    assert [(x["predecessor_code"], x["share"], x["effective_on"]) for x in history["links"]] == [
        ("P-BEN-NGHE", "whole", "2025-07-01"),
        ("P-DA-KAO", "part", "2025-07-01"),
    ]
    old = (await client.get(f"{UNITS}/P-BEN-NGHE", headers=admin)).json()
    assert old["valid_to"] == "2025-06-30"
    assert (await client.get(f"{UNITS}/P-DA-KAO", headers=admin)).json()["valid_to"] is None

    actions = list(
        await session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.action.in_(("unit.import", "unit.create", "unit.close"))
            )
        )
    )
    assert actions.count("unit.import") == 1
    assert actions.count("unit.close") == 1
    assert actions.count("unit.create") == 4  # the two old wards, then the two imported


async def test_one_bad_row_reports_row_column_and_message_and_writes_nothing(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    await make_old_wards(client, admin)
    before = await unit_count(session)
    bad = (
        *GOOD,
        ("p-lower", "", "Name", "castle", "NOPE", "ZZ", "31/02/2025", "P-NOWHERE"),
        ("Q1", "Quận 1", "District 1", "district", "", "", "", ""),
        ("X-TEST", "Again", "Again", "commune", "", "", "", ""),
    )
    body = sheet(*bad)
    checked = await send(client, admin, body, dry_run=True)
    assert checked.status_code == 200
    report = checked.json()
    assert report["status"] == "rejected"
    found = [(e["row"], e["column"]) for e in report["errors"]]
    assert found == [
        (4, "code"),
        (4, "name_vi"),
        (4, "kind"),
        (4, "valid_from"),
        (5, "code"),
        (6, "code"),
    ]
    assert report["error_count"] == 6
    messages = {(e["row"], e["column"]): e["message"] for e in report["errors"]}
    assert messages[(4, "name_vi")] == "Ô này không được để trống."
    assert "Q1" in messages[(5, "code")]
    assert "dòng 3" in messages[(6, "code")]
    english = await send(client, admin, body, dry_run=True, **{"Accept-Language": "en"})
    messages = {(e["row"], e["column"]): e["message"] for e in english.json()["errors"]}
    assert messages[(4, "name_vi")] == "This cell must not be empty."
    assert messages[(6, "code")] == "This code is already on row 3 of the sheet."

    refused = await send(client, admin, body, dry_run=False)
    problem = assert_problem(refused, 422, "unit_import.rejected")
    assert problem["report"]["status"] == "rejected"
    assert "rows[4].kind" in [e["field"] for e in problem["errors"]]
    assert await unit_count(session) == before
    assert (await client.get(f"{UNITS}/P-BEN-NGHE", headers=admin)).json()["valid_to"] is None
    imports = await session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "unit.import")
    )
    assert imports == 0

    fixed = await send(client, admin, sheet(*GOOD), dry_run=False)
    assert fixed.status_code == 200, fixed.text
    assert await unit_count(session) == before + 2


async def test_database_checks_name_their_row(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    await make_old_wards(client, admin)
    rows = (
        ("P-A", "A", "A", "ward", "NOPE", "ZZ", "2025-07-01", "P-BEN-NGHE"),
        ("P-B", "B", "B", "ward", "", "", "2025-07-01", "P-BEN-NGHE, P-NOWHERE"),
        ("P-C", "C", "C", "ward", "P-D", "", "", ""),
        ("P-D", "D", "D", "ward", "P-C", "", "", ""),
        ("P-E", "E", "E", "ward", "", "", "1990-01-01", "P-DA-KAO:part"),
        ("P-F", "F", "F", "ward", "", "", "", "P-DA-KAO"),
    )
    report = (await send(client, admin, sheet(*rows), dry_run=True)).json()
    found = [(e["row"], e["column"], e["code"]) for e in report["errors"]]
    assert found == [
        (2, "parent", "unit.unknown"),
        (2, "group", "group.unknown"),
        (3, "predecessors", "unit_import.predecessor_twice"),
        (3, "predecessors", "unit_import.predecessor_unknown"),
        (4, "parent", "unit.parent_cycle"),
        (5, "parent", "unit.parent_cycle"),
        (6, "predecessors", "lineage.predecessor_not_yet_valid"),
        (7, "valid_from", "unit_import.predecessors_need_date"),
    ]


async def test_a_predecessor_of_a_collecting_round_is_not_closed_by_an_import(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    rows = (("P-TP", "Phường", "Ward", "ward", "", "", "2025-07-01", "SO-TP"),)
    report = (await send(client, admin, sheet(*rows), dry_run=True)).json()
    # One error per round SO-TP takes part in: the demo 2024 and 2025 rounds, both collecting.
    assert [(e["row"], e["column"], e["code"]) for e in report["errors"]] == [
        (2, "predecessors", "unit_import.predecessor_in_round")
    ] * 2
    # Closed first on its page (with confirmation), SO-TP no longer holds the import back.
    closed = await client.post(
        f"{UNITS}/SO-TP/close",
        json={"valid_to": "2025-06-30", "confirm_rounds": True},
        headers=admin,
    )
    assert closed.status_code == 200
    report = (await send(client, admin, sheet(*rows), dry_run=False)).json()
    assert report["status"] == "applied"
    assert report["closed"] == []


async def test_headers_may_be_written_with_spaces(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    header = ("Code", "Name vi", "Name en", "Kind", "Parent code", "Groups", "Valid from")
    body = sheet(("P-X", "X", "X", "ward", "", "QH SBN", ""), header=header)
    report = (await send(client, admin, body, dry_run=False)).json()
    assert report["status"] == "applied", report
    unit = (await client.get(f"{UNITS}/P-X", headers=admin)).json()
    assert unit["groups"] == ["SBN", "QH"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"not a workbook", "unit_import.unreadable"),
        (sheet(("P-X", "X"), header=("code", "name_vi")), "unit_import.header"),
        (sheet(), "unit_import.no_rows"),
    ],
)
async def test_unreadable_sheets_are_a_422(
    client: AsyncClient, admin: dict[str, str], body: bytes, code: str
) -> None:
    assert_problem(await send(client, admin, body, dry_run=True), 422, code)


async def test_only_excel_is_accepted(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(
        IMPORT, content=b"code\nX", headers={**admin, "Content-Type": "text/csv"}
    )
    assert_problem(response, 415, "unit_import.content_type")


@pytest.mark.parametrize(
    "who",
    [
        "evaluator",
        "approver",
        "q1.editor",
        "q1.head",
        "cuc-thue.staff",
        "viewer",
        "client:cuc-thue",
    ],
)
async def test_only_an_admin_imports_units(
    client: AsyncClient, tokens: Tokens, session: AsyncSession, who: str
) -> None:
    headers = (
        await tokens.client(who.removeprefix("client:"))
        if who.startswith("client:")
        else await tokens.user(who)
    )
    before = await unit_count(session)
    assert_problem(await client.get(f"{IMPORT}/template", headers=headers), 403)
    assert_problem(await send(client, headers, sheet(*GOOD[1:]), dry_run=False), 403)
    assert await unit_count(session) == before


async def test_import_needs_sign_in(client: AsyncClient) -> None:
    assert_problem(await client.get(f"{IMPORT}/template"), 401)
    assert_problem(await send(client, {}, sheet(*GOOD[1:]), dry_run=True), 401)
