"""A unit's assessment as the unit and DIC see it: every answer with its inputs and where they
come from, its note, evidence, the reviewer's current decision and comment count, whether the
caller may change it now, what still stops submission, and the live score preview."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.context import Context, answer_editable
from api.assessments.models import ValueSource
from api.assessments.schemas import (
    AnswerOut,
    AnswerReview,
    AssessmentOut,
    InputState,
    MissingItem,
    PreviewOut,
    ScoreNode,
)
from api.assessments.service import (
    StoredValue,
    evidence_of,
    missing_items,
    notes_of,
    values_of,
)
from api.assessments.values import counting_source
from api.core.database import writers_first
from api.core.i18n import Language, translate
from api.evidence.service import evidence_out
from api.results import adapter
from api.reviews import queries as reviews
from api.reviews.models import Decision, ReviewDecision
from api.scoring import Adjustment, NodeResult, UnitInfo, UnitResult, score


async def unit_result(
    session: AsyncSession,
    ctx: Context,
    values: dict[tuple[str, ValueSource], StoredValue],
    decisions: dict[str, ReviewDecision],
    peers: adapter.PeerValues,
) -> UnitResult:
    """The unit's points now, as a run over the whole round would give them, without the roster.

    The group-relative indicators (relative to the best, ranks, group goalposts) are scored first,
    alone, over the values the units of the group hold of the elements they read; their points
    then stand in the unit's own run as fixed points (as a reviewer's would), so the rest of the
    tree is scored for the one unit only. The other units' values may be a few seconds old
    (``adapter.PeerValues``); the unit's own are always current.
    """
    framework = ctx.framework
    kinds = framework.element_kinds
    rows = [(ctx.unit.id, code, source, stored.value) for (code, source), stored in values.items()]
    own = adapter.counting_values(rows, {ctx.unit.id: ctx.unit.code}, kinds)
    adjustments = {
        (ctx.unit.code, code): Adjustment(d.points, d.comment or "")
        for code, d in decisions.items()
        if d.decision == Decision.adjusted and d.points is not None
    }
    relative = framework.relative_engines.get(ctx.group)
    if relative is not None:
        others = await adapter.peer_values(
            session=session,
            peers=peers,
            round_=ctx.round,
            group_id=ctx.group_id,
            unit_id=ctx.unit.id,
            elements=kinds,
            wanted=framework.relative_elements[ctx.group],
        )
        group = {**others, **own}
        units = [UnitInfo(code, ctx.group) for code in group]
        codes = {c.code for c in relative.criteria}
        fixed = {key: a for key, a in adjustments.items() if key[1] in codes}
        in_group = score(relative, units, group, adjustments=fixed).unit(
            ctx.unit.code, ranked=False
        )
        for node in in_group.total.children:
            if node.applicable:
                adjustments.setdefault(
                    (ctx.unit.code, node.code), Adjustment(node.points, "group-relative")
                )
    units = [UnitInfo(ctx.unit.code, ctx.group)]
    run = score(framework.engine, units, own, adjustments=adjustments)
    return run.unit(ctx.unit.code, ranked=False)


def _review(ctx: Context, decision: ReviewDecision, names: dict[str, str]) -> AnswerReview:
    submitted_at = ctx.submission.submitted_at if ctx.submission else None
    return AnswerReview(
        decision=decision.decision.value,
        points=decision.points,
        values=decision.values,
        comment=decision.comment,
        reviewer=decision.reviewer,
        reviewer_name=names.get(decision.reviewer),
        decided_at=decision.decided_at,
        after_resubmission=submitted_at is None or decision.decided_at >= submitted_at,
    )


def _node(node: NodeResult) -> ScoreNode:
    return ScoreNode(
        code=node.code,
        points=node.rounded_points,
        max_points=node.rounded_max_points,
        index=node.rounded_index,
    )


async def assessment(
    *, session: AsyncSession, ctx: Context, language: Language, peers: adapter.PeerValues
) -> AssessmentOut:
    """The whole assessment as the unit and DIC see it, with the live score preview."""
    values = await values_of(session, ctx)
    notes = await notes_of(session, ctx)
    links = await evidence_of(session, ctx)
    counts = await reviews.comment_counts(session, round_id=ctx.round.id, unit_id=ctx.unit.id)
    decisions: dict[str, ReviewDecision] = {}
    if ctx.submission is not None and ctx.submission.submitted_at is not None:
        # Only a submitted assessment is reviewed, and submitted_at is cleared only with the
        # decisions (a practice round's reset): one query fewer on every view before that.
        found = await reviews.current_decisions(
            session, round_id=ctx.round.id, unit_ids=[ctx.unit.id]
        )
        decisions = found.get(ctx.unit.id, {})
    # The scoring and the answers below are the CPU of the view: a writer inside SQLite's write
    # lock goes first (api.core.write_gate, "Writers first").
    await writers_first(session)
    result = await unit_result(session, ctx, values, decisions, peers)
    submitted_by = ctx.submission.submitted_by if ctx.submission else None
    # Who decided each answer and who submitted, in one query.
    names = await reviews.full_names(
        session,
        {d.reviewer for d in decisions.values()} | ({submitted_by} if submitted_by else set()),
    )
    nodes = result.by_code()
    answers = []
    for code, indicator in ctx.indicators.items():
        inputs: dict[str, Any] = {}
        states: dict[str, InputState] = {}
        for ref in indicator.inputs:
            element = ctx.elements[ref.element_code]
            stored = values.get((ref.element_code, counting_source(element)))
            inputs[ref.name] = stored.value if stored else None
            states[ref.name] = InputState(
                element_code=ref.element_code,
                source=element.source,
                provider_code=element.provider_code,
                read_only=element.source != "self",
                updated_at=stored.updated_at if stored else None,
                updated_by=stored.updated_by if stored else None,
            )
        leaf = nodes[code]
        decision = decisions.get(code)
        answers.append(
            AnswerOut(
                indicator_code=code,
                inputs=inputs,
                input_states=states,
                note=notes[code].note if code in notes else None,
                evidence=[evidence_out(link) for link in links.get(code, [])],
                evidence_required=indicator.evidence_required,
                review=_review(ctx, decision, names) if decision else None,
                editable=answer_editable(ctx, code),
                comments=counts.get(code, 0),
                points=leaf.rounded_points,
                max_points=leaf.rounded_max_points,
            )
        )
    missing = [
        MissingItem(field=p.field, message=translate(p.code, language, p.params))
        for p in missing_items(ctx, values, links)
    ]
    total = result.total
    return AssessmentOut(
        round_id=ctx.round.id,
        unit_code=ctx.unit.code,
        unit_name_vi=ctx.unit.name_vi,
        group=ctx.group,
        status=ctx.status,
        version=ctx.version,
        editable=any(a.editable for a in answers),
        submitted_at=ctx.submission.submitted_at if ctx.submission else None,
        submitted_by=submitted_by,
        submitted_by_name=names.get(submitted_by) if submitted_by else None,
        answers=answers,
        missing=missing,
        preview=PreviewOut(
            points=total.rounded_points,
            max_points=total.rounded_max_points,
            index=total.rounded_index,
            pillars=[_node(nodes[p.code]) for p in ctx.pillars],
        ),
    )
