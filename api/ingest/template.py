"""The import template: an Excel sheet pre-filled with every (unit, element) the caller supplies.

The first sheet is what the agency fills in and uploads again: the three columns the importer
reads (``unit_code``, ``element_code``, ``value``) come first, already holding each pair and its
current figure; the columns after them (names, type, allowed range) are there for people and are
ignored on upload. The second sheet explains how to fill it in.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue, ValueSource
from api.assessments.values import LARGEST
from api.core.database import plain_decimal
from api.core.errors import Invalid, NotFound
from api.core.principal import Principal
from api.core.xlsx import append_row
from api.frameworks import compiled
from api.frameworks.schemas import DataElementIn
from api.ingest.service import check_caller, may_push
from api.rounds.models import Round

TYPE_VI = {
    "integer": "số nguyên",
    "decimal": "số thập phân",
    "percent": "tỷ lệ %",
    "boolean": "có/không",
    "choice": "lựa chọn",
    "text": "văn bản",
    "date": "ngày (YYYY-MM-DD)",
}
HEADER = (
    "unit_code",
    "element_code",
    "value",
    "Tên đơn vị",
    "Tên chỉ tiêu",
    "Kiểu giá trị",
    "Đơn vị tính",
    "Giá trị hợp lệ",
)
WIDTHS = (14, 14, 14, 36, 70, 16, 14, 28)


@dataclass(frozen=True)
class Template:
    round: Round
    filename: str
    content: bytes
    rows: int


def _allowed(element: DataElementIn) -> str:
    kind = element.value_type
    if kind == "boolean":
        return "có / không"
    if kind == "choice":
        return ", ".join(o.value for o in element.options or [])
    if kind in ("text", "date"):
        return ""
    low = element.min if element.min is not None else Decimal(0)
    high = element.max if element.max is not None else (Decimal(100) if kind == "percent" else None)
    shown_high = plain_decimal(high) if high is not None else "…"
    return f"{plain_decimal(low)} – {shown_high}"


def _cell(value: Any, element: DataElementIn) -> Any:
    """A stored value as a spreadsheet cell: numbers as numbers, booleans as "có"/"không"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "có" if value else "không"
    if element.value_type in ("decimal", "percent") and isinstance(value, str):
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    return value


async def build(
    *,
    session: AsyncSession,
    principal: Principal,
    round_id: int,
    provider_code: str | None,
) -> Template:
    """The template of ``round_id`` for the caller (DIC may narrow it to one agency)."""
    check_caller(principal)
    round_ = await session.get(Round, round_id)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    framework = await compiled.load(session=session, framework=round_.framework)
    doc = framework.doc
    used_by = framework.elements_by_group
    pushed = [
        e
        for e in doc.elements
        if e.source != "self" and (provider_code is None or e.provider_code == provider_code)
    ]
    participants = sorted(round_.participants, key=lambda p: p.unit.code)
    pairs = [
        (participant, element)
        for participant in participants
        for element in pushed
        if element.code in used_by.get(participant.group.code, set())
        and may_push(
            principal,
            element,
            participant.unit.code,
            round_.id,
            round_.practice_of_id if round_.is_practice else None,
        )
    ]
    if not pairs:
        raise Invalid("ingest.no_elements", field="provider_code" if provider_code else "round_id")
    current = {
        (unit_id, code): value
        for unit_id, code, value in (
            await session.execute(
                select(ElementValue.unit_id, ElementValue.element_code, ElementValue.value).where(
                    ElementValue.round_id == round_.id,
                    ElementValue.source == ValueSource.provider,
                )
            )
        ).all()
    }

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "So lieu"
    sheet.append(HEADER)
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FFE6F4FF")
    for cell in sheet[1]:
        cell.font = bold
    for cell in sheet[1][:3]:
        cell.fill = fill
    sheet.freeze_panes = "D2"
    for participant, element in pairs:
        append_row(  # text answers and names stay text: never formulas in the agency's Excel
            sheet,
            (
                participant.unit.code,
                element.code,
                _cell(current.get((participant.unit_id, element.code)), element),
                participant.unit.name_vi,
                element.name_vi,
                TYPE_VI.get(element.value_type, element.value_type),
                element.unit or "",
                _allowed(element),
            ),
        )
    last = len(pairs) + 1
    numeric = [e.code for e in pushed if e.value_type in ("integer", "decimal", "percent")]
    if numeric:
        # Excel's own check while typing: no text in a figure column (the server checks anyway).
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1000000000000",
            formula2=str(LARGEST),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không hợp lệ",
            error="Cột value của chỉ tiêu này là số.",
        )
        sheet.add_data_validation(check)
        for index, (_, element) in enumerate(pairs, start=2):
            if element.code in numeric:
                check.add(f"C{index}")
    sheet.auto_filter.ref = f"A1:H{last}"

    guide = book.create_sheet("Huong dan")
    lines = [
        f"Mẫu nhập số liệu – {round_.title_vi} (kỳ {round_.id}, năm {round_.year})",
        "",
        "1. Chỉ điền cột value (cột C) của trang «So lieu»; không đổi unit_code, element_code.",
        "2. Ô đã có số là số liệu hiện có trong hệ thống; sửa nếu cần. Dòng để trống cột value "
        "được bỏ qua (không xóa số liệu đã có).",
        "3. Số thập phân dùng dấu chấm hoặc dấu phẩy; tỷ lệ % ghi số từ 0 đến 100.",
        "4. Có/không ghi «có» hoặc «không»; ngày ghi YYYY-MM-DD.",
        "5. Các cột từ D trở đi chỉ để tham khảo, hệ thống bỏ qua khi nhập.",
        "6. Tải tệp lên màn hình «Nhập số liệu»: hệ thống kiểm tra thử, báo lỗi từng dòng; "
        "chỉ khi không còn lỗi mới áp dụng, và áp dụng cả lô hoặc không dòng nào.",
        "",
        "Chỉ tiêu trong mẫu:",
    ]
    for line in lines:
        append_row(guide, (line,))
    for element in pushed:
        if any(e.code == element.code for _, e in pairs):
            append_row(guide, (f"{element.code}: {element.name_vi}", element.provider_code or ""))
    guide.column_dimensions["A"].width = 110
    for row in guide.iter_rows(min_row=1, max_row=1):
        row[0].font = Font(bold=True, size=13)
        row[0].alignment = Alignment(wrap_text=False)

    buffer = io.BytesIO()
    book.save(buffer)
    # The agency's code is the caller's text: only letters, digits and dashes reach the header.
    suffix = "-" + re.sub(r"[^A-Za-z0-9_-]", "", provider_code) if provider_code else ""
    return Template(
        round=round_,
        filename=f"mau-nhap-so-lieu-ky-{round_.id}{suffix}.xlsx",
        content=buffer.getvalue(),
        rows=len(pairs),
    )
