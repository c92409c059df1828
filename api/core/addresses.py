"""The client's address behind trusted reverse proxies (``DTI_TRUSTED_PROXIES``).

``X-Forwarded-For`` is a list each proxy appends to; only the entries our own proxies wrote can be
believed. Starting from the peer, walk the list from the right while the address seen is one of
our proxies: the first one that is not is the client. From an untrusted peer the header is
ignored (anyone may send it). Uvicorn's ``forwarded_allow_ips`` does the same with the same list
(``python -m api serve`` passes it), so an address it already rewrote is simply kept.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from starlette.requests import HTTPConnection

from api.core.settings import IPNetwork

UNKNOWN = "unknown"
MAX_LENGTH = 64  # what the throttling table keeps


def _trusted(address: str, networks: Sequence[IPNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def forwarded_chain(values: Iterable[str]) -> list[str]:
    """The addresses of every ``X-Forwarded-For`` header, in order (the nearest proxy last)."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def client_address(connection: HTTPConnection, networks: Sequence[IPNetwork]) -> str:
    """Who is calling, as far as our proxies can tell (see the module docstring)."""
    address = connection.client.host if connection.client else UNKNOWN
    if networks and _trusted(address, networks):
        for hop in reversed(forwarded_chain(connection.headers.getlist("x-forwarded-for"))):
            address = hop
            if not _trusted(hop, networks):
                break
    return address[:MAX_LENGTH]
