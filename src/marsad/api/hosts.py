"""The Host check: the server answers only to the names it is served under.

A web page elsewhere can point a name of its own at 127.0.0.1 (DNS rebinding) and make the
visitor's browser read this server as if it were that site; the browser then sends that
site's name as Host. Refusing names the operator did not list closes that door. Loopback
names are always allowed: a browser sends them only for a page of this very server.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
HOSTS_VARIABLE = "MARSAD_ALLOWED_HOSTS"  # comma separated, for `marsad serve` and its workers
REFUSED = (
    "unknown Host: this server answers only to the names it was started with "
    "(marsad serve --allowed-host NAME)"
)


def host_names_from_environment() -> list[str]:
    """The names in MARSAD_ALLOWED_HOSTS (comma separated; blanks ignored)."""
    return [name.strip() for name in os.environ.get(HOSTS_VARIABLE, "").split(",") if name.strip()]


def host_name(value: str) -> str:
    """The name in a Host header or an --allowed-host: no port, no IPv6 brackets, no final
    dot, lower case ("[::1]:8000" -> "::1", "Example.org.:80" -> "example.org")."""
    name = value.strip().lower()
    if name.startswith("["):
        name = name[1:].partition("]")[0]
    elif name.count(":") == 1:  # more than one: an IPv6 address without a port
        name = name.partition(":")[0]
    return name.rstrip(".")


class AllowedHosts:
    """Pure ASGI middleware: 400 for a request whose Host is not one of the names (any port).

    A name "*.example.org" allows every subdomain of example.org; "*" allows any Host (for a
    proxy in front that checks it already)."""

    def __init__(self, app: ASGIApp, *, names: Iterable[str] = ()) -> None:
        self.app = app
        listed = {host_name(name) for name in (*LOOPBACK_NAMES, *names)}
        self.any = "*" in listed
        self.suffixes = tuple(name[1:] for name in listed if name.startswith("*."))
        self.names = frozenset(name for name in listed if not name.startswith("*"))

    def allows(self, header: str) -> bool:
        name = host_name(header)
        if not name:
            return self.any
        return self.any or name in self.names or name.endswith(self.suffixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The app has no WebSocket routes; lifespan events carry no Host.
        if scope["type"] != "http" or self.allows(Headers(scope=scope).get("host", "")):
            await self.app(scope, receive, send)
            return
        response = JSONResponse({"detail": REFUSED}, status_code=400)
        await response(scope, receive, send)
