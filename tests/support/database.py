"""The test database: where it is and how its schema is made."""

from __future__ import annotations

from alembic.config import Config
from sqlalchemy.engine import Connection

from api.core.settings import PROJECT_DIR


def async_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs (as .ci/run passes) and use the asyncpg driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["configure_logger"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config
