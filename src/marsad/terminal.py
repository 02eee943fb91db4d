"""Text from the inputs (titles, articles, file names, reasons), made safe for a terminal.

Everything the CLI prints that came from an input goes through `shown`: an ESC in an
article must not clear the screen, retitle the window or plant a link, a newline in a
file name must not forge a second line of an error report, and a bidi override must not
reorder what follows it. Such characters are shown as codes (\\x1b, <U+202E>), so a
reader sees that they were there. Stored text has them removed already (clean stage);
this also covers stores written before that, file names and error reasons.
"""

from __future__ import annotations

import json
from typing import Any

from rich.markup import escape

from marsad.characters import BIDI_CONTROLS, CONTROLS, DEL_AND_C1

_CONTROLS = {code: f"\\x{code:02x}" for code in CONTROLS}
_BIDI = {code: f"<U+{code:04X}>" for code in BIDI_CONTROLS}
_ONE_LINE = _CONTROLS | {0x0A: "\\x0a"} | _BIDI
_MANY_LINES = _CONTROLS | _BIDI


def shown(text: str, *, lines: bool = False) -> str:
    """`text` for rich's console: markup escaped, control and bidi-override characters
    shown as codes. A newline is kept only with `lines` (an article's paragraphs)."""
    return escape(text.translate(_MANY_LINES if lines else _ONE_LINE))


# In JSON, the same characters as \uXXXX escapes: the line means the same to a parser
# (json.dumps already escapes C0), and the terminal sees no raw C1 or bidi control.
_JSON_ESCAPED = {code: f"\\u{code:04x}" for code in (*DEL_AND_C1, *BIDI_CONTROLS)}


def json_line(value: Any) -> str:
    """value as one line of JSON for a terminal: non-ASCII text kept readable (Arabic stays
    Arabic), control and bidi-override characters escaped."""
    return json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPED)
