"""First sign-in tours: kept per user and role on the server; the demo accounts count as having
seen theirs (the browser journeys sign them in), new accounts have seen none."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service as auth_service
from api.auth.models import User
from api.core.principal import Role
from api.help.models import TourView
from tests.support.auth import Headers, Tokens
from tests.support.problems import assert_problem

TOURS = "/api/v1/me/tours"


async def new_editor(session: AsyncSession, username: str = "q1.newcomer") -> None:
    await auth_service.create_user(
        session=session,
        username=username,
        full_name="Cán bộ mới",
        password="a long enough passphrase",
        roles=[Role.unit_editor],
        unit_code="Q1",
        email=None,
        rules=None,
    )
    await session.flush()


async def test_a_new_account_has_seen_no_tour_and_marking_one_keeps_it(
    client: AsyncClient, session: AsyncSession, tokens: Tokens
) -> None:
    await new_editor(session)
    headers = await tokens.user("q1.newcomer")
    assert (await client.get(TOURS, headers=headers)).json() == {"seen": []}

    response = await client.put(f"{TOURS}/unit_editor", headers=headers)
    assert response.status_code == 204
    assert (await client.get(TOURS, headers=headers)).json() == {"seen": ["unit_editor"]}


async def test_marking_a_tour_twice_keeps_its_first_time(
    client: AsyncClient, session: AsyncSession, tokens: Tokens
) -> None:
    await new_editor(session)
    headers = await tokens.user("q1.newcomer")
    mine = select(TourView.seen_at).join(User).where(User.username == "q1.newcomer")
    await client.put(f"{TOURS}/unit_editor", headers=headers)
    first = await session.scalar(mine)
    assert (await client.put(f"{TOURS}/unit_editor", headers=headers)).status_code == 204
    assert (await session.scalars(mine)).all() == [first]


async def test_tours_are_each_users_own(
    client: AsyncClient, session: AsyncSession, tokens: Tokens
) -> None:
    await new_editor(session, "q1.first")
    await new_editor(session, "q1.second")
    first, second = await tokens.user("q1.first"), await tokens.user("q1.second")
    await client.put(f"{TOURS}/unit_editor", headers=first)
    assert (await client.get(TOURS, headers=second)).json() == {"seen": []}


async def test_the_demo_accounts_have_seen_the_tours_of_their_roles(
    client: AsyncClient, q1_editor: Headers, evaluator: Headers, tokens: Tokens
) -> None:
    assert (await client.get(TOURS, headers=q1_editor)).json() == {"seen": ["unit_editor"]}
    assert (await client.get(TOURS, headers=evaluator)).json() == {"seen": ["evaluator"]}
    staff = await tokens.user("cuc-thue.staff")
    assert (await client.get(TOURS, headers=staff)).json() == {"seen": ["provider"]}


async def test_an_unknown_tour_is_a_422_naming_it(client: AsyncClient, q1_editor: Headers) -> None:
    body = assert_problem(await client.put(f"{TOURS}/wizard", headers=q1_editor), 422)
    assert body["errors"][0]["field"] == "tour"


async def test_tours_need_a_signed_in_person_not_an_agency_system(
    client: AsyncClient, tokens: Tokens
) -> None:
    assert_problem(await client.get(TOURS), 401)
    system = await tokens.client("cuc-thue")
    assert_problem(await client.get(TOURS, headers=system), 403, "auth.users_only")
    assert_problem(await client.put(f"{TOURS}/provider", headers=system), 403, "auth.users_only")
