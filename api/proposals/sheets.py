"""The proposals list as an Excel workbook, for DIC's report to the City (text cells are never
read as formulas: a unit's rationale starting with "=" stays text)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from api.core.clock import CITY_TZ
from api.core.xlsx import append_bold, append_row
from api.proposals.models import Proposal, ProposalKind, ProposalStatus
from api.units.models import Unit

HEADER = (
    "Số",
    "Mã đơn vị",
    "Đơn vị",
    "Bộ chỉ số",
    "Loại đề xuất",
    "Mã chỉ số",
    "Tiêu đề",
    "Lý do đề xuất",
    "Nội dung đề xuất",
    "Tệp đính kèm",
    "Người gửi",
    "Thời điểm gửi",
    "Trạng thái",
    "Đưa vào dự thảo",
    "Mã chỉ số trong dự thảo",
    "Trùng với đề xuất số",
    "Ý kiến của Sở",
    "Người xử lý",
    "Thời điểm xử lý",
)
WIDTHS = (6, 12, 28, 20, 16, 10, 36, 48, 48, 24, 16, 18, 14, 20, 12, 12, 40, 16, 18)
KINDS = {
    ProposalKind.change: "Sửa chỉ số",
    ProposalKind.new: "Thêm chỉ số mới",
    ProposalKind.remove: "Bỏ chỉ số",
}
STATUSES = {
    ProposalStatus.submitted: "Chờ xử lý",
    ProposalStatus.accepted: "Tiếp nhận",
    ProposalStatus.declined: "Không tiếp nhận",
    ProposalStatus.duplicate: "Trùng lặp",
}


def _city_time(value: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the city's wall-clock time."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(CITY_TZ).replace(tzinfo=None, microsecond=0)


def export(rows: Sequence[Proposal], units: Mapping[int, Unit], names: Mapping[str, str]) -> bytes:
    """One line per proposal, in the order given."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("De xuat")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    append_bold(sheet, HEADER)
    for row in rows:
        unit = units.get(row.unit_id)
        append_row(
            sheet,
            (
                row.id,
                unit.code if unit else "",
                unit.name_vi if unit else "",
                row.framework_code,
                KINDS[row.kind],
                row.criterion_code or "",
                row.title,
                row.rationale,
                row.proposed_text,
                row.attachment_name or "",
                names.get(row.filed_by, row.filed_by),
                _city_time(row.filed_at),
                STATUSES[row.status],
                row.target_framework_code or "",
                row.target_criterion_code or "",
                row.duplicate_of_id or "",
                row.response or "",
                names.get(row.decided_by, row.decided_by) if row.decided_by else "",
                _city_time(row.decided_at),
            ),
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
