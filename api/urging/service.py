"""Urging late units (đôn đốc).

- **Late**: a participant of a round in ``collecting`` that has not submitted and whose effective
  deadline (``effective_deadlines``: the round's end of collecting, or the unit's extension) is
  past, in the city's days.
- **Sending** (DIC): one message per unit, its template's placeholders filled for that unit, to
  the unit's focal people and head, in the app and by e-mail through the outbox; each unit's
  message is kept (``urgings``) and each sending audited.
- **Escalation** (daily job): a unit late by one of ``escalate_after_days`` has its head told,
  once per unit, round and level (the urging's dedupe key), whatever the number of runs.
- **Digest** (weekly job): the approvers get the list of late units of each collecting round,
  once per round and week (the notification's dedupe key).
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import Submission, SubmissionStatus
from api.audit import service as audit
from api.auth.models import User, UserRole
from api.core.clock import city_today
from api.core.database import utcnow
from api.core.errors import Conflict, Forbidden, Invalid, NotFound
from api.core.i18n import translate
from api.core.principal import DIC_ROLES, Principal, Role
from api.core.request_context import SYSTEM
from api.core.settings import Settings
from api.notifications.service import Notified, notify, unit_staff
from api.progress import service as progress
from api.progress.schemas import UnitProgress
from api.rounds import schedule
from api.rounds.models import Phase, Round
from api.units.models import Unit
from api.urging.models import UrgeTemplate, Urging

# What a template may name; each is filled in for the unit it is sent to.
PLACEHOLDERS = (
    "unit",
    "unit_code",
    "round",
    "deadline",
    "days_late",
    "answers_left",
    "answered_pct",
)
TEMPLATE_FIELDS = ("subject_vi", "subject_en", "body_vi", "body_en")
NO_URGING_PHASES = frozenset({Phase.draft, Phase.published})
NOT_SUBMITTED = frozenset({SubmissionStatus.not_started, SubmissionStatus.in_progress})
DIGEST_LISTED = 30  # units named in a digest; the rest are counted
SUBJECT_MAX = 200  # the column's length (and an e-mail subject's, with "[DTI Hub] ")


# --- templates: placeholders ---------------------------------------------------------------------


def check_texts(texts: dict[str, str]) -> None:
    """422 naming the field whose text has a malformed brace or an unknown placeholder."""
    for field, text in texts.items():
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError:
            raise Invalid("urging.template_braces", field=field) from None
        for _, name, spec, conversion in parsed:
            if name is None:
                continue
            if name not in PLACEHOLDERS or spec or conversion:
                raise Invalid(
                    "urging.unknown_placeholder",
                    field=field,
                    placeholder=name,
                    allowed=", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
                )


def render(text: str, values: dict[str, str], *, limit: int | None = None) -> str:
    """``text`` with its placeholders filled (checked by ``check_texts`` first), cut to ``limit``
    characters (a subject: a long round title must not overflow its column)."""
    filled = text.format_map(values)
    if limit is not None and len(filled) > limit:
        return filled[: limit - 1] + "…"
    return filled


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def placeholder_values(
    u: UnitProgress, round_: Round, today: dt.date, language: str
) -> dict[str, str]:
    """What each placeholder says for one unit (the SPA's preview fills them the same way)."""
    late = (today - u.deadline).days if u.deadline and today > u.deadline else 0
    return {
        "unit": u.unit_name_vi,
        "unit_code": u.unit_code,
        "round": round_.title_vi if language == "vi" else round_.title_en,
        "deadline": _date(u.deadline),
        "days_late": str(late),
        "answers_left": str(max(u.indicators - u.answered, 0)),
        "answered_pct": str(u.answered_pct),
    }


# --- late units ----------------------------------------------------------------------------------


async def effective_deadlines(session: AsyncSession, round_: Round) -> dict[int, dt.date | None]:
    """The last day each participant may submit, in the city's days (unit id → day; None: no date
    set): the round's end of collecting, or the unit's extension when later (``api.rounds``)."""
    deadlines: dict[int, dt.date | None] = {}
    for p in round_.participants:
        ends_at = progress.deadline_of(round_, SubmissionStatus.not_started, p.deadline_at)
        deadlines[p.unit_id] = schedule.city_day(ends_at) if ends_at is not None else None
    return deadlines


@dataclass(frozen=True)
class LateUnit:
    unit_id: int
    unit_code: str
    unit_name_vi: str
    group: str
    status: SubmissionStatus
    deadline: dt.date
    days_late: int


async def late_units(session: AsyncSession, round_: Round, today: dt.date) -> list[LateUnit]:
    """The round's late units (module docstring), most late first; two queries."""
    if round_.phase != Phase.collecting:
        return []  # once collecting is over a unit that never submitted can no longer do so
    deadlines = await effective_deadlines(session, round_)
    statuses = dict(
        (
            await session.execute(
                select(Submission.unit_id, Submission.status).where(
                    Submission.round_id == round_.id
                )
            )
        ).all()
    )
    late: list[LateUnit] = []
    for p in round_.participants:
        deadline = deadlines.get(p.unit_id)
        status = statuses.get(p.unit_id, SubmissionStatus.not_started)
        if deadline is None or today <= deadline or status not in NOT_SUBMITTED:
            continue
        late.append(
            LateUnit(
                unit_id=p.unit_id,
                unit_code=p.unit.code,
                unit_name_vi=p.unit.name_vi,
                group=p.group.code,
                status=status,
                deadline=deadline,
                days_late=(today - deadline).days,
            )
        )
    late.sort(key=lambda u: (-u.days_late, u.unit_code))
    return late


async def collecting_rounds(session: AsyncSession) -> list[Round]:
    return list(
        await session.scalars(
            select(Round)
            # A practice round is never escalated nor in the digest (api.rounds.practice).
            .where(Round.phase == Phase.collecting, Round.is_practice.is_(False))
            .order_by(Round.id)
        )
    )


# --- templates: CRUD -----------------------------------------------------------------------------


def _check_dic(principal: Principal) -> None:
    if not principal.has_any_role(DIC_ROLES):
        raise Forbidden("auth.forbidden_role", roles="evaluator")


def _snapshot(template: UrgeTemplate) -> dict[str, Any]:
    return {"name": template.name, **{f: getattr(template, f) for f in TEMPLATE_FIELDS}}


async def list_templates(*, session: AsyncSession, principal: Principal) -> list[UrgeTemplate]:
    """Every template, by name."""
    _check_dic(principal)
    return list(await session.scalars(select(UrgeTemplate).order_by(UrgeTemplate.name)))


async def _name_free(session: AsyncSession, name: str, but: int | None = None) -> None:
    taken = await session.scalar(
        select(UrgeTemplate.id).where(func.lower(UrgeTemplate.name) == name.lower())
    )
    if taken is not None and taken != but:
        raise Conflict("urging.template_name_taken", name=name)


async def create_template(
    *, session: AsyncSession, principal: Principal, name: str, texts: dict[str, str]
) -> UrgeTemplate:
    """A new template (its placeholders checked)."""
    _check_dic(principal)
    check_texts(texts)
    await _name_free(session, name)
    template = UrgeTemplate(name=name, updated_by=principal.name, **texts)
    session.add(template)
    await session.flush()
    await audit.record(
        session=session,
        action="urge_template.create",
        object_type="urge_template",
        object_id=str(template.id),
        after=_snapshot(template),
    )
    return template


async def _template(session: AsyncSession, template_id: int) -> UrgeTemplate:
    template = await session.get(UrgeTemplate, template_id)
    if template is None:
        raise NotFound("urging.template_not_found", id=template_id)
    return template


async def update_template(
    *,
    session: AsyncSession,
    principal: Principal,
    template_id: int,
    changes: dict[str, str],
) -> UrgeTemplate:
    """Rename a template or change its texts."""
    _check_dic(principal)
    template = await _template(session, template_id)
    check_texts({k: v for k, v in changes.items() if k in TEMPLATE_FIELDS})
    if "name" in changes:
        await _name_free(session, changes["name"], but=template.id)
    before = _snapshot(template)
    for field, value in changes.items():
        setattr(template, field, value)
    template.updated_by = principal.name
    await session.flush()
    await audit.record(
        session=session,
        action="urge_template.update",
        object_type="urge_template",
        object_id=str(template.id),
        before=before,
        after=_snapshot(template),
    )
    return template


async def delete_template(*, session: AsyncSession, principal: Principal, template_id: int) -> None:
    """Remove a template (messages sent from it keep their text)."""
    _check_dic(principal)
    template = await _template(session, template_id)
    await audit.record(
        session=session,
        action="urge_template.delete",
        object_type="urge_template",
        object_id=str(template.id),
        before=_snapshot(template),
    )
    await session.delete(template)
    await session.flush()


# --- sending -------------------------------------------------------------------------------------


@dataclass
class Sent:
    unit_code: str
    urging_id: int
    recipients: int


@dataclass
class Sending:
    round_id: int
    units: list[Sent]
    notifications: int
    emails: int


def _assessment_link(round_id: int, unit_code: str) -> str:
    return f"/rounds/{round_id}/units/{unit_code}/assessment"


async def _round(session: AsyncSession, round_id: int) -> Round:
    round_ = await session.get(Round, round_id)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    return round_


async def send(
    *,
    session: AsyncSession,
    principal: Principal,
    round_id: int,
    unit_codes: list[str],
    texts: dict[str, str],
    template_id: int | None,
    settings: Settings,
    now: dt.datetime | None = None,
) -> Sending:
    """Send the message to each unit: filled in for it, to its focal people and head, in the app
    and by e-mail; kept per unit and audited once."""
    _check_dic(principal)
    round_ = await _round(session, round_id)
    if round_.is_practice:
        raise Conflict("practice.no_urging", id=round_.id)
    if round_.phase in NO_URGING_PHASES:
        raise Conflict("urging.phase", phase=round_.phase.value)
    check_texts(texts)
    if template_id is not None:
        await _template(session, template_id)
    participants = {p.unit.code: p for p in round_.participants}
    codes = list(dict.fromkeys(unit_codes))  # once each, in the order given
    for code in codes:
        if code not in participants:
            raise Invalid("urging.unknown_unit", field="unit_codes", code=code)
    today = city_today(now)
    measured = {
        u.unit_code: u for u in (await progress.compute(session=session, round_=round_)).units
    }
    staff = await unit_staff(session, {participants[c].unit_id for c in codes})
    report = Sending(round_id=round_.id, units=[], notifications=0, emails=0)
    for code in codes:
        unit = measured[code]
        values = {
            language: placeholder_values(unit, round_, today, language) for language in ("vi", "en")
        }
        filled = {
            field: render(
                text,
                values[field.rsplit("_", 1)[1]],
                limit=SUBJECT_MAX if field.startswith("subject") else None,
            )
            for field, text in texts.items()
        }
        people = staff.get(participants[code].unit_id, [])
        urging = Urging(
            round_id=round_.id,
            unit_id=participants[code].unit_id,
            kind="manual",
            template_id=template_id,
            recipients=len(people),
            sent_by=principal.name,
            sent_at=now or utcnow(),
            **filled,
        )
        session.add(urging)
        await session.flush()
        made = await notify(
            session,
            users=people,
            kind="urge",
            code="notify.urge",
            params={**filled, "unit": unit.unit_name_vi},
            link=_assessment_link(round_.id, code),
            key=f"urge:{urging.id}",
            settings=settings,
            now=now,
        )
        report.units.append(Sent(code, urging.id, len(people)))
        report.notifications += made.notifications
        report.emails += made.emails
    await audit.record(
        session=session,
        action="urging.send",
        object_type="round",
        object_id=str(round_.id),
        after={
            "units": codes,
            "template_id": template_id,
            **texts,
            "notifications": report.notifications,
            "emails": report.emails,
        },
    )
    return report


async def history(
    *,
    session: AsyncSession,
    principal: Principal,
    round_id: int,
    unit_code: str | None,
    limit: int,
    offset: int,
) -> tuple[list[tuple[Urging, str]], int]:
    """The messages sent to the round's units, newest first, with each unit's code."""
    _check_dic(principal)
    await _round(session, round_id)
    query = (
        select(Urging, Unit.code)
        .join(Unit, Unit.id == Urging.unit_id)
        .where(Urging.round_id == round_id)
    )
    if unit_code is not None:
        query = query.where(Unit.code == unit_code)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.execute(query.order_by(Urging.id.desc()).limit(limit).offset(offset))
    return [(urging, code) for urging, code in rows.all()], int(total)


# --- the periodic tasks --------------------------------------------------------------------------


async def _users_with_role(
    session: AsyncSession, role: Role, unit_ids: set[int] | None = None
) -> list[User]:
    query = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.is_active.is_(True), UserRole.role == role)
        .distinct()
        .order_by(User.id)
    )
    if unit_ids is not None:
        query = query.where(User.unit_id.in_(unit_ids))
    return list(await session.scalars(query))


def level_of(days_late: int, thresholds: tuple[int, ...]) -> int:
    """The escalation level ``days_late`` reaches (0: none): level k from the k-th threshold."""
    return sum(1 for days in thresholds if days_late >= days)


async def escalate(
    session: AsyncSession, *, settings: Settings, now: dt.datetime | None = None
) -> Notified:
    """Tell the head of each unit that reached a new escalation level (module docstring); a unit
    late past several thresholds at once hears of the highest only."""
    report = Notified()
    thresholds = settings.escalation_levels
    if not thresholds:
        return report
    today = city_today(now)
    for round_ in await collecting_rounds(session):
        reached = {
            u.unit_id: (u, level)
            for u in await late_units(session, round_, today)
            if (level := level_of(u.days_late, thresholds)) > 0
        }
        if not reached:
            continue
        told = dict(
            (
                await session.execute(
                    select(Urging.unit_id, func.max(Urging.level))
                    .where(Urging.round_id == round_.id, Urging.kind == "escalation")
                    .group_by(Urging.unit_id)
                )
            ).all()
        )
        due = [(u, level) for u, level in reached.values() if level > (told.get(u.unit_id) or 0)]
        if not due:
            continue
        answered = {
            u.unit_code: u.answered_pct
            for u in (await progress.compute(session=session, round_=round_)).units
        }
        heads: dict[int, list[User]] = {}
        for head in await _users_with_role(session, Role.unit_head, {u.unit_id for u, _ in due}):
            assert head.unit_id is not None
            heads.setdefault(head.unit_id, []).append(head)
        escalated: dict[str, int] = {}
        for u, level in due:
            params: dict[str, Any] = {
                "unit": u.unit_name_vi,
                "unit_code": u.unit_code,
                "round": round_.title_vi,
                "round_en": round_.title_en,
                "deadline": _date(u.deadline),
                "days": u.days_late,
                "level": level,
                "answered": str(answered.get(u.unit_code, "0.00")),
            }
            key = f"escalation:{round_.id}:{u.unit_code}:{level}"
            people = heads.get(u.unit_id, [])
            try:
                async with session.begin_nested():
                    session.add(
                        Urging(
                            round_id=round_.id,
                            unit_id=u.unit_id,
                            kind="escalation",
                            level=level,
                            subject_vi=translate("notify.escalation.subject", "vi", params),
                            subject_en=translate("notify.escalation.subject", "en", params),
                            body_vi=translate("notify.escalation", "vi", params),
                            body_en=translate("notify.escalation", "en", params),
                            recipients=len(people),
                            sent_by=SYSTEM.name,
                            sent_at=now or utcnow(),
                            dedupe_key=key,
                        )
                    )
            except IntegrityError:
                continue  # another run told this level already
            made = await notify(
                session,
                users=people,
                kind="escalation",
                code="notify.escalation",
                params=params,
                link=_assessment_link(round_.id, u.unit_code),
                key=key,
                settings=settings,
                now=now,
            )
            escalated[u.unit_code] = level
            report.notifications += made.notifications
            report.emails += made.emails
        if escalated:
            await audit.record(
                session=session,
                action="urging.escalate",
                object_type="round",
                object_id=str(round_.id),
                after={"levels": escalated, "thresholds": list(thresholds)},
                actor=SYSTEM,
            )
    return report


async def digest(
    session: AsyncSession, *, settings: Settings, now: dt.datetime | None = None
) -> Notified:
    """The approvers' list of each collecting round's late units, once per round and week."""
    report = Notified()
    today = city_today(now)
    year, week, _ = today.isocalendar()
    approvers: list[User] | None = None
    for round_ in await collecting_rounds(session):
        late = await late_units(session, round_, today)
        if not late:
            continue
        if approvers is None:
            approvers = await _users_with_role(session, Role.approver)
        listed = ", ".join(f"{u.unit_code} ({u.days_late})" for u in late[:DIGEST_LISTED])
        if len(late) > DIGEST_LISTED:
            listed += f", … (+{len(late) - DIGEST_LISTED})"
        made = await notify(
            session,
            users=approvers,
            kind="late_digest",
            code="notify.late_digest",
            params={
                "round": round_.title_vi,
                "round_en": round_.title_en,
                "count": len(late),
                "units": listed,
                "date": _date(today),
            },
            link="/progress",
            key=f"late_digest:{round_.id}:{year}-W{week:02d}",
            settings=settings,
            now=now,
        )
        if made.notifications or made.emails:
            await audit.record(
                session=session,
                action="urging.digest",
                object_type="round",
                object_id=str(round_.id),
                after={"week": f"{year}-W{week:02d}", "late_units": [u.unit_code for u in late]},
                actor=SYSTEM,
            )
        report.notifications += made.notifications
        report.emails += made.emails
    return report
