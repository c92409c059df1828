"""HTTP endpoints of auth: tokens, the current caller, and user / API client administration."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request, Response, status
from sqlalchemy import select

from api.auth import service, user_sheets
from api.auth.models import ApiClient, User
from api.auth.passwords import PASSWORD_MAX_LENGTH, PasswordRules
from api.auth.schemas import (
    AccessToken,
    ClientCreate,
    ClientOut,
    ClientUpdate,
    ClientWithSecret,
    ImportedAccount,
    Me,
    PasswordChange,
    PasswordPolicy,
    RefreshRequest,
    ScopeIn,
    TemporaryPassword,
    TokenPair,
    UserCreate,
    UserCreated,
    UserImportReport,
    UserImportRowError,
    UserOut,
    UserUpdate,
)
from api.core.addresses import client_address
from api.core.errors import Forbidden, Invalid, UnsupportedMediaType, problem_responses
from api.core.i18n import Language, negotiate_language, translate
from api.core.pagination import Page, PageDep
from api.core.principal import Role
from api.core.settings import Settings
from api.core.xlsx import XLSX_TYPE
from api.deps import (
    AdminUser,
    PendingPrincipal,
    ReadSessionsDep,
    SessionDep,
    SettingsDep,
)
from api.units.models import Unit

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
    return _pair(issued)


def _pair(issued: service.IssuedTokens) -> TokenPair:
    assert issued.refresh_token is not None
    return TokenPair(
        access_token=issued.access_token,
        refresh_token=issued.refresh_token,
        expires_in=issued.expires_in,
        must_change_password=issued.must_change_password,
    )


@router.post("/refresh", response_model=TokenPair, summary="Rotate a refresh token")
async def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep) -> TokenPair:
    issued = await service.refresh(
        session=session, settings=settings, refresh_token=body.refresh_token
    )
    return _pair(issued)


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
async def me(principal: PendingPrincipal) -> Me:
    kind: Literal["user", "client"] = "user" if principal.kind == "user" else "client"
    return Me(
        kind=kind,
        username=principal.name,
        full_name=principal.full_name,
        roles=sorted(principal.roles),
        unit_code=principal.unit_code,
        unit_name_vi=principal.unit_name_vi,
        must_change_password=principal.must_change_password,
    )


@router.post(
    "/password",
    response_model=TokenPair,
    summary="Change one's own password (the current one is required)",
    description="Allowed while a temporary password must be changed. Every session of the "
    "account ends; the answer is a new token pair for this one.",
    responses=problem_responses(403, 429),
)
async def change_password(
    request: Request,
    body: PasswordChange,
    principal: PendingPrincipal,
    session: SessionDep,
    reads: ReadSessionsDep,
    settings: SettingsDep,
) -> TokenPair:
    if principal.kind != "user":
        raise Forbidden("auth.users_only")
    issued = await service.change_own_password(
        session=session,
        reads=reads,
        settings=settings,
        user_id=principal.id,
        current_password=body.current_password,
        new_password=body.new_password,
        address=_client_address(request, settings),
    )
    return _pair(issued)


@router.get(
    "/password-policy", response_model=PasswordPolicy, summary="The rules of a new password"
)
async def password_policy(_: PendingPrincipal, settings: SettingsDep) -> PasswordPolicy:
    return PasswordPolicy(
        min_length=settings.password_min_length,
        max_length=PASSWORD_MAX_LENGTH,
        temporary_password_days=settings.temporary_password_days,
    )


def _user_out(user: User) -> UserOut:
    return UserOut(
        username=user.username,
        full_name=user.full_name,
        email=user.email,
        roles=user.roles,
        unit_code=user.unit.code if user.unit else None,
        unit_name_vi=user.unit.name_vi if user.unit else None,
        is_active=user.is_active,
        must_change_password=user.must_change_password,
        password_expires_at=user.password_expires_at if user.must_change_password else None,
        last_login_at=user.last_login_at,
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


async def user_filter(
    q: Annotated[
        str | None, Query(max_length=100, description="Part of the username, name or e-mail")
    ] = None,
    role: Annotated[Role | None, Query(description="Holds this role")] = None,
    unit_code: Annotated[str | None, Query(max_length=32, description="Of this unit")] = None,
    is_active: Annotated[bool | None, Query(description="Active (true) or disabled")] = None,
) -> service.UserFilter:
    return service.UserFilter(q=q, role=role, unit_code=unit_code, is_active=is_active)


UserFilterDep = Annotated[service.UserFilter, Depends(user_filter)]
EXPORT_MAX = 20_000


@admin_router.get("/users", response_model=Page[UserOut], summary="List users (admin)")
async def list_users(
    _: AdminUser, session: SessionDep, page: PageDep, where: UserFilterDep
) -> Page[UserOut]:
    users, total = await service.list_users(
        session=session, limit=page.limit, offset=page.offset, where=where
    )
    return Page(items=[_user_out(u) for u in users], total=total, **page.model_dump())


XLSX_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        "description": "An Excel workbook",
    }
}


@admin_router.get(
    "/users.xlsx",
    response_class=Response,
    responses=XLSX_RESPONSE,
    summary="The users list, filtered as GET /users, as Excel (admin)",
)
async def export_users(_: AdminUser, session: SessionDep, where: UserFilterDep) -> Response:
    users, _total = await service.list_users(
        session=session, limit=EXPORT_MAX, offset=0, where=where
    )
    content = await asyncio.to_thread(user_sheets.export, users)
    return _xlsx(content, "nguoi-dung.xlsx")


def _xlsx(content: bytes, filename: str) -> Response:
    return Response(
        content=content,
        media_type=XLSX_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@admin_router.post(
    "/users", response_model=UserCreated, status_code=201, summary="Create a user (admin)"
)
async def create_user(
    body: UserCreate, _: AdminUser, session: SessionDep, settings: SettingsDep
) -> UserCreated:
    user, given = await service.create_user(
        session=session, rules=PasswordRules.of(settings), **body.model_dump()
    )
    return UserCreated(**_user_out(user).model_dump(), temporary_password=given.temporary)


@admin_router.get("/users/{username}", response_model=UserOut, summary="One user (admin)")
async def get_user(username: str, _: AdminUser, session: SessionDep) -> UserOut:
    return _user_out(await service.get_user(session=session, username=username))


@admin_router.patch("/users/{username}", response_model=UserOut, summary="Change a user (admin)")
async def update_user(
    username: str, body: UserUpdate, _: AdminUser, session: SessionDep, settings: SettingsDep
) -> UserOut:
    user = await service.update_user(
        session=session,
        username=username,
        changes=body.model_dump(exclude_unset=True),
        rules=PasswordRules.of(settings),
    )
    return _user_out(user)


@admin_router.post(
    "/users/{username}/password-reset",
    response_model=TemporaryPassword,
    summary="Reset a user's password to a temporary one, shown once (admin)",
    description="Every session of the account ends; the user signs in with the temporary "
    "password and must change it before anything else.",
)
async def reset_password(
    username: str, _: AdminUser, session: SessionDep, settings: SettingsDep
) -> TemporaryPassword:
    user, given = await service.reset_password(
        session=session, username=username, rules=PasswordRules.of(settings)
    )
    assert given.temporary is not None
    assert given.expires_at is not None
    return TemporaryPassword(
        username=user.username, temporary_password=given.temporary, expires_at=given.expires_at
    )


@admin_router.get(
    "/user-imports/template.xlsx",
    response_class=Response,
    responses=XLSX_RESPONSE,
    summary="The Excel template for importing accounts (admin)",
)
async def import_template(_: AdminUser, session: SessionDep) -> Response:
    units = list(await session.scalars(select(Unit).order_by(Unit.code)))
    content = await asyncio.to_thread(user_sheets.template, units)
    return _xlsx(content, "mau-nhap-tai-khoan.xlsx")


# The file is judged by reading it as a workbook; some clients send any file as octet-stream.
OCTET_STREAM = "application/octet-stream"
IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            media_type: {
                "schema": {
                    "type": "string",
                    "format": "binary",
                    "description": "First sheet: username, full_name, email, role, unit_code",
                }
            }
            for media_type in (XLSX_TYPE, OCTET_STREAM)
        },
    }
}
ERRORS_SHOWN = 500


def _report(
    checked: user_sheets.Checked,
    *,
    dry_run: bool,
    language: Language,
    created: list[user_sheets.Created] | None = None,
) -> UserImportReport:
    errors = [
        UserImportRowError(
            row=e.row,
            field=e.column,
            value=e.value,
            code=e.code,
            message=translate(e.code, language, e.params),
        )
        for e in checked.errors[:ERRORS_SHOWN]
    ]
    given = {c.account.username: c for c in created or []}

    def password_of(username: str) -> tuple[str | None, dt.datetime | None]:
        made = given.get(username)
        return (made.temporary_password, made.expires_at) if made else (None, None)

    accounts = [
        ImportedAccount(
            row=a.row,
            username=a.username,
            full_name=a.full_name,
            email=a.email,
            roles=list(a.roles),
            unit_code=a.unit_code,
            temporary_password=password_of(a.username)[0],
            password_expires_at=password_of(a.username)[1],
        )
        for a in checked.accounts
    ]
    status_: Literal["validated", "rejected", "applied"] = (
        "rejected" if checked.errors else "applied" if created is not None else "validated"
    )
    return UserImportReport(
        dry_run=dry_run,
        status=status_,
        rows=checked.rows,
        created=len(created or []),
        error_count=len(checked.errors),
        errors=errors,
        accounts=accounts if not checked.errors else [],
    )


@admin_router.post(
    "/user-imports",
    response_model=UserImportReport,
    summary="Import accounts from the Excel template: all rows or none (admin)",
    description="`dry_run=true` checks every row and writes nothing. An apply with any row at "
    "fault writes nothing either: 422 `user_import.rejected` with the report's fields. Each "
    "account created gets a temporary password, answered once, to change at the first sign-in.",
    responses=problem_responses(413, 415, 422),
    openapi_extra=IMPORT_BODY,
)
async def import_users(
    request: Request,
    _: AdminUser,
    session: SessionDep,
    reads: ReadSessionsDep,
    settings: SettingsDep,
    dry_run: bool = False,
) -> UserImportReport:
    # Order of work: the caller is authorised; the body is read and parsed off the event loop and
    # checked on a short read; the passwords are hashed; only then is anything written.
    language = negotiate_language(request.headers.get("accept-language"))
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in (XLSX_TYPE, OCTET_STREAM):
        raise UnsupportedMediaType("user_import.content_type")
    body = await request.body()
    rows = await asyncio.to_thread(user_sheets.read_rows, body)
    async with reads() as read:
        checked = await user_sheets.check_rows(read, rows)
    if dry_run:
        return _report(checked, dry_run=True, language=language)
    passwords: list[tuple[str, str]] = []
    if not checked.errors:
        passwords = await user_sheets.prepare_passwords(len(checked.accounts))
        # Checked again in the write transaction: another import may have taken a name since.
        checked = await user_sheets.check_rows(session, rows)
    if checked.errors:
        report = _report(checked, dry_run=False, language=language)
        raise Invalid(
            "user_import.rejected",
            count=report.error_count,
            extensions=report.model_dump(mode="json", exclude={"status"}),
        )
    created = await user_sheets.apply(
        session=session,
        accounts=checked.accounts,
        passwords=passwords,
        rules=PasswordRules.of(settings),
        file_sha256=user_sheets.file_hash(body),
    )
    return _report(checked, dry_run=False, language=language, created=created)


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
