"""The progress table as an Excel workbook (for meetings and official letters)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from api.core.clock import CITY_TZ
from api.core.xlsx import append_row
from api.progress.schemas import ProgressOut

STATUS_VI = {
    "not_started": "Chưa bắt đầu",
    "in_progress": "Đang nhập",
    "submitted": "Đã nộp",
    "returned": "Bị trả lại",
    "resubmitted": "Đã nộp lại",
    "accepted": "Đã thẩm định",
}
HEADER = (
    "Mã đơn vị",
    "Tên đơn vị",
    "Nhóm",
    "Trạng thái",
    "Đã trả lời",
    "Tổng chỉ số",
    "Tỷ lệ trả lời (%)",
    "Có tài liệu",
    "Cần tài liệu",
    "Tỷ lệ tài liệu (%)",
    "Bị trả lại",
    "Hoạt động gần nhất",
    "Hạn",
    "Quá hạn",
)
WIDTHS = (12, 40, 8, 16, 11, 11, 16, 11, 12, 17, 10, 20, 12, 9)


def workbook(progress: ProgressOut, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tien do"
    append_row(sheet, (f"Tiến độ – {title} – ngày {progress.as_of.strftime('%d/%m/%Y')}",))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for u in progress.units:
        last = u.last_activity.astimezone(CITY_TZ).replace(tzinfo=None) if u.last_activity else None
        append_row(  # unit names are text, never formulas
            sheet,
            (
                u.unit_code,
                u.unit_name_vi,
                u.group,
                STATUS_VI[u.status.value],
                u.answered,
                u.indicators,
                float(u.answered_pct),
                u.evidence_done,
                u.evidence_needed,
                float(u.evidence_pct),
                u.returned,
                last,
                u.deadline,
                "Có" if u.overdue else "",
            ),
        )
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row in sheet.iter_rows(min_row=3, min_col=12, max_col=13):
        row[0].number_format = "dd/mm/yyyy hh:mm"
        row[1].number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "C3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(HEADER))}{sheet.max_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
