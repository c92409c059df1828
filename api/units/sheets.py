"""Units from an Excel sheet (nhập đơn vị): the template, reading it, checking every row, and
creating all the units or none.

Columns, read by their header (row 1): ``code``, ``name_vi``, ``name_en``, ``kind``, ``parent``,
``group``, ``valid_from``, ``predecessors``. ``group`` and ``predecessors`` hold codes separated
by commas; a predecessor given in part is written ``CODE:part`` (``CODE:một phần``). A parent may
be another row of the sheet; predecessors must already be in the system. As in a merger, a
predecessor merged whole is closed the day before the row's ``valid_from``; one that takes part in
a round being prepared or collecting is not closed by an import: close it first on its page
(with the confirmation the round asks for). A dry run reports every row error and writes
nothing; applying writes every row, or nothing when any row is wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any, get_args

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.core import xlsx
from api.core.errors import Invalid
from api.core.text import fold
from api.core.validation import MAX_GROUPS, MAX_PREDECESSORS
from api.core.xlsx import append_bold, append_row
from api.units import service
from api.units.lineage import DAY, check_predecessor_dates, wholly_merged
from api.units.models import Unit, UnitGroup, unit_predecessors
from api.units.schemas import CODE_PATTERN, UnitKind

COLUMNS = ("code", "name_vi", "name_en", "kind", "parent", "group", "valid_from", "predecessors")
REQUIRED = ("code", "name_vi", "name_en", "kind")
# Other spellings of a header ("name vi", "Parent code", "groups", …) read as the column.
ALIASES = {"parent_code": "parent", "groups": "group"}
MAX_ROWS = 2_000  # the city has about 200 units; a sheet of ten times that is a mistake
MAX_XLSX_UNPACKED = 64 * 1024 * 1024
MAX_LISTED = 1_000  # row errors listed in a report (all are counted)
KINDS: tuple[str, ...] = get_args(UnitKind)
# Kinds as people write them in Vietnamese (folded: no case, no accents).
KIND_WORDS = {
    "so": "department",
    "ban": "agency",
    "nganh": "agency",
    "tinh": "province",
    "thanh pho thuoc thanh pho": "city",
    "quan": "district",
    "huyen": "rural_district",
    "thi xa": "town",
    "phuong": "ward",
    "xa": "commune",
    "thi tran": "township",
    "dac khu": "special_zone",
}
KIND_VI = {
    "department": "sở",
    "agency": "ban, ngành, cơ quan",
    "province": "tỉnh, thành phố trực thuộc TW",
    "city": "thành phố thuộc thành phố",
    "district": "quận",
    "rural_district": "huyện",
    "town": "thị xã",
    "ward": "phường",
    "commune": "xã",
    "township": "thị trấn",
    "special_zone": "đặc khu",
}
PART_WORDS = {"part", "mot phan", "phan"}
WHOLE_WORDS = {"whole", "toan bo"}
_SEPARATORS = re.compile(r"[,;\n]+")
_CODE = re.compile(CODE_PATTERN)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Problem:
    """One row error: the sheet's row, the column (its header) and a message code."""

    row: int
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class UnitRow:
    row: int
    code: str
    name_vi: str
    name_en: str
    kind: str
    parent: str | None
    groups: list[str]
    valid_from: dt.date | None
    predecessors: list[tuple[str, str]]  # (code, share)


@dataclass(frozen=True)
class Report:
    dry_run: bool
    rows: int
    created: list[str]
    closed: list[str]
    problems: list[Problem]

    @property
    def status(self) -> str:
        if self.problems:
            return "rejected"
        return "validated" if self.dry_run else "applied"


# --- the template -------------------------------------------------------------------------


async def template(*, session: AsyncSession) -> bytes:
    """The workbook to fill in: the columns on the first sheet, a guide (vi/en) on the second."""
    groups = list(await session.scalars(select(UnitGroup).order_by(UnitGroup.sort_order)))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Don vi"
    sheet.append(COLUMNS)
    fill = PatternFill("solid", fgColor="FFE6F4FF")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        if cell.value in REQUIRED:
            cell.fill = fill
    for column, width in enumerate((16, 40, 36, 16, 14, 14, 14, 40), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    kinds = DataValidation(
        type="list",
        formula1='"' + ",".join(KINDS) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Loại đơn vị / unit kind",
        error="Chọn một loại trong danh sách / choose a kind from the list.",
    )
    sheet.add_data_validation(kinds)
    kinds.add(f"D2:D{MAX_ROWS + 1}")

    guide = book.create_sheet("Huong dan")
    append_bold(guide, ("Mẫu nhập đơn vị / Units import template",))
    for line in (
        "",
        "1. Mỗi dòng của trang «Don vi» là một đơn vị mới; dòng 1 là tiêu đề, giữ nguyên. "
        "/ Each row of the «Don vi» sheet is a new unit; keep row 1 (the headers) as it is.",
        "2. code, name_vi, name_en, kind là bắt buộc. code gồm chữ in hoa, số, dấu . _ - "
        "/ code, name_vi, name_en and kind are required. A code holds capitals, digits, . _ -",
        "3. kind: một mã trong bảng dưới (hoặc tên tiếng Việt). "
        "/ kind: a code from the table below (or its Vietnamese name).",
        "4. parent: mã đơn vị cấp trên (đã có, hoặc một dòng khác của tệp). "
        "/ parent: the code of the unit above (existing, or another row of the sheet).",
        "5. group: mã nhóm xếp hạng, cách nhau bởi dấu phẩy. "
        "/ group: ranking group codes, separated by commas.",
        "6. valid_from: ngày bắt đầu hiệu lực (YYYY-MM-DD hoặc DD/MM/YYYY). "
        "/ valid_from: the first day (YYYY-MM-DD or DD/MM/YYYY).",
        "7. predecessors: mã các đơn vị tiền thân đã có, cách nhau bởi dấu phẩy; thêm «:part» "
        "nếu chỉ nhận một phần (ví dụ Q1:part). Đơn vị tiền thân nhận toàn bộ sẽ hết hiệu lực "
        "vào ngày trước valid_from. Cần valid_from. "
        "/ predecessors: codes of existing units this one replaces, separated by commas; add "
        "«:part» when it takes only a part (e.g. Q1:part). A predecessor taken whole ends the "
        "day before valid_from. Needs valid_from.",
        "8. Tải tệp lên: hệ thống kiểm tra thử và báo lỗi từng dòng; chỉ khi không còn lỗi mới "
        "áp dụng, cả tệp hoặc không dòng nào. "
        "/ Upload: the system checks the sheet and reports each row's errors; applying writes "
        "every row or none.",
        "",
    ):
        append_row(guide, (line,))
    append_bold(guide, ("kind", "Tiếng Việt"))
    for kind in KINDS:
        append_row(guide, (kind, KIND_VI[kind]))
    append_row(guide, ("",))
    append_bold(guide, ("group", "Tên nhóm / group name"))
    for group in groups:
        append_row(guide, (group.code, f"{group.name_vi} / {group.name_en}"))
    guide.column_dimensions["A"].width = 120
    guide.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading ------------------------------------------------------------------------------


def _header_name(value: Any) -> str:
    name = re.sub(r"[\s-]+", "_", fold(str(value or "")).strip())
    return ALIASES.get(name, name)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(body: bytes) -> list[tuple[int, dict[str, Any]]]:
    """The sheet's non-blank rows: (row number, {column: cell value}); 422 on an unreadable
    file or missing columns. Runs in a worker thread."""
    rows: list[tuple[int, dict[str, Any]]] = []
    with xlsx.first_sheet(
        body, unreadable="unit_import.unreadable", max_unpacked=MAX_XLSX_UNPACKED
    ) as lines:
        header = [_header_name(value) for value in next(lines, ())]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise Invalid("unit_import.header", field="body", columns=", ".join(missing))
        at = {name: header.index(name) for name in COLUMNS if name in header}
        for number, cells in enumerate(lines, start=2):
            if number > MAX_ROWS + 1:
                raise Invalid("unit_import.too_many_rows", field="body", max=MAX_ROWS)
            values = {name: cells[i] if i < len(cells) else None for name, i in at.items()}
            if all(_text(value) == "" for value in values.values()):
                continue
            rows.append((number, values))
    if not rows:
        raise Invalid("unit_import.no_rows", field="body")
    return rows


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_row(row: int, cells: dict[str, Any], problems: list[Problem]) -> UnitRow | None:
    """One row's fields, or ``None`` with its problems added (what needs no database)."""
    found = len(problems)

    def problem(column: str, message: str, **params: Any) -> None:
        problems.append(Problem(row, column, message, params))

    code = _text(cells.get("code"))
    if not code:
        problem("code", "unit_import.required")
    elif len(code) > 32 or not _CODE.match(code):
        problem("code", "unit_import.bad_code", value=code)
    names = {}
    for column in ("name_vi", "name_en"):
        names[column] = _text(cells.get(column))
        if not names[column]:
            problem(column, "unit_import.required")
        elif len(names[column]) > 255:
            problem(column, "unit_import.too_long", max=255)
        elif _CONTROL.search(names[column]):
            problem(column, "unit_import.control_characters")
    kind_text = _text(cells.get("kind"))
    kind = kind_text if kind_text in KINDS else KIND_WORDS.get(fold(kind_text), "")
    if not kind_text:
        problem("kind", "unit_import.required")
    elif not kind:
        problem("kind", "unit_import.bad_kind", value=kind_text[:40], kinds=", ".join(KINDS))
    parent = _text(cells.get("parent")) or None
    groups = [g.strip() for g in re.split(r"[,;\s]+", _text(cells.get("group"))) if g.strip()]
    if len(groups) > MAX_GROUPS:
        problem("group", "unit_import.too_many", max=MAX_GROUPS)
    valid_from = None
    if _text(cells.get("valid_from")):
        try:
            valid_from = _date(cells.get("valid_from"))
        except ValueError:
            problem("valid_from", "unit_import.bad_date", value=_text(cells.get("valid_from"))[:40])
    predecessors: list[tuple[str, str]] = []
    for token in _SEPARATORS.split(_text(cells.get("predecessors"))):
        token = token.strip()
        if not token:
            continue
        name, _, share_text = token.partition(":")
        share_word = fold(share_text)
        if share_word and share_word not in PART_WORDS | WHOLE_WORDS:
            problem("predecessors", "unit_import.bad_share", value=token[:40])
            continue
        predecessors.append((name.strip(), "part" if share_word in PART_WORDS else "whole"))
    if len(predecessors) > MAX_PREDECESSORS:
        problem("predecessors", "unit_import.too_many", max=MAX_PREDECESSORS)
    if (
        predecessors
        and valid_from is None
        and "valid_from" not in {p.column for p in problems[found:]}
    ):
        problem("valid_from", "unit_import.predecessors_need_date")
    if len(problems) > found:
        return None
    return UnitRow(
        row,
        code,
        names["name_vi"],
        names["name_en"],
        kind,
        parent,
        groups,
        valid_from,
        predecessors,
    )


# --- checking and applying ----------------------------------------------------------------


@dataclass
class Plan:
    """What applying the sheet would do: the rows to create, the predecessors to close."""

    rows: list[UnitRow]
    existing: dict[str, Unit]
    groups: dict[str, UnitGroup]
    to_close: dict[str, tuple[Unit, dt.date]]


async def check(
    session: AsyncSession, raw: list[tuple[int, dict[str, Any]]]
) -> tuple[Plan, list[Problem]]:
    """Every row's problems, those needing the database included."""
    problems: list[Problem] = []
    parsed = [parse_row(number, cells, problems) for number, cells in raw]
    rows = [row for row in parsed if row is not None]
    # Codes given in the sheet, for duplicates (even in rows wrong otherwise).
    first_row: dict[str, int] = {}
    for number, cells in raw:
        code = _text(cells.get("code"))
        if code and code in first_row:
            problems.append(
                Problem(number, "code", "unit_import.duplicate", {"row": first_row[code]})
            )
        first_row.setdefault(code, number)
    in_sheet = {row.code: row for row in rows}

    wanted = (
        set(in_sheet)
        | {r.parent for r in rows if r.parent}
        | {code for r in rows for code, _ in r.predecessors}
    )
    existing = {u.code: u for u in await session.scalars(select(Unit).where(Unit.code.in_(wanted)))}
    group_codes = {g for r in rows for g in r.groups}
    groups = {
        g.code: g
        for g in await session.scalars(select(UnitGroup).where(UnitGroup.code.in_(group_codes)))
    }
    merged = await wholly_merged(session, [u.id for u in existing.values()])
    to_close: dict[str, tuple[Unit, dt.date]] = {}
    whole_in_row: dict[str, int] = {}
    for item in rows:
        problems.extend(check_row(item, existing, in_sheet, groups, merged, to_close, whole_in_row))
    # A parent chain inside the sheet must end (no unit above itself).
    for row in rows:
        cursor, steps = row.parent, 0
        while cursor in in_sheet and steps <= len(in_sheet):
            cursor, steps = in_sheet[cursor].parent, steps + 1
        if steps > len(in_sheet):
            problems.append(Problem(row.row, "parent", "unit.parent_cycle"))
    # Closing a unit of a round being prepared or collecting needs the admin's confirmation,
    # which an import cannot give: the row names it.
    closing = [unit for unit, _ in to_close.values()]
    for unit, round_ in await service.rounds_in_progress(session, closing):
        problems.append(
            Problem(
                whole_in_row[unit.code],
                "predecessors",
                "unit_import.predecessor_in_round",
                {"code": unit.code, "round": round_.id, "phase": str(round_.phase)},
            )
        )
    problems.sort(key=lambda p: (p.row, COLUMNS.index(p.column) if p.column in COLUMNS else 99))
    return Plan(rows, existing, groups, to_close), problems


def check_row(
    row: UnitRow,
    existing: dict[str, Unit],
    in_sheet: dict[str, UnitRow],
    groups: dict[str, UnitGroup],
    merged: set[int],
    to_close: dict[str, tuple[Unit, dt.date]],
    whole_in_row: dict[str, int],
) -> list[Problem]:
    """One row's problems against the database (``to_close``, ``whole_in_row`` are filled)."""
    problems: list[Problem] = []

    def problem(column: str, message: str, **params: Any) -> None:
        problems.append(Problem(row.row, column, message, params))

    if row.code in existing:
        problem("code", "unit.code_taken", code=row.code)
    if row.parent and row.parent not in existing and row.parent not in in_sheet:
        problem("parent", "unit.unknown", code=row.parent)
    for group in row.groups:
        if group not in groups:
            problem("group", "group.unknown", code=group)
    seen: set[str] = set()
    for code, share in row.predecessors:
        if code == row.code:
            problem("predecessors", "unit.predecessor_self")
            continue
        if code in seen:
            problem("predecessors", "lineage.duplicate", code=code)
            continue
        seen.add(code)
        unit = existing.get(code)
        if unit is None:
            problem("predecessors", "unit_import.predecessor_unknown", code=code)
            continue
        assert row.valid_from is not None  # parse_row requires it with predecessors
        closes = share == "whole"
        dates = check_predecessor_dates(unit, row.valid_from, closes=closes, field="")
        if dates is not None:
            problem("predecessors", dates.code, **dates.params)
        if unit.id in merged:
            problem("predecessors", "lineage.already_merged", code=code)
        if closes:
            if code in whole_in_row:
                problem(
                    "predecessors",
                    "unit_import.predecessor_twice",
                    code=code,
                    row=whole_in_row[code],
                )
                continue
            whole_in_row[code] = row.row
            last_day = row.valid_from - DAY
            if unit.valid_to != last_day:
                to_close[code] = (unit, last_day)
    return problems


async def run(
    *, session: AsyncSession, raw: list[tuple[int, dict[str, Any]]], body: bytes, dry_run: bool
) -> Report:
    """Check the sheet; unless ``dry_run`` or any row is wrong, create every unit at once."""
    plan, problems = await check(session, raw)
    closed = sorted(plan.to_close)
    if problems or dry_run:
        return Report(dry_run, len(raw), [], closed if not problems else [], problems)
    created: dict[str, Unit] = {}
    for row in plan.rows:
        unit = Unit(
            code=row.code,
            name_vi=row.name_vi,
            name_en=row.name_en,
            kind=row.kind,
            valid_from=row.valid_from,
            groups=[plan.groups[g] for g in dict.fromkeys(row.groups)],
        )
        session.add(unit)
        created[row.code] = unit
    await session.flush()
    for row in plan.rows:
        if row.parent:
            parent = plan.existing.get(row.parent) or created[row.parent]
            created[row.code].parent_id = parent.id
    links = [
        {
            "unit_id": created[row.code].id,
            "predecessor_id": plan.existing[code].id,
            "share": share,
            "effective_on": row.valid_from,
        }
        for row in plan.rows
        for code, share in row.predecessors
    ]
    if links:
        await session.execute(insert(unit_predecessors), links)
    await session.flush()
    for unit in created.values():
        await session.refresh(unit, ["parent", "predecessors"])
        await audit.record(
            session=session,
            action="unit.create",
            object_type="unit",
            object_id=unit.code,
            after={**service.snapshot(unit), "imported": True},
        )
    for code in closed:
        unit, last_day = plan.to_close[code]
        before = service.snapshot(unit)
        unit.valid_to = last_day
        await session.flush()
        await audit.record(
            session=session,
            action="unit.close",
            object_type="unit",
            object_id=code,
            before=before,
            after={**service.snapshot(unit), "imported": True},
        )
    await audit.record(
        session=session,
        action="unit.import",
        object_type="unit_import",
        object_id=hashlib.sha256(body).hexdigest()[:16],
        after={"rows": len(raw), "created": list(created), "closed": closed},
    )
    return Report(False, len(raw), list(created), closed, [])
