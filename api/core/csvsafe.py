"""Cells a spreadsheet must not run: CSV (formula) injection.

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, in some, a tab or carriage return) as a formula, so a unit named ``=HYPERLINK("http://…")``
in a downloaded CSV would run when opened. Every CSV the system writes passes its cells through
``csv_cell``: such text gets a leading apostrophe, which spreadsheets show as text and do not run.

What is escaped, decided once here: text cells only. Numbers the code writes (int, float, Decimal)
are never touched, and neither is text that is a plain number (``-12.5``, ``+3``, ``-1,5``), so a
genuinely negative figure stays a readable number. Excel files are protected differently, without
changing the value: their text cells are typed as text (``api.core.xlsx``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain number, signed or not, with a decimal point or comma, maybe an exponent.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read ``text`` as a formula (and it is not just a signed number)?"""
    return text.startswith(FORMULA_TRIGGERS) and _NUMBER.fullmatch(text) is None


def csv_cell(value: object) -> object:
    """``value`` as it may go into a CSV: formula-like text prefixed with an apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def csv_row(values: Iterable[object]) -> list[object]:
    """A CSV row whose text cells are never read as formulas."""
    return [csv_cell(value) for value in values]
