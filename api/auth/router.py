"""HTTP endpoints of auth: tokens, the current caller, and user / API client administration."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request, Response, status

from api.auth import service
from api.auth.models import ApiClient, User
from api.auth.schemas import (
    AccessToken,
    ClientCreate,
    ClientOut,
    ClientUpdate,
    ClientWithSecret,
    Me,
    RefreshRequest,
    ScopeIn,
    TokenPair,
    UserCreate,
    UserOut,
    UserUpdate,
)
from api.core.addresses import client_address
from api.core.errors import Invalid, problem_responses
from api.core.pagination import Page, PageDep
from api.core.settings import Settings
from api.deps import AdminUser, CurrentPrincipal, ReadSessionsDep, SessionDep, SettingsDep

router = APIRouter(prefix="/auth", tags=["auth"])
admin_router = APIRouter(tags=["admin"])


def _client_address(request: Request, settings: Settings) -> str:
    return client_address(request, settings.trusted_proxy_networks)


@router.post(
    "/token",
    response_model=TokenPair,
    summary="Sign in with username and password",
    responses=problem_responses(429),
)
async def token(
    request: Request,
    session: SessionDep,
    reads: ReadSessionsDep,
    settings: SettingsDep,
    username: Annotated[str, Form(min_length=1, max_length=255)],
    password: Annotated[str, Form(min_length=1, max_length=256)],
) -> TokenPair:
    issued = await service.sign_in(
        session=session,
        reads=reads,
        settings=settings,
        username=username,
        password=password,
        address=_client_address(request, settings),
    )
    assert issued.refresh_token is not None
    return TokenPair(
        access_token=issued.access_token,
        refresh_token=issued.refresh_token,
        expires_in=issued.expires_in,
    )


@router.post("/refresh", response_model=TokenPair, summary="Rotate a refresh token")
async def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep) -> TokenPair:
    issued = await service.refresh(
        session=session, settings=settings, refresh_token=body.refresh_token
    )
    assert issued.refresh_token is not None
    return TokenPair(
        access_token=issued.access_token,
        refresh_token=issued.refresh_token,
        expires_in=issued.expires_in,
    )


@router.post(
    "/logout", status_code=status.HTTP_204_NO_CONTENT, summary="Revoke a refresh token's family"
)
async def logout(body: RefreshRequest, session: SessionDep) -> Response:
    await service.revoke_refresh_token(session=session, refresh_token=body.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/client-token",
    response_model=AccessToken,
    summary="Client credentials grant (providers)",
    responses=problem_responses(429),
)
async def client_token(
    request: Request,
    session: SessionDep,
    reads: ReadSessionsDep,
    settings: SettingsDep,
    grant_type: Annotated[str, Form()],
    client_id: Annotated[str, Form(min_length=1, max_length=64)],
    client_secret: Annotated[str, Form(min_length=1, max_length=256)],
) -> AccessToken:
    if grant_type != "client_credentials":
        raise Invalid("auth.unsupported_grant_type", field="grant_type")
    issued = await service.client_token(
        session=session,
        reads=reads,
        settings=settings,
        client_id=client_id,
        client_secret=client_secret,
        address=_client_address(request, settings),
    )
    return AccessToken(access_token=issued.access_token, expires_in=issued.expires_in)


@router.get("/me", response_model=Me, summary="Who is signed in")
async def me(principal: CurrentPrincipal) -> Me:
    kind: Literal["user", "client"] = "user" if principal.kind == "user" else "client"
    return Me(
        kind=kind,
        username=principal.name,
        full_name=principal.full_name,
        roles=sorted(principal.roles),
        unit_code=principal.unit_code,
        unit_name_vi=principal.unit_name_vi,
    )


def _user_out(user: User) -> UserOut:
    return UserOut(
        username=user.username,
        full_name=user.full_name,
        email=user.email,
        roles=user.roles,
        unit_code=user.unit.code if user.unit else None,
        is_active=user.is_active,
        created_at=user.created_at,
    )


def _client_out(client: ApiClient) -> ClientOut:
    return ClientOut(
        client_id=client.client_id,
        name=client.name,
        unit_code=client.unit.code if client.unit else None,
        unit_name_vi=client.unit.name_vi if client.unit else None,
        scopes=[ScopeIn.model_validate(s) for s in client.scopes],
        is_active=client.is_active,
        expires_at=client.expires_at,
        is_expired=service.is_expired(client),
        last_used_at=client.last_used_at,
        created_at=client.created_at,
        updated_at=client.updated_at,
    )


def _with_secret(client: ApiClient, secret: str) -> ClientWithSecret:
    return ClientWithSecret(**_client_out(client).model_dump(), client_secret=secret)


@admin_router.get("/users", response_model=Page[UserOut], summary="List users (admin)")
async def list_users(
    _: AdminUser, session: SessionDep, page: PageDep, q: str | None = None
) -> Page[UserOut]:
    users, total = await service.list_users(
        session=session, limit=page.limit, offset=page.offset, q=q
    )
    return Page(items=[_user_out(u) for u in users], total=total, **page.model_dump())


@admin_router.post(
    "/users", response_model=UserOut, status_code=201, summary="Create a user (admin)"
)
async def create_user(body: UserCreate, _: AdminUser, session: SessionDep) -> UserOut:
    user = await service.create_user(session=session, **body.model_dump())
    return _user_out(user)


@admin_router.get("/users/{username}", response_model=UserOut, summary="One user (admin)")
async def get_user(username: str, _: AdminUser, session: SessionDep) -> UserOut:
    return _user_out(await service.get_user(session=session, username=username))


@admin_router.patch("/users/{username}", response_model=UserOut, summary="Change a user (admin)")
async def update_user(
    username: str, body: UserUpdate, _: AdminUser, session: SessionDep
) -> UserOut:
    user = await service.update_user(
        session=session, username=username, changes=body.model_dump(exclude_unset=True)
    )
    return _user_out(user)


@admin_router.get("/api-clients", response_model=Page[ClientOut], summary="List API clients")
async def list_clients(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Part of the id or name")] = None,
    unit_code: Annotated[str | None, Query(max_length=32, description="The agency")] = None,
    is_active: bool | None = None,
) -> Page[ClientOut]:
    clients, total = await service.list_clients(
        session=session,
        limit=page.limit,
        offset=page.offset,
        q=q,
        unit_code=unit_code,
        is_active=is_active,
    )
    return Page(items=[_client_out(c) for c in clients], total=total, **page.model_dump())


@admin_router.post(
    "/api-clients",
    response_model=ClientWithSecret,
    status_code=201,
    summary="Create a provider API client; the secret is shown once",
)
async def create_client(body: ClientCreate, _: AdminUser, session: SessionDep) -> ClientWithSecret:
    client, secret = await service.create_client(
        session=session,
        client_id=body.client_id,
        name=body.name,
        unit_code=body.unit_code,
        scopes=[s.model_dump() for s in body.scopes],
        expires_at=body.expires_at,
    )
    return _with_secret(client, secret)


@admin_router.get(
    "/api-clients/{client_id}", response_model=ClientOut, summary="One API client (no secret)"
)
async def get_client(client_id: str, _: AdminUser, session: SessionDep) -> ClientOut:
    return _client_out(await service.get_client(session=session, client_id=client_id))


@admin_router.patch(
    "/api-clients/{client_id}",
    response_model=ClientOut,
    summary="Change an API client: name, scopes, disable or enable, expiry",
)
async def update_client(
    client_id: str, body: ClientUpdate, _: AdminUser, session: SessionDep
) -> ClientOut:
    changes = body.model_dump(exclude_unset=True)
    if body.scopes is not None:
        changes["scopes"] = [s.model_dump() for s in body.scopes]
    client = await service.update_client(session=session, client_id=client_id, changes=changes)
    return _client_out(client)


@admin_router.post(
    "/api-clients/{client_id}/rotate-secret",
    response_model=ClientWithSecret,
    summary="Give an API client a new secret, shown once; the old one stops working",
)
async def rotate_client_secret(
    client_id: str, _: AdminUser, session: SessionDep
) -> ClientWithSecret:
    client, secret = await service.rotate_client_secret(session=session, client_id=client_id)
    return _with_secret(client, secret)
