"""Sign-in, token issuing and rotation, client credentials, principals, and account admin."""

from __future__ import annotations

import datetime as dt
import hmac
import math
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from sqlalchemy import ColumnElement, Select, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiClient, LoginFailure, RefreshToken, User, UserRole
from api.auth.passwords import PasswordRules, new_temporary_password
from api.core.clock import CITY_TZ
from api.core.database import SessionFactory, utcnow
from api.core.errors import (
    Conflict,
    FieldError,
    Invalid,
    NotFound,
    TooManyRequests,
    Unauthorized,
    validation_failed,
)
from api.core.principal import UNIT_ROLES, Principal, Role, Scope
from api.core.security import (
    TokenError,
    create_access_token,
    decode_access_token,
    hash_password,
    hash_temporary_password,
    new_opaque_token,
    sha256_hex,
    verify_password,
)
from api.core.settings import Settings
from api.frameworks.models import DataElement
from api.rounds.models import Round
from api.units.models import Unit


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str | None = None
    must_change_password: bool = False


def _issue_access(*, settings: Settings, subject: str, kind: str, lifetime: dt.timedelta) -> str:
    return create_access_token(
        subject=subject,
        kind=kind,
        secret_key=settings.secret_key,
        algorithm=settings.jwt_algorithm,
        lifetime=lifetime,
    )


async def _issue_pair(
    *, session: AsyncSession, settings: Settings, user: User, family_id: str
) -> IssuedTokens:
    lifetime = dt.timedelta(minutes=settings.access_token_minutes)
    refresh = new_opaque_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=sha256_hex(refresh),
            expires_at=utcnow() + dt.timedelta(days=settings.refresh_token_days),
        )
    )
    access = _issue_access(settings=settings, subject=str(user.id), kind="user", lifetime=lifetime)
    return IssuedTokens(
        access_token=access,
        expires_in=int(lifetime.total_seconds()),
        refresh_token=refresh,
        must_change_password=user.must_change_password,
    )


Keys = Sequence[tuple[ColumnElement[bool], int]]


def _throttle_keys(settings: Settings, name: str, address: str) -> Keys:
    """What failures are counted by: the account (or client) from this address, the account from
    anywhere (slows distributed guessing), and the address over every account (an office behind
    one NAT shares it, hence the generous limit)."""
    by_name = LoginFailure.username == name
    by_address = LoginFailure.address == address
    return (
        (by_name & by_address, settings.login_max_failures_per_user_address),
        (by_name, settings.login_max_failures_per_user),
        (by_address, settings.login_max_failures_per_address),
    )


def throttle_delay(failures: int, limit: int, settings: Settings) -> int:
    """Seconds the next attempt must wait after a key's last failure: none below ``limit``, then
    1, 2, 4, … (at most ``login_max_delay_seconds``). Never a lockout: a key that stops failing is
    free again after the delay, so guessing cannot lock an account out for everyone."""
    if failures < limit:
        return 0
    return int(min(2 ** min(failures - limit, 31), settings.login_max_delay_seconds))


async def _check_throttle(
    *, session: AsyncSession, settings: Settings, keys: Keys, code: str
) -> int:
    """429 with Retry-After (the longest wait of any key) while a key must still wait; else the
    failures of the account itself (the second key), from anywhere."""
    now = utcnow()
    since = now - dt.timedelta(seconds=settings.login_window_seconds)
    counts = []
    wait = 0.0
    for condition, limit in keys:
        count, last = (
            await session.execute(
                select(func.count(), func.max(LoginFailure.attempted_at)).where(
                    condition, LoginFailure.attempted_at > since
                )
            )
        ).one()
        counts.append(count)
        delay = throttle_delay(count, limit, settings)
        if delay and last is not None:
            if last.tzinfo is None:
                last = last.replace(tzinfo=dt.UTC)
            wait = max(wait, (last + dt.timedelta(seconds=delay) - now).total_seconds())
    if wait > 0:
        retry_after = max(1, math.ceil(wait))
        raise TooManyRequests(
            code, retry_after=retry_after, headers={"Retry-After": str(retry_after)}
        )
    return int(counts[1])


async def verify_secret(secret: str, secret_hash: str | None) -> bool:
    """Argon2 verification in a worker thread: it takes a good part of a second of CPU, which on
    the event loop would freeze every other request meanwhile."""
    return await to_thread.run_sync(verify_password, secret, secret_hash)


async def hash_secret(secret: str) -> str:
    """An Argon2 hash, made in a worker thread (as ``verify_secret``)."""
    return await to_thread.run_sync(hash_password, secret)


@dataclass(frozen=True)
class _Credentials:
    id: int
    secret_hash: str
    is_active: bool


def _current(found: _Credentials, is_active: bool, secret_hash: str) -> bool:
    """Still active, with the very hash that was verified."""
    return is_active and secret_hash == found.secret_hash


async def _checked(
    *,
    session: AsyncSession,
    reads: SessionFactory,
    settings: Settings,
    keys: Keys,
    code: str,
    lookup: Select[int, str, bool],
    secret: str,
) -> tuple[_Credentials | None, bool, int]:
    """The throttle check and the lookup on a short read (no lock held), the Argon2 verification
    off the event loop and outside any transaction, then the throttle checked again on the
    request's write transaction, so that guesses sent at once cannot all learn their answer.
    Returns the account's credentials (None when unknown), whether the secret matched, and the
    key's failures so far."""
    async with reads() as read:
        await _check_throttle(session=read, settings=settings, keys=keys, code=code)
        row = (await read.execute(lookup)).one_or_none()
    found = None if row is None else _Credentials(row[0], row[1], row[2])
    valid = await verify_secret(secret, found.secret_hash if found else None)
    failures = await _check_throttle(session=session, settings=settings, keys=keys, code=code)
    return found, valid, failures


async def sign_in(
    *,
    session: AsyncSession,
    reads: SessionFactory,
    settings: Settings,
    username: str,
    password: str,
    address: str,
) -> IssuedTokens:
    """Check a username and password, issue an access/refresh pair; throttled by user/address
    with progressive delays (``throttle_delay``). ``reads`` gives the short read-only sessions of
    the first step; ``session`` is the request's, whose write transaction begins only after the
    verification (module ``api.deps``)."""
    username = username.strip().lower()
    found, valid, failures = await _checked(
        session=session,
        reads=reads,
        settings=settings,
        keys=_throttle_keys(settings, username, address),
        code="auth.too_many_attempts",
        lookup=select(User.id, User.password_hash, User.is_active).where(User.username == username),
        secret=password,
    )
    user = await session.get(User, found.id) if found is not None and valid else None
    # Deactivated or given a new password while the hash was being checked: not this time.
    if found is None or user is None or not _current(found, user.is_active, user.password_hash):
        session.add(LoginFailure(username=username, address=address))
        raise Unauthorized("auth.invalid_credentials", commit=True)
    if failures:
        await session.execute(delete(LoginFailure).where(LoginFailure.username == username))
    if temporary_expired(user):
        # The right password, but a temporary one past its time: only a new reset helps.
        raise Unauthorized("auth.temporary_password_expired", commit=True)
    user.last_login_at = utcnow()
    return await _issue_pair(
        session=session, settings=settings, user=user, family_id=str(uuid.uuid4())
    )


def temporary_expired(user: User) -> bool:
    """A temporary password past its expiry (it no longer signs in)."""
    expires = user.password_expires_at
    return user.must_change_password and expires is not None and expires <= utcnow()


async def refresh(*, session: AsyncSession, settings: Settings, refresh_token: str) -> IssuedTokens:
    """Rotate a refresh token; presenting a used or revoked one revokes its whole family."""
    now = utcnow()
    row = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(refresh_token))
    )
    if row is None:
        raise Unauthorized("auth.invalid_refresh_token")
    if row.expires_at <= now and row.used_at is None and row.revoked_at is None:
        raise Unauthorized("auth.invalid_refresh_token")
    # Claim the token atomically: of two concurrent refreshes with one token, only one wins; the
    # other is treated as reuse, exactly like a replay by a thief.
    claimed = await session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.id == row.id,
            RefreshToken.used_at.is_(None),
            RefreshToken.revoked_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == row.family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        raise Unauthorized("auth.refresh_token_reused", commit=True)
    user = await session.get(User, row.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("auth.invalid_refresh_token")
    return await _issue_pair(session=session, settings=settings, user=user, family_id=row.family_id)


async def revoke_refresh_token(*, session: AsyncSession, refresh_token: str) -> None:
    """Sign out: revoke the family of a refresh token (unknown tokens are ignored)."""
    row = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(refresh_token))
    )
    if row is not None:
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == row.family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def client_key(client_id: str) -> str:
    """Failed client authentications are counted with failed sign-ins, under this name (no
    username has a colon)."""
    return f"client:{client_id}"


async def client_token(
    *,
    session: AsyncSession,
    reads: SessionFactory,
    settings: Settings,
    client_id: str,
    client_secret: str,
    address: str,
) -> IssuedTokens:
    """Client-credentials grant for a provider agency's system; throttled as sign-in is, by
    client id and address."""
    key = client_key(client_id)
    found, valid, failures = await _checked(
        session=session,
        reads=reads,
        settings=settings,
        keys=_throttle_keys(settings, key, address),
        code="auth.client_too_many_attempts",
        lookup=select(ApiClient.id, ApiClient.secret_hash, ApiClient.is_active).where(
            ApiClient.client_id == client_id
        ),
        secret=client_secret,
    )
    # The demo secret is public (README): never accepted in production, even from a client made
    # with it (a demo database copied to a real installation).
    public = settings.env == "production" and hmac.compare_digest(
        client_secret.encode(), settings.demo_password.encode()
    )
    client = (
        await session.get(ApiClient, found.id)
        if found is not None and valid and not public
        else None
    )
    if found is None or client is None or not _current(found, client.is_active, client.secret_hash):
        session.add(LoginFailure(username=key, address=address))
        raise Unauthorized("auth.invalid_client", commit=True)
    if failures:
        await session.execute(delete(LoginFailure).where(LoginFailure.username == key))
    now = utcnow()
    if is_expired(client, now):
        # Its secret was right: say why, so the agency asks DIC for a new expiry, not a secret.
        assert client.expires_at is not None
        raise Unauthorized(
            "auth.client_expired",
            client_id=client.client_id,
            expired_at=client.expires_at.astimezone(CITY_TZ).strftime("%d/%m/%Y %H:%M"),
        )
    client.last_used_at = now  # one row updated in the grant's own write transaction
    lifetime = dt.timedelta(minutes=settings.client_token_minutes)
    access = _issue_access(
        settings=settings, subject=str(client.id), kind="client", lifetime=lifetime
    )
    return IssuedTokens(access_token=access, expires_in=int(lifetime.total_seconds()))


async def principal_from_token(
    *, session: AsyncSession, settings: Settings, token: str
) -> Principal:
    """The caller behind a bearer token, read fresh from the database (so deactivation bites)."""
    try:
        claims = decode_access_token(
            token, secret_key=settings.secret_key, algorithm=settings.jwt_algorithm
        )
        subject_id = int(claims["sub"])
    except (TokenError, ValueError) as exc:
        raise Unauthorized("auth.invalid_token") from exc
    if claims["knd"] == "user":
        return await _user_principal(session, subject_id)
    return await _client_principal(session, subject_id)


# Built once: every authenticated request runs it.
_PRINCIPAL = (
    select(
        User.username,
        User.full_name,
        User.is_active,
        User.must_change_password,
        User.unit_id,
        Unit.code,
        Unit.name_vi,
        UserRole.role,
    )
    .outerjoin(Unit, Unit.id == User.unit_id)
    .outerjoin(UserRole, UserRole.user_id == User.id)
    .where(User.id == bindparam("user_id"))
)


async def _user_principal(session: AsyncSession, user_id: int) -> Principal:
    """One statement (a row per role): every request pays for it, so no ORM objects and none of
    the unit's eager relations (parent, groups, predecessors) that ``session.get`` would load."""
    rows = (await session.execute(_PRINCIPAL, {"user_id": user_id})).all()
    if not rows or not rows[0].is_active:
        raise Unauthorized("auth.invalid_token")
    first = rows[0]
    return Principal(
        kind="user",
        id=user_id,
        name=first.username,
        full_name=first.full_name,
        roles=frozenset(Role(row.role) for row in rows if row.role is not None),
        unit_id=first.unit_id,
        unit_code=first.code,
        unit_name_vi=first.name_vi,
        must_change_password=first.must_change_password,
    )


async def _client_principal(session: AsyncSession, client_id: int) -> Principal:
    found = (
        await session.execute(
            select(
                ApiClient.client_id,
                ApiClient.name,
                ApiClient.is_active,
                ApiClient.unit_id,
                ApiClient.scopes,
                ApiClient.expires_at,
                Unit.code,
                Unit.name_vi,
            )
            .outerjoin(Unit, Unit.id == ApiClient.unit_id)
            .where(ApiClient.id == client_id)
        )
    ).first()
    if (
        found is None
        or not found.is_active
        or (found.expires_at is not None and found.expires_at <= utcnow())
    ):
        raise Unauthorized("auth.invalid_token")
    return Principal(
        kind="client",
        id=client_id,
        name=found.client_id,
        full_name=found.name,
        roles=frozenset({Role.provider}),
        unit_id=found.unit_id,
        unit_code=found.code,
        unit_name_vi=found.name_vi,
        scopes=tuple(
            Scope(s["element_code"], s["unit_code"], s.get("round_id")) for s in found.scopes or ()
        ),
    )


def principal_of_user(user: User) -> Principal:
    return Principal(
        kind="user",
        id=user.id,
        name=user.username,
        full_name=user.full_name,
        roles=frozenset(user.roles),
        unit_id=user.unit_id,
        unit_code=user.unit.code if user.unit else None,
        unit_name_vi=user.unit.name_vi if user.unit else None,
        must_change_password=user.must_change_password,
    )


async def change_own_password(
    *,
    session: AsyncSession,
    reads: SessionFactory,
    settings: Settings,
    user_id: int,
    current_password: str,
    new_password: str,
    address: str,
) -> IssuedTokens:
    """A signed-in user changes their own password (the current one is required, and guessing it
    is throttled as sign-in is). Every session of the account ends; the caller gets a new pair.
    Clears a pending forced change."""
    async with reads() as read:
        username = await read.scalar(select(User.username).where(User.id == user_id))
    if username is None:
        raise Unauthorized("auth.invalid_token")
    PasswordRules.of(settings).check(new_password, username=username, field="new_password")
    new_hash = await hash_secret(new_password)  # before the first write: no lock held meanwhile
    found, valid, failures = await _checked(
        session=session,
        reads=reads,
        settings=settings,
        keys=_throttle_keys(settings, username, address),
        code="auth.too_many_attempts",
        lookup=select(User.id, User.password_hash, User.is_active).where(User.id == user_id),
        secret=current_password,
    )
    user = await session.get(User, user_id)
    if found is None or user is None or not user.is_active:
        raise Unauthorized("auth.invalid_token")
    if not valid or not _current(found, user.is_active, user.password_hash):
        session.add(LoginFailure(username=username, address=address))
        raise Invalid("password.current_wrong", field="current_password", commit=True)
    if new_password == current_password:
        raise Invalid("password.same", field="new_password")
    if failures:
        await session.execute(delete(LoginFailure).where(LoginFailure.username == username))
    was_forced = user.must_change_password
    user.password_hash = new_hash
    user.must_change_password = False
    user.password_expires_at = None
    await _revoke_sessions(session, user.id)
    await audit.record(
        session=session,
        action="user.password_change",
        object_type="user",
        object_id=user.username,
        before={"must_change_password": was_forced},
        after={"password": "changed", "must_change_password": False},
    )
    return await _issue_pair(
        session=session, settings=settings, user=user, family_id=str(uuid.uuid4())
    )


async def _revoke_sessions(session: AsyncSession, user_id: int) -> None:
    """End every session of an account (its refresh tokens; access tokens run out on their own)."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


# --- account administration (admin) -----------------------------------------------------------


async def _unit_by_code(session: AsyncSession, code: str | None, field_name: str) -> Unit | None:
    if code is None:
        return None
    unit = await session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise Invalid("unit.unknown", field=field_name, code=code)
    return unit


def unit_role_problem(
    roles: Iterable[Role], unit: Unit | None
) -> tuple[str, dict[str, str]] | None:
    """What is wrong with giving ``roles`` to an account of ``unit``: a message code and its
    params, or None."""
    for role in roles:
        if role in UNIT_ROLES and unit is None:
            return "user.unit_required", {"role": role.value}
        # An agency's staff member pushes the figures of the agency they belong to.
        if role is Role.provider and (unit is None or not unit.is_provider):
            return "user.provider_unit", {}
    return None


def _check_unit_roles(roles: Iterable[Role], unit: Unit | None) -> None:
    problem = unit_role_problem(roles, unit)
    if problem is not None:
        raise Invalid(problem[0], field="unit_code", **problem[1])


@dataclass(frozen=True)
class UserFilter:
    """What the users list is narrowed to: part of the username, name or e-mail; a role held;
    a unit; active or not."""

    q: str | None = None
    role: Role | None = None
    unit_code: str | None = None
    is_active: bool | None = None


def _users_query(where: UserFilter) -> Select[User]:
    query = select(User)
    if where.q and where.q.strip():
        text = where.q.strip().lower()
        query = query.where(
            func.lower(User.username).contains(text, autoescape=True)
            | func.lower(User.full_name).contains(text, autoescape=True)
            | func.lower(func.coalesce(User.email, "")).contains(text, autoescape=True)
        )
    if where.role is not None:
        query = query.where(
            select(UserRole.user_id)
            .where(UserRole.user_id == User.id, UserRole.role == where.role)
            .exists()
        )
    if where.unit_code is not None:
        query = query.join(Unit, Unit.id == User.unit_id).where(Unit.code == where.unit_code)
    if where.is_active is not None:
        query = query.where(User.is_active.is_(where.is_active))
    return query


async def list_users(
    *, session: AsyncSession, limit: int, offset: int, where: UserFilter | None = None
) -> tuple[list[User], int]:
    """Users, ordered by username, narrowed by ``where``."""
    query = _users_query(where or UserFilter())
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(User.username).limit(limit).offset(offset))
    return list(rows), total


async def get_user(*, session: AsyncSession, username: str) -> User:
    """A user by username, or 404."""
    user = await session.scalar(select(User).where(User.username == username.lower()))
    if user is None:
        raise NotFound("user.not_found", username=username)
    return user


@dataclass(frozen=True)
class NewPassword:
    """A password about to be set by an admin: its hash, the temporary password to show once
    (None when the admin chose the password), and until when it signs in."""

    password_hash: str
    temporary: str | None
    expires_at: dt.datetime | None
    must_change: bool


async def new_password(
    rules: PasswordRules | None, username: str, chosen: str | None = None
) -> NewPassword:
    """The password an admin gives an account: ``chosen`` (checked against the rules) or a random
    temporary one. Either must be changed at the first sign-in (the admin knows it) and expires
    after ``rules.temporary_days``. ``rules=None`` is the seed's demo accounts only: their shared
    demo password skips the rules on purpose and needs no change (never in production)."""
    if rules is None:
        assert chosen is not None, "a seeded account has its password"
        return NewPassword(await hash_secret(chosen), None, None, must_change=False)
    expires = utcnow() + dt.timedelta(days=rules.temporary_days)
    if chosen is not None:
        rules.check(chosen, username=username, field="password")
        return NewPassword(await hash_secret(chosen), None, expires, must_change=True)
    temporary = new_temporary_password()
    hashed = await to_thread.run_sync(hash_temporary_password, temporary)
    return NewPassword(hashed, temporary, expires, must_change=True)


async def create_user(
    *,
    session: AsyncSession,
    username: str,
    full_name: str,
    roles: Sequence[Role],
    unit_code: str | None,
    email: str | None,
    rules: PasswordRules | None,
    password: str | None = None,
) -> tuple[User, NewPassword]:
    """A new active user with the password an admin chose or a temporary one (``new_password``);
    returns it with that password (its temporary text is shown to the admin once)."""
    username = username.strip().lower()
    given = await new_password(rules, username, password)  # before the first statement
    if await session.scalar(select(User.id).where(User.username == username)):
        raise Conflict("user.username_taken", username=username)
    unit = await _unit_by_code(session, unit_code, "unit_code")
    _check_unit_roles(roles, unit)
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        password_hash=given.password_hash,
        must_change_password=given.must_change,
        password_expires_at=given.expires_at,
        unit_id=unit.id if unit else None,
        role_rows=[UserRole(role=r) for r in sorted(set(roles))],
    )
    session.add(user)
    await session.flush()
    await session.refresh(user, ["unit"])
    await audit.record(
        session=session,
        action="user.create",
        object_type="user",
        object_id=user.username,
        after=_user_snapshot(user),
    )
    return user, given


def _user_snapshot(user: User) -> dict[str, Any]:
    """What the audit trail keeps of an account (never its password or hash)."""
    return {
        "full_name": user.full_name,
        "email": user.email,
        "roles": [r.value for r in user.roles],
        "unit_code": user.unit.code if user.unit else None,
        "is_active": user.is_active,
        "must_change_password": user.must_change_password,
    }


def _update_action(changes: dict[str, Any]) -> str:
    """Disabling and enabling an account read as such in the audit trail."""
    if set(changes) == {"is_active"}:
        return "user.enable" if changes["is_active"] else "user.disable"
    return "user.update"


async def update_user(
    *,
    session: AsyncSession,
    username: str,
    changes: dict[str, Any],
    rules: PasswordRules,
) -> User:
    """Change a user's name, e-mail, roles, unit or active flag, or give them a password of the
    admin's choice (checked against the rules, to be changed at the next sign-in)."""
    # Hashed before the first statement, so the write lock is not held meanwhile.
    given = (
        await new_password(rules, username.strip().lower(), changes["password"])
        if changes.get("password")
        else None
    )
    user = await get_user(session=session, username=username)
    before = _user_snapshot(user)
    loses_admin = Role.admin in user.roles and (
        changes.get("is_active") is False
        or (changes.get("roles") is not None and Role.admin not in changes["roles"])
    )
    if loses_admin and user.is_active:
        other_admins = await session.scalar(
            select(func.count())
            .select_from(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.admin, User.is_active.is_(True), User.id != user.id)
        )
        if not other_admins:
            raise Conflict("user.last_admin", username=user.username)
    if "unit_code" in changes:
        unit = await _unit_by_code(session, changes["unit_code"], "unit_code")
        user.unit_id = unit.id if unit else None
    else:
        unit = user.unit
    roles = changes.get("roles")
    if roles is not None:
        user.role_rows = [UserRole(role=r) for r in sorted(set(roles))]
    _check_unit_roles(roles if roles is not None else user.roles, unit)
    for name in ("full_name", "email", "is_active"):
        if name in changes:
            setattr(user, name, changes[name])
    if given is not None:
        _set_password(user, given)
    if changes.get("is_active") is False or given is not None:
        await _revoke_sessions(session, user.id)
    await session.flush()
    await session.refresh(user, ["unit", "role_rows"])
    after = _user_snapshot(user)
    if given is not None:
        after["password"] = "changed"
    await audit.record(
        session=session,
        action=_update_action(changes),
        object_type="user",
        object_id=user.username,
        before=before,
        after=after,
    )
    return user


# --- provider API clients (admin) -------------------------------------------------------------


def is_expired(client: ApiClient, now: dt.datetime | None = None) -> bool:
    """Past its expiry (a client without one never expires)."""
    return client.expires_at is not None and client.expires_at <= (now or utcnow())


def _client_snapshot(client: ApiClient) -> dict[str, Any]:
    """What the audit trail keeps of a client (never its secret or hash)."""
    return {
        "name": client.name,
        "unit_code": client.unit.code if client.unit else None,
        "scopes": list(client.scopes),
        "is_active": client.is_active,
        "expires_at": client.expires_at.isoformat() if client.expires_at else None,
    }


def _set_password(user: User, given: NewPassword) -> None:
    user.password_hash = given.password_hash
    user.must_change_password = given.must_change
    user.password_expires_at = given.expires_at


async def reset_password(
    *, session: AsyncSession, username: str, rules: PasswordRules
) -> tuple[User, NewPassword]:
    """Give an account a new temporary password (shown to the admin once), to be changed at the
    next sign-in; every session of the account ends."""
    given = await new_password(rules, username.strip().lower())  # before the first statement
    user = await get_user(session=session, username=username)
    before = _user_snapshot(user)
    _set_password(user, given)
    await _revoke_sessions(session, user.id)
    await session.flush()
    after = {**_user_snapshot(user), "password": "reset"}
    await audit.record(
        session=session,
        action="user.password_reset",
        object_type="user",
        object_id=user.username,
        before=before,
        after=after,
    )
    return user, given


async def list_clients(
    *,
    session: AsyncSession,
    limit: int,
    offset: int,
    q: str | None = None,
    unit_code: str | None = None,
    is_active: bool | None = None,
) -> tuple[list[ApiClient], int]:
    """API clients, by client id, optionally filtered by part of the id or name, agency, state."""
    query = select(ApiClient)
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            func.lower(ApiClient.client_id).like(pattern) | func.lower(ApiClient.name).like(pattern)
        )
    if unit_code is not None:
        query = query.join(Unit, Unit.id == ApiClient.unit_id).where(Unit.code == unit_code)
    if is_active is not None:
        query = query.where(ApiClient.is_active.is_(is_active))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(ApiClient.client_id).limit(limit).offset(offset))
    return list(rows), total


async def get_client(*, session: AsyncSession, client_id: str, lock: bool = False) -> ApiClient:
    """A client by its id, or 404."""
    query = select(ApiClient).where(ApiClient.client_id == client_id)
    client = await session.scalar(query.with_for_update() if lock else query)
    if client is None:
        raise NotFound("client.not_found", client_id=client_id)
    return client


async def _provider_unit(session: AsyncSession, code: str) -> Unit:
    unit = await _unit_by_code(session, code, "unit_code")
    assert unit is not None
    if not unit.is_provider:
        raise Invalid("client.provider_unit", field="unit_code", code=code)
    return unit


async def _checked_scopes(
    session: AsyncSession, agency: Unit, scopes: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The scopes, each checked, without repeats, in a stable order: an element the agency
    supplies (in any framework version) or ``*``; a unit or ``*``; a round whose framework has
    that element. Every scope at fault is listed in one 422."""
    supplied = set(
        await session.scalars(
            select(DataElement.code).where(DataElement.provider_code == agency.code).distinct()
        )
    )
    unit_codes = set(await session.scalars(select(Unit.code)))
    round_ids = {s["round_id"] for s in scopes if s.get("round_id") is not None}
    in_round: dict[int, set[str]] = {}
    if round_ids:
        rows = await session.execute(
            select(Round.id, DataElement.code)
            .join(DataElement, DataElement.framework_id == Round.framework_id)
            .where(Round.id.in_(round_ids), DataElement.provider_code == agency.code)
        )
        found = set(await session.scalars(select(Round.id).where(Round.id.in_(round_ids))))
        in_round = {found_id: set() for found_id in found}
        for found_id, code in rows.all():
            in_round[found_id].add(code)
    errors: list[FieldError] = []
    kept: dict[tuple[str, str, int | None], dict[str, Any]] = {}
    for index, scope in enumerate(scopes):
        element, unit, round_id = scope["element_code"], scope["unit_code"], scope.get("round_id")
        at = f"scopes[{index}]"
        if element != "*" and element not in supplied:
            errors.append(
                FieldError(
                    f"{at}.element_code", "client.scope_element", code=element, unit=agency.code
                )
            )
        if unit != "*" and unit not in unit_codes:
            errors.append(FieldError(f"{at}.unit_code", "unit.unknown", code=unit))
        if round_id is not None:
            if round_id not in in_round:
                errors.append(FieldError(f"{at}.round_id", "round.not_found", id=round_id))
            elif element != "*" and element not in in_round[round_id]:
                errors.append(
                    FieldError(
                        f"{at}.element_code", "client.scope_round", code=element, id=round_id
                    )
                )
        kept[(element, unit, round_id)] = {
            "element_code": element,
            "unit_code": unit,
            "round_id": round_id,
        }
    if len(errors) == 1:  # one fault: the problem is named by it
        raise Invalid(errors[0].code, field=errors[0].field, **errors[0].params)
    if errors:
        raise validation_failed(errors)
    return [kept[key] for key in sorted(kept, key=lambda k: (k[0], k[1], k[2] or 0))]


def _future(expires_at: dt.datetime | None) -> dt.datetime | None:
    if expires_at is not None and expires_at <= utcnow():
        raise Invalid("client.expiry_past", field="expires_at")
    return expires_at


async def create_client(
    *,
    session: AsyncSession,
    client_id: str,
    name: str,
    unit_code: str,
    scopes: Sequence[dict[str, Any]],
    expires_at: dt.datetime | None = None,
    secret: str | None = None,
) -> tuple[ApiClient, str]:
    """A new provider client of an agency; returns it with its secret, which is shown only this
    once (only its hash is kept)."""
    secret = secret or new_opaque_token()
    secret_hash = await hash_secret(secret)  # before the first statement: no lock held
    if await session.scalar(select(ApiClient.id).where(ApiClient.client_id == client_id)):
        raise Conflict("client.id_taken", client_id=client_id)
    unit = await _provider_unit(session, unit_code)
    client = ApiClient(
        client_id=client_id,
        name=name,
        secret_hash=secret_hash,
        unit_id=unit.id,
        scopes=await _checked_scopes(session, unit, scopes),
        expires_at=_future(expires_at),
    )
    session.add(client)
    await session.flush()
    await session.refresh(client, ["unit"])
    await audit.record(
        session=session,
        action="client.create",
        object_type="api_client",
        object_id=client.client_id,
        after=_client_snapshot(client),
    )
    return client, secret


async def update_client(
    *, session: AsyncSession, client_id: str, changes: dict[str, Any]
) -> ApiClient:
    """Change a client's name, scopes, active flag (disable, enable) or expiry (``None``: never).
    Tokens it already holds stop working at once when it is disabled or expires (each request
    reads the client again)."""
    client = await get_client(session=session, client_id=client_id, lock=True)
    before = _client_snapshot(client)
    if changes.get("name") is not None:
        client.name = changes["name"]
    if changes.get("is_active") is not None:
        client.is_active = changes["is_active"]
    if "expires_at" in changes:
        client.expires_at = _future(changes["expires_at"])
    if changes.get("scopes") is not None:
        if client.unit is None:  # made before clients belonged to an agency
            raise Invalid("client.provider_unit", field="scopes", code="")
        client.scopes = await _checked_scopes(session, client.unit, changes["scopes"])
    await session.flush()
    after = _client_snapshot(client)
    if after != before:
        await audit.record(
            session=session,
            action=_client_update_action(before, after),
            object_type="api_client",
            object_id=client.client_id,
            before=before,
            after=after,
        )
    return client


def _client_update_action(before: dict[str, Any], after: dict[str, Any]) -> str:
    """``client.disable`` / ``client.enable`` when that is all that changed, else ``client.update``
    (the audit screen filters on the action)."""
    changed = {key for key in after if after[key] != before[key]}
    if changed == {"is_active"}:
        return "client.enable" if after["is_active"] else "client.disable"
    return "client.update"


async def rotate_client_secret(*, session: AsyncSession, client_id: str) -> tuple[ApiClient, str]:
    """A new secret for the client, returned this once; the old one stops working at once (tokens
    already granted with it run until they expire, at most ``client_token_minutes``)."""
    secret = new_opaque_token()
    secret_hash = await hash_secret(secret)  # before the first statement: no lock held
    client = await get_client(session=session, client_id=client_id, lock=True)
    client.secret_hash = secret_hash
    await session.flush()
    await audit.record(
        session=session,
        action="client.rotate_secret",
        object_type="api_client",
        object_id=client.client_id,
        after={"secret": "rotated"},
    )
    return client, secret
