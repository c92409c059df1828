"""The current request's id and actor, readable anywhere (logs, problem documents, audit events)."""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a user, an API client, or the system (seed, jobs)."""

    name: str
    kind: str  # "user" | "client" | "system"


SYSTEM = Actor("system", "system")

# Who is acting in this request: set once where the caller is authenticated (api.deps), read by
# every audit record; like the request id, it belongs to the request, not to each service call.
_actor: ContextVar[Actor] = ContextVar("actor", default=SYSTEM)


def set_actor(actor: Actor) -> None:
    """Declare who acts for the rest of the current request (or task)."""
    _actor.set(actor)


def current_actor() -> Actor:
    """The actor of the current request; ``SYSTEM`` outside requests (seed, jobs)."""
    return _actor.get()
