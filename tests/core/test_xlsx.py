"""Text written to the Excel files stays text: a value Excel would run as a formula is not one."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from api.core.xlsx import append_bold, append_row


def test_formulas_in_text_stay_text() -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    append_bold(sheet, ['=HYPERLINK("http://evil")', "Tên"])
    append_row(sheet, ["=1+1", "@SUM(A1)", "-5", "+84 28 3822", 7, None, "bình thường"])
    out = io.BytesIO()
    book.save(out)
    rows = list(load_workbook(io.BytesIO(out.getvalue()))["x"].iter_rows())
    assert [(c.value, c.data_type) for c in rows[0][:2]] == [
        ('=HYPERLINK("http://evil")', "s"),
        ("Tên", "s"),
    ]
    assert [(c.value, c.data_type) for c in rows[1]] == [
        ("=1+1", "s"),
        ("@SUM(A1)", "s"),
        ("-5", "s"),
        ("+84 28 3822", "s"),
        (7, "n"),
        (None, "n"),
        ("bình thường", "s"),
    ]


def test_control_characters_are_dropped_from_every_cell() -> None:
    """openpyxl refuses the C0 controls XML cannot hold; tab and line breaks stay."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    append_bold(sheet, ["Kỳ\x0b 2023\x00", "=A1\x01"])
    append_row(sheet, ["a\tb\nc\x1f", "\x07=1+1", 3])
    out = io.BytesIO()
    book.save(out)
    rows = list(load_workbook(io.BytesIO(out.getvalue()))["x"].iter_rows(values_only=True))
    assert rows == [("Kỳ 2023", "=A1", None), ("a\tb\nc", "=1+1", 3)]
