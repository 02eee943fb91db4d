"""One spelling per URL, so the same article found by two routes is stored once.

A feed gives `https://Site.com/a/كردستان`, the page's canonical link gives the same path
percent-encoded, a crawler adds `#comments` or `:443`: all name one article.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port or fragment, path decoded to readable form.

    Anything that does not parse as an http(s) URL is returned unchanged.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return url
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    path = unquote(parts.path) or "/"
    return urlunsplit((scheme, host, path, parts.query, ""))
