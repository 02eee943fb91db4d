"""Security: response headers (CSP and friends) and the bearer token for writes.

The dashboard renders article text, which is untrusted: the CSP allows scripts from this
app only (no inline script, no eval, no other origin), so even a rendering bug could not run
an article's <script>. Writes are off unless the operator set a token.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def tile_origin(tile_url: str | None) -> str | None:
    """The origin (scheme://host[:port]) of an XYZ tile template, for img-src."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    # A {s} subdomain template can hit a.tile..., b.tile...: allow the parent's subdomains.
    host = parts.netloc
    if "{s}" in tile_url.split("//", 1)[-1].split("/", 1)[0]:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def content_security_policy(image_origins: Iterable[str] = (), *, docs: bool = False) -> str:
    images = " ".join(["'self'", "data:", *image_origins])
    # Swagger UI (at /docs only, never article text) sets inline styles.
    styles = "'self' 'unsafe-inline'" if docs else "'self'"
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            f"style-src {styles}",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        )
    )


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware) adding the headers above."""

    def __init__(self, app: ASGIApp, *, tile_url: str | None = None) -> None:
        self.app = app
        origin = tile_origin(tile_url)
        origins = [origin] if origin else []
        self._headers = _encoded(content_security_policy(origins))
        self._docs_headers = _encoded(content_security_policy(origins, docs=True))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self._docs_headers if scope["path"].startswith("/docs") else self._headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _encoded(csp: str) -> list[tuple[bytes, bytes]]:
    headers = {
        "content-security-policy": csp,
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
    }
    return [(k.encode(), v.encode()) for k, v in headers.items()]


_bearer = HTTPBearer(
    auto_error=False,
    description="the token `marsad serve` was given (--token-file, MARSAD_API_TOKEN)",
)

# Every other method may change the store; the API serves no CORS preflight (OPTIONS).
READ_METHODS = frozenset({"GET", "HEAD"})


def write_refusal(expected: str | None, given: str) -> HTTPException | None:
    """Why a write carrying the bearer token `given` is refused; None when it may go ahead."""
    if not expected:
        return HTTPException(
            403,
            "writes are disabled: the server was started without a token "
            "(--token-file or MARSAD_API_TOKEN)",
        )
    # compare_digest: the time taken does not tell how much of a guess was right.
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        return HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return None


def require_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Allow a write only with the operator's token; without a configured token, never.

    WriteGate has refused a bad token before the body was read; this keeps each write
    route guarded on its own, and lists the bearer scheme in the OpenAPI document."""
    refusal = write_refusal(
        request.app.state.token, credentials.credentials if credentials is not None else ""
    )
    if refusal is not None:
        raise refusal


class WriteGate:
    """Pure ASGI middleware: a write without the operator's token is answered from its
    headers alone, before the app runs, so the body of a refused request is never read (a
    route would read and parse the whole body before its dependencies run)."""

    def __init__(self, app: ASGIApp, *, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        scheme, given = get_authorization_scheme_param(Headers(scope=scope).get("authorization"))
        refusal = write_refusal(self.token, given if scheme.lower() == "bearer" else "")
        if refusal is None:
            await self.app(scope, receive, send)
            return
        # Connection: close, so the server does not go on to read the body it refused.
        headers = {**(refusal.headers or {}), "Connection": "close"}
        response = JSONResponse(
            {"detail": refusal.detail}, status_code=refusal.status_code, headers=headers
        )
        await response(scope, receive, send)
