"""Small helpers shared by the Excel files the system writes (openpyxl, write-only mode) and by
the imports that read one (``first_sheet``)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from api.core.csvsafe import is_formula_like
from api.core.errors import Invalid

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


@contextmanager
def workbook(
    body: bytes, *, unreadable: str, too_large: str | None = None, max_unpacked: int
) -> Iterator[Any]:
    """An uploaded workbook opened read-only (cell values, formulas' cached results), for an
    import that reads several sheets by name. A file that is not a workbook is 422
    ``unreadable`` on the request body, never a 500; a zip that unpacks to more than
    ``max_unpacked`` bytes is refused before openpyxl opens it (``too_large``, else
    ``unreadable``). Anything that fails while the caller reads it is ``unreadable`` too (an
    ``Invalid`` raised by the caller passes through)."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise Invalid(unreadable, field="body") from exc
    if unpacked > max_unpacked:
        raise Invalid(too_large or unreadable, field="body", max_mb=max_unpacked >> 20)
    try:
        book = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    except Exception as exc:  # any unreadable workbook is the sender's to fix, never a 500
        raise Invalid(unreadable, field="body") from exc
    try:
        yield book
    except Invalid:
        raise
    except Exception as exc:  # a damaged sheet inside a readable zip
        raise Invalid(unreadable, field="body") from exc
    finally:
        book.close()


@contextmanager
def first_sheet(
    body: bytes,
    *,
    unreadable: str,
    too_large: str | None = None,
    max_unpacked: int,
    values_only: bool = True,
) -> Iterator[Iterator[tuple[Any, ...]]]:
    """The cells of an uploaded workbook's first sheet, line by line (read-only mode; their
    values, or the cells themselves with ``values_only=False``), for an import to check its
    header and read its rows.

    Errors as ``workbook``. The sheet's ``<dimension>`` is ignored: some tools write a wrong
    one, where read-only mode would stop.
    """
    with workbook(
        body, unreadable=unreadable, too_large=too_large, max_unpacked=max_unpacked
    ) as book:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        yield sheet.iter_rows(values_only=values_only)
