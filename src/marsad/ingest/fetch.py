"""GET a web page into memory: httpx, with timeouts, a size cap while streaming, redirects.

The one network primitive of the ingest stage: the URL reader and the feed reader (for
ReadOptions.fetch_links) both fetch through it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from marsad.errors import InputError
from marsad.ingest.decode import over_limit
from marsad.ingest.options import ReadOptions

USER_AGENT = "marsad/0.1 (+https://github.com/marsad)"


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    content_type: str  # as the server sent it, parameters included
    charset: str | None
    body: bytes


def fetch(url: str, options: ReadOptions) -> Page:
    """GET a URL into memory. Raises InputError with a one-line reason on any failure."""
    waited = f"timed out after {options.timeout_s:g} s"
    # The timeout bounds each connect and read; the deadline bounds a slow trickle too.
    deadline = time.monotonic() + options.timeout_s
    try:
        with (
            httpx.Client(
                timeout=options.timeout_s,
                follow_redirects=True,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise InputError(url, over_limit("page", int(declared), options.max_bytes))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise InputError(url, over_limit("page", None, options.max_bytes))
                if time.monotonic() > deadline:
                    raise InputError(url, waited)
                chunks.append(chunk)
            return Page(
                url=str(response.url),
                content_type=response.headers.get("Content-Type", ""),
                charset=response.charset_encoding,
                body=b"".join(chunks),
            )
    except httpx.TimeoutException:
        raise InputError(url, waited) from None
    except httpx.TooManyRedirects:
        raise InputError(url, "too many redirects") from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise InputError(url, f"cannot fetch: {error or type(error).__name__}") from None
