"""A framework version as an Excel workbook and back (bộ chỉ số ↔ Excel), without the database.

The workbook has two kinds of sheets (docs/framework-format.md § Excel):

- for people, laid out like a decision's appendix: ``Phu luc`` (Vietnamese) and ``Appendix``
  (English): code, criterion, max points per group, the scoring method in words, evidence, data
  source or supplying agency, guidance; and ``Huong dan``, the guide to the other sheets. Import
  ignores them (they are written again from the data on every export);
- for the machine, one row per thing, so import is lossless: ``framework`` (key / value),
  ``elements``, ``options`` (one row per option of a choice element), ``criteria`` (one row per
  criterion, with its parent and order) and ``rules`` (one row per rule parameter, band, choice
  option or rank), which DIC staff can edit in Excel without writing JSON.

Every table is described by column specs (``Column``): its header, where the value sits in the
document (a dotted path) and how a cell is written and read (``Kind``). A new field of the
framework, of a data element or of a criterion is one ``Column`` in ``FRAMEWORK_FIELDS``,
``ELEMENT_COLUMNS`` or ``CRITERION_COLUMNS``; a new framework-level list of flat objects is one
``ListTable`` in ``LIST_TABLES`` (its sheet is written, read, documented in the guide and its
errors located with no other change).

Reading builds the document as a plain dict together with where each of its fields came from
(sheet, row, column), so that Pydantic's and ``check_document``'s errors, which name document
paths, are reported as row errors. Text cells are written typed as text (a name starting with
``=`` stays text) without the control characters XML cannot hold; numbers are written exactly
(as text past Excel's 15 significant digits) and read back exactly.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from api.core.database import plain_decimal
from api.core.errors import FieldError, Invalid, field_path, validation_message
from api.core.i18n import Language, translate
from api.core.middleware import FRAMEWORK_XLSX_MAX_BYTES
from api.core.xlsx import append_bold, append_row
from api.core.xlsx import workbook as xlsx_workbook
from api.frameworks import ruletext
from api.frameworks.schemas import CriterionIn, FrameworkDocument, Guidance
from api.frameworks.tree import max_points_by_group

MAX_FILE_BYTES = FRAMEWORK_XLSX_MAX_BYTES  # an exported framework of 60 indicators is 60 KB
MAX_UNPACKED = 64 * 1024 * 1024
MAX_COLUMNS = 64
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number; longer ones go as text

# --- cells ---------------------------------------------------------------------------------


class CellError(Exception):
    """A cell that cannot be read as its column's kind: a message code and its params."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _as_string(value: Any) -> str:
    """A cell read where text is expected: numbers typed into it come back as written."""
    if isinstance(value, bool):
        raise CellError("framework_excel.not_text")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(plain_decimal(Decimal(repr(value))), "f")
    if isinstance(value, dt.datetime | dt.date):
        raise CellError("framework_excel.not_text")
    text = str(value)
    if _CONTROL.search(text):
        raise CellError("framework_excel.control_characters")
    return text


def write_number(value: Decimal | int | None) -> Any:
    """A decimal as Excel holds it exactly: a number, or text past 15 significant digits."""
    if value is None:
        return None
    plain = plain_decimal(Decimal(value))
    if len(plain.as_tuple().digits) > EXCEL_DIGITS:
        return format(plain, "f")
    return int(plain) if plain == plain.to_integral_value() else plain


def read_number(value: Any) -> Decimal:
    """A number cell (or text holding a number, with a decimal point or comma) as a decimal."""
    if isinstance(value, bool | dt.datetime | dt.date):
        raise CellError("framework_excel.not_number", value=str(value)[:40])
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same float: what was typed.
        return plain_decimal(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return plain_decimal(value)
    text = str(value).strip().replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a Vietnamese decimal comma
    if not _NUMBER.fullmatch(text):
        raise CellError("framework_excel.not_number", value=text[:40])
    try:
        return plain_decimal(Decimal(text))
    except InvalidOperation as exc:
        raise CellError("framework_excel.not_number", value=text[:40]) from exc


class Kind:
    """How a column's value is written to a cell and read back (``None``: blank, left out)."""

    def write(self, value: Any) -> Any:
        return value

    def read(self, value: Any) -> Any:
        return _as_string(value)


class TextKind(Kind):
    """Text, kept as typed (names, guidance)."""


class CodeKind(Kind):
    """A code or a value from a fixed list: text without surrounding spaces."""

    def read(self, value: Any) -> Any:
        return _as_string(value).strip()


class NumberKind(Kind):
    """A decimal, exact."""

    def write(self, value: Any) -> Any:
        return write_number(value)

    def read(self, value: Any) -> Any:
        return read_number(value)


class IntegerKind(Kind):
    def read(self, value: Any) -> Any:
        number = read_number(value)
        if number != number.to_integral_value():
            raise CellError("framework_excel.not_integer", value=str(value)[:40])
        return int(number)


TRUE_WORDS = {"true", "yes", "x", "1", "có", "co", "đúng", "dung"}
FALSE_WORDS = {"false", "no", "0", "không", "khong", "sai"}


class FlagKind(Kind):
    """Yes or no: written as Excel's TRUE/FALSE; read from those or from words (có/không)."""

    def read(self, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        word = _as_string(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise CellError("framework_excel.not_flag", value=word[:40])


_LIST_SPLIT = re.compile(r"[,;\n]+")


class CodesKind(Kind):
    """A list of codes in one cell, separated by commas; ``[]`` is the empty list."""

    def write(self, value: Any) -> Any:
        if value is None:
            return None
        return ", ".join(value) if value else "[]"

    def read(self, value: Any) -> Any:
        text = _as_string(value).strip()
        if text == "[]":
            return []
        return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


class InputsKind(Kind):
    """A leaf's inputs in one cell: ``name=element code``, separated by commas."""

    def write(self, value: Any) -> Any:
        return ", ".join(f"{ref['name']}={ref['element_code']}" for ref in value) or None

    def read(self, value: Any) -> Any:
        refs = []
        for part in _LIST_SPLIT.split(_as_string(value)):
            if not part.strip():
                continue
            name, sep, element = part.partition("=")
            if not sep or not name.strip() or not element.strip():
                raise CellError("framework_excel.bad_input", value=part.strip()[:40])
            refs.append({"name": name.strip(), "element_code": element.strip()})
        return refs


TEXT, CODE, NUMBER, INTEGER, FLAG, CODES, INPUTS = (
    TextKind(),
    CodeKind(),
    NumberKind(),
    IntegerKind(),
    FlagKind(),
    CodesKind(),
    InputsKind(),
)

# --- the tables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a machine sheet (or a key of the ``framework`` sheet): its header, the dotted
    path of its value in the document's object, how it is written and read, what the guide says
    of it (vi, en), and whether the sheet must have it."""

    header: str
    kind: Kind
    vi: str
    en: str
    path: str = ""
    required: bool = False
    width: int = 16

    @property
    def at(self) -> str:
        return self.path or self.header


def _get(obj: dict[str, Any], path: str) -> Any:
    value: Any = obj
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _put(obj: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        obj = obj.setdefault(part, {})
    obj[last] = value


FRAMEWORK_FIELDS: tuple[Column, ...] = (
    Column(
        "code", CODE, "Mã phiên bản bộ chỉ số (duy nhất)", "Version code (unique)", required=True
    ),
    Column("title_vi", TEXT, "Tên bộ chỉ số (tiếng Việt)", "Title in Vietnamese", required=True),
    Column("title_en", TEXT, "Tên bộ chỉ số (tiếng Anh)", "Title in English", required=True),
    Column("legal_basis", TEXT, "Căn cứ pháp lý", "Legal basis"),
    Column("year", INTEGER, "Năm đánh giá", "Year", required=True),
    Column(
        "groups",
        CODES,
        "Các nhóm xếp hạng, cách nhau dấu phẩy",
        "Ranking groups, comma-separated",
        required=True,
    ),
    Column(
        "provenance.kind",
        CODE,
        "Nguồn gốc: sourced (có nguồn), illustrative (minh họa), mixed (có cả hai)",
        "Provenance: sourced, illustrative or mixed (both)",
    ),
    Column("provenance.note_vi", TEXT, "Ghi chú nguồn gốc (tiếng Việt)", "Provenance note (vi)"),
    Column("provenance.note_en", TEXT, "Ghi chú nguồn gốc (tiếng Anh)", "Provenance note (en)"),
)


def _part_provenance(prefix: str = "provenance") -> tuple[Column, ...]:
    """The columns of a part's provenance (a criterion, a level set, a pillar view)."""
    return (
        Column(
            f"{prefix}.kind",
            CODE,
            "Nguồn gốc: sourced (có nguồn) hoặc illustrative (minh họa); trống: như cấp trên",
            "Provenance: sourced or illustrative; blank: as its parent",
            width=12,
        ),
        Column(
            f"{prefix}.reference",
            TEXT,
            "Văn bản nguồn (quyết định, phụ lục)",
            "Source (decision, appendix)",
            width=30,
        ),
        Column(f"{prefix}.url", TEXT, "Đường dẫn nguồn", "Source URL", width=30),
        Column(f"{prefix}.note_vi", TEXT, "Ghi chú nguồn (tiếng Việt)", "Source note (vi)"),
        Column(f"{prefix}.note_en", TEXT, "Ghi chú nguồn (tiếng Anh)", "Source note (en)"),
    )


ELEMENT_COLUMNS: tuple[Column, ...] = (
    Column("code", CODE, "Mã chỉ tiêu số liệu (duy nhất)", "Element code (unique)", required=True),
    Column("name_vi", TEXT, "Tên (tiếng Việt)", "Name in Vietnamese", required=True, width=50),
    Column("name_en", TEXT, "Tên (tiếng Anh)", "Name in English", required=True, width=50),
    Column(
        "value_type",
        CODE,
        "Kiểu: boolean, integer, decimal, percent, date, choice, text",
        "Type: boolean, integer, decimal, percent, date, choice, text",
        required=True,
    ),
    Column("min", NUMBER, "Giá trị nhỏ nhất (tùy chọn)", "Lowest value (optional)", width=10),
    Column("max", NUMBER, "Giá trị lớn nhất (tùy chọn)", "Highest value (optional)", width=10),
    Column("unit", TEXT, "Đơn vị tính (tùy chọn)", "Unit of measure (optional)", width=12),
    Column(
        "source",
        CODE,
        "Nguồn: self (đơn vị nhập), provider (cơ quan cung cấp), reviewer (DIC nhập)",
        "Source: self (the unit), provider (an agency pushes it), reviewer (DIC enters it)",
    ),
    Column(
        "provider_code",
        CODE,
        "Mã cơ quan cung cấp (khi source = provider)",
        "Supplying agency's code (when source is provider)",
    ),
)

OPTION_COLUMNS: tuple[Column, ...] = (
    Column(
        "element",
        CODE,
        "Mã chỉ tiêu số liệu kiểu choice",
        "Code of the choice element",
        required=True,
    ),
    Column(
        "value",
        CODE,
        "Mã lựa chọn (dùng trong sheet rules)",
        "Option code (used in the rules sheet)",
        required=True,
    ),
    Column("label_vi", TEXT, "Nhãn (tiếng Việt)", "Label in Vietnamese", required=True, width=40),
    Column("label_en", TEXT, "Nhãn (tiếng Anh)", "Label in English", required=True, width=40),
)

GUIDANCE_COLUMNS: tuple[Column, ...] = tuple(
    Column(name, TEXT, vi, en, path=f"guidance.{name}", width=40)
    for name, vi, en in (
        ("method_vi", "Cách xác định, tính điểm (tiếng Việt)", "How it is determined (vi)"),
        ("method_en", "Cách xác định, tính điểm (tiếng Anh)", "How it is determined (en)"),
        ("evidence_vi", "Tài liệu kiểm chứng (tiếng Việt)", "Evidence (vi)"),
        ("evidence_en", "Tài liệu kiểm chứng (tiếng Anh)", "Evidence (en)"),
        ("data_source_vi", "Nguồn dữ liệu (tiếng Việt)", "Data source (vi)"),
        ("data_source_en", "Nguồn dữ liệu (tiếng Anh)", "Data source (en)"),
        ("verified_by_vi", "Đơn vị phối hợp xác minh (tiếng Việt)", "Verified by (vi)"),
        ("verified_by_en", "Đơn vị phối hợp xác minh (tiếng Anh)", "Verified by (en)"),
    )
)
assert tuple(c.header for c in GUIDANCE_COLUMNS) == tuple(Guidance.model_fields)

CRITERION_COLUMNS: tuple[Column, ...] = (
    Column(
        "code",
        CODE,
        "Mã tiêu chí (duy nhất), ví dụ 1.2",
        "Criterion code (unique), e.g. 1.2",
        required=True,
    ),
    Column(
        "parent",
        CODE,
        "Mã tiêu chí cha (trống: trụ cột)",
        "Parent's code (blank: a pillar)",
        required=True,
    ),
    Column("order", INTEGER, "Thứ tự trong tiêu chí cha", "Order within its parent", width=8),
    Column(
        "name_vi", TEXT, "Tên tiêu chí (tiếng Việt)", "Name in Vietnamese", required=True, width=50
    ),
    Column("name_en", TEXT, "Tên tiêu chí (tiếng Anh)", "Name in English", required=True, width=50),
    Column(
        "groups",
        CODES,
        "Nhóm áp dụng, cách nhau dấu phẩy (trống: mọi nhóm của tiêu chí cha)",
        "Groups it applies to, comma-separated (blank: all of its parent's)",
    ),
    Column("weight", NUMBER, "Trọng số (mặc định 1)", "Weight (default 1)", width=8),
    Column(
        "max_points",
        NUMBER,
        "Điểm tối đa (chỉ số lá; trống ở tiêu chí có tiêu chí con)",
        "Max points (leaves; blank on inner criteria)",
        width=10,
    ),
    Column(
        "rule",
        CODE,
        "Cách chấm: boolean, choice, bands, linear, ratio, relative_to_best, rank, manual, "
        "sum_of_children (tiêu chí có tiêu chí con); tham số ở sheet rules",
        "Rule: boolean, choice, bands, linear, ratio, relative_to_best, rank, manual, "
        "sum_of_children (inner criteria); its parameters in the rules sheet",
        required=True,
    ),
    Column(
        "inputs",
        INPUTS,
        "Số liệu đầu vào: tên=mã chỉ tiêu, cách nhau dấu phẩy (value=E-1.2; a=…, b=… cho ratio)",
        "Inputs: name=element code, comma-separated (value=E-1.2; a=…, b=… for a ratio)",
        width=24,
    ),
    Column(
        "not_applicable_when_missing",
        FLAG,
        "TRUE: thiếu số liệu thì không tính (bỏ cả điểm và điểm tối đa)",
        "TRUE: missing data removes points and max instead of scoring 0",
        width=10,
    ),
    Column(
        "evidence_required",
        FLAG,
        "TRUE: cần tài liệu kiểm chứng",
        "TRUE: evidence is required",
        width=10,
    ),
    *GUIDANCE_COLUMNS,
    *_part_provenance(),
)

RULE_COLUMNS: tuple[Column, ...] = (
    Column("criterion", CODE, "Mã tiêu chí (chỉ số lá)", "Criterion code (a leaf)", required=True),
    Column(
        "parameter",
        CODE,
        "Tham số: band, option, rank, input, direction, floor, target, goalposts, numerator, "
        "denominator, scale, zero_denominator",
        "Parameter: band, option, rank, input, direction, floor, target, goalposts, numerator, "
        "denominator, scale, zero_denominator",
        required=True,
    ),
    Column(
        "value",
        TEXT,
        "Giá trị: ngưỡng (band), mã lựa chọn (option), thứ hạng (rank) hoặc giá trị tham số",
        "Value: the threshold (band), option code (option), rank (rank) or the parameter's value",
        required=True,
    ),
    Column(
        "points",
        NUMBER,
        "Điểm (với band, option, rank)",
        "Points (for band, option, rank)",
        width=10,
    ),
)


@dataclass(frozen=True)
class ListTable:
    """A framework-level list of flat objects (``document[key]``), one row each on ``sheet``."""

    key: str
    sheet: str
    columns: tuple[Column, ...]
    vi: str
    en: str
    max_rows: int = 2_000
    # A list of nested objects written one row per inner object: ``unpack`` gives the rows of
    # the document's list, ``pack`` the list from the rows (with each row's index, for the
    # cells that errors point at). None: one object per row.
    unpack: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None
    pack: Callable[[list[dict[str, Any]]], list[tuple[dict[str, Any], list[int]]]] | None = None


ELEMENTS = ListTable(
    "elements",
    "elements",
    ELEMENT_COLUMNS,
    "Chỉ tiêu số liệu: mỗi dòng một chỉ tiêu",
    "Data elements: one row each",
)


# Framework-level lists written and read generically, after the elements (the extension point
# for new lists such as levels or pillar views).
def _level_rows(sets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"groups": level_set.get("groups"), **band, "provenance": level_set.get("provenance")}
        for level_set in sets
        for band in level_set["bands"]
    ]


_BAND_FIELDS = ("code", "name_vi", "name_en", "min_index")


def _level_sets(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[int]]]:
    """Consecutive rows with the same groups make one level set (its provenance: the first
    row's)."""
    sets: list[tuple[dict[str, Any], list[int]]] = []
    for i, row in enumerate(rows):
        groups = row.get("groups")
        if not sets or sets[-1][0].get("groups") != groups:
            level_set: dict[str, Any] = {"bands": []}
            if groups is not None:
                level_set["groups"] = groups
            if row.get("provenance") is not None:
                level_set["provenance"] = row["provenance"]
            sets.append((level_set, []))
        sets[-1][0]["bands"].append({k: row[k] for k in _BAND_FIELDS if k in row})
        sets[-1][1].append(i)
    return sets


LEVELS = ListTable(
    "levels",
    "levels",
    (
        Column(
            "groups",
            CODES,
            "Nhóm áp dụng bộ mức, cách nhau dấu phẩy (trống: mọi nhóm khác); các dòng liền nhau "
            "cùng nhóm là một bộ mức",
            "Groups of the level set, comma-separated (blank: every other group); consecutive "
            "rows with the same groups make one set",
        ),
        Column("code", CODE, "Mã mức độ", "Level code", required=True),
        Column("name_vi", TEXT, "Tên mức (tiếng Việt)", "Name in Vietnamese", required=True),
        Column("name_en", TEXT, "Tên mức (tiếng Anh)", "Name in English", required=True),
        Column(
            "min_index",
            NUMBER,
            "Từ chỉ số (0..1, tính cả ngưỡng) đến dưới ngưỡng mức sau",
            "From this index (0..1, included) up to the next level's",
            required=True,
        ),
        *_part_provenance(),
    ),
    "Mức độ: mỗi dòng một mức, theo thứ tự tăng dần",
    "Levels: one row per level, ascending",
    max_rows=400,
    unpack=_level_rows,
    pack=_level_sets,
)
PILLAR_VIEWS = ListTable(
    "pillar_views",
    "pillar_views",
    (
        Column("code", CODE, "Mã trụ cột", "Pillar view code", required=True),
        Column("name_vi", TEXT, "Tên (tiếng Việt)", "Name in Vietnamese", required=True),
        Column("name_en", TEXT, "Tên (tiếng Anh)", "Name in English", required=True),
        Column(
            "criteria",
            CODES,
            "Mã các tiêu chí cấp cao nhất được cộng, cách nhau dấu phẩy",
            "Codes of the top-level criteria it adds up, comma-separated",
            required=True,
        ),
        *_part_provenance(),
    ),
    "Trụ cột (cách tổng hợp các chỉ số chính): mỗi dòng một trụ cột",
    "Pillar views (sums of main indicators): one row each",
    max_rows=50,
)
REFERENCES = ListTable(
    "provenance.references",
    "references",
    (
        Column(
            "title", TEXT, "Văn bản, bài viết nguồn", "Source document or article", required=True
        ),
        Column("url", TEXT, "Đường dẫn", "URL", width=40),
        Column("note_vi", TEXT, "Ghi chú (tiếng Việt)", "Note (vi)", width=40),
        Column("note_en", TEXT, "Ghi chú (tiếng Anh)", "Note (en)", width=40),
    ),
    "Nguồn của bộ chỉ số: mỗi dòng một nguồn",
    "The framework's sources: one row each",
    max_rows=50,
)
LIST_TABLES: tuple[ListTable, ...] = (LEVELS, PILLAR_VIEWS, REFERENCES)

FRAMEWORK_SHEET = "framework"
OPTIONS_SHEET = "options"
CRITERIA_SHEET = "criteria"
RULES_SHEET = "rules"
APPENDIX_VI = "Phu luc"
APPENDIX_EN = "Appendix"
GUIDE_SHEET = "Huong dan"
MAX_CRITERIA = 5_000
MAX_OPTIONS = 20_000
MAX_RULE_ROWS = 50_000

# Rule parameters as the rules sheet holds them: per kind, the scalar parameters (name -> kind of
# value), and the listed ones (one row per band, option or rank).
SCALARS: dict[str, dict[str, Kind]] = {
    "boolean": {"input": CODE},
    "choice": {"input": CODE},
    "bands": {"input": CODE, "direction": CODE},
    "linear": {
        "input": CODE,
        "goalposts": CODE,
        "floor": NUMBER,
        "target": NUMBER,
        "direction": CODE,
    },
    "ratio": {
        "numerator": CODE,
        "denominator": CODE,
        "zero_denominator": CODE,
        "scale": CODE,
        "floor": NUMBER,
        "target": NUMBER,
        "direction": CODE,
    },
    "relative_to_best": {"input": CODE},
    "rank": {"input": CODE, "direction": CODE},
    "manual": {},
    "sum_of_children": {},
}
LISTED: dict[str, str] = {"bands": "band", "choice": "option", "rank": "rank", "ratio": "band"}
# Parameters of a ratio that belong to its scale.
RATIO_SCALE = ("floor", "target", "direction")


# --- writing -------------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="FFE6F4FF")
WRAP = Alignment(wrap_text=True, vertical="top")


def _header(sheet: Worksheet, columns: Sequence[Column]) -> None:
    append_bold(sheet, [c.header for c in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        cell = sheet.cell(row=1, column=index)
        if column.required:
            cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"


def _row(columns: Sequence[Column], obj: dict[str, Any]) -> list[Any]:
    values = []
    for column in columns:
        value = _get(obj, column.at)
        values.append(None if value is None else column.kind.write(value))
    return values


def _walk(
    nodes: Sequence[CriterionIn], parent: str | None = None
) -> Iterator[tuple[CriterionIn, str | None, int]]:
    for order, node in enumerate(nodes, start=1):
        yield node, parent, order
        yield from _walk(node.children, node.code)


def rule_rows(code: str, rule: dict[str, Any]) -> list[list[Any]]:
    """The rules sheet's rows of one criterion's rule (a dump of the rule model)."""
    kind = rule["kind"]
    rows: list[list[Any]] = []
    source = rule
    for name in SCALARS[kind]:
        if kind == "ratio" and name in RATIO_SCALE:
            source = rule["scale"]
            if name == "direction" and source["kind"] != "bands":
                continue
            if name != "direction" and source["kind"] != "linear":
                continue
        elif kind == "ratio" and name == "scale":
            rows.append([code, "scale", rule["scale"]["kind"], None])
            continue
        value = source.get(name)
        if value is not None:
            rows.append(
                [code, name, write_number(value) if isinstance(value, Decimal) else value, None]
            )
    if kind == "bands" or (kind == "ratio" and rule["scale"]["kind"] == "bands"):
        bands = rule["bands"] if kind == "bands" else rule["scale"]["bands"]
        rows.extend(
            [code, "band", write_number(b["threshold"]), write_number(b["points"])] for b in bands
        )
    if kind == "choice":
        rows.extend(
            [code, "option", option, write_number(points)]
            for option, points in rule["points"].items()
        )
    if kind == "rank":
        rows.extend(
            [code, "rank", rank, write_number(points)]
            for rank, points in enumerate(rule["points_by_rank"], start=1)
        )
    return rows


@dataclass(frozen=True)
class Agency:
    """A supplying agency's names, for the appendix's data source column."""

    name_vi: str
    name_en: str


def _appendix(
    book: Workbook,
    doc: FrameworkDocument,
    language: Language,
    agencies: dict[str, Agency],
) -> None:
    vi = language == "vi"
    sheet = book.create_sheet(APPENDIX_VI if vi else APPENDIX_EN)
    title = doc.title_vi if vi else doc.title_en
    append_bold(sheet, [title])
    if doc.legal_basis:
        append_row(sheet, [("Căn cứ: " if vi else "Legal basis: ") + doc.legal_basis])
    append_row(sheet, [])
    _, per_node = max_points_by_group(doc.criteria, doc.groups)
    totals, _ = max_points_by_group(doc.criteria, doc.groups)
    elements = {e.code: e for e in doc.elements}
    headers = [
        "STT" if vi else "No.",
        "Tiêu chí" if vi else "Criterion",
        *[("Điểm tối đa " if vi else "Max points ") + g for g in doc.groups],
        "Phương pháp chấm điểm" if vi else "Scoring method",
        "Cách xác định" if vi else "How it is determined",
        "Tài liệu kiểm chứng" if vi else "Evidence",
        "Nguồn dữ liệu / cơ quan cung cấp" if vi else "Data source / supplying agency",
        "Đơn vị phối hợp xác minh" if vi else "Verified by",
    ]
    append_bold(sheet, headers)
    header_row = sheet.max_row
    for node, _parent, _order in _walk(doc.criteria):
        inputs = {ref.name: elements.get(ref.element_code) for ref in node.inputs}

        def input_label(name: str, inputs: dict[str, Any] = inputs) -> str:
            element = inputs.get(name)
            if element is None:
                return name
            return f"«{element.name_vi if vi else element.name_en}»"

        def option_label(option: str, inputs: dict[str, Any] = inputs) -> str:
            for element in inputs.values():
                for item in (element.options or []) if element else []:
                    if item.value == option:
                        return str(item.label_vi if vi else item.label_en)
            return option

        method = " ".join(
            ruletext.describe(
                node.rule, language, input_label=input_label, option_label=option_label
            )
        )
        guidance = node.guidance
        source = guidance.data_source_vi if vi else guidance.data_source_en
        if not source and not node.children:
            source = _source_words(node, elements, agencies, vi)
        maxima = per_node.get(node.code, {})
        append_row(
            sheet,
            [
                node.code,
                node.name_vi if vi else node.name_en,
                *[write_number(maxima[g]) if g in maxima else None for g in doc.groups],
                method,
                guidance.method_vi if vi else guidance.method_en,
                guidance.evidence_vi if vi else guidance.evidence_en,
                source,
                guidance.verified_by_vi if vi else guidance.verified_by_en,
            ],
        )
        if node.children:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    append_bold(
        sheet,
        ["", "Tổng" if vi else "Total", *[write_number(totals[g]) for g in doc.groups]],
    )
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = WRAP
    widths = [8, 60, *[12] * len(doc.groups), 50, 50, 40, 30, 30]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)


def _source_words(
    node: CriterionIn, elements: dict[str, Any], agencies: dict[str, Agency], vi: bool
) -> str:
    """Who supplies a leaf's data, when its guidance does not say: the agencies, or the unit."""
    words: list[str] = []
    for ref in node.inputs:
        element = elements.get(ref.element_code)
        if element is None:
            continue
        if element.source == "provider" and element.provider_code:
            agency = agencies.get(element.provider_code)
            name = (agency.name_vi if vi else agency.name_en) if agency else element.provider_code
            word = name
        elif element.source == "reviewer":
            word = "Sở TT&TT (người đánh giá)" if vi else "DIC (reviewer)"
        else:
            word = "Đơn vị tự đánh giá" if vi else "The unit (self-assessment)"
        if word not in words:
            words.append(word)
    return "; ".join(words)


def _guide(book: Workbook) -> None:
    sheet = book.create_sheet(GUIDE_SHEET)
    append_bold(sheet, ["Hướng dẫn / Guide"])
    for line in (
        "Sheet «Phu luc» và «Appendix» trình bày bộ chỉ số cho người đọc; khi nhập tệp, hệ thống "
        "bỏ qua hai sheet này và đọc các sheet framework, elements, options, criteria, rules. "
        "/ «Phu luc» and «Appendix» present the framework for people; import ignores them and "
        "reads the framework, elements, options, criteria and rules sheets.",
        "Nhập tệp tạo một phiên bản nháp mới; kiểm tra thử trước, lỗi được báo theo sheet, "
        "dòng và cột; có lỗi thì không ghi gì. / Importing creates a new draft version; a dry "
        "run reports errors by sheet, row and column; with any error nothing is written.",
        "Ô trống: giá trị mặc định. Mã như 1.10 nên nhập dạng văn bản (thêm dấu ' phía trước). "
        "/ A blank cell takes the default. Type codes such as 1.10 as text (a leading ').",
        "Sheet rules: mỗi dòng một tham số, một bậc (band: value = ngưỡng, points = điểm), một "
        "lựa chọn (option: value = mã lựa chọn, points) hoặc một thứ hạng (rank: value = 1, 2, …). "
        "/ The rules sheet: one row per parameter, per band (band: value = threshold, points), "
        "per option (option: value = the option's code, points) or per rank (rank: value = 1, "
        "2, …).",
        "",
    ):
        append_row(sheet, [line])
    sections: list[tuple[str, str, str, Sequence[Column]]] = [
        (
            FRAMEWORK_SHEET,
            "Thông tin chung (key / value)",
            "Metadata (key / value)",
            FRAMEWORK_FIELDS,
        ),
        (ELEMENTS.sheet, ELEMENTS.vi, ELEMENTS.en, ELEMENTS.columns),
        (
            OPTIONS_SHEET,
            "Lựa chọn của chỉ tiêu kiểu choice",
            "Options of choice elements",
            OPTION_COLUMNS,
        ),
        *[(t.sheet, t.vi, t.en, t.columns) for t in LIST_TABLES],
        (
            CRITERIA_SHEET,
            "Tiêu chí: mỗi dòng một tiêu chí",
            "Criteria: one row each",
            CRITERION_COLUMNS,
        ),
        (RULES_SHEET, "Tham số cách chấm điểm", "Rule parameters", RULE_COLUMNS),
    ]
    for name, vi, en, columns in sections:
        append_bold(sheet, [name, f"{vi} / {en}"])
        for column in columns:
            append_row(sheet, [column.header, f"{column.vi} / {column.en}"])
        append_row(sheet, [])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 120


def write_workbook(doc: FrameworkDocument, *, agencies: dict[str, Agency]) -> bytes:
    """The framework's workbook: the appendix sheets for people and the machine sheets."""
    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    _appendix(book, doc, "vi", agencies)
    _appendix(book, doc, "en", agencies)
    _guide(book)
    data = doc.model_dump(mode="python")

    sheet = book.create_sheet(FRAMEWORK_SHEET)
    append_bold(sheet, ["key", "value"])
    for column in FRAMEWORK_FIELDS:
        value = _get(data, column.at)
        append_row(sheet, [column.header, None if value is None else column.kind.write(value)])
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 70

    for table in (ELEMENTS, *LIST_TABLES):
        sheet = book.create_sheet(table.sheet)
        _header(sheet, table.columns)
        items = _get(data, table.key) or []
        for item in table.unpack(items) if table.unpack else items:
            append_row(sheet, _row(table.columns, item))
        if table is ELEMENTS:
            sheet = book.create_sheet(OPTIONS_SHEET)
            _header(sheet, OPTION_COLUMNS)
            for element in data["elements"]:
                for option in element.get("options") or []:
                    append_row(sheet, _row(OPTION_COLUMNS, {"element": element["code"], **option}))

    criteria = book.create_sheet(CRITERIA_SHEET)
    _header(criteria, CRITERION_COLUMNS)
    rules = book.create_sheet(RULES_SHEET)
    _header(rules, RULE_COLUMNS)
    for node, parent, order in _walk(doc.criteria):
        item = node.model_dump(mode="python", exclude={"children"})
        item |= {"parent": parent, "order": order, "rule": node.rule.kind}
        append_row(criteria, _row(CRITERION_COLUMNS, item))
        for values in rule_rows(node.code, node.rule.model_dump(mode="python")):
            append_row(rules, values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loc:
    """Where a value of the document came from: sheet, row (1-based; None: the whole sheet) and
    column header (None: the whole row)."""

    sheet: str
    row: int | None = None
    field: str | None = None


@dataclass
class Problem:
    """One error of the workbook, at a place, with a message code and its params (or the
    Pydantic error to translate)."""

    loc: Loc
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    pydantic: dict[str, Any] | None = None


@dataclass
class Parsed:
    """A workbook read: the document as a plain dict, where its values came from, the problems
    found while reading (an unreadable cell, an unknown reference)."""

    document: dict[str, Any]
    where: dict[str, Loc]
    problems: list[Problem]

    def locate(self, path: str) -> Loc:
        """The place of a document path, or of its nearest located parent."""
        while path:
            found = self.where.get(path)
            if found is not None:
                return found
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                break
            path = path[:cut]
        return self.where.get(path) or Loc(FRAMEWORK_SHEET)


Rows = list[tuple[int, dict[str, Any]]]


def _header_name(value: Any) -> str:
    return re.sub(r"\s+", "_", str(value or "").strip().lower())


def _read_table(
    workbook: Any,
    name: str,
    columns: Sequence[Column],
    max_rows: int,
    problems: list[Problem],
    *,
    required: bool = True,
) -> Rows:
    """A machine sheet's non-blank rows: (row number, {header: value read}); unreadable cells
    and unknown or missing headers become problems."""
    if name not in workbook.sheetnames:
        if required:
            problems.append(Problem(Loc(name), "framework_excel.missing_sheet", {"sheet": name}))
        return []
    sheet = workbook[name]
    sheet.reset_dimensions()
    lines = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    known = {c.header: c for c in columns}
    header = [_header_name(v) for v in next(lines, ())]
    at: dict[str, int] = {}
    for index, title in enumerate(header):
        if not title:
            continue
        if title not in known:
            problems.append(
                Problem(Loc(name, 1, title), "framework_excel.unknown_column", {"column": title})
            )
        elif title in at:
            problems.append(
                Problem(Loc(name, 1, title), "framework_excel.duplicate_column", {"column": title})
            )
        else:
            at[title] = index
    missing = [c.header for c in columns if c.required and c.header not in at]
    if missing:
        problems.append(
            Problem(
                Loc(name, 1), "framework_excel.missing_columns", {"columns": ", ".join(missing)}
            )
        )
        return []
    rows: Rows = []
    for number, cells in enumerate(lines, start=2):
        raw = {title: cells[i] if i < len(cells) else None for title, i in at.items()}
        if all(_blank(v) for v in raw.values()):
            continue
        if len(rows) >= max_rows:
            raise Invalid("framework_excel.too_many_rows", field="file", sheet=name, max=max_rows)
        values: dict[str, Any] = {}
        for title, value in raw.items():
            if _blank(value):
                continue
            try:
                values[title] = known[title].kind.read(value)
            except CellError as error:
                problems.append(Problem(Loc(name, number, title), error.code, error.params))
        rows.append((number, values))
    return rows


class _RawKind(Kind):
    """A cell kept as it is (the framework sheet's value, read by its key's kind)."""

    def read(self, value: Any) -> Any:
        if isinstance(value, str) and _CONTROL.search(value):
            raise CellError("framework_excel.control_characters")
        return value


KEY_VALUE: tuple[Column, ...] = (
    Column("key", CODE, "Tên trường", "Field", required=True),
    Column("value", _RawKind(), "Giá trị", "Value", required=True),
)


class _Builder:
    """The document dict being assembled from the rows, with where each value came from."""

    def __init__(self) -> None:
        self.document: dict[str, Any] = {}
        self.where: dict[str, Loc] = {}
        self.problems: list[Problem] = []

    def problem(self, loc: Loc, message: str, /, **params: Any) -> None:
        self.problems.append(Problem(loc, message, params))

    def item(
        self, path: str, columns: Sequence[Column], values: dict[str, Any], sheet: str, row: int
    ) -> dict[str, Any]:
        """An object from a row's values, each field located at its cell."""
        obj: dict[str, Any] = {}
        self.where[path] = Loc(sheet, row, columns[0].header)
        for column in columns:
            self.where[f"{path}.{column.at}"] = Loc(sheet, row, column.header)
            if column.header in values:
                _put(obj, column.at, values[column.header])
        return obj

    # --- the framework sheet -------------------------------------------------------------

    def metadata(self, rows: Rows) -> str | None:
        fields = {c.header: c for c in FRAMEWORK_FIELDS}
        seen: set[str] = set()
        for number, values in rows:
            key = str(values.get("key", "")).strip().lower()
            loc = Loc(FRAMEWORK_SHEET, number, key or "key")
            column = fields.get(key)
            if column is None:
                self.problem(loc, "framework_excel.unknown_key", key=key[:40] or "—")
                continue
            if key in seen:
                self.problem(loc, "framework_excel.duplicate_key", key=key)
                continue
            seen.add(key)
            self.where[column.at] = loc
            if "value" not in values:
                continue
            try:
                _put(self.document, column.at, column.kind.read(values["value"]))
            except CellError as error:
                self.problems.append(Problem(loc, error.code, error.params))
        for column in FRAMEWORK_FIELDS:
            self.where.setdefault(column.at, Loc(FRAMEWORK_SHEET, None, column.header))
        code = self.document.get("code")
        return code if isinstance(code, str) else None

    # --- framework-level lists -----------------------------------------------------------

    def list_table(self, table: ListTable, rows: Rows) -> list[dict[str, Any]]:
        items = [
            self.item(f"{table.key}[{i}]", table.columns, values, table.sheet, number)
            for i, (number, values) in enumerate(rows)
        ]
        self.where.setdefault(table.key, Loc(table.sheet))
        if table is ELEMENTS:
            self.document[table.key] = items
            return items
        if not items:
            return items  # an optional list: absent, as in a document without it
        if table.pack is not None:
            packed = table.pack(items)
            # Errors in a packed object point at the cells of the rows it came from.
            for s, (_obj, row_indexes) in enumerate(packed):
                first = row_indexes[0]
                self.where[f"{table.key}[{s}]"] = self.where[f"{table.key}[{first}]"]
                for b, i in enumerate(row_indexes):
                    self.where[f"{table.key}[{s}].bands[{b}]"] = self.where[f"{table.key}[{i}]"]
                    for column in table.columns:
                        cell = self.where[f"{table.key}[{i}].{column.at}"]
                        if column.at in _BAND_FIELDS:
                            self.where[f"{table.key}[{s}].bands[{b}].{column.at}"] = cell
                        elif b == 0:
                            self.where[f"{table.key}[{s}].{column.at}"] = cell
            items = [obj for obj, _ in packed]
        _put(self.document, table.key, items)
        return items

    def options(self, elements: Rows, items: list[dict[str, Any]], rows: Rows) -> None:
        index: dict[str, int] = {}
        for i, item in enumerate(items):
            code = item.get("code")
            if isinstance(code, str):
                index.setdefault(code, i)
        first_row: dict[int, int] = {}
        for number, values in rows:
            code = values.get("element")
            if code is None:
                self.problem(Loc(OPTIONS_SHEET, number, "element"), "framework_excel.required")
                continue
            if code not in index:
                self.problem(
                    Loc(OPTIONS_SHEET, number, "element"), "framework.unknown_element", code=code
                )
                continue
            i = index[code]
            options = items[i].setdefault("options", [])
            path = f"elements[{i}].options[{len(options)}]"
            option = self.item(path, OPTION_COLUMNS[1:], values, OPTIONS_SHEET, number)
            options.append(option)
            first_row.setdefault(i, number)
        for i, (number, _values) in enumerate(elements):
            self.where[f"elements[{i}].options"] = (
                Loc(OPTIONS_SHEET, first_row[i], "element")
                if i in first_row
                else Loc(ELEMENTS.sheet, number, "value_type")
            )

    # --- criteria and their rules ----------------------------------------------------------

    def criteria(self, rows: Rows, rule_rows: Rows) -> None:
        nodes: dict[str, tuple[int, dict[str, Any]]] = {}
        for number, values in rows:
            code = values.get("code")
            if code is None:
                self.problem(Loc(CRITERIA_SHEET, number, "code"), "framework_excel.required")
                continue
            if code in nodes:
                self.problem(
                    Loc(CRITERIA_SHEET, number, "code"),
                    "framework_excel.duplicate_row",
                    code=code,
                    row=nodes[code][0],
                )
                continue
            nodes[code] = (number, values)
        children: dict[str | None, list[tuple[int, int, str]]] = {}
        for seq, (code, (number, values)) in enumerate(nodes.items()):
            parent = values.get("parent")
            if parent is not None and (parent not in nodes or parent == code):
                self.problem(
                    Loc(CRITERIA_SHEET, number, "parent"),
                    "framework_excel.unknown_parent",
                    code=parent,
                )
                continue
            order = values.get("order")
            children.setdefault(parent, []).append(
                (order if isinstance(order, int) else 10**9, seq, code)
            )
        by_criterion: dict[str, Rows] = {}
        for number, values in rule_rows:
            code = values.get("criterion")
            if code is None or code not in nodes:
                self.problem(
                    Loc(RULES_SHEET, number, "criterion"),
                    "criterion.not_found" if code else "framework_excel.required",
                    code=code,
                )
                continue
            by_criterion.setdefault(code, []).append((number, values))
        placed: set[str] = set()
        skip = {"parent", "order", "rule"}
        columns = tuple(c for c in CRITERION_COLUMNS if c.header not in skip)

        def build(parent: str | None, prefix: str) -> list[dict[str, Any]]:
            out = []
            for i, (_order, _seq, code) in enumerate(sorted(children.get(parent, []))):
                placed.add(code)
                number, values = nodes[code]
                path = f"{prefix}[{i}]"
                node = self.item(path, columns, values, CRITERIA_SHEET, number)
                for name in ("rule", "rule.kind", "children"):
                    self.where[f"{path}.{name}"] = Loc(CRITERIA_SHEET, number, "rule")
                kind = values.get("rule")
                if kind is not None:
                    node["rule"] = self.rule(kind, by_criterion.get(code, []), f"{path}.rule")
                elif code in by_criterion:
                    node["rule"] = {}
                node["children"] = build(code, f"{path}.children")
                out.append(node)
            return out

        self.document["criteria"] = build(None, "criteria")
        self.where.setdefault("criteria", Loc(CRITERIA_SHEET))
        for code, (number, _values) in nodes.items():
            if code not in placed and code in {c for kids in children.values() for *_, c in kids}:
                self.problem(Loc(CRITERIA_SHEET, number, "parent"), "framework_excel.parent_cycle")

    def rule(self, kind: str, rows: Rows, path: str) -> dict[str, Any]:
        """A rule's dict from its kind and its rows of the rules sheet."""
        rule: dict[str, Any] = {"kind": kind}
        if kind not in SCALARS:
            return rule  # Pydantic names the unknown kind, at the criteria sheet's rule cell
        scalars, listed = SCALARS[kind], LISTED.get(kind)
        found: dict[str, tuple[Any, int]] = {}
        items: list[tuple[int, dict[str, Any]]] = []
        for number, values in rows:
            parameter = str(values.get("parameter", "")).lower()
            value = values.get("value")
            if parameter and parameter == listed:
                items.append((number, values))
            elif parameter in scalars:
                if parameter in found:
                    self.problem(
                        Loc(RULES_SHEET, number, "parameter"),
                        "framework_excel.duplicate_parameter",
                        parameter=parameter,
                        row=found[parameter][1],
                    )
                elif value is None:
                    self.problem(Loc(RULES_SHEET, number, "value"), "framework_excel.required")
                else:
                    try:
                        found[parameter] = (scalars[parameter].read(value), number)
                    except CellError as error:
                        self.problems.append(
                            Problem(Loc(RULES_SHEET, number, "value"), error.code, error.params)
                        )
            else:
                allowed = [*scalars, *([listed] if listed else [])]
                self.problem(
                    Loc(RULES_SHEET, number, "parameter"),
                    "framework_excel.unknown_parameter",
                    parameter=parameter or "—",
                    kind=kind,
                    allowed=", ".join(allowed) or "—",
                )
        target, target_path = rule, path
        if kind == "ratio":
            scale_kind, kind_row = found.pop("scale", (None, None))
            scale_params = {k: found.pop(k) for k in RATIO_SCALE if k in found}
            if scale_kind is None and (items or scale_params):
                scale_kind = "bands" if items else "linear"
            if scale_kind is not None:
                target, target_path = {"kind": scale_kind}, f"{path}.scale"
                rule["scale"] = target
                first = kind_row or (
                    items[0][0] if items else min(n for _, n in scale_params.values())
                )
                self.where[target_path] = Loc(RULES_SHEET, first, "value")
                for name, (value, number) in scale_params.items():
                    target[name] = value
                    self.where[f"{target_path}.{name}"] = Loc(RULES_SHEET, number, "value")
        for name, (value, number) in found.items():
            rule[name] = value
            self.where[f"{path}.{name}"] = Loc(RULES_SHEET, number, "value")
        if listed == "band" and (kind == "bands" or items):
            bands = []
            for i, (number, values) in enumerate(items):
                band: dict[str, Any] = {}
                here = f"{target_path}.bands[{i}]"
                self.where[here] = Loc(RULES_SHEET, number, "value")
                self.where[f"{here}.threshold"] = Loc(RULES_SHEET, number, "value")
                self.where[f"{here}.points"] = Loc(RULES_SHEET, number, "points")
                self._number(band, "threshold", values.get("value"), number)
                if "points" in values:
                    band["points"] = values["points"]
                bands.append(band)
            target["bands"] = bands
            if items:
                self.where[f"{target_path}.bands"] = Loc(RULES_SHEET, items[0][0], "parameter")
        elif kind == "choice":
            points: dict[str, Any] = {}
            for number, values in items:
                option = str(values.get("value", "")).strip()
                loc = Loc(RULES_SHEET, number, "value")
                if not option:
                    self.problem(loc, "framework_excel.required")
                elif option in points:
                    self.problem(loc, "framework.duplicate_code", code=option)
                elif "points" not in values:
                    self.problem(Loc(RULES_SHEET, number, "points"), "framework_excel.required")
                else:
                    points[option] = values["points"]
                    self.where[f"{path}.points.{option}"] = Loc(RULES_SHEET, number, "points")
            rule["points"] = points
        elif kind == "rank":
            ranked: dict[int, tuple[int, Any]] = {}
            for number, values in items:
                loc = Loc(RULES_SHEET, number, "value")
                try:
                    rank = INTEGER.read(values.get("value", ""))
                except CellError:
                    self.problem(loc, "framework_excel.bad_rank")
                    continue
                if rank in ranked:
                    self.problem(loc, "framework_excel.bad_rank")
                elif "points" not in values:
                    self.problem(Loc(RULES_SHEET, number, "points"), "framework_excel.required")
                else:
                    ranked[rank] = (number, values["points"])
            if ranked and sorted(ranked) != list(range(1, len(ranked) + 1)):
                first = min(number for number, _ in ranked.values())
                self.problem(Loc(RULES_SHEET, first, "value"), "framework_excel.bad_rank")
            rule["points_by_rank"] = [ranked[r][1] for r in sorted(ranked)]
            for i, r in enumerate(sorted(ranked)):
                self.where[f"{path}.points_by_rank[{i}]"] = Loc(RULES_SHEET, ranked[r][0], "points")
        return rule

    def _number(self, into: dict[str, Any], key: str, value: Any, number: int) -> None:
        if value is None:
            return
        try:
            into[key] = read_number(value)
        except CellError as error:
            self.problems.append(
                Problem(Loc(RULES_SHEET, number, "value"), error.code, error.params)
            )


def read_workbook(body: bytes) -> tuple[Parsed, str | None]:
    """The workbook's machine sheets as a document dict with the place of every value, and the
    framework code the file names. Runs in a worker thread; 422 on a file that is no workbook or
    holds too many rows."""
    builder = _Builder()
    problems = builder.problems
    with xlsx_workbook(
        body,
        unreadable="framework_excel.unreadable",
        too_large="framework_excel.too_large",
        max_unpacked=MAX_UNPACKED,
    ) as book:
        meta = _read_table(book, FRAMEWORK_SHEET, KEY_VALUE, 100, problems)
        elements = _read_table(book, ELEMENTS.sheet, ELEMENTS.columns, ELEMENTS.max_rows, problems)
        options = _read_table(
            book, OPTIONS_SHEET, OPTION_COLUMNS, MAX_OPTIONS, problems, required=False
        )
        lists = [
            (t, _read_table(book, t.sheet, t.columns, t.max_rows, problems, required=False))
            for t in LIST_TABLES
        ]
        criteria = _read_table(book, CRITERIA_SHEET, CRITERION_COLUMNS, MAX_CRITERIA, problems)
        rules = _read_table(
            book, RULES_SHEET, RULE_COLUMNS, MAX_RULE_ROWS, problems, required=False
        )
    code = builder.metadata(meta)
    items = builder.list_table(ELEMENTS, elements)
    builder.options(elements, items, options)
    for table, rows in lists:
        builder.list_table(table, rows)
    builder.criteria(criteria, rules)
    return Parsed(builder.document, builder.where, builder.problems), code


# --- validating ----------------------------------------------------------------------------


def validate(parsed: Parsed) -> FrameworkDocument | None:
    """The document, validated by the API's own model; its errors become the parsed workbook's
    problems, at the cells they came from (one problem per cell: a cell already reported while
    reading is not reported again)."""
    try:
        return FrameworkDocument.model_validate(parsed.document)
    except ValidationError as exc:
        taken = {p.loc for p in parsed.problems}
        for error in exc.errors():
            loc = parsed.locate(field_path(error["loc"], parsed.document))
            if loc in taken:
                continue
            taken.add(loc)
            parsed.problems.append(Problem(loc, str(error["type"]), pydantic=_plain_error(error)))
        return None


def add_field_errors(parsed: Parsed, errors: Sequence[FieldError]) -> None:
    """``check_document``'s errors (document paths) as problems at their cells (one per cell:
    a value left out because its cell was unreadable is not reported again as missing)."""
    taken = {p.loc for p in parsed.problems}
    for error in errors:
        loc = parsed.locate(error.field)
        if loc not in taken:
            parsed.problems.append(Problem(loc, error.code, dict(error.params)))


def _plain_error(error: Any) -> dict[str, Any]:
    """What of a Pydantic error its translation needs (no input, no exception objects)."""
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    return {"type": error["type"], "msg": error["msg"], "ctx": ctx}


def message(problem: Problem, language: Language) -> str:
    """A problem's message in ``language``."""
    if problem.pydantic is not None:
        return validation_message(problem.pydantic, language)
    return translate(problem.code, language, problem.params)


SHEET_ORDER = (
    FRAMEWORK_SHEET,
    ELEMENTS.sheet,
    OPTIONS_SHEET,
    *[t.sheet for t in LIST_TABLES],
    CRITERIA_SHEET,
    RULES_SHEET,
)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in the workbook's order: sheet, row, then as found."""

    def key(item: tuple[int, Problem]) -> tuple[int, int, int]:
        index, problem = item
        sheet = SHEET_ORDER.index(problem.loc.sheet) if problem.loc.sheet in SHEET_ORDER else 99
        return sheet, problem.loc.row or 0, index

    return [p for _, p in sorted(enumerate(problems), key=key)]
