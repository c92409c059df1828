"""Ingest under attack and at scale: the caller is checked before the body is read, row errors
are capped and paged, every sheet line counts toward the cap, broken CSV quotes are refused, and
large batches run as cancellable background jobs."""

from __future__ import annotations

import io
import threading
from collections.abc import AsyncIterator, Iterable
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from openpyxl import Workbook
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.errors import Invalid
from api.core.settings import Settings
from api.ingest import router, service, sheets
from api.ingest.models import IngestReport
from api.ingest.sheets import Row
from api.jobs.runner import InProcessRunner, JobEnv, Runner
from api.main import build_registry
from tests.ingest.test_ingest import PUSH, batch, provider_values
from tests.support.auth import Tokens
from tests.support.http import AppFactory, app_of
from tests.support.problems import assert_problem

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORTS = "/api/v1/ingest/reports"


@pytest.fixture
async def cuc_thue(tokens: Tokens) -> dict[str, str]:
    return await tokens.client("cuc-thue")


def bad_rows(count: int) -> list[tuple[str, str, Any]]:
    """``count`` rows that are each wrong: units that take no part in the round."""
    return [(f"X{i}", "E-8.1-a", i) for i in range(count)]


# --- row errors: capped, counted by kind, paged; lists without them -----------------------------


async def test_stored_errors_are_capped_counted_by_kind_and_paged(
    client: AsyncClient, cuc_thue: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "ERRORS_KEPT", 5)
    rows = [*bad_rows(10), ("Q1", "E-8.1-b", -5), ("Q1", "E-NOPE", 1)]
    response = await client.post(PUSH, json=batch(*rows), headers=cuc_thue)
    problem = assert_problem(response, 422, "ingest.rejected")
    assert problem["errors_total"] == 12
    assert problem["counts"]["rejected"] == 12
    assert len(problem["errors"]) == 5  # the first ones only
    kinds = {k["code"]: k["count"] for k in problem["error_kinds"]}
    assert kinds == {"ingest.unknown_unit": 10, "value.min": 1, "ingest.unknown_element": 1}
    assert problem["error_kinds"][0]["example"] == "Đơn vị X0 không tham gia kỳ đánh giá này."

    report = problem["report_id"]
    page = await client.get(
        f"{REPORTS}/{report}/errors", params={"limit": 2, "offset": 2}, headers=cuc_thue
    )
    assert page.status_code == 200, page.text
    assert page.json()["total"] == 5
    assert [e["row"] for e in page.json()["items"]] == [3, 4]
    only = await client.get(
        f"{REPORTS}/{report}/errors", params={"code": "value.min"}, headers=cuc_thue
    )
    assert only.json()["total"] == 0  # the 11th error was counted, not kept


async def test_the_report_list_stays_small_after_huge_rejected_batches(
    client: AsyncClient, cuc_thue: dict[str, str]
) -> None:
    for _ in range(3):
        rejected = await client.post(PUSH, json=batch(*bad_rows(3000)), headers=cuc_thue)
        assert_problem(rejected, 422, "ingest.rejected")
    listed = await client.get(REPORTS, headers=cuc_thue)
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert all("errors" not in item for item in items)
    assert items[0]["errors_total"] == 3000
    assert len(listed.content) < 20_000  # 3 × 3,000 errors were ~1.5 MB before
    one = await client.get(f"{REPORTS}/{items[0]['report_id']}", headers=cuc_thue)
    assert len(one.json()["errors"]) == router.ERRORS_SHOWN


async def test_a_report_s_errors_are_its_sender_s(
    client: AsyncClient, cuc_thue: dict[str, str], viewer: dict[str, str]
) -> None:
    response = await client.post(PUSH, json=batch(*bad_rows(1)), headers=cuc_thue)
    report = response.json()["report_id"]
    hidden = await client.get(f"{REPORTS}/{report}/errors", headers=viewer)
    assert_problem(hidden, 404, "ingest.report_not_found")


# --- the caller before the body ------------------------------------------------------------------


async def test_a_viewer_is_refused_before_the_body_is_read(
    client: AsyncClient, viewer: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(_body: bytes) -> list[Row]:
        raise AssertionError("a viewer's body was parsed")

    monkeypatch.setattr(sheets, "rows_from_xlsx", never)
    refused = await client.post(
        PUSH,
        params={"round_id": 1},
        content=b"PK\x03\x04 not really a workbook" * 1000,
        headers={**viewer, "Content-Type": XLSX},
    )
    assert_problem(refused, 403, "auth.forbidden_role")
    odd_type = await client.post(
        PUSH, content=b"x", headers={**viewer, "Content-Type": "application/pdf"}
    )
    assert_problem(odd_type, 403, "auth.forbidden_role")


async def test_bodies_are_parsed_off_the_event_loop(
    client: AsyncClient, cuc_thue: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    json_rows = router._json_rows

    def spy(body: bytes) -> tuple[int, list[Row]]:
        threads.append(threading.current_thread())
        return json_rows(body)

    monkeypatch.setattr(router, "_json_rows", spy)
    response = await client.post(PUSH, json=batch(("Q1", "E-8.1-a", 5)), headers=cuc_thue)
    assert response.status_code == 200, response.text
    assert threads
    assert threads[0] is not threading.main_thread()


# --- every sheet line counts; broken quotes; empty sheets ---------------------------------------


def workbook(lines: Iterable[tuple[Any, ...]], *, last_row: int | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("unit_code", "element_code", "value"))
    for line in lines:
        sheet.append(line)
    if last_row is not None:  # rows up to it exist, empty (a formatted, otherwise blank sheet)
        for number in range(sheet.max_row + 1, last_row + 1):
            sheet.row_dimensions[number].height = 15
        sheet.cell(row=last_row, column=1, value=" ")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_blank_sheet_rows_count_toward_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets, "MAX_ROWS", 50)
    assert len(sheets.rows_from_xlsx(workbook([("Q1", "E-8.1-a", 5)], last_row=51))) == 1
    blank = workbook([("Q1", "E-8.1-a", 5)], last_row=5000)
    with pytest.raises(Invalid) as refused:
        sheets.rows_from_xlsx(blank)
    assert getattr(refused.value, "code", None) == "ingest.too_many_rows"
    csv_blank = b"unit_code,element_code,value\nQ1,E-8.1-a,5\n" + b",,\n" * 60
    with pytest.raises(Invalid) as refused_csv:
        sheets.rows_from_csv(csv_blank)
    assert getattr(refused_csv.value, "code", None) == "ingest.too_many_rows"


async def test_a_sheet_of_blank_rows_is_refused(
    client: AsyncClient, cuc_thue: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheets, "MAX_ROWS", 100)
    refused = await client.post(
        PUSH,
        params={"round_id": 1},
        content=workbook([("Q1", "E-8.1-a", 5)], last_row=3000),
        headers={**cuc_thue, "Content-Type": XLSX},
    )
    assert_problem(refused, 422, "ingest.too_many_rows")


async def test_an_unclosed_csv_quote_is_refused_naming_its_line(
    client: AsyncClient, cuc_thue: dict[str, str], session: AsyncSession
) -> None:
    headers = {**cuc_thue, "Content-Type": "text/csv"}
    body = b'unit_code,element_code,value\nQ1,E-8.1-a,5\n"Q3,E-8.1-a,6\nQ3,E-8.1-b,7\n'
    refused = await client.post(PUSH, params={"round_id": 1}, content=body, headers=headers)
    problem = assert_problem(refused, 422, "ingest.csv_quote")
    assert "dòng 3" in problem["detail"]
    assert await provider_values(session) == 0
    empty = await client.post(
        PUSH,
        params={"round_id": 1},
        content=b"unit_code,element_code,value\nQ1,E-8.1-a,\n",
        headers=headers,
    )
    assert_problem(empty, 422, "ingest.no_rows")


# --- large batches: background jobs --------------------------------------------------------------


class HeldRunner(InProcessRunner):
    """The in-process runner, with each job held until the test releases it."""

    def __init__(self, app: FastAPI) -> None:
        super().__init__(
            build_registry(Settings()),
            lambda: JobEnv(app.state.session_factory, app.state.settings),
            scheduler=False,
        )
        self.held: list[tuple[str, dict[str, Any]]] = []

    def _spawn(self, task: str, payload: dict[str, Any]) -> None:
        self.held.append((task, payload))

    async def release(self) -> None:
        while self.held:
            task, payload = self.held.pop(0)
            await self._run(task, payload)


@pytest.fixture
async def background(make_client: AppFactory) -> AsyncIterator[tuple[AsyncClient, HeldRunner]]:
    """A client whose app runs batches of more than 2 rows in the background, on a held
    in-process runner (on PostgreSQL too: a pgqueuer job would need a committed transaction;
    tests/jobs runs pgqueuer itself)."""
    client = await make_client(ingest_background_rows=2)
    app = app_of(client)
    runner = HeldRunner(app)
    previous: Runner = app.state.jobs
    app.state.jobs = runner
    yield client, runner
    app.state.jobs = previous


ROWS = (("Q1", "E-8.1-a", 900), ("Q1", "E-8.1-b", 1000), ("Q3", "E-8.1-a", 10))


async def test_a_large_batch_runs_in_the_background(
    background: tuple[AsyncClient, HeldRunner],
    cuc_thue: dict[str, str],
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, runner = background
    monkeypatch.setattr(service, "CHUNK", 2)
    accepted = await client.post(PUSH, json=batch(*ROWS), headers=cuc_thue)
    assert accepted.status_code == 202, accepted.text
    report = accepted.json()
    assert report["status"] == "queued"
    assert report["progress"] == {"done": 0, "total": 3}
    assert accepted.headers["location"].endswith(f"{REPORTS}/{report['report_id']}")
    assert await provider_values(session) == 0
    assert runner.held == [(service.INGEST_TASK, {"report_id": report["report_id"]})]

    await runner.release()
    done = (await client.get(accepted.headers["location"], headers=cuc_thue)).json()
    assert done["status"] == "applied"
    assert done["progress"] == {"done": 3, "total": 3}
    assert done["counts"] == {"received": 3, "applied": 3, "unchanged": 0, "rejected": 0}
    assert done["finished_at"] is not None
    assert await provider_values(session) == 3
    again = await client.post(f"{REPORTS}/{report['report_id']}/cancel", headers=cuc_thue)
    assert_problem(again, 409, "ingest.not_running")


async def test_a_large_batch_with_a_bad_row_applies_nothing(
    background: tuple[AsyncClient, HeldRunner], cuc_thue: dict[str, str], session: AsyncSession
) -> None:
    client, runner = background
    accepted = await client.post(PUSH, json=batch(*ROWS, ("Q99", "E-8.1-a", 1)), headers=cuc_thue)
    assert accepted.status_code == 202
    await runner.release()
    done = (await client.get(accepted.headers["location"], headers=cuc_thue)).json()
    assert done["status"] == "rejected"
    assert done["errors"][0]["row"] == 4
    assert await provider_values(session) == 0


async def test_a_queued_batch_is_cancelled_at_once(
    background: tuple[AsyncClient, HeldRunner], cuc_thue: dict[str, str], session: AsyncSession
) -> None:
    client, runner = background
    accepted = await client.post(PUSH, json=batch(*ROWS), headers=cuc_thue)
    report = accepted.json()["report_id"]
    cancelled = await client.post(f"{REPORTS}/{report}/cancel", headers=cuc_thue)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    await runner.release()  # the job finds it cancelled and does nothing
    read = (await client.get(f"{REPORTS}/{report}", headers=cuc_thue)).json()
    assert read["status"] == "cancelled"
    assert await provider_values(session) == 0


async def test_a_running_batch_stops_at_its_next_chunk(
    background: tuple[AsyncClient, HeldRunner],
    cuc_thue: dict[str, str],
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, runner = background
    monkeypatch.setattr(service, "CHUNK", 1)
    accepted = await client.post(PUSH, json=batch(*ROWS), headers=cuc_thue)
    report = accepted.json()["report_id"]
    check = service.Checker.check

    def check_then_cancel(self: service.Checker, rows: Iterable[Row]) -> None:
        check(self, rows)
        # What POST …/cancel does while the job runs (the job is not "queued" any more); the
        # job shares the test's session, which writes it with the job's next statement.
        for loaded in list(session.identity_map.values()):
            if isinstance(loaded, IngestReport) and loaded.id == report:
                loaded.cancel_requested = True

    monkeypatch.setattr(service.Checker, "check", check_then_cancel)
    await runner.release()
    read = (await client.get(f"{REPORTS}/{report}", headers=cuc_thue)).json()
    assert read["status"] == "cancelled"
    assert read["progress"]["done"] == 1
    assert await provider_values(session) == 0


async def test_a_viewer_cannot_cancel_another_s_batch(
    background: tuple[AsyncClient, HeldRunner], cuc_thue: dict[str, str], viewer: dict[str, str]
) -> None:
    client, _runner = background
    accepted = await client.post(PUSH, json=batch(*ROWS), headers=cuc_thue)
    refused = await client.post(f"{REPORTS}/{accepted.json()['report_id']}/cancel", headers=viewer)
    assert_problem(refused, 404, "ingest.report_not_found")
