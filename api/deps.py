"""FastAPI dependencies as typed ``Annotated`` aliases: the session (unit of work), the settings,
the caller, and role checks. Object-level checks live in the services."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth import service as auth_service
from api.auth.models import Role
from api.auth.service import Principal
from api.core.database import READ_ONLY, unit_of_work
from api.core.errors import Forbidden, Unauthorized
from api.core.settings import Settings
from api.evidence.storage import Storage


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed once at the end (or rolled back)."""
    async with request.app.state.session_factory() as session, unit_of_work(session):
        if request.method in ("GET", "HEAD"):
            await session.connection(execution_options={READ_ONLY: True})
        yield session


# scope="function": the unit of work commits when the endpoint returns and *before* the response
# is sent, so a failed commit is a 500, never a 2xx for data that was not saved.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


StorageDep = Annotated[Storage, Depends(get_storage)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_principal(
    session: SessionDep, settings: SettingsDep, token: Annotated[str | None, Depends(_bearer)]
) -> Principal:
    if not token:
        raise Unauthorized("auth.not_authenticated")
    principal = await auth_service.principal_from_token(
        session=session, settings=settings, token=token
    )
    audit.set_actor(audit.Actor(principal.name, principal.kind))
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def get_user_principal(principal: CurrentPrincipal) -> Principal:
    if principal.kind != "user":
        raise Forbidden("auth.users_only")
    return principal


CurrentUser = Annotated[Principal, Depends(get_user_principal)]


def require_role(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency letting through callers who hold (or are implied) one of ``roles``."""

    async def check(principal: CurrentPrincipal) -> Principal:
        auth_service.require_roles(principal, roles)
        return principal

    return check


AdminUser = Annotated[Principal, Depends(require_role(Role.admin))]
ApproverUser = Annotated[Principal, Depends(require_role(Role.approver))]
EvaluatorUser = Annotated[Principal, Depends(require_role(Role.evaluator))]
