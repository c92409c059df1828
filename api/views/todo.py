"""The home page's to-do list (việc cần làm), one section per role the caller holds, each from a
few counting queries:

- **unit** (focal person, head): per open round of the unit, answers left, answers returned, the
  next deadline; the head also whether the assessment is ready to submit;
- **review** (evaluator): per open round, submissions to review, returned ones awaiting the units,
  late units;
- **approve** (approver): final score runs not yet published, rounds waiting to be published;
- **setup** (admin): the year's checklist: an active framework, units, unit accounts, API clients,
  the year's round, its schedule.

Items carry keys and figures; the SPA words them and links each to its screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import Submission, SubmissionStatus
from api.auth.models import ApiClient, User, UserRole
from api.core.clock import city_today
from api.core.principal import UNIT_ROLES, Principal, Role
from api.frameworks.models import Framework, FrameworkStatus
from api.progress import service as progress
from api.publications.models import Publication
from api.results.models import RunKind, ScoreRun
from api.rounds import schedule
from api.rounds.models import Phase, Round
from api.units.models import Unit
from api.urging import service as urging

Section = Literal["unit", "review", "approve", "setup"]
UNIT_PHASES = (Phase.collecting, Phase.reviewing)
REVIEW_PHASES = (Phase.collecting, Phase.reviewing, Phase.preliminary, Phase.final)


class TodoItem(BaseModel):
    key: str = Field(
        description="unit: answers_left, returned, deadline, submit; review: to_review, "
        "awaiting_units, late_units; approve: runs_waiting, rounds_to_publish; setup: "
        "framework_active, units, accounts, api_clients, round, schedule"
    )
    count: int | None = Field(default=None, description="How many (deadline: days left)")
    date: dt.date | None = None
    done: bool = Field(description="Nothing left to do for this item")


class TodoSection(BaseModel):
    section: Section
    round_id: int | None = None
    round_title_vi: str | None = None
    round_title_en: str | None = None
    unit_code: str | None = None
    items: list[TodoItem]


class TodoOut(BaseModel):
    as_of: dt.date = Field(description="Today in Ho Chi Minh City")
    sections: list[TodoSection]


def _section(section: Section, round_: Round | None, items: list[TodoItem]) -> TodoSection:
    return TodoSection(
        section=section,
        round_id=round_.id if round_ else None,
        round_title_vi=round_.title_vi if round_ else None,
        round_title_en=round_.title_en if round_ else None,
        items=items,
    )


async def _rounds(session: AsyncSession, phases: tuple[Phase, ...]) -> list[Round]:
    """The real rounds in these phases: a practice round is never on anyone's to-do list."""
    return list(
        await session.scalars(
            select(Round)
            .where(Round.phase.in_(phases), Round.is_practice.is_(False))
            .order_by(Round.year.desc(), Round.id)
        )
    )


async def _unit(session: AsyncSession, principal: Principal, today: dt.date) -> list[TodoSection]:
    unit_id = principal.unit_id
    assert unit_id is not None
    is_head = Role.unit_head in principal.roles
    sections = []
    for round_ in await _rounds(session, UNIT_PHASES):
        if not any(p.unit_id == unit_id for p in round_.participants):
            continue
        [mine] = (await progress.compute(session=session, round_=round_, only_unit=unit_id)).units
        left = mine.indicators - mine.answered
        items = [
            TodoItem(key="answers_left", count=left, done=left == 0 or mine.complete),
            TodoItem(key="returned", count=mine.returned, done=mine.returned == 0),
            TodoItem(
                key="deadline",
                date=mine.deadline,
                count=(mine.deadline - today).days if mine.deadline else None,
                done=mine.complete,
            ),
        ]
        if is_head:
            missing = left + mine.evidence_needed - mine.evidence_done
            items.append(TodoItem(key="submit", count=missing, done=mine.complete))
        section = _section("unit", round_, items)
        section.unit_code = principal.unit_code
        sections.append(section)
    return sections


async def _review(session: AsyncSession, today: dt.date) -> list[TodoSection]:
    sections = []
    for round_ in await _rounds(session, REVIEW_PHASES):
        counts = dict(
            (
                await session.execute(
                    select(Submission.status, func.count())
                    .where(Submission.round_id == round_.id)
                    .group_by(Submission.status)
                )
            ).all()
        )
        to_review = counts.get(SubmissionStatus.submitted, 0) + counts.get(
            SubmissionStatus.resubmitted, 0
        )
        awaiting = counts.get(SubmissionStatus.returned, 0)
        late = len(await urging.late_units(session, round_, today))
        items = [
            TodoItem(key="to_review", count=to_review, done=to_review == 0),
            TodoItem(key="awaiting_units", count=awaiting, done=awaiting == 0),
            TodoItem(key="late_units", count=late, done=late == 0),
        ]
        sections.append(_section("review", round_, items))
    return sections


async def _approve(session: AsyncSession) -> list[TodoSection]:
    final = await _rounds(session, (Phase.final,))
    last_published = (
        select(Publication.round_id, func.max(Publication.published_at).label("at"))
        .group_by(Publication.round_id)
        .subquery()
    )
    waiting = (
        await session.scalar(
            select(func.count())
            .select_from(ScoreRun)
            .join(Round, Round.id == ScoreRun.round_id)
            .outerjoin(last_published, last_published.c.round_id == ScoreRun.round_id)
            .where(
                Round.phase == Phase.final,
                Round.is_practice.is_(False),
                ScoreRun.kind == RunKind.final,
                or_(last_published.c.at.is_(None), ScoreRun.created_at > last_published.c.at),
            )
        )
        or 0
    )
    items = [
        TodoItem(key="runs_waiting", count=int(waiting), done=waiting == 0),
        TodoItem(key="rounds_to_publish", count=len(final), done=not final),
    ]
    return [_section("approve", None, items)]


async def _count(session: AsyncSession, query: Select[int]) -> int:
    return int(await session.scalar(query) or 0)


async def _setup(session: AsyncSession, today: dt.date) -> list[TodoSection]:
    frameworks = await _count(
        session,
        select(func.count())
        .select_from(Framework)
        .where(Framework.status == FrameworkStatus.active),
    )
    current = or_(Unit.valid_to.is_(None), Unit.valid_to >= today)
    units = await _count(session, select(func.count()).select_from(Unit).where(current))
    # The year's round: the newest real one not yet published.
    round_ = await session.scalar(
        select(Round)
        .where(Round.phase != Phase.published, Round.is_practice.is_(False))
        .order_by(Round.year.desc(), Round.id.desc())
        .limit(1)
    )
    assessed = (
        [p.unit_id for p in round_.participants]
        if round_ is not None
        else list(
            await session.scalars(select(Unit.id).where(current, Unit.is_provider.is_(False)))
        )
    )
    with_account = set(
        await session.scalars(
            select(User.unit_id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(User.is_active.is_(True), UserRole.role.in_(UNIT_ROLES))
            .distinct()
        )
    )
    without_account = sum(1 for unit_id in assessed if unit_id not in with_account)
    clients = await _count(
        session, select(func.count()).select_from(ApiClient).where(ApiClient.is_active.is_(True))
    )
    ends_at = (
        progress.deadline_of(round_, SubmissionStatus.not_started) if round_ is not None else None
    )
    ends_on = schedule.city_day(ends_at) if ends_at is not None else None
    items = [
        TodoItem(key="framework_active", count=frameworks, done=frameworks > 0),
        TodoItem(key="units", count=units, done=units > 0),
        TodoItem(
            key="accounts", count=without_account, done=bool(assessed) and not without_account
        ),
        TodoItem(key="api_clients", count=clients, done=clients > 0),
        TodoItem(key="round", count=round_.year if round_ else None, done=round_ is not None),
        TodoItem(key="schedule", date=ends_on, done=ends_on is not None),
    ]
    return [_section("setup", round_, items)]


async def todo(
    *, session: AsyncSession, principal: Principal, now: dt.datetime | None = None
) -> TodoOut:
    """The caller's to-do list: a section for each role held (module docstring)."""
    today = city_today(now)
    roles = principal.effective_roles
    sections: list[TodoSection] = []
    if principal.unit_id is not None and not roles.isdisjoint(UNIT_ROLES):
        sections += await _unit(session, principal, today)
    if Role.admin in roles:
        sections += await _setup(session, today)
    if Role.approver in roles:
        sections += await _approve(session)
    if Role.evaluator in roles:
        sections += await _review(session, today)
    return TodoOut(as_of=today, sections=sections)
