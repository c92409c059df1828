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


Username = Field(min_length=2, max_length=64, pattern=r"^[a-zA-Z0-9][a-zA-Z0-9._-]*$")


class UserOut(BaseModel):
    username: str
    full_name: str
    email: str | None
    roles: list[Role]
    unit_code: str | None
    is_active: bool
    created_at: dt.datetime


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Username
    full_name: str = Field(min_length=1, max_length=255)
    email: EmailStr | None = None
    password: str = Field(min_length=8, max_length=256)
    roles: list[Role] = Field(min_length=1, max_length=len(Role))
    unit_code: str | None = None


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    full_name: str | None = Field(default=None, min_length=1, max_length=255)
    email: EmailStr | None = None
    password: str | None = Field(default=None, min_length=8, max_length=256)
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
