"""HTTP endpoints of what-if runs and rank stability (DIC). They write nothing: the round is read
on a short read-only session (never SQLite's write lock) and scored in a worker thread."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Response

from api.core.errors import problem_responses
from api.core.pagination import IdPath
from api.core.xlsx import XLSX_TYPE
from api.deps import EvaluatorUser, ReadSessionsDep
from api.whatif import service
from api.whatif.schemas import ReportIn, ScenarioIn, StabilityIn, StabilityOut, WhatIfOut

router = APIRouter(tags=["what-if"])

ROUND = "/rounds/{round_id}"
PROBLEMS = problem_responses(403, 404, 409, 422)


@router.post(
    f"{ROUND}/what-if",
    response_model=WhatIfOut,
    summary="Score the round's stored inputs with another framework version (a draft) or a "
    "variant with other weights or max points: each unit's points and rank before and after, per "
    "group (DIC; nothing is kept)",
    responses=PROBLEMS,
)
async def what_if(
    round_id: IdPath, body: ScenarioIn, _: EvaluatorUser, reads: ReadSessionsDep
) -> WhatIfOut:
    async with reads() as session:
        inputs = await service.load(session=session, round_id=round_id, scenario=body)
    return await service.run_what_if(inputs)


@router.post(
    f"{ROUND}/rank-stability",
    response_model=StabilityOut,
    summary="Rank stability of the round's framework or a scenario: every weight multiplied by "
    "1 ± up to N % in `samples` seeded draws; each unit's median rank, 5–95 % interval, best and "
    "worst (DIC)",
    responses=PROBLEMS,
)
async def rank_stability(
    round_id: IdPath, body: StabilityIn, _: EvaluatorUser, reads: ReadSessionsDep
) -> StabilityOut:
    async with reads() as session:
        inputs = await service.load(session=session, round_id=round_id, scenario=body)
    return await service.run_stability(inputs, body)


@router.post(
    f"{ROUND}/what-if.xlsx",
    response_class=Response,
    summary="The what-if (and, with `stability`, the scenario's rank stability) as a workbook for "
    "the report to the City: round, framework versions, changes, parameters, seed and time, then "
    "one sheet per group (DIC)",
    responses={
        200: {"content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}}},
        **PROBLEMS,
    },
)
async def what_if_workbook(
    round_id: IdPath, body: ReportIn, _: EvaluatorUser, reads: ReadSessionsDep
) -> Response:
    async with reads() as session:
        inputs = await service.load(session=session, round_id=round_id, scenario=body)
    data = await service.run_report(inputs, body.stability)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Response(
        content=data,
        media_type=XLSX_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="mo-phong-ky-{round_id}-{stamp}.xlsx"'
        },
    )
