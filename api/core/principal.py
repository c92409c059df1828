"""Who is calling: the roles of DESIGN.md § Users and roles, what each implies, and the caller
(a signed-in user or an agency's API client) as every service sees it.

This is the port every domain authorises against; ``api.auth`` is its adapter (accounts, tokens)
and hands the app an ``Authenticator`` (``app.state.authenticate``), so a router of any layer can
ask for a signed-in caller without importing the account tables.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from api.core.errors import Forbidden

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from api.core.settings import Settings


class Role(enum.StrEnum):
    """The roles of DESIGN.md § Users and roles."""

    admin = "admin"
    evaluator = "evaluator"
    approver = "approver"
    unit_editor = "unit_editor"
    unit_head = "unit_head"
    provider = "provider"
    viewer = "viewer"


# What a role may also do: an approver may do what an evaluator may, a head what an editor may.
IMPLIED_ROLES: dict[Role, frozenset[Role]] = {
    Role.admin: frozenset(Role) - {Role.provider},
    Role.approver: frozenset({Role.evaluator, Role.viewer}),
    Role.evaluator: frozenset({Role.viewer}),
    Role.unit_head: frozenset({Role.unit_editor}),
}
UNIT_ROLES = frozenset({Role.unit_editor, Role.unit_head})
# DIC's staff (Sở TT&TT, now Sở KH&CN): the evaluator role, which approver and admin imply.
DIC_ROLES: tuple[Role, ...] = (Role.evaluator,)


@dataclass(frozen=True)
class Scope:
    """What a provider client may push: one data element (or ``*``) for one unit (or ``*``), in
    one round (``round_id``) or in any (``None``)."""

    element_code: str
    unit_code: str
    round_id: int | None = None

    def allows(self, element_code: str, unit_code: str, round_id: int) -> bool:
        return (
            self.element_code in ("*", element_code)
            and self.unit_code in ("*", unit_code)
            and self.round_id in (None, round_id)
        )


@dataclass(frozen=True)
class Principal:
    """Who is calling: a signed-in user or a provider API client."""

    kind: str  # "user" | "client"
    id: int
    name: str
    full_name: str
    roles: frozenset[Role]
    unit_id: int | None = None
    unit_code: str | None = None
    unit_name_vi: str | None = None
    scopes: tuple[Scope, ...] = field(default=())
    # Signed in with a temporary password: may only change it (``api.deps``).
    must_change_password: bool = False

    @property
    def effective_roles(self) -> frozenset[Role]:
        implied: set[Role] = set(self.roles)
        for role in self.roles:
            implied |= IMPLIED_ROLES.get(role, frozenset())
        return frozenset(implied)

    def has_any_role(self, roles: Iterable[Role]) -> bool:
        return not self.effective_roles.isdisjoint(roles)

    def is_unit_staff(self, unit_code: str) -> bool:
        """A signed-in focal person or head of that unit (who alone may edit its answers)."""
        return (
            self.kind == "user"
            and self.unit_code == unit_code
            and self.has_any_role((Role.unit_editor,))
        )

    def may_push(self, element_code: str, unit_code: str, round_id: int) -> bool:
        return any(scope.allows(element_code, unit_code, round_id) for scope in self.scopes)


def require_roles(principal: Principal, roles: Sequence[Role]) -> None:
    """403 unless the principal holds (or is implied) one of ``roles``."""
    if not principal.has_any_role(roles):
        raise Forbidden("auth.forbidden_role", roles=", ".join(r.value for r in roles))


class Authenticator(Protocol):
    """Turns a bearer token into the caller (401 when it does not name an active one), in one
    statement: a write request reads it outside any transaction (``api.deps``)."""

    async def __call__(
        self, *, session: AsyncSession, settings: Settings, token: str
    ) -> Principal: ...
