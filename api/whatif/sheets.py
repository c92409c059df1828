"""The what-if and rank stability as a workbook for the report to the City's leaders: a sheet
that names the round, both framework versions, the changes, the parameters, the seed and the
time, then one sheet per group with every unit's figures before and after (and its rank interval
when stability was asked for). Text cells are never formulas; figures are numbers."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from api.core.clock import CITY_TZ
from api.core.xlsx import append_bold, append_row
from api.whatif.schemas import FrameworkRef, StabilityOut, WhatIfOut

TITLE = "Mô phỏng xếp hạng (what-if) – không phải kết quả chính thức"
WHAT_IF_HEADER = (
    "Hạng mới",
    "Mã đơn vị",
    "Tên đơn vị",
    "Điểm (hiện hành)",
    "Điểm tối đa (hiện hành)",
    "Chỉ số (hiện hành)",
    "Hạng (hiện hành)",
    "Điểm (mô phỏng)",
    "Điểm tối đa (mô phỏng)",
    "Chỉ số (mô phỏng)",
    "Hạng (mô phỏng)",
    "Thay đổi điểm",
    "Thay đổi hạng (+ lên, − xuống)",
)
STABILITY_HEADER = (
    "Hạng trung vị",
    "Hạng 5 %",
    "Hạng 95 %",
    "Hạng tốt nhất",
    "Hạng kém nhất",
)
WIDTHS = (9, 12, 40, 12, 12, 10, 10, 12, 12, 10, 10, 11, 14, 11, 9, 9, 11, 11)
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _framework(ref: FrameworkRef) -> str:
    return f"{ref.code} – {ref.title_vi} (mã {ref.id}, lần sửa {ref.revision}, {ref.status})"


def _changes(changes: dict[str, str]) -> str:
    return "; ".join(f"{code}: {value}" for code, value in changes.items()) or "—"


def _number(text: str) -> Decimal:
    return Decimal(text)


def _header_rows(what_if: WhatIfOut, stability: StabilityOut | None) -> list[tuple[str, Any]]:
    round_ = what_if.round
    scenario = what_if.scenario
    rows: list[tuple[str, Any]] = [
        ("Kỳ đánh giá", f"{round_.title_vi} (mã {round_.id}, năm {round_.year})"),
        ("Bộ chỉ số của kỳ", _framework(what_if.base_framework)),
        ("Bộ chỉ số mô phỏng", _framework(scenario.framework)),
        ("Trọng số thay đổi", _changes(scenario.weights)),
        ("Điểm tối đa thay đổi", _changes(scenario.max_points)),
        ("Trọng số áp dụng", _changes(scenario.applied_weights)),
        (
            "Chỉ tiêu kỳ chưa thu thập (tính là thiếu số liệu)",
            ", ".join(scenario.uncollected_elements) or "—",
        ),
    ]
    if stability is not None:
        rows += [
            ("Độ ổn định: biên độ trọng số", f"± {stability.spread_percent} %"),
            ("Độ ổn định: số lần lấy mẫu", stability.samples),
            ("Độ ổn định: hạt giống (seed)", stability.seed),
        ]
    rows.append(
        (
            "Thời điểm tính (giờ TP.HCM)",
            what_if.computed_at.astimezone(CITY_TZ).strftime("%d/%m/%Y %H:%M:%S"),
        )
    )
    if round_.is_demo:
        rows.append(("Lưu ý", "Dữ liệu minh họa (demo data)"))
    return rows


def _sheet_title(code: str, taken: set[str]) -> str:
    base = _SHEET_UNSAFE.sub("-", code)[:28] or "Nhom"
    title, n = base, 2
    while title.lower() in taken:
        title, n = f"{base[:25]}-{n}", n + 1
    taken.add(title.lower())
    return title


def _info_sheet(sheet: Worksheet, what_if: WhatIfOut, stability: StabilityOut | None) -> None:
    append_row(sheet, (TITLE,))
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in _header_rows(what_if, stability):
        append_row(sheet, (label, value))
    sheet.append(())
    summary = what_if.summary
    append_bold(sheet, ("Tóm tắt",))
    append_row(sheet, ("Số đơn vị", summary.units))
    append_row(sheet, ("Số đơn vị đổi hạng", summary.moved))
    append_row(sheet, ("Lên hạng", summary.up))
    append_row(sheet, ("Xuống hạng", summary.down))
    if summary.largest_moves:
        sheet.append(())
        append_bold(
            sheet, ("Thay đổi lớn nhất", "Tên đơn vị", "Nhóm", "Hạng cũ", "Hạng mới", "Thay đổi")
        )
        for move in summary.largest_moves:
            append_row(
                sheet,
                (
                    move.unit_code,
                    move.unit_name_vi,
                    move.group,
                    move.base_rank,
                    move.new_rank,
                    move.rank_change,
                ),
            )
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 80


def workbook(what_if: WhatIfOut, stability: StabilityOut | None) -> bytes:
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = "Thong tin"
    _info_sheet(info, what_if, stability)
    taken = {info.title.lower()}
    intervals = {u.unit_code: u for g in stability.groups for u in g.units} if stability else {}
    header: Sequence[str] = WHAT_IF_HEADER + (STABILITY_HEADER if stability else ())
    for group in what_if.groups:
        sheet = book.create_sheet(_sheet_title(group.code, taken))
        append_row(sheet, (f"{TITLE} – nhóm {group.code}: {group.name_vi}",))
        sheet["A1"].font = Font(bold=True, size=12)
        append_row(sheet, (f"Kỳ đánh giá: {what_if.round.title_vi} (mã {what_if.round.id})",))
        append_row(
            sheet,
            (
                f"Bộ chỉ số: {what_if.base_framework.code} → "
                f"{what_if.scenario.framework.code}; tính lúc "
                f"{what_if.computed_at.astimezone(CITY_TZ).strftime('%d/%m/%Y %H:%M')}"
                + (
                    f"; ổn định ± {stability.spread_percent} %, {stability.samples} mẫu, "
                    f"seed {stability.seed}"
                    if stability
                    else ""
                ),
            ),
        )
        append_bold(sheet, header)
        first = sheet.max_row
        for unit in group.units:
            row: list[Any] = [
                unit.new.rank,
                unit.unit_code,
                unit.unit_name_vi,
                _number(unit.base.points),
                _number(unit.base.max_points),
                _number(unit.base.index),
                unit.base.rank,
                _number(unit.new.points),
                _number(unit.new.max_points),
                _number(unit.new.index),
                unit.new.rank,
                _number(unit.points_change),
                unit.rank_change,
            ]
            interval = intervals.get(unit.unit_code)
            if interval is not None:
                row += [
                    _number(interval.median_rank),
                    interval.low_rank,
                    interval.high_rank,
                    interval.best_rank,
                    interval.worst_rank,
                ]
            append_row(sheet, row)
        for column, width in enumerate(WIDTHS[: len(header)], start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        for cells in sheet.iter_rows(min_row=first + 1, min_col=6, max_col=10):
            cells[0].number_format = "0.0000"
            cells[4].number_format = "0.0000"
        sheet.freeze_panes = f"D{first + 1}"
        sheet.auto_filter.ref = f"A{first}:{get_column_letter(len(header))}{sheet.max_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
