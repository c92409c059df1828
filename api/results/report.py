"""The city's report in the shape of the national DTI tables (one sheet per unit): for each
indicator its code, name, the figures it was computed from, who supplied them, the points and the
max, then the total. For the provincial framework (922/QĐ-BTTTT, unit TPHCM) this is the Excel file
the city sends the Ministry with its estimated score."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment

from api.core.xlsx import append_bold, append_row, clean
from api.frameworks.schemas import CriterionIn, DataElementIn

HEADER = [
    "Mã",
    "Chỉ tiêu",
    "Số liệu",
    "Đơn vị cung cấp số liệu",
    "Nguồn",
    "Điểm",
    "Điểm tối đa",
    "Cách tính",
]
SOURCES = {
    "unit": "Đơn vị tự đánh giá",
    "provider": "Cơ quan cung cấp",
    "reviewer": "{operator} thẩm định",  # the operating department's short name (a setting)
}


def _figure(inputs: Sequence[Mapping[str, Any]], elements: Mapping[str, DataElementIn]) -> str:
    parts = []
    for item in inputs:
        element = elements.get(item["element_code"])
        value = item["value"]
        if value is None:
            text = "(chưa có)"
        elif isinstance(value, bool):
            text = "Có" if value else "Không"
        elif element is not None and element.options:
            labels = {o.value: o.label_vi for o in element.options}
            text = labels.get(str(value), str(value))
        else:
            text = str(value)
            if element is not None and element.value_type == "percent":
                text += " %"
        parts.append(f"{item['name']} = {text}" if len(inputs) > 1 else text)
    return "; ".join(parts)


def _number(text: str) -> float:
    return float(Decimal(text))


def _rows(
    items: Sequence[CriterionIn],
    data: Mapping[str, Any],
    elements: Mapping[str, DataElementIn],
    provider_names: Mapping[str, str],
    unit_name: str,
    sources: Mapping[str, str] = SOURCES,
) -> Iterator[tuple[bool, list[Any]]]:
    """(is a heading, cells) for every applicable criterion, in tree order."""
    nodes: Mapping[str, Any] = data["nodes"]
    for node in items:
        result = nodes.get(node.code)
        if result is None or not result["applicable"]:
            continue
        points, top = _number(result["points"]), _number(result["max_points"])
        if node.children:
            yield True, [node.code, node.name_vi, None, None, None, points, top, None]
            yield from _rows(node.children, data, elements, provider_names, unit_name, sources)
            continue
        explanation = data["explanations"].get(node.code, {})
        inputs = explanation.get("inputs", [])
        suppliers = sorted(
            {
                provider_names.get(code, code)
                for code in (
                    elements[i["element_code"]].provider_code
                    for i in inputs
                    if i["element_code"] in elements
                )
                if code
            }
        )
        yield (
            False,
            [
                node.code,
                node.name_vi,
                _figure(inputs, elements),
                ", ".join(suppliers) or unit_name,
                # An input with no value yet (normal in a draft run) has no source either.
                ", ".join(
                    sorted({sources.get(i["source"], i["source"]) for i in inputs if i["source"]})
                ),
                points,
                top,
                explanation.get("formula_vi"),
            ],
        )


def city_report(
    *,
    title: str,
    results: Mapping[str, Any],
    criteria: Sequence[CriterionIn],
    elements: Sequence[DataElementIn],
    unit_names: Mapping[str, str],
    provider_names: Mapping[str, str],
    operator_name: str,
    operator_short_name: str,
) -> bytes:
    """The workbook, from a run's stored results and the round's framework, naming the operating
    department (a setting) as the issuer and as the source of reviewers' figures."""
    by_code = {e.code: e for e in elements}
    sources = {k: v.format(operator=operator_short_name) for k, v in SOURCES.items()}
    book = Workbook(write_only=True)
    for unit_code, data in sorted(results["units"].items()):
        unit_name = unit_names.get(unit_code, unit_code)
        sheet = book.create_sheet(unit_code[:31])
        for column, width in zip("ABCDEFGH", (8, 60, 28, 34, 20, 9, 11, 60), strict=True):
            sheet.column_dimensions[column].width = width
        append_bold(sheet, [title])
        append_row(sheet, [f"Cơ quan vận hành: {operator_name}"])
        append_row(sheet, [f"Đơn vị: {unit_name} ({unit_code})"])
        sheet.append([])
        append_bold(sheet, HEADER)
        for heading, cells in _rows(criteria, data, by_code, provider_names, unit_name, sources):
            if heading:
                append_bold(sheet, cells)
                continue
            method = WriteOnlyCell(sheet, value=clean(cells[-1]))
            method.alignment = Alignment(wrap_text=True, vertical="top")
            append_row(sheet, [*cells[:-1], method])
        total = data["nodes"]["total"]
        append_bold(
            sheet,
            [
                None,
                "Tổng điểm (chỉ số = điểm ÷ điểm tối đa)",
                f"Chỉ số: {total['index']}",
                None,
                None,
                _number(total["points"]),
                _number(total["max_points"]),
                None,
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
