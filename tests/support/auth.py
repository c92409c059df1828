"""Bearer headers for the demo accounts and clients, minted as the app would issue them.

Signing in over HTTP verifies an Argon2 hash (a few hundred milliseconds each); tests whose
subject is not signing in get their access token straight from ``create_access_token``, with the
claims ``api.auth.service`` puts in one. tests/auth signs in for real.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiClient, User
from api.core.security import create_access_token
from api.core.settings import Settings

DEMO_PASSWORD = "demo12345"

Headers = dict[str, str]


def bearer(token: str) -> Headers:
    return {"Authorization": f"Bearer {token}"}


@dataclass(frozen=True)
class Tokens:
    """Access tokens for the accounts of the test database, signed with the app's settings."""

    session: AsyncSession
    settings: Settings

    async def user(self, username: str) -> Headers:
        """Headers of a signed-in user (as after ``POST /auth/token``)."""
        user_id = await self.session.scalar(select(User.id).where(User.username == username))
        assert user_id is not None, f"no user {username}"
        return bearer(self._token(str(user_id), "user", self.settings.access_token_minutes))

    async def client(self, client_id: str) -> Headers:
        """Headers of a provider client (as after ``POST /auth/client-token``)."""
        row_id = await self.session.scalar(
            select(ApiClient.id).where(ApiClient.client_id == client_id)
        )
        assert row_id is not None, f"no API client {client_id}"
        return bearer(self._token(str(row_id), "client", self.settings.client_token_minutes))

    def _token(self, subject: str, kind: str, minutes: int) -> str:
        return create_access_token(
            subject=subject,
            kind=kind,
            secret_key=self.settings.secret_key,
            algorithm=self.settings.jwt_algorithm,
            lifetime=dt.timedelta(minutes=minutes),
        )
