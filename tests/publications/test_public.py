"""The public read API: stored bytes with ETag/304 and Cache-Control, CORS for other origins, the
CSV and XLSX downloads, the methodology, and a unit's history across mergers."""

from __future__ import annotations

import csv
import hashlib
import io
from typing import Any

from httpx import AsyncClient
from openpyxl import load_workbook

from api.publications.schemas import PublicationOut
from tests.support.http import PUBLIC, app_of
from tests.support.problems import assert_problem

RESULTS = f"{PUBLIC}/rounds/1/results"


async def test_results_carry_an_etag_and_answer_304_to_a_matching_if_none_match(
    client: AsyncClient, published: PublicationOut
) -> None:
    first = await client.get(RESULTS)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag == f'"{published.content_hash}"'
    assert first.headers["cache-control"] == "public, max-age=60"
    assert first.headers["content-type"] == "application/json"
    assert first.headers["x-content-hash"] == published.content_hash
    assert first.headers["x-publication-version"] == "1"
    assert "last-modified" in first.headers

    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = await client.get(RESULTS, headers={"If-None-Match": header})
        assert again.status_code == 304, header
        assert again.content == b""
        assert again.headers["etag"] == etag
    stale = await client.get(RESULTS, headers={"If-None-Match": '"0000"'})
    assert stale.status_code == 200
    assert stale.content == first.content

    as_csv = await client.get(f"{RESULTS}.csv")
    assert as_csv.headers["etag"] != etag  # another representation, another tag
    assert (
        await client.get(f"{RESULTS}.csv", headers={"If-None-Match": as_csv.headers["etag"]})
    ).status_code == 304
    assert (await client.get(f"{RESULTS}.csv", headers={"If-None-Match": etag})).status_code == 200

    listing = await client.get(f"{PUBLIC}/rounds")
    assert listing.headers["cache-control"] == "public, max-age=60"
    assert (
        await client.get(f"{PUBLIC}/rounds", headers={"If-None-Match": listing.headers["etag"]})
    ).status_code == 304


async def test_other_origins_may_read_the_public_api_and_nothing_else(
    client: AsyncClient, published: PublicationOut, approver: dict[str, str]
) -> None:
    origin = {"Origin": "https://dashboard.example.vn"}
    response = await client.get(RESULTS, headers=origin)
    assert response.headers["access-control-allow-origin"] == "*"
    assert "ETag" in response.headers["access-control-expose-headers"]
    preflight = await client.options(
        RESULTS,
        headers=origin
        | {
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "GET" in preflight.headers["access-control-allow-methods"]
    not_found = await client.get(f"{PUBLIC}/rounds/999/results", headers=origin)
    assert_problem(not_found, 404, "publication.not_found")
    assert not_found.headers["access-control-allow-origin"] == "*"
    private = await client.get("/api/v1/rounds", headers=origin | approver)
    assert "access-control-allow-origin" not in private.headers
    # Without an Origin too: the copy a CDN keeps serves every site.
    plain = await client.get(RESULTS)
    assert plain.headers["access-control-allow-origin"] == "*"
    assert "ETag" in plain.headers["access-control-expose-headers"]


async def test_the_csv_rows_are_the_rankings(
    client: AsyncClient, published: PublicationOut
) -> None:
    document = (await client.get(RESULTS)).json()
    response = await client.get(f"{RESULTS}.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == ('attachment; filename="dti-2024-r1-v1.csv"')
    assert response.content.startswith("\ufeff".encode())
    assert hashlib.sha256(response.content).hexdigest() == document["csv_sha256"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    expected = [(g["code"], r) for g in document["groups"] for r in g["rankings"]]
    assert len(rows) == len(expected) == sum(g["unit_count"] for g in document["groups"]) == 48
    pillar_columns = [c for c in rows[0] if c.startswith("pillar_")]
    assert pillar_columns == [f"pillar_{n}" for n in range(1, 11)]  # the framework's order
    for row, (group, ranking) in zip(rows, expected, strict=True):
        assert row["group_code"] == group
        assert int(row["rank"]) == ranking["rank"]
        for key in ("unit_code", "unit_name_vi", "unit_name_en", "points", "max_points", "index"):
            assert row[key] == ranking[key]
        by_code = {p["code"]: p["points"] for p in ranking["pillars"]}
        for column in pillar_columns:
            assert row[column] == by_code.get(column.removeprefix("pillar_"), "")
    qh = [row for row in rows if row["group_code"] == "QH"]
    assert qh[0]["pillar_7"] == ""  # pillar 7 applies to departments only


async def test_the_xlsx_has_the_rankings_and_every_criterion(
    client: AsyncClient, published: PublicationOut
) -> None:
    document = (await client.get(RESULTS)).json()
    response = await client.get(f"{RESULTS}.xlsx")
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Thông tin", "Xếp hạng SBN", "Xếp hạng QH", "Chi tiết"]
    about = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert about["Mã băm nội dung (SHA-256)"] == published.content_hash
    assert about["Phiên bản công bố"] == 1
    qh = next(g for g in document["groups"] if g["code"] == "QH")
    sheet = list(book["Xếp hạng QH"].iter_rows(values_only=True))
    assert sheet[0][:6] == ("Hạng", "Mã đơn vị", "Tên đơn vị", "Điểm", "Điểm tối đa", "Chỉ số")
    assert sheet[0][6] == "1. Nhận thức số"
    assert len(sheet) - 1 == len(qh["rankings"])
    for cells, ranking in zip(sheet[1:], qh["rankings"], strict=True):
        assert cells[0] == ranking["rank"]
        assert cells[1] == ranking["unit_code"]
        assert f"{cells[3]:.2f}" == ranking["points"]
        assert f"{cells[5]:.4f}" == ranking["index"]
    detail = list(book["Chi tiết"].iter_rows(values_only=True))
    q1_leaf = next(row for row in detail if row[0] == "Q1" and row[2] == "1.2")
    assert q1_leaf[3] == "Số cuộc họp của Ban chỉ đạo CĐS trong năm"


async def test_the_methodology_is_the_rounds_framework(
    client: AsyncClient, published: PublicationOut
) -> None:
    response = await client.get(f"{PUBLIC}/rounds/1/framework")
    assert response.status_code == 200
    body = response.json()
    assert body["framework"]["code"] == "HCMC-DTI-2023"
    assert {g["code"]: g["max_points"] for g in body["groups"]} == {
        "QH": "1000.00",
        "SBN": "1000.00",
    }
    assert [c["code"] for c in body["criteria"]][:3] == ["1", "2", "3"]
    assert body["providers"]["CUC-THUE"]["name_vi"] == "Cục Thuế Thành phố"
    assert body["providers"]["CUC-THUE"]["name_en"]
    element = next(e for e in body["elements"] if e["code"] == "E-1.1")
    assert element["value_type"] == "choice"
    assert element["options"][0]["label_vi"]
    unknown = await client.get(f"{PUBLIC}/rounds/999/framework")
    assert_problem(unknown, 404, "publication.not_found")


async def test_a_unit_history_shows_its_predecessors_results_as_theirs_never_its_own(
    client: AsyncClient, published: PublicationOut, admin: dict[str, str]
) -> None:
    q1 = (await client.get(f"{PUBLIC}/units/Q1")).json()
    assert q1["unit"]["code"] == "Q1"
    assert q1["predecessors"] == []
    assert [(e["round"]["year"], e["unit_code"]) for e in q1["history"]] == [
        (2023, "Q1"),
        (2024, "Q1"),
    ]
    latest = q1["history"][-1]
    assert latest["group"]["code"] == "QH"
    assert latest["group"]["unit_count"] == 22
    assert {p["code"] for p in latest["pillars"]} >= {"1", "8", "9"}
    assert all("group_average_index" in p for p in latest["pillars"])
    codes = [c["code"] for c in latest["criteria"]]
    assert codes[:3] == ["1", "1.1", "1.2"]  # tree order, also on PostgreSQL (JSONB sorts keys)
    assert codes.index("1.5") < codes.index("2") < codes.index("9.4") < codes.index("10")

    # 2025: phường Sài Gòn (official code 26740) took Bến Nghé and parts of Đa Kao and Nguyễn
    # Thái Bình, all of Quận 1: the seed links it to Quận 1, in part. Quận 1's results are shown
    # as that predecessor area's, never in the ward's own series.
    ward = (await client.get(f"{PUBLIC}/units/26740")).json()
    assert ward["unit"] == {
        "code": "26740",
        "name_vi": "Phường Sài Gòn",
        "name_en": "Sài Gòn Ward",
        "kind": "ward",
    }
    [q1_ref] = ward["predecessors"]
    assert (q1_ref["code"], q1_ref["share"], q1_ref["effective_on"]) == ("Q1", "part", "2025-07-01")
    assert q1_ref["note"].startswith("Quận 1: Phường Bến Nghé; một phần Phường Đa Kao")
    assert ward["history"] == []
    assert [
        (e["round"]["year"], e["unit_code"], e["share"]) for e in ward["predecessor_history"]
    ] == [(2023, "Q1", "part"), (2024, "Q1", "part")]
    assert ward["predecessor_history"][-1]["points"] == latest["points"]

    # A later unit taking the ward over: Quận 1 is still only ever a predecessor (in part).
    later = await client.post(
        "/api/v1/units",
        json={
            "code": "P-SAI-GON-2",
            "name_vi": "Phường Sài Gòn (mới)",
            "name_en": "Sai Gon Ward (new)",
            "kind": "ward",
            "predecessors": ["26740"],
        },
        headers=admin,
    )
    assert later.status_code == 201, later.text
    successor = (await client.get(f"{PUBLIC}/units/P-SAI-GON-2")).json()
    assert [(p["code"], p["share"]) for p in successor["predecessors"]] == [
        ("26740", None),  # recorded without a share
        ("Q1", "part"),
    ]
    assert successor["history"] == []
    assert [(e["round"]["year"], e["unit_code"]) for e in successor["predecessor_history"]] == [
        (2023, "Q1"),
        (2024, "Q1"),
    ]
    response = await client.get(f"{PUBLIC}/units/P-SAI-GON-2")
    assert (
        await client.get(
            f"{PUBLIC}/units/P-SAI-GON-2", headers={"If-None-Match": response.headers["etag"]}
        )
    ).status_code == 304
    assert_problem(await client.get(f"{PUBLIC}/units/NOPE"), 404, "unit.not_found")
    assert_problem(await client.get(f"{PUBLIC}/units/CUC-THUE"), 404, "publication.unit_not_found")
    # A ward of the former Bình Dương: no predecessor here, nothing published yet.
    assert_problem(await client.get(f"{PUBLIC}/units/25747"), 404, "publication.unit_not_found")


async def test_the_detail_is_what_the_document_hashes(
    client: AsyncClient, published: PublicationOut
) -> None:
    document = (await client.get(RESULTS)).json()
    response = await client.get(f"{RESULTS}/detail")
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == document["detail_sha256"]
    assert response.headers["etag"] == f'"{document["detail_sha256"]}"'
    q1 = response.json()["Q1"]
    assert q1["1.2"]["max_points"] == "20.00"
    same = await client.get(f"{RESULTS}/detail", params={"version": 1})
    assert same.content == response.content
    assert same.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert (
        await client.get(f"{RESULTS}/detail", headers={"If-None-Match": response.headers["etag"]})
    ).status_code == 304


async def test_the_fast_path_answers_exactly_as_the_route(
    client: AsyncClient, published: PublicationOut
) -> None:
    cache = app_of(client).state.public_cache
    answered: list[Any] = []
    peek = cache.peek

    def spy(round_id: int, version: int | None) -> Any:
        served = peek(round_id, version)
        answered.append(served)
        return served

    cache.peek = spy

    def comparable(headers: Any) -> dict[str, str]:
        return {k: v for k, v in headers.items() if k not in ("x-request-id", "date")}

    for n, (suffix, query) in enumerate(
        (("", ""), (".csv", ""), (".xlsx", "?version=1"), ("", "?version=1"))
    ):
        url = f"{RESULTS}{suffix}{query}"
        answered.clear()
        first = await client.get(url)  # the route reads the database and fills the cache
        second = await client.get(url)  # answered from the cache before routing
        if n == 0:
            assert answered[0] is None  # nothing cached yet: the route answered
        assert answered[-1] is not None  # the fast path answered
        assert first.status_code == second.status_code == 200
        assert first.content == second.content
        assert comparable(first.headers) == comparable(second.headers)
        tag = {"If-None-Match": first.headers["etag"]}
        assert (await client.get(url, headers=tag)).status_code == 304
    # Anything the fast path does not know goes to the route and its validation.
    assert_problem(await client.get(f"{RESULTS}?version=0"), 422, "http.validation")
    assert_problem(await client.get(f"{RESULTS}?version=x"), 422, "http.validation")
    assert (await client.get(f"{RESULTS}?version=1&x=1")).status_code == 200
