"""FastAPI dependencies as typed ``Annotated`` aliases: the session (unit of work), the settings,
the evidence store, the caller, and role checks. Object-level checks live in the services.

Order of work in a request (so that no caller holds SQLite's database-wide write lock while its
body arrives or is parsed): the caller is authenticated on a short read of its own
(``read_only``, closed before anything else happens); the body is read and parsed; only then does
the request's session (``SessionDep``) run its first statement, which on SQLite begins the write
transaction (``BEGIN IMMEDIATE``) for any method but GET/HEAD. A route that must authorise
against the database before reading a large body does so on ``ReadSessionsDep`` first.

The caller comes from the ``Authenticator`` the app factory installs (``api.auth``'s token check):
this module knows only the ``Principal`` port in ``api.core``, so routers of every layer, the
audit trail's included, may depend on it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.database import SessionFactory, read_only, reads_only, unit_of_work
from api.core.errors import Forbidden, Unauthorized
from api.core.principal import DIC_ROLES, Authenticator, Principal, Role, require_roles
from api.core.request_context import Actor, set_actor
from api.core.settings import Settings
from api.core.sqlite_driver import inline_statements
from api.core.storage import Storage


# Every dependency is ``async def``, even those that only read the app's state: FastAPI runs a
# plain ``def`` one in its thread pool, a hand-off per request that cost more than the work
# (tests/test_openapi.py checks that none is).
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed once at the end (or rolled back). Its transaction
    begins at its first statement, not here: a route runs no statement on it before its body is
    read."""
    async with request.app.state.session_factory() as session, unit_of_work(session):
        if request.method in ("GET", "HEAD"):
            reads_only(session)
        yield session


# scope="function": the unit of work commits when the endpoint returns and *before* the response
# is sent, so a failed commit is a 500, never a 2xx for data that was not saved.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_read_sessions(request: Request) -> SessionFactory:
    """Short read-only sessions (``read_only``): they never take the write lock and end at once."""
    sessions: SessionFactory = request.app.state.session_factory
    return lambda: read_only(sessions)


ReadSessionsDep = Annotated[SessionFactory, Depends(get_read_sessions)]


async def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


StorageDep = Annotated[Storage, Depends(get_storage)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_any_principal(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(_bearer)],
) -> Principal:
    """The caller, read on a short read-only session of its own (see the module docstring), one
    statement in no transaction on SQLite; a GET or HEAD reads it on the request's session, a
    read already (deferred on SQLite), which spares a second connection and transaction on every
    read. Lets through a user who must change their password: only ``/auth/me`` and the password
    change itself use it directly."""
    if not token:
        raise Unauthorized("auth.not_authenticated")
    authenticate: Authenticator = request.app.state.authenticate
    with inline_statements():  # one short statement (api.core.sqlite_driver)
        if request.method in ("GET", "HEAD"):
            principal = await authenticate(session=session, settings=settings, token=token)
        else:
            sessions: SessionFactory = request.app.state.session_factory
            async with read_only(sessions, one_statement=True) as own:
                principal = await authenticate(session=own, settings=settings, token=token)
    set_actor(Actor(principal.name, principal.kind))
    return principal


PendingPrincipal = Annotated[Principal, Depends(get_any_principal)]


async def get_principal(principal: PendingPrincipal) -> Principal:
    """The caller, refused (403) while they sign in with a temporary password they must change
    first: every route but the password change (and ``/auth/me``) goes through here."""
    if principal.must_change_password:
        raise Forbidden("auth.password_change_required")
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
        require_roles(principal, roles)
        return principal

    return check


AdminUser = Annotated[Principal, Depends(require_role(Role.admin))]
ApproverUser = Annotated[Principal, Depends(require_role(Role.approver))]
EvaluatorUser = Annotated[Principal, Depends(require_role(*DIC_ROLES))]
