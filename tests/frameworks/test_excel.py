"""A framework's Excel round trip: export any version, edit it in Excel (openpyxl here), import it
as a new draft with a dry-run preview, row errors in vi/en and nothing written on a bad sheet."""

from __future__ import annotations

import copy
import io
from decimal import Decimal
from typing import Any

from httpx import AsyncClient, Response
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from api.frameworks import sheets
from api.frameworks.schemas import FrameworkDocument
from api.seed.loader import framework_documents
from tests.frameworks.test_frameworks import CODE_2023, framework_by_code, small_document
from tests.support.problems import assert_problem

FRAMEWORKS = "/api/v1/frameworks"
IMPORT = f"{FRAMEWORKS}/import.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def export(client: AsyncClient, headers: dict[str, str], framework_id: int) -> bytes:
    response = await client.get(f"{FRAMEWORKS}/{framework_id}/export.xlsx", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"].startswith("attachment;")
    return response.content


async def send(
    client: AsyncClient,
    headers: dict[str, str],
    body: bytes,
    *,
    dry_run: bool,
    base_id: int | None = None,
    **form: str,
) -> Response:
    params: dict[str, Any] = {"dry_run": str(dry_run).lower()}
    if base_id is not None:
        params["base_id"] = base_id
    return await client.post(
        IMPORT,
        params=params,
        files={"file": ("framework.xlsx", body, XLSX)},
        data=form,
        headers=headers,
    )


async def document(client: AsyncClient, headers: dict[str, str], framework_id: int) -> Any:
    response = await client.get(f"{FRAMEWORKS}/{framework_id}/document", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def count(client: AsyncClient, headers: dict[str, str]) -> int:
    response = await client.get(FRAMEWORKS, headers=headers)
    total: int = response.json()["total"]
    return total


def edit(body: bytes, change: Any) -> bytes:
    """The workbook after ``change(book)``, saved as Excel would."""
    book = load_workbook(io.BytesIO(body))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(sheet: Worksheet, **match: Any) -> int:
    """The first row whose cells under the named headers hold the values."""
    header = [cell.value for cell in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        if all(sheet.cell(row, header.index(k) + 1).value == v for k, v in match.items()):
            return row
    raise AssertionError(f"no row {match}")


def set_cell(sheet: Worksheet, row: int, header: str, value: Any) -> None:
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row, headers.index(header) + 1).value = value


def append(sheet: Worksheet, **values: Any) -> None:
    headers = [cell.value for cell in sheet[1]]
    sheet.append([values.get(h) for h in headers])


def node(nodes: list[dict[str, Any]], code: str) -> dict[str, Any]:
    for item in nodes:
        if item["code"] == code:
            return item
        found = node(item["children"], code) if item["children"] else None
        if found:
            return found
    return {}


# --- the round trip -------------------------------------------------------------------------


async def test_export_import_export_gives_the_same_document_for_every_seeded_framework(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    for seeded in framework_documents():
        original = await framework_by_code(client, admin, seeded.code)
        first = await export(client, admin, original["id"])
        code = f"{seeded.code}-X"
        response = await send(client, admin, first, dry_run=False, code=code)
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["status"] == "applied"
        assert report["error_count"] == 0
        draft_id = report["framework_id"]
        draft = (await client.get(f"{FRAMEWORKS}/{draft_id}", headers=admin)).json()
        assert draft["status"] == "draft"
        # The draft's document is the original's, but for the code the import gave it.
        before = await document(client, admin, original["id"])
        after = await document(client, admin, draft_id)
        assert after == {**before, "code": code}
        # And exporting it again gives the same machine sheets.
        second = await export(client, admin, draft_id)
        once, _ = sheets.read_workbook(first)
        twice, _ = sheets.read_workbook(second)
        assert once.problems == twice.problems == []
        assert {**once.document, "code": code} == twice.document
        # Unchanged, the diff against the original is the code alone.
        diff = (
            await client.get(
                f"{FRAMEWORKS}/{draft_id}/diff", params={"base": original["id"]}, headers=admin
            )
        ).json()
        assert diff["criteria"] == diff["elements"] == []
        assert [c["field"] for c in diff["metadata"]] == ["code"]


def test_the_workbook_round_trips_every_seeded_document_exactly() -> None:
    for doc in framework_documents():
        parsed, code = sheets.read_workbook(sheets.write_workbook(doc, agencies={}))
        assert code == doc.code
        assert parsed.problems == []
        assert sheets.validate(parsed) == doc


def test_numbers_beyond_excel_precision_go_as_text_and_come_back_exact() -> None:
    doc = FrameworkDocument.model_validate(
        small_document(
            elements=[
                {
                    "code": "E-A",
                    "name_vi": "Có chuyên mục CĐS",
                    "name_en": "Has a DX section",
                    "value_type": "boolean",
                },
                {
                    "code": "E-B",
                    "name_vi": "Số tiền",
                    "name_en": "Amount",
                    "value_type": "decimal",
                    "min": "-123456789012.123456",
                    "max": "0.1",
                },
            ]
        )
    )
    parsed, _ = sheets.read_workbook(sheets.write_workbook(doc, agencies={}))
    again = sheets.validate(parsed)
    assert again is not None
    assert again.elements[1].min == Decimal("-123456789012.123456")
    assert again.elements[1].max == Decimal("0.1")
    assert again.criteria[0].children[1].max_points == Decimal("20.5")


# --- editing in Excel -----------------------------------------------------------------------


async def test_an_edited_workbook_imports_as_a_draft_with_exactly_those_changes(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    original = await framework_by_code(client, admin, CODE_2023)
    body = await export(client, admin, original["id"])

    def change(book: Workbook) -> None:
        criteria, rules, elements = book["criteria"], book["rules"], book["elements"]
        set_cell(criteria, row_of(criteria, code="1.1"), "max_points", 25)
        set_cell(rules, row_of(rules, criterion="1.2", parameter="band", value=4), "value", 5)
        append(
            elements,
            code="E-1.9",
            name_vi="Có trợ lý ảo trả lời người dân",
            name_en="Has a virtual assistant answering citizens",
            value_type="boolean",
            source="self",
        )
        append(
            criteria,
            code="1.9",
            parent="1",
            order=9,
            name_vi="Trợ lý ảo trả lời người dân",
            name_en="Virtual assistant answering citizens",
            max_points=10,
            rule="boolean",
            inputs="value=E-1.9",
            evidence_required=True,
        )

    edited = edit(body, change)
    preview = await send(client, admin, edited, dry_run=True, code="HCMC-DTI-2024")
    assert preview.status_code == 200, preview.text
    report = preview.json()
    assert report["status"] == "validated", report["errors"]
    assert report["framework_id"] is None
    assert report["summary"]["max_points_by_group"] == {"SBN": "1015", "QH": "1015"}
    assert report["summary"]["indicator_count"] == 47
    diff = report["diff"]
    assert diff["base_id"] == original["id"]  # the version with the file's code
    assert [(c["code"], c["change"]) for c in diff["criteria"]] == [
        ("1.1", "changed"),
        ("1.2", "changed"),
        ("1.9", "added"),
    ]
    assert [f["field"] for f in diff["criteria"][0]["fields"]] == ["max_points"]
    assert [f["field"] for f in diff["criteria"][1]["fields"]] == ["rule"]
    assert [(e["code"], e["change"]) for e in diff["elements"]] == [("E-1.9", "added")]

    before_count = await count(client, admin)
    applied = await send(client, admin, edited, dry_run=False, code="HCMC-DTI-2024")
    assert applied.status_code == 200, applied.text
    draft_id = applied.json()["framework_id"]
    assert await count(client, admin) == before_count + 1
    # The draft comes from the version it was compared with (the editor's «So sánh» opens it).
    listed = await client.get(f"{FRAMEWORKS}/{draft_id}", headers=admin)
    assert listed.json()["cloned_from_id"] == original["id"]

    expected = await document(client, admin, original["id"])
    expected["code"] = "HCMC-DTI-2024"
    node(expected["criteria"], "1.1")["max_points"] = "25"
    node(expected["criteria"], "1.2")["rule"]["bands"][0]["threshold"] = "5"
    expected["elements"].append(
        {
            "code": "E-1.9",
            "name_vi": "Có trợ lý ảo trả lời người dân",
            "name_en": "Has a virtual assistant answering citizens",
            "value_type": "boolean",
            "options": None,
            "min": None,
            "max": None,
            "unit": None,
            "source": "self",
            "provider_code": None,
        }
    )
    node(expected["criteria"], "1")["children"].append(
        {
            "code": "1.9",
            "name_vi": "Trợ lý ảo trả lời người dân",
            "name_en": "Virtual assistant answering citizens",
            "groups": None,
            "weight": "1",
            "max_points": "10",
            "inputs": [{"name": "value", "element_code": "E-1.9"}],
            "rule": {"kind": "boolean", "input": "value"},
            "not_applicable_when_missing": False,
            "evidence_required": True,
            "guidance": dict.fromkeys(sheets.Guidance.model_fields),
            "provenance": None,
            "children": [],
        }
    )
    assert await document(client, admin, draft_id) == expected
    draft = (await client.get(f"{FRAMEWORKS}/{draft_id}", headers=admin)).json()
    assert draft["status"] == "draft"


async def test_rule_parameters_of_every_kind_read_from_rows(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    """A rules sheet written by hand: a ratio with a bands scale, a rank, a linear rule with
    group goalposts, a choice."""
    doc = small_document(code="RULES-2025")
    doc["elements"] += [
        {"code": "E-C", "name_vi": "Số C", "name_en": "C", "value_type": "integer"},
        {
            "code": "E-D",
            "name_vi": "Lựa chọn D",
            "name_en": "Choice D",
            "value_type": "choice",
            "options": [
                {"value": "1", "label_vi": "Một", "label_en": "One"},
                {"value": "2", "label_vi": "Hai", "label_en": "Two"},
            ],
        },
    ]
    leaves = doc["criteria"][0]["children"]
    leaves += [
        {
            "code": "1.3",
            "name_vi": "Tỷ lệ",
            "name_en": "Ratio",
            "max_points": 10,
            "inputs": [{"name": "a", "element_code": "E-C"}, {"name": "b", "element_code": "E-C"}],
            "rule": {
                "kind": "ratio",
                "scale": {
                    "kind": "bands",
                    "direction": "lower_is_better",
                    "bands": [{"threshold": 10, "points": 10}, {"threshold": 50, "points": 5}],
                },
                "zero_denominator": "not_applicable",
            },
        },
        {
            "code": "1.4",
            "name_vi": "Xếp hạng",
            "name_en": "Rank",
            "max_points": 10,
            "inputs": [{"name": "value", "element_code": "E-C"}],
            "rule": {"kind": "rank", "points_by_rank": [10, 7, 4]},
        },
        {
            "code": "1.5",
            "name_vi": "Tuyến tính nhóm",
            "name_en": "Group linear",
            "max_points": 10,
            "inputs": [{"name": "value", "element_code": "E-C"}],
            "rule": {
                "kind": "linear",
                "goalposts": "group_min_max",
                "direction": "lower_is_better",
            },
        },
        {
            "code": "1.6",
            "name_vi": "Lựa chọn",
            "name_en": "Choice",
            "max_points": 10,
            "inputs": [{"name": "value", "element_code": "E-D"}],
            "rule": {"kind": "choice", "points": {"1": 10, "2": "2.5"}},
        },
    ]
    created = await client.post(FRAMEWORKS, json=doc, headers=admin)
    assert created.status_code == 201, created.text
    body = await export(client, admin, created.json()["id"])
    rules = load_workbook(io.BytesIO(body))["rules"]
    rows = [tuple(c.value for c in row) for row in rules.iter_rows(min_row=2)]
    assert ("1.3", "scale", "bands", None) in rows
    assert ("1.3", "band", 50, 5) in rows
    assert ("1.4", "rank", 3, 4) in rows
    assert ("1.6", "option", "2", 2.5) in rows

    response = await send(client, admin, body, dry_run=True, code="RULES-2026")
    report = response.json()
    assert report["status"] == "validated", report["errors"]
    assert report["diff"]["criteria"] == []


# --- refusals -------------------------------------------------------------------------------


async def test_a_bad_sheet_is_refused_with_row_errors_and_nothing_written(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    original = await framework_by_code(client, admin, CODE_2023)
    body = await export(client, admin, original["id"])

    def change(book: Workbook) -> None:
        criteria, rules, elements = book["criteria"], book["rules"], book["elements"]
        set_cell(criteria, row_of(criteria, code="1.1"), "max_points", "mười")
        set_cell(criteria, row_of(criteria, code="1.3"), "parent", "99")
        set_cell(criteria, row_of(criteria, code="1.4"), "inputs", "value=E-NOPE")
        set_cell(rules, row_of(rules, criterion="1.2", parameter="band", value=4), "points", 90)
        append(rules, criterion="1.2", parameter="colour", value="red")
        set_cell(elements, row_of(elements, code="E-1.2"), "value_type", "number")
        set_cell(book["framework"], row_of(book["framework"], key="year"), "value", 1990)

    bad = edit(body, change)
    before = await count(client, admin)

    preview = await send(client, admin, bad, dry_run=True, code="BAD-2024")
    assert preview.status_code == 200, preview.text
    report = preview.json()
    assert report["status"] == "rejected"
    found = {(e["sheet"], e["field"]) for e in report["errors"]}
    assert ("criteria", "max_points") in found
    assert ("criteria", "parent") in found
    assert ("rules", "parameter") in found
    assert ("elements", "value_type") in found
    assert ("framework", "year") in found
    crit = {(e["row"], e["field"]) for e in report["errors"] if e["sheet"] == "criteria"}
    assert (row_of(load_workbook(io.BytesIO(bad))["criteria"], code="1.1"), "max_points") in crit
    messages = {e["code"]: e["message"] for e in report["errors"]}
    assert messages["framework_excel.not_number"] == "«mười» không phải là số."
    assert await count(client, admin) == before

    refused = await send(client, admin, bad, dry_run=False, code="BAD-2024")
    problem = assert_problem(refused, 422, "framework_excel.rejected")
    assert problem["report"]["error_count"] == report["error_count"]
    assert problem["errors"][0]["field"].startswith("framework[")
    assert await count(client, admin) == before

    english = await client.post(
        IMPORT,
        params={"dry_run": "true"},
        files={"file": ("f.xlsx", bad, XLSX)},
        data={"code": "BAD-2024"},
        headers={**admin, "Accept-Language": "en"},
    )
    messages = {e["code"]: e["message"] for e in english.json()["errors"]}
    assert messages["framework_excel.not_number"] == "«mười» is not a number."

    # Once the sheet is fixed the second pass finds the rest: cross-references.
    def second(book: Workbook) -> None:
        change(book)
        criteria, elements = book["criteria"], book["elements"]
        set_cell(criteria, row_of(criteria, code="1.1"), "max_points", 20)
        set_cell(criteria, row_of(criteria, code="1.3"), "parent", "1")
        set_cell(elements, row_of(elements, code="E-1.2"), "value_type", "integer")
        book["rules"].delete_rows(book["rules"].max_row)
        set_cell(book["framework"], row_of(book["framework"], key="year"), "value", 2024)

    report = (await send(client, admin, edit(body, second), dry_run=True, code="BAD-2024")).json()
    assert {e["code"] for e in report["errors"]} == {
        "framework.unknown_element",
        "framework.points_over_max",
    }


async def test_the_code_must_be_new(client: AsyncClient, admin: dict[str, str]) -> None:
    original = await framework_by_code(client, admin, CODE_2023)
    body = await export(client, admin, original["id"])
    report = (await send(client, admin, body, dry_run=True)).json()
    assert [(e["sheet"], e["row"], e["field"], e["code"]) for e in report["errors"]] == [
        ("framework", 2, "code", "framework.code_taken")
    ]


async def test_files_that_are_no_framework_workbook_are_refused(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    assert_problem(
        await send(client, admin, b"not a workbook", dry_run=True),
        422,
        "framework_excel.unreadable",
    )
    other = Workbook()
    out = io.BytesIO()
    other.save(out)
    report = (await send(client, admin, out.getvalue(), dry_run=True)).json()
    assert {(e["sheet"], e["code"]) for e in report["errors"]} >= {
        ("framework", "framework_excel.missing_sheet"),
        ("criteria", "framework_excel.missing_sheet"),
    }
    raw = await client.post(IMPORT, content=out.getvalue(), headers={**admin, "Content-Type": XLSX})
    assert_problem(raw, 415, "framework_excel.content_type")
    missing = await client.post(IMPORT, data={"code": "X"}, files={}, headers=admin)
    assert missing.status_code in (415, 422)


async def test_an_oversized_upload_is_refused(client: AsyncClient, admin: dict[str, str]) -> None:
    big = b"0" * (sheets.MAX_FILE_BYTES + 200_000)
    assert_problem(await send(client, admin, big, dry_run=True), 413, "framework_excel.too_large")


async def test_too_many_rows_are_refused(client: AsyncClient, admin: dict[str, str]) -> None:
    original = await framework_by_code(client, admin, CODE_2023)
    body = await export(client, admin, original["id"])

    def flood(book: Workbook) -> None:
        for i in range(sheets.ELEMENTS.max_rows + 1):
            book["elements"].append([f"E-X{i}", "x", "x", "boolean"])

    problem = assert_problem(
        await send(client, admin, edit(body, flood), dry_run=True),
        422,
        "framework_excel.too_many_rows",
    )
    assert "elements" in problem["detail"]


# --- who may ------------------------------------------------------------------------------


async def test_only_admins_import_and_anyone_signed_in_exports(
    client: AsyncClient,
    admin: dict[str, str],
    viewer: dict[str, str],
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
) -> None:
    original = await framework_by_code(client, admin, CODE_2023)
    body = await export(client, viewer, original["id"])
    await export(client, q1_editor, original["id"])
    for headers in (q1_editor, evaluator, viewer):
        assert_problem(await send(client, headers, body, dry_run=True, code="NO-1"), 403)
    assert_problem(await send(client, {}, body, dry_run=True), 401)
    assert_problem(await client.get(f"{FRAMEWORKS}/{original['id']}/export.xlsx"), 401)
    assert_problem(
        await client.get(f"{FRAMEWORKS}/999999/export.xlsx", headers=viewer),
        404,
        "framework.not_found",
    )


# --- safe cells -------------------------------------------------------------------------------


async def test_formula_text_and_control_characters_survive_export_safely(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = small_document(code="SAFE-2025")
    doc["title_vi"] = "Bộ chỉ số\x01 thử"
    leaf = doc["criteria"][0]["children"][0]
    leaf["name_vi"] = '=cmd|" /C calc"!A0'
    leaf["guidance"] = {"method_vi": "@SUM(A1)\x0b và +1"}
    created = await client.post(FRAMEWORKS, json=doc, headers=admin)
    assert created.status_code == 201, created.text
    body = await export(client, admin, created.json()["id"])

    book = load_workbook(io.BytesIO(body))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]  # no formula anywhere
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in t)]
    named = [c for c in cells if c.value == '=cmd|" /C calc"!A0']
    assert named
    assert all(c.data_type == "s" for c in named)

    report = (await send(client, admin, body, dry_run=False, code="SAFE-2026")).json()
    assert report["status"] == "applied", report["errors"]
    again = await document(client, admin, report["framework_id"])
    assert again["title_vi"] == "Bộ chỉ số thử"
    assert node(again["criteria"], "1.1")["name_vi"] == '=cmd|" /C calc"!A0'
    assert node(again["criteria"], "1.1")["guidance"]["method_vi"] == "@SUM(A1) và +1"


def test_the_appendix_reads_like_a_decision() -> None:
    [doc, *_] = framework_documents()
    book = load_workbook(io.BytesIO(sheets.write_workbook(doc, agencies={})))
    assert book.sheetnames[:3] == ["Phu luc", "Appendix", "Huong dan"]
    sheet = book["Phu luc"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r[0] == "STT")
    assert header[2:4] == ["Điểm tối đa SBN", "Điểm tối đa QH"]
    by_code = {r[0]: r for r in rows if r[0]}
    assert by_code["6"][2:4] == [250, 200]
    assert by_code["1.2"][4] == (
        "Điểm theo bậc: từ 4 trở lên: 20 điểm; từ 3 trở lên: 15 điểm; "
        "từ 2 trở lên: 10 điểm; từ 1 trở lên: 5 điểm."
    )
    english = {r[0]: r for r in ([c.value for c in row] for row in book["Appendix"].iter_rows())}
    assert english["1.2"][4].startswith("Points by band: 4 or more: 20 points;")
    assert rows[-1][1:4] == ["Tổng", 1000, 1000]


def test_a_copy_of_the_document_is_unchanged_by_export() -> None:
    [doc, *_] = framework_documents()
    before = copy.deepcopy(doc.model_dump())
    sheets.write_workbook(doc, agencies={})
    assert doc.model_dump() == before
