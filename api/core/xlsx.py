"""Small helpers shared by the Excel files the system writes (openpyxl, write-only mode)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from api.core.csvsafe import is_formula_like

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


Sheet = Worksheet | WriteOnlyWorksheet


def clean(value: Any) -> Any:
    """``value`` without the control characters XML cannot hold (openpyxl refuses them: a round
    title or an answer carrying one must not make every Excel file it appears in a 500). Tab,
    line feed and carriage return stay."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def append_bold(sheet: Sheet, values: Sequence[Any]) -> None:
    """Append a row in bold (a header or a total)."""
    cells = []
    for value in values:
        cell = as_text(sheet, value)
        if not isinstance(cell, Cell):
            cell = WriteOnlyCell(sheet, value=cell)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def as_text(sheet: Sheet, value: Any) -> Any:
    """A value to append, kept as text if Excel would read it as a formula (a unit's text answer
    "=HYPERLINK(…)" must not run in DIC's report). openpyxl stores any string starting with "="
    as a formula; a cell typed as text ("s") is stored as the string itself, unchanged (so a
    template filled in and uploaded again gives the same value back). Works for write-only and
    ordinary sheets alike. Control characters that XML cannot hold are dropped."""
    value = clean(value)
    if isinstance(value, str) and is_formula_like(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def append_row(sheet: Sheet, values: Sequence[Any]) -> None:
    """Append a row whose text cells are never read as formulas."""
    sheet.append([as_text(sheet, value) for value in values])
