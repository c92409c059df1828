"""A unit's answers: reading them (values by source, notes, evidence), what still stops
submission, saving one answer (each change a revision), an answer's history, and the head's
sign-off. The context (who may do what, and when) is ``api.assessments.context``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import BindParameter, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.context import (
    EDITABLE,
    REOPENED_PHASES,
    Context,
    check_answer_editable,
    collecting_for,
    editing_status,
    touch,
)
from api.assessments.models import (
    AnswerNote,
    ElementValue,
    NoteRevision,
    SubmissionStatus,
    ValueRevision,
    ValueSource,
)
from api.assessments.values import parse_value
from api.audit import service as audit
from api.core.database import utcnow
from api.core.errors import (
    Conflict,
    FieldError,
    Forbidden,
    Invalid,
    NotFound,
    validation_failed,
)
from api.core.principal import Principal, Role
from api.core.request_context import current_request_id
from api.evidence.models import EvidenceLink
from api.frameworks.schemas import (
    ChoiceRule,
    CriterionIn,
    RatioRule,
)

# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredValue:
    value: Any
    source: ValueSource
    updated_at: dt.datetime
    updated_by: str


# The statements every view or save of an assessment runs, built once (building the expression
# cost more per request than SQLAlchemy's cached compilation of it).
_UNIT: BindParameter[int] = bindparam("unit_id")
_VALUES = select(
    ElementValue.element_code,
    ElementValue.source,
    ElementValue.value,
    ElementValue.updated_at,
    ElementValue.updated_by,
).where(ElementValue.round_id == bindparam("round_id"), ElementValue.unit_id == _UNIT)
_OWN_VALUES = select(ElementValue).where(
    ElementValue.round_id == bindparam("round_id"),
    ElementValue.unit_id == _UNIT,
    ElementValue.source == ValueSource.unit,
    ElementValue.element_code.in_(bindparam("codes", expanding=True)),
)
_NOTES = select(AnswerNote).where(
    AnswerNote.round_id == bindparam("round_id"), AnswerNote.unit_id == _UNIT
)
_NOTE = _NOTES.where(AnswerNote.indicator_code == bindparam("indicator"))
_EVIDENCE = (
    select(EvidenceLink)
    .where(
        EvidenceLink.round_id == bindparam("round_id"),
        EvidenceLink.unit_id == _UNIT,
        EvidenceLink.unlinked_at.is_(None),
        EvidenceLink.feedback_id.is_(None),
    )
    .order_by(EvidenceLink.uploaded_at, EvidenceLink.id)
)


def _unit_params(ctx: Context) -> dict[str, int]:
    return {"round_id": ctx.round.id, "unit_id": ctx.unit.id}


async def values_of(
    session: AsyncSession, ctx: Context
) -> dict[tuple[str, ValueSource], StoredValue]:
    """The unit's current values in the round, by (element, source)."""
    rows = await session.execute(_VALUES, _unit_params(ctx))
    return {
        (code, source): StoredValue(value, source, updated_at, updated_by)
        for code, source, value, updated_at, updated_by in rows
    }


async def notes_of(session: AsyncSession, ctx: Context) -> dict[str, AnswerNote]:
    rows = await session.scalars(_NOTES, _unit_params(ctx))
    return {row.indicator_code: row for row in rows}


async def evidence_of(session: AsyncSession, ctx: Context) -> dict[str, list[EvidenceLink]]:
    rows = await session.scalars(_EVIDENCE, _unit_params(ctx))
    links: dict[str, list[EvidenceLink]] = {}
    for row in rows:
        links.setdefault(row.indicator_code, []).append(row)
    return links


def is_nil_answer(indicator: CriterionIn, inputs: dict[str, Any]) -> bool:
    """An answer of "no" or zero, which needs no evidence (domain README)."""
    rule = indicator.rule
    present = [v for v in inputs.values() if v is not None]
    if not present:
        return False
    if isinstance(rule, ChoiceRule):
        option = inputs.get(rule.input)
        return option is not None and rule.points.get(option, Decimal(0)) == 0
    if isinstance(rule, RatioRule):
        numerator = inputs.get(rule.numerator)
        return numerator is not None and Decimal(str(numerator)) == 0
    return all(v is False or (not isinstance(v, bool) and _is_zero(v)) for v in present)


def _is_zero(value: Any) -> bool:
    try:
        return Decimal(str(value)) == 0
    except ArithmeticError:
        return False


def missing_items(
    ctx: Context,
    values: dict[tuple[str, ValueSource], StoredValue],
    links: dict[str, list[EvidenceLink]],
) -> list[FieldError]:
    """What stops the unit from submitting: unanswered self inputs, and required evidence."""
    problems: list[FieldError] = []
    for code, indicator in ctx.indicators.items():
        own = {
            ref.name: values.get((ref.element_code, ValueSource.unit))
            for ref in indicator.inputs
            if ctx.elements[ref.element_code].source == "self"
        }
        if not own:
            continue
        answered = {name: stored.value if stored else None for name, stored in own.items()}
        if any(v is None for v in answered.values()):
            problems.append(FieldError(f"answers.{code}", "assessment.missing_answer", code=code))
            continue
        if (
            indicator.evidence_required
            and not links.get(code)
            and not is_nil_answer(indicator, answered)
        ):
            problems.append(
                FieldError(f"evidence.{code}", "assessment.missing_evidence", code=code)
            )
    return problems


# --- writing ----------------------------------------------------------------------------------


async def save_answer(
    *,
    session: AsyncSession,
    ctx: Context,
    principal: Principal,
    indicator_code: str,
    inputs: dict[str, Any],
    note: str | None,
) -> None:
    """Replace one answer's self-entered inputs and note; each change becomes a revision."""
    indicator = ctx.indicators.get(indicator_code)
    if indicator is None:
        raise NotFound("assessment.indicator_not_found", code=indicator_code)
    check_answer_editable(ctx, indicator_code)
    refs = {ref.name: ref for ref in indicator.inputs}
    errors: list[FieldError] = []
    for name in inputs:
        if name not in refs:
            errors.append(
                FieldError(f"inputs.{name}", "input.unknown", code=indicator_code, name=name)
            )
    parsed: dict[str, Any] = {}
    for name, ref in refs.items():
        element = ctx.elements[ref.element_code]
        if element.source != "self":
            if inputs.get(name) is not None:
                provider = element.provider_code or "DIC"
                errors.append(FieldError(f"inputs.{name}", "input.read_only", provider=provider))
            continue
        value, error = parse_value(element, inputs.get(name), f"inputs.{name}")
        if error is not None:
            errors.append(error)
        parsed[name] = value
    rule = indicator.rule
    if isinstance(rule, RatioRule) and not errors:
        a, b = parsed.get(rule.numerator), parsed.get(rule.denominator)
        if a is not None and b is not None and Decimal(str(a)) > Decimal(str(b)):
            errors.append(FieldError(f"inputs.{rule.numerator}", "value.ratio_order", a=a, b=b))
    if errors:
        raise validation_failed(errors)

    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    current = {
        row.element_code: row
        for row in await session.scalars(
            _OWN_VALUES, {**_unit_params(ctx), "codes": [refs[n].element_code for n in parsed]}
        )
    }
    now = utcnow()
    for name, value in parsed.items():
        code = refs[name].element_code
        row = current.get(code)
        old = row.value if row else None
        if row is not None and old == value:
            continue
        if row is None:
            if value is None:
                continue
            row = ElementValue(
                round_id=ctx.round.id,
                unit_id=ctx.unit.id,
                element_code=code,
                source=ValueSource.unit,
                value=value,
                revision=1,
                updated_at=now,
                updated_by=principal.name,
            )
            session.add(row)
            await session.flush()
        else:
            row.value = value
            row.revision += 1
            row.updated_at = now
            row.updated_by = principal.name
        session.add(
            ValueRevision(
                value_id=row.id,
                revision=row.revision,
                old_value=old,
                new_value=value,
                actor=principal.name,
                actor_kind=principal.kind,
                request_id=current_request_id(),
                at=now,
            )
        )
        before[name] = old
        after[name] = value
    note_row = await session.scalar(_NOTE, {**_unit_params(ctx), "indicator": indicator_code})
    old_note = note_row.note if note_row else None
    if (note or None) != old_note:
        if note_row is None:
            note_row = AnswerNote(
                round_id=ctx.round.id,
                unit_id=ctx.unit.id,
                indicator_code=indicator_code,
                note=note or None,
                updated_at=now,
                updated_by=principal.name,
            )
            session.add(note_row)
            await session.flush()  # its id, for the revision
        else:
            note_row.note = note or None
            note_row.updated_at = now
            note_row.updated_by = principal.name
        session.add(
            NoteRevision(
                note_id=note_row.id,
                old_note=old_note,
                new_note=note or None,
                actor=principal.name,
                request_id=current_request_id(),
                at=now,
            )
        )
        before["note"], after["note"] = old_note, note or None
    if not after:
        return  # nothing changed: no new version, no audit event
    await touch(session, ctx, editing_status(ctx))
    await audit.record(
        session=session,
        action="answer.save",
        object_type="answer",
        object_id=f"{ctx.round.id}/{ctx.unit.code}/{indicator_code}",
        before=before,
        after=after,
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    actor: str
    field: str
    element_code: str | None
    source: str
    old: Any
    new: Any


async def history(
    *, session: AsyncSession, ctx: Context, indicator_code: str
) -> list[HistoryEntry]:
    """Every change of an answer's inputs (from any source) and of its note, oldest first."""
    indicator = ctx.indicators.get(indicator_code)
    if indicator is None:
        raise NotFound("assessment.indicator_not_found", code=indicator_code)
    names = {ref.element_code: ref.name for ref in indicator.inputs}
    rows = await session.execute(
        select(ValueRevision, ElementValue.element_code, ElementValue.source)
        .join(ElementValue, ElementValue.id == ValueRevision.value_id)
        .where(
            ElementValue.round_id == ctx.round.id,
            ElementValue.unit_id == ctx.unit.id,
            ElementValue.element_code.in_(list(names)),
        )
    )
    entries = [
        HistoryEntry(
            at=revision.at,
            actor=revision.actor,
            field=f"inputs.{names[code]}",
            element_code=code,
            source=source.value,
            old=revision.old_value,
            new=revision.new_value,
        )
        for revision, code, source in rows.all()
    ]
    notes = await session.scalars(
        select(NoteRevision)
        .join(AnswerNote, AnswerNote.id == NoteRevision.note_id)
        .where(
            AnswerNote.round_id == ctx.round.id,
            AnswerNote.unit_id == ctx.unit.id,
            AnswerNote.indicator_code == indicator_code,
        )
    )
    entries += [
        HistoryEntry(
            at=n.at,
            actor=n.actor,
            field="note",
            element_code=None,
            source="unit",
            old=n.old_note,
            new=n.new_note,
        )
        for n in notes
    ]
    return sorted(entries, key=lambda e: e.at)


async def submit(*, session: AsyncSession, ctx: Context, principal: Principal) -> None:
    """The head signs off: 422 listing what is missing, else the answers are locked."""
    if not principal.has_any_role((Role.unit_head,)):
        raise Forbidden("assessment.head_only")
    resubmitting = ctx.status == SubmissionStatus.returned
    if not (ctx.round.phase in REOPENED_PHASES if resubmitting else collecting_for(ctx)):
        raise Conflict("assessment.round_closed", phase=ctx.round.phase.value)
    if not resubmitting and ctx.status not in EDITABLE:
        raise Conflict("assessment.already_submitted", status=ctx.status.value)
    problems = missing_items(ctx, await values_of(session, ctx), await evidence_of(session, ctx))
    if problems:
        raise Invalid("assessment.incomplete", errors=problems, count=len(problems))
    before = ctx.status.value
    await touch(
        session,
        ctx,
        SubmissionStatus.resubmitted if resubmitting else SubmissionStatus.submitted,
    )
    assert ctx.submission is not None
    ctx.submission.submitted_at = utcnow()
    ctx.submission.submitted_by = principal.name
    ctx.submission.reopened = None  # the returns are answered; each waits for a new decision
    await audit.record(
        session=session,
        action="assessment.resubmit" if resubmitting else "assessment.submit",
        object_type="assessment",
        object_id=f"{ctx.round.id}/{ctx.unit.code}",
        before={"status": before},
        after={"status": ctx.status.value},
    )
