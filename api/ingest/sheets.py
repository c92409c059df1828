"""Reading an uploaded sheet (CSV or Excel) into rows, with limits, and never a 500.

Both read the columns ``unit_code``, ``element_code`` and ``value`` by their header (other columns
are ignored) and number rows as the agency's staff see them (the header is row 1).

A blank value cell means "no figure in this row": the row is skipped, not read as "clear the
value", so a half-filled template never wipes figures already in the system, and neither does a
formula that was saved without its computed value. (A JSON body's ``null`` does clear a value.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, NamedTuple

from api.core import xlsx
from api.core.errors import Invalid

MAX_ROWS = 200_000
# An .xlsx is a zip: refuse one that would unpack to more than this before parsing it.
MAX_XLSX_UNPACKED = 512 * 1024 * 1024
COLUMNS = ("unit_code", "element_code", "value")


class Row(NamedTuple):
    """One figure as received: its position (1-based row, or sheet line) and raw fields."""

    row: int
    unit_code: Any
    element_code: Any
    value: Any


def _check_header(header: list[str]) -> dict[str, int]:
    missing = set(COLUMNS) - set(header)
    if missing:
        raise Invalid("ingest.csv_header", field="body", columns=", ".join(sorted(missing)))
    return {name: header.index(name) for name in COLUMNS}


def _counted(rows: Iterable[Row]) -> list[Row]:
    kept: list[Row] = []
    for row in rows:
        if len(kept) == MAX_ROWS:
            raise Invalid("ingest.too_many_rows", field="body", max=MAX_ROWS)
        kept.append(row)
    return kept


def _line_allowed(number: int) -> None:
    """Every line counts toward the cap, blank ones too: a sheet of a million empty rows is
    refused as soon as its reader passes ``MAX_ROWS`` lines, not read to its end."""
    if number > MAX_ROWS + 1:  # the header is line 1
        raise Invalid("ingest.too_many_rows", field="body", max=MAX_ROWS)


def rows_from_csv(body: bytes) -> list[Row]:
    """Rows of a ``unit_code,element_code,value`` CSV (UTF-8, with or without a BOM).

    Strict: a quote opened and never closed is an error naming the line where its record began
    (a lenient reader would swallow the rest of the file into one field and find no figures)."""
    text = body.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text), strict=True)
    start = 1
    try:
        at = _check_header([cell.strip() for cell in next(reader, [])])

        def rows() -> Iterator[Row]:
            nonlocal start
            start = reader.line_num + 1
            for record in reader:
                _line_allowed(reader.line_num)
                begun, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in record):
                    continue
                cells = [record[i].strip() if i < len(record) else "" for i in at.values()]
                if cells[2] == "":
                    continue  # no figure in this row (see the module docstring)
                yield Row(begun, cells[0], cells[1], cells[2])

        return _counted(rows())
    except csv.Error as exc:  # an unclosed quote; a field over the csv module's size limit
        if "unexpected end of data" in str(exc):
            raise Invalid("ingest.csv_quote", field="body", line=start) from exc
        raise Invalid("ingest.csv_unreadable", field="body", line=start) from exc


def _xlsx_value(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip() or None
    # A cell formatted as a percentage holds the fraction (12.5 % is 0.125): the figure the
    # agency typed and sees is the percentage.
    percent = "%" in (getattr(cell, "number_format", "") or "")
    if percent and isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(repr(value)) * 100
    return value


def rows_from_xlsx(body: bytes) -> list[Row]:
    """Rows of the first sheet of a workbook (.xlsx)."""
    with xlsx.first_sheet(
        body,
        unreadable="ingest.xlsx_unreadable",
        too_large="ingest.xlsx_too_large",
        max_unpacked=MAX_XLSX_UNPACKED,
        values_only=False,
    ) as lines:
        at = _check_header(
            [str(c.value).strip() if c.value is not None else "" for c in next(lines, ())]
        )

        def rows() -> Iterator[Row]:
            for number, cells in enumerate(lines, start=2):
                _line_allowed(number)
                picked = [cells[i] if i < len(cells) else None for i in at.values()]
                unit, element, value = (_xlsx_value(c) if c is not None else None for c in picked)
                if value is None:
                    continue  # a blank line, or no figure in this row (see the docstring)
                yield Row(number, str(unit or "").strip(), str(element or "").strip(), value)

        return _counted(rows())
