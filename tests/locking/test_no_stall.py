"""No caller stalls the others (issue 14): a request authenticates on a short read, reads its
body, and only then opens its write transaction, so an evidence upload whose body is slow to
arrive holds no lock while it waits; reads never take SQLite's write lock.

These run on an app with a database of its own (``tests.support.live``), where commits are real
and requests contend as they would in production, on SQLite (a file) and on PostgreSQL. Nothing
is timed: the other requests must finish while the upload is still blocked on an event."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from api.assessments import context
from api.deps import CurrentUser, SessionDep
from api.evidence.models import EvidenceLink
from tests.support import builders
from tests.support.auth import DEMO_PASSWORD, Headers
from tests.support.files import pdf_bytes
from tests.support.http import assessment_url
from tests.support.live import live_app, live_client, user_headers

BOUNDARY = "dti-test-boundary"


class StalledUpload:
    """A multipart evidence upload whose body stops half-way until ``release`` is set."""

    def __init__(self, indicator: str, content: bytes) -> None:
        self.started = asyncio.Event()  # the first half was handed to the server
        self.release = asyncio.Event()
        self.finished_body = False  # the server asked for (and got) the rest
        head = (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="indicator_code"\r\n\r\n'
            f"{indicator}\r\n"
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="file"; filename="bien-ban.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        half = len(content) // 2
        self.first = head + content[:half]
        self.rest = content[half:] + f"\r\n--{BOUNDARY}--\r\n".encode()

    async def body(self) -> AsyncIterator[bytes]:
        yield self.first
        self.started.set()
        # The bound only matters when the server reads a body it should have refused.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.release.wait(), 30)
        self.finished_body = True
        yield self.rest

    def post(self, client: AsyncClient, headers: Headers, unit: str = "Q1") -> Any:
        return client.post(
            f"{assessment_url(unit)}/evidence",
            content=self.body(),
            headers={**headers, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
        )


async def _nil_answer(app: FastAPI, username: str, unit_code: str) -> tuple[str, dict[str, Any]]:
    """An indicator of the unit's assessment and a "no"/zero answer to it."""
    async with app.state.session_factory() as session:
        who = await builders.principal(session, username)
        ctx = await context.load(
            session=session, round_id=1, unit_code=unit_code, principal=who, write=False
        )
        for code, indicator in ctx.indicators.items():
            inputs = {
                ref.name: builders.nil_value(ref.name, ctx.elements[ref.element_code])
                for ref in indicator.inputs
                if ctx.elements[ref.element_code].source == "self"
            }
            if inputs:
                return code, inputs
    raise AssertionError(f"{unit_code} has nothing to answer")


async def test_a_stalled_upload_delays_no_sign_in_save_or_public_read(
    database_url: str, tmp_path: Path
) -> None:
    async with (
        live_app(database_url, tmp_path, db_busy_timeout_seconds=5) as app,
        live_client(app) as client,
    ):
        q1_editor = await user_headers(app, "q1.editor")
        other_editor = await user_headers(app, "so-tttt.editor")
        indicator, inputs = await _nil_answer(app, "so-tttt.editor", "SO-TTTT")
        etag = (
            await client.get(f"{assessment_url('SO-TTTT')}/assessment", headers=other_editor)
        ).headers["etag"]

        stalled = StalledUpload("1.1", pdf_bytes("slow upload"))
        upload = asyncio.create_task(stalled.post(client, q1_editor))
        await stalled.started.wait()

        sign_in, save, public = await asyncio.gather(
            client.post(
                "/api/v1/auth/token", data={"username": "q1.head", "password": DEMO_PASSWORD}
            ),
            client.put(
                f"{assessment_url('SO-TTTT')}/answers/{indicator}",
                json={"inputs": inputs, "note": None},
                headers={**other_editor, "If-Match": etag},
            ),
            client.get("/api/v1/public/rounds/2/results"),  # a cache miss: read from the database
        )
        # All three answered while the upload is still waiting for the rest of its body.
        assert not upload.done()
        assert not stalled.finished_body
        assert sign_in.status_code == 200, sign_in.text
        assert save.status_code == 200, save.text
        assert public.status_code == 200, public.text

        stalled.release.set()
        uploaded = await upload
        assert uploaded.status_code == 201, uploaded.text
        async with app.state.session_factory() as session:
            links = await session.scalar(select(func.count()).select_from(EvidenceLink))
        assert links == 1


async def test_an_unauthorised_upload_is_refused_before_its_body_is_read(
    client: AsyncClient, viewer: Headers, evaluator: Headers
) -> None:
    for headers, status in ((viewer, 404), (evaluator, 403)):
        stalled = StalledUpload("1.1", pdf_bytes())
        response = await stalled.post(client, headers)
        assert response.status_code == status, response.text
        assert not stalled.finished_body  # answered without waiting for the rest of the body


async def test_one_pooled_connection_serves_a_signed_in_request(
    database_url: str, tmp_path: Path
) -> None:
    """A request never holds one connection while it waits for another (authentication reads on
    a session of its own): else a full pool would wait on itself."""
    pool = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 5}
    async with live_app(database_url, tmp_path, pool=pool) as app, live_client(app) as client:

        async def session_first(session: SessionDep, principal: CurrentUser) -> int:
            return int(await session.scalar(select(func.count()).select_from(EvidenceLink)) or 0)

        app.add_api_route("/session-first", session_first)  # the session resolved first
        editor = await user_headers(app, "q1.editor")
        assert (await client.get("/session-first", headers=editor)).json() == 0
        read = await client.get(f"{assessment_url()}/assessment", headers=editor)
        assert read.status_code == 200, read.text
        saved = await client.put(
            f"{assessment_url()}/answers/1.4",
            json={"inputs": {"value": True}},
            headers={**editor, "If-Match": read.headers["etag"]},
        )
        assert saved.status_code == 200, saved.text
