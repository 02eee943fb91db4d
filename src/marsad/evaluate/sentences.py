"""A small regex sentence splitter, used only to find the sentence around gold evidence.

Scoring must not depend on the NLP backend the extractor uses, so this is deliberately
plain: newlines are paragraph breaks, and a sentence ends at . ! or ? (with any closing
quotes or brackets) before whitespace, unless the word is a known abbreviation
("Dec.", "Gen."), an initialism ("U.S.") or the next word starts in lower case.
"""

from __future__ import annotations

import re

# Words that end in a dot without ending the sentence. Lower case, without the dot.
_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
    | {"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl"}
    | {"pvt", "adm", "brig", "cmdr", "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "nos"}
    | {"vol", "fig", "vs", "etc", "approx", "est", "dept", "univ", "inc", "ltd", "co", "corp"}
    | {"mt", "ft"}
)

_PARAGRAPH = re.compile(r"[^\n]+")
# A candidate end: terminal punctuation, then closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # "U.S" of "U.S.", "J" of "J."


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        start = paragraph.start()
        for end_match in _END.finditer(text, paragraph.start(), paragraph.end()):
            if _is_boundary(text, end_match, paragraph.end()):
                _add_trimmed(spans, text, start, end_match.end())
                start = end_match.end()
        _add_trimmed(spans, text, start, paragraph.end())
    return spans


def sentence_around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence (of `spans`, from sentence_spans) containing [start, end); the union of
    sentences when it crosses several."""
    hits = [(s, e) for s, e in spans if s < end and e > start]
    if not hits:  # evidence made only of whitespace: fall back to the evidence itself
        return start, end
    return min(s for s, _ in hits), max(e for _, e in hits)


def _is_boundary(text: str, end_match: re.Match[str], limit: int) -> bool:
    rest = text[end_match.end() : limit].lstrip()
    if rest and rest[0].islower():  # "said Gen. ahmad" never, but "e.g. the" often
        return False
    if not end_match.group().startswith(".") or end_match.group().startswith(".."):
        return True
    word_start = end_match.start()
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : end_match.start()].lstrip("\"'“‘«([")
    return word.casefold() not in _ABBREVIATIONS and not _INITIALISM.fullmatch(word)


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
