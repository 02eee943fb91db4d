"""Unicode and whitespace normalisation: the first thing done to any text."""

from __future__ import annotations

import re
import unicodedata

from marsad.characters import BIDI_CONTROLS, CONTROLS

# Invisible characters scrapers leave behind. ZWNJ/ZWJ (U+200C/U+200D) are kept on purpose:
# Persian and Kurdish spell words with them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
# Control characters have no place in an article: ESC starts a terminal escape sequence,
# the rest are debris. Tab and newline are kept (tabs then become spaces); the other line
# breaks (CR, VT, FF, NEL) have been made newlines before this applies.
# The noncharacters U+FFFE and U+FFFF are no text either (the store relies on U+FFFF being
# absent: store/engine.py).
_CONTROLS = dict.fromkeys((*CONTROLS, 0xFFFE, 0xFFFF), None)
# Bidi embeddings, overrides and isolates reorder what follows them on screen ("Trojan
# source"): kept out of one-line values such as titles. The marks (LRM, RLM, ALM) only
# set a direction and stay, as they do in article text, where Arabic and Persian use them.
_BIDI_CONTROLS = dict.fromkeys(BIDI_CONTROLS, None)
# In a one-line value a control character becomes a space ("Title\rMore": two words).
_LINE_STRIP = _INVISIBLE | dict.fromkeys(_CONTROLS, " ") | _BIDI_CONTROLS
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but the newline: tabs, NBSP, thin spaces
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """NFC, one space between words, lines trimmed, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _LINE_BREAKS.sub("\n", text).translate(_CONTROLS)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def normalise_line(text: str) -> str:
    """A one-line value (title, source): NFC, all whitespace collapsed, and no control
    or bidi-override character left."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_LINE_STRIP).split())
