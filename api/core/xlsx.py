"""Small helpers shared by the Excel files the system writes (openpyxl, write-only mode)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def append_bold(sheet: WriteOnlyWorksheet, values: Sequence[Any]) -> None:
    """Append a row in bold (a header or a total)."""
    cells = []
    for value in values:
        cell = as_text(sheet, value)
        if not isinstance(cell, Cell):
            cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def as_text(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A value to append, kept as text if Excel would read it as a formula (a unit's text answer
    "=HYPERLINK(…)" must not run in DIC's report)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")) and len(value) > 1:
        if value[0] in "+-" and value[1:].replace(".", "", 1).isdigit():
            return value  # a signed number written as text stays as it is
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def append_row(sheet: WriteOnlyWorksheet, values: Sequence[Any]) -> None:
    """Append a row whose text cells are never read as formulas."""
    sheet.append([as_text(sheet, value) for value in values])
