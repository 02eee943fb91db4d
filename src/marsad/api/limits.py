"""The request body cap: a client cannot make the server hold more than this in memory.

A body that says it is too long (Content-Length) is refused before a byte of it is read; one
without a length (chunked) is counted as it arrives and refused when it passes the cap.
"""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024  # an ingest request is a URL: 10 MB is plenty


class BodyTooLarge(HTTPException):
    """Raised from receive(): FastAPI answers it as the 413 it is, wherever the body is read."""

    def __init__(self, limit: int) -> None:
        # Connection: close, so the server stops reading the rest of the body.
        super().__init__(
            413,
            f"the request body is over the {limit:,}-byte limit",
            headers={"Connection": "close"},
        )


class BodyLimit:
    """Pure ASGI middleware: 413 for a request body over max_bytes."""

    def __init__(self, app: ASGIApp, *, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _refuse(BodyTooLarge(self.max_bytes), scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge as error:
            # A part of the app that reads the body outside a route: answer here if we can.
            if started:
                raise
            await _refuse(error, scope, receive, send)


async def _refuse(error: BodyTooLarge, scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse(
        {"detail": error.detail}, status_code=error.status_code, headers=error.headers
    )
    await response(scope, receive, send)
