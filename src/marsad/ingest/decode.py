"""Bytes to text, in one place: size cap, binary sniffing, charset detection."""

from __future__ import annotations

import codecs
import os
import re

import charset_normalizer

from marsad.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 8192
_TEXT_CONTROLS = {8, 9, 10, 12, 13, 27}  # backspace, tab, LF, FF, CR, ESC occur in real text
_MAX_CONTROL_SHARE = 0.05
_MIN_COHERENCE = 0.05  # charset-normalizer's language fit: below this it is guessing
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)


def human_size(n: int) -> str:
    """52428800 -> "52.4 MB"; 20000000 -> "20 MB"."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def over_limit(what: str, size: int | None, max_bytes: int) -> str:
    if size is None:
        return f"{what} is over the {human_size(max_bytes)} limit"
    return f"{what} is {human_size(size)}, over the {human_size(max_bytes)} limit"


def read_capped(path: str, max_bytes: int) -> bytes:
    """A file's bytes; a file over the cap is rejected from its size, before reading."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise InputError(path, over_limit("file", size, max_bytes))
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(path, over_limit("file", None, max_bytes))
    return data


def check_text_bytes(data: bytes, origin: str) -> None:
    """Reject empty and binary input early, before any parser sees it."""
    if not data.strip():
        raise InputError(origin, "empty file")
    if not data.startswith(tuple(bom for bom, _ in _BOMS)) and looks_binary(data):
        raise InputError(origin, "binary file, not text")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB: not a text file."""
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * len(sample)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML <meta> or XML declaration names in the first bytes."""
    match = _DECLARED.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace")


def decode(data: bytes, origin: str, declared: str | None = None) -> str:
    """Text from bytes: BOM, then UTF-8, then the declared charset, then detection.

    Raises InputError for empty, binary or undecodable input.
    """
    check_text_bytes(data, origin)
    text = _decode(data, origin, declared)
    if not text.strip():
        raise InputError(origin, "empty file")
    return text


def _decode(data: bytes, origin: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(origin, f"cannot decode as text ({encoding} BOM)") from None
    # UTF-8 before the declaration: bytes that are valid UTF-8 are UTF-8 whatever a page
    # claims, while a legacy declaration (windows-1256) would "decode" them into mojibake.
    for candidate in ("utf-8", declared):
        if candidate:
            try:
                return data.decode(candidate)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration is common; detect instead
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.coherence < _MIN_COHERENCE:
        raise InputError(origin, "cannot decode as text")
    return str(best)
