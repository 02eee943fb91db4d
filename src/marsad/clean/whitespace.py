"""Unicode and whitespace normalisation: the first thing done to any text."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters scrapers leave behind. ZWNJ/ZWJ (U+200C/U+200D) are kept on purpose:
# Persian and Kurdish spell words with them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but the newline: tabs, NBSP, thin spaces
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """NFC, one space between words, lines trimmed, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _LINE_BREAKS.sub("\n", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def normalise_line(text: str) -> str:
    """A one-line value (title, source): NFC and all whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_INVISIBLE).split())
