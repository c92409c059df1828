"""The public read API (no account): published results for citizens and outside dashboards.

The JSON endpoints declare ``response_class=JSONResponse`` and a ``response_model`` for the OpenAPI
document only: they return ready bytes, which FastAPI passes through untouched.

Results are served from the bytes stored at publication, with a strong ``ETag`` (304 on a matching
``If-None-Match``) and ``Cache-Control``; a given ``?version=`` never changes and may be cached for
good. CORS is open for reading (``PublicCORS`` in ``api.main``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from api.core.pagination import MAX_ID, IdPath
from api.core.xlsx import XLSX_TYPE
from api.deps import SessionDep
from api.publications import public
from api.publications.public import PublicCache, Served, matches
from api.publications.schemas import (
    PublicMethodology,
    PublicPoints,
    PublicResults,
    PublicRoundList,
    PublicUnitHistory,
)

router = APIRouter(prefix="/public", tags=["public"])

LATEST_CACHE = "public, max-age=60"
VERSION_CACHE = "public, max-age=31536000, immutable"
LIST_CACHE = "public, max-age=60"
VersionQuery = Annotated[
    int | None,
    Query(ge=1, le=MAX_ID, description="A given version (immutable); the latest when omitted"),
]


def _not_modified(etag: str, cache_control: str) -> Response:
    return Response(status_code=304, headers={"ETag": etag, "Cache-Control": cache_control})


def respond(request: Request, served: Served, kind: str, cache_control: str) -> Response:
    """The answer for stored bytes; the fast path (``fastpath``) sends the same status, headers
    and body without building a response object."""
    status, head, body = served.answer(kind, cache_control, request.headers.get("if-none-match"))
    response = Response(content=body, status_code=status)
    response.raw_headers = list(head)
    return response


async def _results(request: Request, round_id: int, version: int | None, kind: str) -> Response:
    cache: PublicCache = request.app.state.public_cache
    sessions = request.app.state.session_factory
    if version is None:
        served = await cache.latest(round_id, sessions)
        return respond(request, served, kind, LATEST_CACHE)
    served = await cache.version(round_id, version, sessions)
    return respond(request, served, kind, VERSION_CACHE)


def _dynamic(request: Request, model: Any, cache_control: str = LIST_CACHE) -> Response:
    body, etag = public.body_and_etag(model)
    if matches(request.headers.get("if-none-match"), etag):
        return _not_modified(etag, cache_control)
    return Response(
        content=body,
        media_type="application/json",
        headers={"ETag": etag, "Cache-Control": cache_control},
    )


NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the If-None-Match ETag is current"}
}


def _bytes_responses(media_type: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "description": "The stored download",
            "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
        },
        **NOT_MODIFIED,
    }


@router.get(
    "/rounds",
    response_model=PublicRoundList,
    response_class=JSONResponse,
    summary="Rounds with published results, newest first, with every version",
    responses=NOT_MODIFIED,
)
async def rounds(request: Request, session: SessionDep) -> Response:
    return _dynamic(request, await public.round_list(session=session))


@router.get(
    "/rounds/{round_id}/results",
    response_model=PublicResults,
    response_class=JSONResponse,
    summary="A round's published results (latest version, or ?version=): rankings per group "
    "with pillars; stored bytes with ETag",
    responses=NOT_MODIFIED,
)
async def results(round_id: IdPath, request: Request, version: VersionQuery = None) -> Response:
    return await _results(request, round_id, version, "json")


@router.get(
    "/rounds/{round_id}/results.csv",
    response_class=Response,
    summary="The published rankings as CSV (UTF-8 with BOM; one row per unit)",
    responses=_bytes_responses("text/csv"),
)
async def results_csv(round_id: IdPath, request: Request, version: VersionQuery = None) -> Response:
    return await _results(request, round_id, version, "csv")


@router.get(
    "/rounds/{round_id}/results.xlsx",
    response_class=Response,
    summary="The published results as an Excel workbook (rankings per group, points per criterion)",
    responses=_bytes_responses(XLSX_TYPE),
)
async def results_xlsx(
    round_id: IdPath, request: Request, version: VersionQuery = None
) -> Response:
    return await _results(request, round_id, version, "xlsx")


@router.get(
    "/rounds/{round_id}/results/detail",
    response_model=dict[str, dict[str, PublicPoints]],
    response_class=JSONResponse,
    summary="Every unit's points per criterion in a published version (canonical JSON whose "
    "SHA-256 is the document's detail_sha256)",
    responses=NOT_MODIFIED,
)
async def results_detail(
    round_id: IdPath, request: Request, session: SessionDep, version: VersionQuery = None
) -> Response:
    body, digest = await public.detail(session=session, round_id=round_id, version=version)
    etag = f'"{digest}"'
    cache_control = LATEST_CACHE if version is None else VERSION_CACHE
    if matches(request.headers.get("if-none-match"), etag):
        return _not_modified(etag, cache_control)
    return Response(
        content=body,
        media_type="application/json",
        headers={"ETag": etag, "Cache-Control": cache_control, "X-Content-Hash": digest},
    )


@router.get(
    "/rounds/{round_id}/framework",
    response_model=PublicMethodology,
    response_class=JSONResponse,
    summary="How a published round's index is computed: criteria, rules, max points, sources",
    responses=NOT_MODIFIED,
)
async def methodology(round_id: IdPath, request: Request, session: SessionDep) -> Response:
    return _dynamic(request, await public.methodology(session=session, round_id=round_id))


@router.get(
    "/units/{code}",
    response_model=PublicUnitHistory,
    response_class=JSONResponse,
    summary="A unit's published results across rounds, following its predecessors",
    responses=NOT_MODIFIED,
)
async def unit(code: str, request: Request, session: SessionDep) -> Response:
    history = await public.unit_history(
        session=session, code=code, cache=request.app.state.public_cache
    )
    return _dynamic(request, history)
