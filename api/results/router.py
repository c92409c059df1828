"""HTTP endpoints of score runs: compute one, list them, read rankings and a unit's results."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.core.errors import problem_responses
from api.core.pagination import MAX_ID, IdPath
from api.core.xlsx import XLSX_TYPE
from api.deps import CurrentUser, SessionDep
from api.results import service
from api.results.schemas import RunDiffOut, RunIn, RunOut, RunResultsOut, UnitResultOut

router = APIRouter(tags=["results"])

RUNS = "/rounds/{round_id}/score-runs"


@router.post(
    RUNS,
    response_model=RunOut,
    status_code=status.HTTP_201_CREATED,
    summary="Compute and keep a score run (evaluator): draft, preliminary (shared with each "
    "unit) or final (once every feedback is answered)",
    responses=problem_responses(403, 409),
)
async def create_run(
    round_id: IdPath, body: RunIn, principal: CurrentUser, session: SessionDep
) -> RunOut:
    row = await service.create_run(
        session=session, principal=principal, round_id=round_id, kind=body.kind
    )
    return service.run_out(row)


@router.get(RUNS, response_model=list[RunOut], summary="The round's score runs, newest first")
async def list_runs(round_id: IdPath, principal: CurrentUser, session: SessionDep) -> list[RunOut]:
    rows = await service.list_runs(session=session, principal=principal, round_id=round_id)
    return [service.run_out(r) for r in rows]


@router.get(
    f"{RUNS}/{{run_id}}/results",
    response_model=RunResultsOut,
    summary="Rankings per group with each unit's pillars (DIC)",
)
async def run_results(
    round_id: IdPath,
    run_id: IdPath,
    principal: CurrentUser,
    session: SessionDep,
    group: Annotated[str | None, Query(max_length=32, description="Only this group")] = None,
) -> RunResultsOut:
    row = await service.get_run(
        session=session, principal=principal, round_id=round_id, run_id=run_id
    )
    groups = await service.rankings(session=session, row=row, group=group)
    return RunResultsOut(run=service.run_out(row), groups=groups)


@router.get(
    f"{RUNS}/{{run_id}}/report.xlsx",
    response_class=Response,
    summary="The run as the national DTI tables, one sheet per unit (DIC): code, indicator, "
    "figure, supplier, source, points, max, method",
    responses={200: {"content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def city_report(
    round_id: IdPath, run_id: IdPath, principal: CurrentUser, session: SessionDep
) -> Response:
    data, filename = await service.city_report(
        session=session, principal=principal, round_id=round_id, run_id=run_id
    )
    return Response(
        content=data,
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    f"{RUNS}/{{run_id}}/diff",
    response_model=RunDiffOut,
    summary="What changed between two runs of the round and why (DIC): units, indicators, "
    "inputs, adjustments",
)
async def run_diff(
    round_id: IdPath,
    run_id: IdPath,
    principal: CurrentUser,
    session: SessionDep,
    against: Annotated[
        int | None,
        Query(
            ge=1, le=MAX_ID, description="The run to compare with; the one just before if omitted"
        ),
    ] = None,
) -> RunDiffOut:
    return await service.compare(
        session=session, principal=principal, round_id=round_id, run_id=run_id, against=against
    )


@router.get(
    f"{RUNS}/{{run_id}}/results/{{unit_code}}",
    response_model=UnitResultOut,
    summary="One unit's results with the explanation of every point (DIC; the unit's staff in "
    "a shared run)",
)
async def unit_results(
    round_id: IdPath, run_id: IdPath, unit_code: str, principal: CurrentUser, session: SessionDep
) -> UnitResultOut:
    row = await service.find_run(session=session, round_id=round_id, run_id=run_id)
    return await service.unit_result(
        session=session, principal=principal, row=row, unit_code=unit_code
    )
