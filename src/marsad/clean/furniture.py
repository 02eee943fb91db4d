"""Site furniture: what a scraper copies along with an article that is not the article.

General rules, applied to normalised text (see whitespace.normalise):

- a title line repeated at the start ("doubled title") is removed; if no title was given,
  a line that appears twice at the start becomes the title;
- a first line that is only "<site> – <place>" (a site dateline such as "Baghdad today –
  Baghdad": 1–4 words each side of a spaced dash, no sentence punctuation) is removed and
  names the source. The place is dropped: it is repeated in the body when it matters;
- a lead-in that names the outlet inside the first sentence ("Shafaq News / ...",
  "BAGHDAD, Jan 6 (Reuters) - ...") stays in the text and only hints at the source;
- navigation, sharing and copyright lines at either end (patterns in data/furniture.yaml)
  and short lines repeated at the end ("Shafaq Live" twice) are removed;
- a bare URL at either end, glued to the end of the last sentence, or followed only by
  short lines (the next article's headline) becomes the document's URL.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from marsad.datafiles import load_data

_SENTENCE_END = tuple(".!?؟…\"”’»)'")
_SHORT_LINE = 60  # characters: longer lines are body text, never furniture
_TITLE_MAX = 300

_URL_LINE = re.compile(r"^(https?://\S+)(?:\s.*)?$")
_URL_GLUED_AT_END = re.compile(r"(?<=[.!?؟\"”’»)])\s*(https?://\S+)$")
# A headline glued to a URL: "…/3293433Next headline" or "…-تزايد-Next headline".
_GLUED_WORD = re.compile(
    r"(?:(?<=[0-9\u0080-\U0010ffff])|(?<=[\u0080-\U0010ffff]-))(?=[A-Z][a-z]{2,})"
)
_WORDS = r"[^\W\d_][\w'.&]*(?: [\w'.&]+){0,3}"  # 1-4 words, the first starting with a letter
_DATELINE = re.compile(rf"^(?P<site>{_WORDS}) [-–—] (?P<place>{_WORDS})$")
_SLASH_LEAD = re.compile(rf"^(?P<site>{_WORDS}) / \S")
_AGENCY_LEAD = re.compile(r"^[^()\n]{2,60}?\((?P<site>[^\W\d_][\w .&'-]{1,30})\) ?[-–—] \S")
_MARKDOWN_HEADING = re.compile(r"^#{1,6} +(?P<title>\S.*)$")
_TITLE_SUFFIX = re.compile(r"^\s*[-–—|:·•]\s*\S")


@dataclass(frozen=True, slots=True)
class Stripped:
    text: str
    title: str | None
    url: str | None
    source: str | None  # a hint: the outlet named in a dateline or lead-in


@dataclass(frozen=True, slots=True)
class _Patterns:
    anywhere: frozenset[str]
    edges: frozenset[str]
    edge_patterns: tuple[re.Pattern[str], ...]


@cache
def _patterns() -> _Patterns:
    raw = load_data("furniture.yaml")
    return _Patterns(
        anywhere=frozenset(_key(s) for s in raw.get("anywhere", [])),
        edges=frozenset(_key(s) for s in raw.get("edges", [])),
        edge_patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw.get("edge_patterns", [])),
    )


def strip_furniture(text: str, title: str | None = None) -> Stripped:
    """Split normalised text into body, title, URL and a source hint."""
    lines = [line for line in text.split("\n") if _key(line) not in _patterns().anywhere]
    urls: list[str] = []
    lines, title = _strip_start(lines, title, urls)
    lines, dateline_site = _strip_dateline(lines, title)
    lines = _strip_end(lines, urls)
    body = "\n".join(lines).strip()
    body = _BLANKS.sub("\n\n", body)
    if title is None:
        body, title = _headline(body)
    source = _lead_in_source(body) or dateline_site
    return Stripped(text=body, title=title, url=urls[0] if urls else None, source=source)


_BLANKS = re.compile(r"\n{3,}")


def _key(line: str) -> str:
    """The form furniture lines are compared in."""
    return line.strip().rstrip(":|»›>").strip().casefold()


def _is_edge_furniture(line: str) -> bool:
    key = _key(line)
    patterns = _patterns()
    return key in patterns.edges or any(p.match(line.strip()) for p in patterns.edge_patterns)


def _is_short(line: str) -> bool:
    return len(line) <= _SHORT_LINE and not line.endswith(_SENTENCE_END)


def _same_title(line: str, title: str) -> bool:
    """The line is the title, or the title with the site name after a separator."""
    a, b = line.casefold(), title.casefold()
    if a == b:
        return True
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return (
        bool(shorter)
        and longer.startswith(shorter)
        and bool(_TITLE_SUFFIX.match(longer[len(shorter) :]))
    )


def _strip_start(
    lines: list[str], title: str | None, urls: list[str]
) -> tuple[list[str], str | None]:
    """Drop leading blanks, furniture, URLs and copies of the title."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line or _is_edge_furniture(line):
            i += 1
        elif match := _URL_LINE.match(line):
            urls.append(_unglue(match.group(1)))
            i += 1
        elif title is not None and _same_title(line, title):
            i += 1
        elif title is None and len(line) <= _TITLE_MAX and _next_nonblank(lines, i + 1) == line:
            title = line  # a doubled first line is the title
        else:
            break
    return lines[i:], title


def _next_nonblank(lines: list[str], start: int) -> str | None:
    return next((line for line in lines[start:] if line), None)


def _strip_dateline(lines: list[str], title: str | None) -> tuple[list[str], str | None]:
    """A first line "<site> – <place>" followed by more text is a dateline, not body."""
    if len(lines) < 2 or not _next_nonblank(lines, 1):
        return lines, None
    match = _DATELINE.match(lines[0])
    if match is None or (title is not None and _same_title(lines[0], title)):
        return lines, None
    return lines[1:], match.group("site")


def _strip_end(lines: list[str], urls: list[str]) -> list[str]:
    """Drop trailing furniture, repeated short lines, and URL lines (kept as the URL)."""
    lines = _cut_at_trailing_url(lines, urls)
    tail_counts = Counter(_key(line) for line in _short_tail(lines) if line)
    while lines:
        line = lines[-1]
        if (
            not line
            or _is_edge_furniture(line)
            or (_is_short(line) and tail_counts[_key(line)] >= 2)
        ):
            lines.pop()
        else:
            break
    if lines and (match := _URL_GLUED_AT_END.search(lines[-1])):
        urls.append(_unglue(match.group(1)))
        lines[-1] = lines[-1][: match.start()].rstrip()
    return lines


def _short_tail(lines: list[str]) -> list[str]:
    """The run of blank, short and furniture lines at the end of the text."""
    i = len(lines)
    while i > 0 and (
        not lines[i - 1] or _is_short(lines[i - 1]) or _is_edge_furniture(lines[i - 1])
    ):
        i -= 1
    return lines[i:]


def _cut_at_trailing_url(lines: list[str], urls: list[str]) -> list[str]:
    """A URL line near the end, followed only by short lines: cut from there, keep the URL."""
    for i in range(len(lines) - 1, 0, -1):
        line = lines[i]
        if match := _URL_LINE.match(line):
            urls.append(_unglue(match.group(1)))
            return lines[:i]
        if line and not (_is_short(line) or _is_edge_furniture(line)):
            break
    return lines


def _unglue(url: str) -> str:
    """Cut a headline glued to the end of a URL's last path segment."""
    start = url.rfind("/") + 1
    match = _GLUED_WORD.search(url, start)
    return url[: match.start()] if match and match.start() > start else url


def _headline(body: str) -> tuple[str, str | None]:
    """A first paragraph that reads as a headline (one short line, more text after it)."""
    first, sep, rest = body.partition("\n\n")
    if not sep or not rest.strip() or "\n" in first:
        return body, None
    if heading := _MARKDOWN_HEADING.match(first):
        return rest.strip(), heading.group("title").strip()
    words = first.split()
    if len(first) <= 200 and len(words) >= 3 and not first.endswith(_SENTENCE_END):
        return rest.strip(), first
    return body, None


def _lead_in_source(body: str) -> str | None:
    first = body[:200]
    match = _SLASH_LEAD.match(first) or _AGENCY_LEAD.match(first)
    return match.group("site").strip() if match else None
