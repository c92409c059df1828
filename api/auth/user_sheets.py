"""Accounts in Excel: the import template, importing accounts from it (all rows or none), and the
users list exported.

An import reads the first sheet's columns ``username``, ``full_name``, ``email``, ``role`` and
``unit_code`` by their header (others are ignored; the header is row 1, and rows are numbered as
Excel shows them). Every row is checked before anything is written: a dry run reports each row's
errors (row, column, message in the request's language); an apply with any error writes nothing
(422 with the same report). An applied import creates every account with a temporary password of
its own, shown once in the answer and to be changed at the first sign-in (``api.auth.passwords``):
the admin hands each person theirs, as after a reset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import EmailStr, TypeAdapter, ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth import service
from api.auth.models import User, UserRole
from api.auth.passwords import PasswordRules, new_temporary_password
from api.core import xlsx
from api.core.clock import CITY_TZ
from api.core.database import utcnow
from api.core.errors import Invalid
from api.core.principal import Role
from api.core.security import hash_temporary_password
from api.core.xlsx import append_bold, append_row
from api.units.models import Unit

COLUMNS = ("username", "full_name", "email", "role", "unit_code")
MAX_ROWS = 2_000  # a year's accounts are about 400; every sheet line counts, blank ones too
MAX_XLSX_UNPACKED = 64 * 1024 * 1024
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
ROLE_SEPARATORS = re.compile(r"[,;]")
ROLE_VI = {
    Role.admin: "Quản trị hệ thống",
    Role.evaluator: "Chuyên viên thẩm định (Sở)",
    Role.approver: "Lãnh đạo Sở (phê duyệt, công bố)",
    Role.unit_editor: "Cán bộ đầu mối của đơn vị (cần unit_code)",
    Role.unit_head: "Lãnh đạo đơn vị, ký gửi (cần unit_code)",
    Role.provider: "Cán bộ cơ quan cung cấp số liệu (unit_code của cơ quan)",
    Role.viewer: "Chỉ xem",
}
_EMAIL = TypeAdapter(EmailStr)


@dataclass(frozen=True)
class SheetRow:
    """One account row as read: its row number and the five cells, trimmed (None when blank)."""

    row: int
    username: str | None
    full_name: str | None
    email: str | None
    role: str | None
    unit_code: str | None


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str | None
    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Account:
    """A row that passed every check: the account it makes."""

    row: int
    username: str
    full_name: str
    email: str | None
    roles: tuple[Role, ...]
    unit_code: str | None


@dataclass(frozen=True)
class Created:
    account: Account
    temporary_password: str
    expires_at: dt.datetime


@dataclass
class Checked:
    """The outcome of checking a sheet: the rows read, the accounts they make, the errors."""

    rows: int
    accounts: list[Account]
    errors: list[RowError]


# --- reading ------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a username or unit code typed as a number
    text = str(value).strip()
    return text or None


def _header_name(value: Any) -> str:
    return re.sub(r"\s+", "_", str(value or "").strip().lower())


def read_rows(body: bytes) -> list[SheetRow]:
    """The account rows of the first sheet of a workbook; blank lines are skipped."""
    rows: list[SheetRow] = []
    with xlsx.first_sheet(
        body, unreadable="user_import.unreadable", max_unpacked=MAX_XLSX_UNPACKED
    ) as lines:
        header = [_header_name(cell) for cell in next(lines, ())]
        missing = [name for name in COLUMNS if name not in header]
        if missing:
            raise Invalid("user_import.header", field="body", columns=", ".join(missing))
        at = [header.index(name) for name in COLUMNS]
        for number, cells in enumerate(lines, start=2):
            if number > MAX_ROWS + 1:
                raise Invalid("user_import.too_many_rows", field="body", max=MAX_ROWS)
            values = [_text(cells[i]) if i < len(cells) else None for i in at]
            if any(v is not None for v in values):
                rows.append(SheetRow(number, *values))
    if not rows:
        raise Invalid("user_import.no_rows", field="body")
    return rows


# --- checking -----------------------------------------------------------------------------------


def _roles(text: str) -> tuple[list[Role], list[str]]:
    known, unknown = [], []
    for part in ROLE_SEPARATORS.split(text):
        name = part.strip().lower()
        if not name:
            continue
        if name in Role.__members__:
            known.append(Role(name))
        else:
            unknown.append(part.strip())
    return known, unknown


async def check_rows(session: AsyncSession, rows: Sequence[SheetRow]) -> Checked:
    """Check every row against the rules of an account and the database; nothing is written."""
    usernames = {r.username.lower() for r in rows if r.username}
    taken: set[str] = set()
    for chunk in _chunks(sorted(usernames), 500):
        taken |= set(await session.scalars(select(User.username).where(User.username.in_(chunk))))
    codes = {r.unit_code for r in rows if r.unit_code}
    units: dict[str, Unit] = {}
    for chunk in _chunks(sorted({c.upper() for c in codes}), 500):
        matched = await session.scalars(select(Unit).where(func.upper(Unit.code).in_(chunk)))
        units |= {unit.code.upper(): unit for unit in matched}

    errors: list[RowError] = []
    accounts: list[Account] = []
    first_row: dict[str, int] = {}
    for row in rows:
        found, account = _check_row(row, taken=taken, first_row=first_row, units=units)
        errors += found
        if account is not None:
            accounts.append(account)
    return Checked(rows=len(rows), accounts=accounts, errors=errors)


def _check_row(
    row: SheetRow, *, taken: set[str], first_row: dict[str, int], units: dict[str, Unit]
) -> tuple[list[RowError], Account | None]:
    """One row's errors, or the account it makes. ``first_row`` gathers the usernames seen."""
    errors: list[RowError] = []

    def fail(column: str, value: str | None, code: str, /, **params: object) -> None:
        errors.append(RowError(row.row, column, value, code, params))

    username = (row.username or "").lower()
    if not username:
        fail("username", None, "user_import.required")
    elif not USERNAME.fullmatch(username):
        fail("username", row.username, "user_import.username_format")
    elif username in first_row:
        fail(
            "username",
            row.username,
            "user_import.username_repeated",
            username=username,
            first_row=first_row[username],
        )
    elif username in taken:
        fail("username", row.username, "user_import.username_taken", username=username)
    if username and username not in first_row:
        first_row[username] = row.row
    if not row.full_name:
        fail("full_name", None, "user_import.required")
    elif len(row.full_name) > 255:
        fail("full_name", row.full_name[:64], "user_import.too_long", max=255)
    email = row.email
    if email is not None:
        if len(email) > 255:
            fail("email", email[:64], "user_import.too_long", max=255)
        else:
            try:
                email = str(_EMAIL.validate_python(email))
            except ValidationError:
                fail("email", row.email, "user_import.email_invalid")
    roles: list[Role] = []
    if not row.role:
        fail("role", None, "user_import.required")
    else:
        roles, unknown = _roles(row.role)
        if unknown or not roles:
            allowed = ", ".join(role.value for role in Role)
            shown = ", ".join(unknown) or row.role
            fail("role", row.role, "user_import.role_unknown", role=shown, allowed=allowed)
    unit = None
    if row.unit_code:
        unit = units.get(row.unit_code.upper())
        if unit is None:
            fail("unit_code", row.unit_code, "user_import.unit_unknown", code=row.unit_code)
    if roles and (unit is not None or not row.unit_code):
        problem = service.unit_role_problem(roles, unit)
        if problem is not None:
            fail("unit_code", row.unit_code, problem[0], **problem[1])
    if errors:
        return errors, None
    account = Account(
        row=row.row,
        username=username,
        full_name=row.full_name or "",
        email=email,
        roles=tuple(sorted(set(roles))),
        unit_code=unit.code if unit else None,
    )
    return errors, account


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- applying -----------------------------------------------------------------------------------


def _temporary_passwords(count: int) -> list[tuple[str, str]]:
    """``count`` temporary passwords with their (light) hashes: about 4 ms each."""
    passwords = [new_temporary_password() for _ in range(count)]
    return [(p, hash_temporary_password(p)) for p in passwords]


async def prepare_passwords(count: int) -> list[tuple[str, str]]:
    """The temporary passwords of an import, hashed off the event loop before any write."""
    return await to_thread.run_sync(_temporary_passwords, count)


async def apply(
    *,
    session: AsyncSession,
    accounts: Sequence[Account],
    passwords: Sequence[tuple[str, str]],
    rules: PasswordRules,
    file_sha256: str,
) -> list[Created]:
    """Create every account (the rows were checked on this session's transaction just before)."""
    expires = utcnow() + dt.timedelta(days=rules.temporary_days)
    units = {
        unit.code: unit
        for unit in await session.scalars(
            select(Unit).where(Unit.code.in_({a.unit_code for a in accounts if a.unit_code}))
        )
    }
    created: list[Created] = []
    users: list[User] = []
    for account, (password, password_hash) in zip(accounts, passwords, strict=True):
        unit = units.get(account.unit_code) if account.unit_code else None
        user = User(
            username=account.username,
            full_name=account.full_name,
            email=account.email,
            password_hash=password_hash,
            must_change_password=True,
            password_expires_at=expires,
            unit_id=unit.id if unit else None,
            role_rows=[UserRole(role=role) for role in account.roles],
        )
        session.add(user)
        users.append(user)
        created.append(Created(account, password, expires))
    await session.flush()
    for user, item in zip(users, created, strict=True):
        await audit.record(
            session=session,
            action="user.create",
            object_type="user",
            object_id=user.username,
            after={
                "full_name": user.full_name,
                "email": user.email,
                "roles": [role.value for role in item.account.roles],
                "unit_code": item.account.unit_code,
                "is_active": True,
                "must_change_password": True,
                "source": f"import:{file_sha256[:16]}",
            },
        )
    await audit.record(
        session=session,
        action="user.import",
        object_type="user_import",
        object_id=file_sha256[:16],
        after={"file_sha256": file_sha256, "created": [u.username for u in users]},
    )
    return created


def file_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


# --- the template and the export ------------------------------------------------------------------


def template(units: Sequence[Unit]) -> bytes:
    """The import template: the five columns to fill in, how to, and the units' codes."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tai khoan"
    sheet.append(COLUMNS)
    fill = PatternFill("solid", fgColor="FFE6F4FF")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
    for column, width in enumerate((22, 32, 30, 22, 14), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    roles = DataValidation(
        type="list",
        formula1='"' + ",".join(role.value for role in Role) + '"',
        allow_blank=True,
        showErrorMessage=False,  # several roles may be typed, separated by commas
    )
    sheet.add_data_validation(roles)
    roles.add(f"D2:D{MAX_ROWS + 1}")

    guide = book.create_sheet("Huong dan")
    lines = [
        "Mẫu nhập tài khoản người dùng – DTI Hub",
        "",
        "1. Mỗi dòng của trang «Tai khoan» là một tài khoản; không đổi tên các cột ở dòng 1.",
        "2. username: 2–64 chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới "
        "(ví dụ q1.editor).",
        "3. full_name: họ và tên; email: không bắt buộc.",
        "4. role: một vai trò trong danh sách dưới đây; nhiều vai trò cách nhau bằng dấu phẩy.",
        "5. unit_code: mã đơn vị (trang «Don vi»), bắt buộc với unit_editor, unit_head, provider.",
        "6. Tải tệp lên màn hình «Người dùng» › «Nhập từ Excel»: hệ thống kiểm tra thử và báo lỗi "
        "từng dòng; chỉ khi không còn lỗi mới nhập, và nhập tất cả các dòng hoặc không dòng nào.",
        "7. Mỗi tài khoản mới nhận một mật khẩu tạm, hiển thị một lần sau khi nhập; người dùng "
        "phải đổi mật khẩu ở lần đăng nhập đầu tiên.",
        "",
        "Vai trò (role):",
    ]
    for line in lines:
        append_row(guide, (line,))
    for role in Role:
        append_row(guide, (f"{role.value}: {ROLE_VI[role]}",))
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = Font(bold=True, size=13)

    listing = book.create_sheet("Don vi")
    append_bold(listing, ("unit_code", "Tên đơn vị", "Loại"))
    for unit in units:
        append_row(listing, (unit.code, unit.name_vi, unit.kind))
    listing.column_dimensions["A"].width = 16
    listing.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


EXPORT_HEADER = (
    "username",
    "full_name",
    "email",
    "role",
    "unit_code",
    "Tên đơn vị",
    "Đang hoạt động",
    "Phải đổi mật khẩu",
    "Đăng nhập gần nhất",
    "Ngày tạo",
)


def _city_time(value: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the city's wall-clock time."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(CITY_TZ).replace(tzinfo=None, microsecond=0)


def export(users: Iterable[User]) -> bytes:
    """The users list as a workbook (its first five columns read back as an import)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nguoi dung")
    for column, width in enumerate((22, 32, 30, 22, 14, 40, 14, 16, 20, 20), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    append_bold(sheet, EXPORT_HEADER)
    for user in users:
        append_row(
            sheet,
            (
                user.username,
                user.full_name,
                user.email or "",
                ", ".join(role.value for role in user.roles),
                user.unit.code if user.unit else "",
                user.unit.name_vi if user.unit else "",
                "có" if user.is_active else "không",
                "có" if user.must_change_password else "không",
                _city_time(user.last_login_at),
                _city_time(user.created_at),
            ),
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
