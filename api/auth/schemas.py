"""Request and response bodies of the auth endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field

from api.core.pagination import MAX_ID
from api.core.principal import Role
from api.core.validation import MAX_SCOPES, reject_control_characters, reject_null


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires")
    must_change_password: bool = Field(
        default=False,
        description="Signed in with a temporary password: every endpoint but `POST "
        "/auth/password` and `GET /auth/me` answers 403 `auth.password_change_required` until "
        "it is changed",
    )


class AccessToken(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: str = Field(min_length=1, max_length=512)


class Me(BaseModel):
    kind: Literal["user", "client"]
    username: str
    full_name: str
    roles: list[Role]
    unit_code: str | None
    unit_name_vi: str | None = None
    must_change_password: bool = Field(
        default=False, description="The password must be changed before anything else"
    )


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    current_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=1, max_length=256)


class PasswordPolicy(BaseModel):
    """The rules a new password must follow (no composition rules)."""

    min_length: int
    max_length: int
    temporary_password_days: int = Field(description="Days a temporary password signs in")


Username = Field(min_length=2, max_length=64, pattern=r"^[a-zA-Z0-9][a-zA-Z0-9._-]*$")


class UserOut(BaseModel):
    username: str
    full_name: str
    email: str | None
    roles: list[Role]
    unit_code: str | None
    unit_name_vi: str | None = None
    is_active: bool
    must_change_password: bool = False
    password_expires_at: dt.datetime | None = Field(
        default=None, description="When the temporary password stops signing in"
    )
    last_login_at: dt.datetime | None = None
    created_at: dt.datetime


class UserCreated(UserOut):
    temporary_password: str | None = Field(
        default=None,
        description="The temporary password made when none was given: shown only once; the "
        "user changes it at the first sign-in",
    )


class TemporaryPassword(BaseModel):
    username: str
    temporary_password: str = Field(description="Shown only once; changed at the next sign-in")
    expires_at: dt.datetime


class UserImportRowError(BaseModel):
    """One cell at fault in an accounts sheet."""

    row: int = Field(description="The sheet's row number (the header is row 1)")
    field: str = Field(description="The column: username, full_name, email, role or unit_code")
    value: str | None
    code: str
    message: str


class ImportedAccount(BaseModel):
    row: int
    username: str
    full_name: str
    email: str | None
    roles: list[Role]
    unit_code: str | None
    temporary_password: str | None = Field(
        default=None, description="Applied imports only: shown only once"
    )
    password_expires_at: dt.datetime | None = None


class UserImportReport(BaseModel):
    """What an accounts sheet makes: checked only (dry run), refused, or applied (all or none)."""

    dry_run: bool
    status: Literal["validated", "rejected", "applied"]
    rows: int = Field(description="Account rows read (blank lines skipped)")
    created: int
    error_count: int
    errors: list[UserImportRowError] = Field(description="The first 500 errors, by row")
    accounts: list[ImportedAccount] = Field(
        description="The accounts the rows make (none while any row is at fault)"
    )


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Username
    full_name: str = Field(min_length=1, max_length=255)
    email: EmailStr | None = None
    password: str | None = Field(
        default=None,
        min_length=1,
        max_length=256,
        description="Omitted: a temporary password is made and answered once. Either way the "
        "user changes it at the first sign-in",
    )
    roles: list[Role] = Field(min_length=1, max_length=len(Role))
    unit_code: str | None = None


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    full_name: str | None = Field(default=None, min_length=1, max_length=255)
    email: EmailStr | None = None
    password: str | None = Field(
        default=None,
        min_length=1,
        max_length=256,
        description="A password of the admin's choice, changed by the user at the next sign-in",
    )
    roles: list[Role] | None = Field(default=None, min_length=1, max_length=len(Role))
    unit_code: str | None = None
    is_active: bool | None = None

    not_null: ClassVar[Any] = reject_null("full_name", "password", "roles", "is_active")


class ScopeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    element_code: str = Field(
        min_length=1, max_length=64, description='A data element its agency supplies, or "*"'
    )
    unit_code: str = Field(min_length=1, max_length=32, description='A unit or "*"')
    round_id: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="Only in this round; none: in any round"
    )


class ClientOut(BaseModel):
    client_id: str
    name: str
    unit_code: str | None
    unit_name_vi: str | None
    scopes: list[ScopeIn]
    is_active: bool
    expires_at: dt.datetime | None = Field(description="When it stops working; none: never")
    is_expired: bool
    last_used_at: dt.datetime | None = Field(description="Its last token grant")
    created_at: dt.datetime
    updated_at: dt.datetime


class ClientWithSecret(ClientOut):
    client_secret: str = Field(description="Shown only once; store it safely")


class ClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: str = Username
    name: str = Field(min_length=1, max_length=255)
    unit_code: str = Field(min_length=1, max_length=32, description="The agency (a provider unit)")
    scopes: list[ScopeIn] = Field(default_factory=list, max_length=MAX_SCOPES)
    expires_at: AwareDatetime | None = Field(default=None, description="In the future; none: never")

    no_control: ClassVar[Any] = reject_control_characters("name")


class ClientUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, min_length=1, max_length=255)
    scopes: list[ScopeIn] | None = Field(default=None, max_length=MAX_SCOPES)
    is_active: bool | None = None
    expires_at: AwareDatetime | None = Field(
        default=None, description="In the future; null: never expires"
    )

    not_null: ClassVar[Any] = reject_null("name", "scopes", "is_active")
    no_control: ClassVar[Any] = reject_control_characters("name")
