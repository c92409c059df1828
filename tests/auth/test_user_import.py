"""Importing accounts from the Excel template: the template, the dry run's row errors in Vietnamese
and English, all rows or none, and the temporary passwords of the accounts made."""

from __future__ import annotations

import io
from collections.abc import Sequence

from httpx import AsyncClient, Response
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent
from api.auth.models import User
from tests.support.auth import Headers, bearer
from tests.support.http import sign_in
from tests.support.problems import assert_problem

IMPORT = "/api/v1/user-imports"
TEMPLATE = "/api/v1/user-imports/template.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ("username", "full_name", "email", "role", "unit_code")

GOOD = [
    ("p1.editor", "Trần Văn An", "an.p1@example.vn", "unit_editor", "Q3"),
    ("p1.head", "Lê Thị Bình", None, "unit_head, unit_editor", "Q3"),
    ("cuc-thue.staff2", "Phạm Minh Châu", "chau@example.vn", "provider", "CUC-THUE"),
    ("leader", "Võ Văn Dũng", None, "viewer", None),
]


def workbook(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def send(
    client: AsyncClient, admin: Headers, body: bytes, *, dry_run: bool, language: str = "vi"
) -> Response:
    return await client.post(
        IMPORT,
        params={"dry_run": str(dry_run).lower()},
        content=body,
        headers={**admin, "Content-Type": XLSX, "Accept-Language": language},
    )


async def counts(session: AsyncSession) -> tuple[int, int]:
    users = await session.scalar(select(func.count()).select_from(User))
    events = await session.scalar(select(func.count()).select_from(AuditEvent))
    return users or 0, events or 0


async def test_the_template_has_the_columns_the_import_reads(
    client: AsyncClient, admin: Headers
) -> None:
    response = await client.get(TEMPLATE, headers=admin)
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert "mau-nhap-tai-khoan.xlsx" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tai khoan", "Huong dan", "Don vi"]
    assert next(book["Tai khoan"].iter_rows(values_only=True)) == HEADER
    codes = [row[0] for row in book["Don vi"].iter_rows(min_row=2, values_only=True)]
    assert "Q1" in codes
    assert "CUC-THUE" in codes
    guide = "\n".join(str(r[0]) for r in book["Huong dan"].iter_rows(values_only=True))
    assert "unit_editor" in guide


async def test_one_bad_row_writes_nothing_and_the_fixed_file_applies(
    client: AsyncClient, admin: Headers, session: AsyncSession
) -> None:
    bad = workbook([*GOOD[:2], ("p1.viewer", "Ngô Thị Én", "not-an-email", "viewer", None)])
    before = await counts(session)

    checked = await send(client, admin, bad, dry_run=True)
    assert checked.status_code == 200, checked.text
    report = checked.json()
    assert report["status"] == "rejected"
    assert report["dry_run"] is True
    assert report["rows"] == 3
    assert report["error_count"] == 1
    assert report["accounts"] == []
    [error] = report["errors"]
    assert (error["row"], error["field"], error["value"]) == (4, "email", "not-an-email")
    assert error["message"] == "Địa chỉ e-mail không hợp lệ."

    refused = await send(client, admin, bad, dry_run=False, language="en")
    problem = assert_problem(refused, 422, "user_import.rejected")
    assert problem["errors"][0]["message"] == "Not a valid e-mail address."
    assert problem["errors"][0]["row"] == 4
    assert problem["created"] == 0
    assert await counts(session) == before

    fixed = workbook([*GOOD[:2], ("p1.viewer", "Ngô Thị Én", "en@example.vn", "viewer", None)])
    dry = await send(client, admin, fixed, dry_run=True)
    assert dry.json()["status"] == "validated"
    assert [a["username"] for a in dry.json()["accounts"]] == ["p1.editor", "p1.head", "p1.viewer"]
    assert all(a["temporary_password"] is None for a in dry.json()["accounts"])
    assert await counts(session) == before

    applied = await send(client, admin, fixed, dry_run=False)
    assert applied.status_code == 200, applied.text
    result = applied.json()
    assert result["status"] == "applied"
    assert result["created"] == 3
    head = result["accounts"][1]
    assert head["roles"] == ["unit_editor", "unit_head"]
    assert head["unit_code"] == "Q3"
    passwords = {a["username"]: a["temporary_password"] for a in result["accounts"]}
    assert len(set(passwords.values())) == 3
    users, events = await counts(session)
    assert users == before[0] + 3
    assert events == before[1] + 4  # one user.create each, and the import itself

    made = await session.scalar(select(User).where(User.username == "p1.head"))
    assert made is not None
    assert made.must_change_password is True
    assert made.password_expires_at is not None
    pair = await sign_in(client, "p1.head", passwords["p1.head"])
    assert pair["must_change_password"] is True
    me = await client.get("/api/v1/auth/me", headers=bearer(pair["access_token"]))
    assert me.json()["unit_code"] == "Q3"
    summary = await session.scalar(select(AuditEvent).where(AuditEvent.action == "user.import"))
    assert summary is not None
    assert summary.after is not None
    assert summary.after["created"] == ["p1.editor", "p1.head", "p1.viewer"]
    assert not any(p in str(summary.after) for p in passwords.values())

    # The same file again: every name is now taken, and nothing more is written.
    again = await send(client, admin, fixed, dry_run=False)
    problem = assert_problem(again, 422, "user_import.rejected")
    assert {e["field"] for e in problem["errors"]} == {"username"}
    assert problem["error_count"] == 3


async def test_every_kind_of_row_error_is_reported_with_its_row_and_column(
    client: AsyncClient, admin: Headers
) -> None:
    rows = [
        ("Q1.Editor", "Trùng tài khoản có sẵn", None, "unit_editor", "Q1"),  # row 2
        ("ok.one", "Một", None, "viewer", None),  # row 3: fine
        ("ok.one", "Lặp lại", None, "viewer", None),  # row 4
        ("bad name", "Tên sai", None, "viewer", None),  # row 5
        ("no.name", None, None, "viewer", None),  # row 6
        ("no.role", "Không vai trò", None, None, None),  # row 7
        ("boss", "Vai trò lạ", None, "boss", None),  # row 8
        ("x.editor", "Thiếu đơn vị", None, "unit_editor", None),  # row 9
        ("y.editor", "Đơn vị lạ", None, "unit_editor", "NOPE"),  # row 10
        ("z.provider", "Quận không cung cấp số liệu", None, "provider", "Q1"),  # row 11
        (None, None, None, None, None),  # row 12: blank, skipped
        (12345, "Số", None, "viewer", None),  # row 13: a number is a fine username
    ]
    response = await send(client, admin, workbook(rows), dry_run=True, language="en")
    report = response.json()
    assert report["rows"] == 11
    found = {(e["row"], e["field"], e["code"]) for e in report["errors"]}
    assert found == {
        (2, "username", "user_import.username_taken"),
        (4, "username", "user_import.username_repeated"),
        (5, "username", "user_import.username_format"),
        (6, "full_name", "user_import.required"),
        (7, "role", "user_import.required"),
        (8, "role", "user_import.role_unknown"),
        (9, "unit_code", "user.unit_required"),
        (10, "unit_code", "user_import.unit_unknown"),
        (11, "unit_code", "user.provider_unit"),
    }
    messages = {e["row"]: e["message"] for e in report["errors"]}
    assert messages[4] == "Username ok.one repeats row 3."
    assert "unit_editor" in messages[8]
    assert messages[10] == "Unit NOPE does not exist."


async def test_unreadable_files_are_refused_whole(client: AsyncClient, admin: Headers) -> None:
    wrong_type = await client.post(
        IMPORT, content=b"username\nx", headers={**admin, "Content-Type": "text/csv"}
    )
    assert_problem(wrong_type, 415, "user_import.content_type")
    # Judged by its content: a workbook sent as octet-stream is read all the same.
    generic = await client.post(
        IMPORT,
        params={"dry_run": "true"},
        content=workbook([("a.b", "A", None, "viewer", None)]),
        headers={**admin, "Content-Type": "application/octet-stream"},
    )
    assert generic.json()["status"] == "validated"
    garbage = await send(client, admin, b"PK\x03\x04 not really a zip", dry_run=True)
    assert_problem(garbage, 422, "user_import.unreadable")
    header = await send(
        client, admin, workbook([("a.b", "A", None, "viewer")], HEADER[:4]), dry_run=True
    )
    assert "unit_code" in assert_problem(header, 422, "user_import.header")["detail"]
    empty = await send(client, admin, workbook([]), dry_run=True)
    assert_problem(empty, 422, "user_import.no_rows")
    many = workbook([(f"u{i}", "U", None, "viewer", None) for i in range(2001)])
    assert_problem(await send(client, admin, many, dry_run=True), 422, "user_import.too_many_rows")


async def test_headers_are_read_by_name_in_any_order_and_case(
    client: AsyncClient, admin: Headers
) -> None:
    body = workbook(
        [("Q3", "viewer", "Hồ Thị Giang", "giang.q3", "ghi chú")],
        ("Unit Code", "ROLE", "Full Name", "username", "email"),
    )
    # The email column holds a note here: it is read as the e-mail, and refused as such.
    report = (await send(client, admin, body, dry_run=True)).json()
    assert [(e["field"], e["code"]) for e in report["errors"]] == [
        ("email", "user_import.email_invalid")
    ]
