"""HTML character references that lost their ampersand: "Iraq #39;s forces", "a  quot;spirit
of dialogue quot;".

Feeds and scraped archives (AG News among them) often escape a character twice and unescape it
once, or drop the "&", leaving "#39;" for an apostrophe and "quot;" for a quotation mark. The
tagger then reads "Iraq #39;s fledgling security forces" as a number and a sum of money, and
the possessive is lost. Before a line is split and parsed each remnant is read as the
character it stood for: an apostrophe joins the word before it ("Iraq's"), another character
keeps its place, and the word after it follows at once; spaces after that word pad the line
to its own length, so every offset still points into the original text.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

# named references seen without their "&"; others ("lt;", "gt;") come with it ("&lt;b&gt;")
_NAMED = frozenset({"quot", "apos", "amp"})
_REMNANT = re.compile(r"( ?)(?:(?<!&)#(\d{2,4})|(?<![&\w])([a-z]{3,4}));(\w*)")
_APOSTROPHES = frozenset("'’")
# markup escaped once too often: "militants &lt;b&gt;...&lt;/b&gt;" is read as blank
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]{0,9}(?:\s[^&]{0,80})?/?&gt;")


def _char(number: str | None, name: str | None) -> str | None:
    if number is not None:
        code = int(number)
        return chr(code) if 32 <= code < 0x2028 else None
    if name in _NAMED:
        return chr(name2codepoint[name])
    return None


def repair_remnants(line: str) -> str:
    """`line` with each remnant read as its character, and markup escaped as text
    ("&lt;b&gt;") blanked; the same length."""
    if ";" not in line:
        return line
    line = _ESCAPED_TAG.sub(lambda m: " " * len(m.group()), line)

    def one(m: re.Match[str]) -> str:
        lead, number, name, word = m.groups()
        char = _char(number, name)
        if char is None:
            return m.group()
        if char in _APOSTROPHES:
            lead = ""  # "Iraq #39;s" is "Iraq's"
        return lead + char + word + " " * (len(m.group()) - len(lead) - 1 - len(word))

    return _REMNANT.sub(one, line)
