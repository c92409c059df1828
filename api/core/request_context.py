"""The current request's id, readable anywhere (logs, problem documents, audit events)."""

from __future__ import annotations

from contextvars import ContextVar, Token

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The X-Request-ID of the request being served, if any."""
    return _request_id.get()


def set_request_id(value: str | None) -> Token[str | None]:
    """Bind a request id to the current context; returns the token to reset it."""
    return _request_id.set(value)


def reset_request_id(token: Token[str | None]) -> None:
    """Undo ``set_request_id``."""
    _request_id.reset(token)
