"""Password hashing (Argon2 via pwdlib), JWT access tokens (python-jose, algorithm pinned on
decode) and opaque random tokens stored only as their SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from typing import Any

from jose import JWTError, jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

_password_hash = PasswordHash((Argon2Hasher(),))
# Verifying against a hash of nothing keeps unknown usernames as slow as wrong passwords.
_DUMMY_HASH = _password_hash.hash(secrets.token_urlsafe(16))


class TokenError(Exception):
    """The token is malformed, expired, of the wrong type or signed with another key."""


def hash_password(password: str) -> str:
    """An Argon2 hash of ``password``."""
    return _password_hash.hash(password)


# Temporary passwords are random (about 79 bits, api.auth.passwords): guessing one offline is
# hopeless at any hashing cost, so they get a light Argon2id (a few milliseconds instead of a
# good part of a second), and an import of 400 accounts is hashed in seconds. ``verify_password``
# reads the parameters from the hash itself.
_temporary_hash = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8192, parallelism=1),))


def hash_temporary_password(password: str) -> str:
    """A light Argon2id hash, for random temporary passwords only (never a chosen one)."""
    return _temporary_hash.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Whether ``password`` matches; constant work when there is no hash to check."""
    if password_hash is None:
        _password_hash.verify(password, _DUMMY_HASH)
        return False
    try:
        return _password_hash.verify(password, password_hash)
    except Exception:  # a malformed stored hash must read as "no", not as a 500
        return False


def create_access_token(
    *,
    subject: str,
    kind: str,
    secret_key: str,
    algorithm: str,
    lifetime: dt.timedelta,
    now: dt.datetime | None = None,
    claims: dict[str, Any] | None = None,
) -> str:
    """A signed, short-lived JWT for a user (``kind="user"``) or an API client (``"client"``)."""
    issued = now or dt.datetime.now(dt.UTC)
    payload: dict[str, Any] = {
        "sub": subject,
        "typ": "access",
        "knd": kind,
        "iat": int(issued.timestamp()),
        "exp": int((issued + lifetime).timestamp()),
        "jti": uuid.uuid4().hex,
        **(claims or {}),
    }
    return str(jwt.encode(payload, secret_key, algorithm=algorithm))


def decode_access_token(token: str, *, secret_key: str, algorithm: str) -> dict[str, Any]:
    """The claims of a valid access token; raises ``TokenError`` otherwise. A token must say when
    it expires (``exp``): one without would be valid for ever."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token, secret_key, algorithms=[algorithm], options={"require_exp": True}
        )
    except JWTError as exc:
        raise TokenError(str(exc)) from exc
    if claims.get("typ") != "access" or claims.get("knd") not in ("user", "client"):
        raise TokenError("not an access token")
    if not isinstance(claims.get("sub"), str):
        raise TokenError("no subject")
    return claims


def new_opaque_token() -> str:
    """A random URL-safe token with 256 bits of entropy."""
    return secrets.token_urlsafe(32)


def sha256_hex(value: str) -> str:
    """Hex SHA-256 of a token, which is all the database keeps of it."""
    return hashlib.sha256(value.encode()).hexdigest()
