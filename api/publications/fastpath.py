"""The fast path of the public results: bytes already in this worker's cache are answered before
routing.

FastAPI matches a request against every route in turn and resolves the endpoint's parameters; for
the most read endpoint of the system, serving unchanging bytes, that costs more than the answer.
This middleware recognises ``GET /api/v1/public/rounds/{id}/results[.csv|.xlsx][?version=N]``
and, when ``PublicCache.peek`` has the bytes, answers with the very response the route would build
(``Served.answer``: the same status, headers and body as the route). Anything else (a
miss, another query, a malformed id) goes on to the route, which validates, reads the database and
fills the cache. It sits inside the request-id, metrics and CORS middleware, so those still apply.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from starlette.types import ASGIApp, Receive, Scope, Send

from api.publications.public import PublicCache
from api.publications.public_router import LATEST_CACHE, VERSION_CACHE

_KINDS = {"": "json", ".csv": "csv", ".xlsx": "xlsx"}
_VERSION = re.compile(rb"^version=([1-9][0-9]{0,8})$")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


class PublicResultsFastPath:
    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.path = re.compile(
            rf"^{re.escape(prefix)}/public/rounds/([1-9][0-9]{{0,8}})/results(\.csv|\.xlsx)?$"
        )
        self.routes = {
            suffix: SimpleNamespace(path=f"{prefix}/public/rounds/{{round_id}}/results{suffix}")
            for suffix in _KINDS
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            match = self.path.match(scope["path"])
            if match is not None:
                query: bytes = scope.get("query_string", b"")
                version_match = _VERSION.match(query) if query else None
                if not query or version_match is not None:
                    version = int(version_match.group(1)) if version_match else None
                    cache: PublicCache = scope["app"].state.public_cache
                    served = cache.peek(int(match.group(1)), version)
                    if served is not None:
                        suffix = match.group(2) or ""
                        scope["route"] = self.routes[suffix]  # the metrics' route label
                        status, head, body = served.answer(
                            _KINDS[suffix],
                            LATEST_CACHE if version is None else VERSION_CACHE,
                            _header(scope, b"if-none-match"),
                        )
                        await send(
                            {"type": "http.response.start", "status": status, "headers": head}
                        )
                        await send({"type": "http.response.body", "body": body})
                        return
        await self.app(scope, receive, send)
