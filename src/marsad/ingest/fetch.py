"""GET a web page into memory: httpx, with timeouts, a size cap while streaming, redirects.

The one network primitive of the ingest stage: the URL reader and the feed reader (for
ReadOptions.fetch_links) both fetch through it.

A URL may come from a client of the API, so where it leads is checked before any connection:
every hop's host (the first and each redirect) is resolved here, and unless
ReadOptions.allow_private_urls is set, a host with any loopback, private, link-local,
multicast, reserved or unspecified address is refused. The request then goes to an address
that was checked, with the URL's host kept in the Host header and as the TLS server name, so
a DNS answer that changes between the check and the connection cannot reach the inside.
Behind a proxy from the environment the proxy resolves the name itself: the check is made,
but the connection cannot be held to the checked address.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.request
from dataclasses import dataclass

import httpx

from marsad.errors import InputError
from marsad.ingest.decode import over_limit
from marsad.ingest.options import ReadOptions

USER_AGENT = "marsad/0.1 (+https://github.com/marsad)"
MAX_REDIRECTS = 10
WEB_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    content_type: str  # as the server sent it, parameters included
    charset: str | None
    body: bytes


def fetch(url: str, options: ReadOptions) -> Page:
    """GET a URL into memory. Raises InputError with a one-line reason on any failure."""
    waited = _timed_out(options)
    # The timeout bounds each connect and read; the deadline bounds a slow trickle too.
    deadline = time.monotonic() + options.timeout_s
    try:
        with httpx.Client(timeout=options.timeout_s, headers={"User-Agent": USER_AGENT}) as client:
            target = httpx.URL(url)
            # Redirects one hop at a time: each new host is checked before it is reached.
            for _ in range(MAX_REDIRECTS + 1):
                response = _get(client, target, url, options)
                try:
                    if not response.is_redirect:
                        return _page(response, target, url, options, deadline)
                    target = target.join(response.headers["Location"])
                finally:
                    response.close()
            raise InputError(url, "too many redirects")
    except httpx.TimeoutException:
        raise InputError(url, waited) from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise InputError(url, f"cannot fetch: {error or type(error).__name__}") from None


def is_public_address(address: IPAddress) -> bool:
    """Whether an address is on the public internet: not loopback, private, link-local,
    multicast, reserved or unspecified. An IPv4-mapped IPv6 address is judged as IPv4."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    # is_global is False for loopback, private, link-local, reserved, unspecified and shared
    # (100.64.0.0/10) addresses, but True for some multicast ones.
    return address.is_global and not address.is_multicast


def _get(
    client: httpx.Client, target: httpx.URL, source: str, options: ReadOptions
) -> httpx.Response:
    """The streamed response to a GET of target, sent to an address that passed the check."""
    if target.scheme not in WEB_SCHEMES or not target.raw_host:
        raise InputError(source, f"cannot fetch: {target.scheme}: is not http(s) with a host")
    if _proxy_for(target.scheme):
        # The proxy resolves the name and connects; the name is checked here all the same.
        if not options.allow_private_urls:
            _checked_addresses(target, source, options)
        return client.send(client.build_request("GET", target), stream=True)
    addresses = _checked_addresses(target, source, options)
    for address in addresses[:-1]:
        try:
            return client.send(_request_to(client, target, address), stream=True)
        except httpx.ConnectError:
            continue  # the next address, as a plain connect would try it
    return client.send(_request_to(client, target, addresses[-1]), stream=True)


def _checked_addresses(target: httpx.URL, source: str, options: ReadOptions) -> list[str]:
    """The addresses target's host resolves to; InputError if private ones are refused."""
    host = target.raw_host.decode("ascii")
    port = target.port or DEFAULT_PORTS[target.scheme]
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(source, f"cannot fetch: cannot resolve {host}: {reason}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not options.allow_private_urls:
        inside = [a for a in addresses if not is_public_address(ipaddress.ip_address(a))]
        if inside:
            raise InputError(
                source,
                f"refused: {host} resolves to a private or loopback address ({', '.join(inside)})",
            )
    return addresses


def _request_to(client: httpx.Client, target: httpx.URL, address: str) -> httpx.Request:
    """A GET of target connecting to address: the URL's host stays in Host and in TLS."""
    host = target.raw_host.decode("ascii")
    # The certificate is checked against the server name (SNI), not the address dialled.
    extensions = {} if _is_address(host) else {"sni_hostname": host}
    return client.build_request(
        "GET",
        target.copy_with(host=address),
        headers={"Host": target.netloc.decode("ascii")},
        extensions=extensions,
    )


def _proxy_for(scheme: str) -> str | None:
    # httpx reads its proxies from the same place (urllib's getproxies).
    proxies = urllib.request.getproxies()
    return proxies.get(scheme) or proxies.get("all")


def _timed_out(options: ReadOptions) -> str:
    return f"timed out after {options.timeout_s:g} s"


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _page(
    response: httpx.Response, target: httpx.URL, source: str, options: ReadOptions, deadline: float
) -> Page:
    if response.status_code >= 400:
        raise InputError(source, f"HTTP {response.status_code} {response.reason_phrase}")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise InputError(source, over_limit("page", int(declared), options.max_bytes))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise InputError(source, over_limit("page", None, options.max_bytes))
        if time.monotonic() > deadline:
            raise InputError(source, _timed_out(options))
        chunks.append(chunk)
    return Page(
        url=str(target),
        content_type=response.headers.get("Content-Type", ""),
        charset=response.charset_encoding,
        body=b"".join(chunks),
    )
