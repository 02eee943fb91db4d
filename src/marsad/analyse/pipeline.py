"""Analyse texts cheaply: split everything, parse only the sentences worth parsing.

Splitting (tokenizer + senter) runs at hundreds of thousands of words a second; the full
parse at a few thousand. Most sentences of a news article carry no event, so the caller
passes `parse_if` (a cheap test on the sentence text, e.g. a trigger lookup) and only those
sentences go through the parser and NER.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from marsad.analyse import model
from marsad.analyse.datelines import find_dateline
from marsad.analyse.glued import split_glued
from marsad.analyse.remnants import repair_remnants
from marsad.analyse.truecase import is_shouting, read_shouted
from marsad.analyse.types import Analysis, Entity, Sentence, Token
from marsad.breaks import cut_after_break

ParseIf = Callable[[str], bool]
_BATCH = 64
# Pieces, so that no text is too long for spaCy (E088 above 1,000,000 characters) and the
# memory a document takes stays bounded: a paragraph is split in pieces of at most
# _MAX_PIECE characters, a sentence of at most _MAX_SENTENCE (no news sentence is that
# long; a run of text with no full stop is not one sentence to parse whole).
_MAX_PIECE = 20_000
_MAX_SENTENCE = 2_000


class _Split(NamedTuple):
    start: int
    end: int
    paragraph: int
    text: str
    dateline: bool


def _always(_: str) -> bool:
    return True


def _paragraphs(text: str) -> list[tuple[int, int, str]]:
    """Non-empty lines with their offsets: a line break always ends a sentence."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, len(out), stripped))
        pos += len(line) + 1
    return out


def _pieces(start: int, text: str, limit: int) -> list[tuple[int, str]]:
    """text (at offset start) in pieces of at most limit characters, cut after the last
    sentence end (". ") or else the last space before the limit; a hard cut when neither."""
    pieces: list[tuple[int, str]] = []
    while len(text) > limit:
        cut = cut_after_break(text[:limit], (". ", " "))
        piece = text[:cut].rstrip()
        if piece:
            pieces.append((start, piece))
        rest = text[cut:]
        skipped = len(rest) - len(rest.lstrip())
        start, text = start + cut + skipped, rest.lstrip()
    if text:
        pieces.append((start, text))
    return pieces


def _split(texts: Sequence[str]) -> list[list[_Split]]:
    """Per text: its sentences, a paragraph's dateline first as a sentence of its own."""
    jobs: list[tuple[int, int, int]] = []  # (text index, paragraph start, paragraph index)
    lines: list[str] = []
    result: list[list[_Split]] = [[] for _ in texts]
    datelines: dict[int, _Split] = {}  # job -> its dateline, placed before its sentences
    for n, text in enumerate(texts):
        for start, para, line in _paragraphs(text):
            dl = find_dateline(line)
            if dl is not None:
                head = line[: dl.length].rstrip()
                datelines[len(jobs)] = _Split(start, start + len(head), para, head, True)
                start, line = start + dl.length, line[dl.length :]
            for piece_start, piece in _pieces(start, line, _MAX_PIECE):
                jobs.append((n, piece_start, para))
                piece = repair_remnants(piece)  # "Iraq #39;s" read as "Iraq's" (same length)
                lines.append(read_shouted(piece) if is_shouting(piece) else piece)
    nlp = model.splitter()
    for job, ((n, base, para), doc) in enumerate(
        zip(jobs, nlp.pipe(lines, batch_size=_BATCH), strict=True)
    ):
        if job in datelines:
            result[n].append(datelines[job])
        for sent in doc.sents:
            s_text = sent.text.strip()
            if not s_text:
                continue
            start = base + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            for glued_start, glued in split_glued(start, s_text):
                for piece_start, piece in _pieces(glued_start, glued, _MAX_SENTENCE):
                    result[n].append(
                        _Split(piece_start, piece_start + len(piece), para, piece, False)
                    )
    return result


def _convert(doc: object, base: int) -> tuple[tuple[Token, ...], tuple[Entity, ...]]:
    tokens = tuple(
        Token(
            i=t.i,
            text=t.text,
            lemma=t.lemma_.lower(),
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            start=base + t.idx,
            end=base + t.idx + len(t.text),
            ent=t.ent_type_,
        )
        for t in doc  # type: ignore[attr-defined]
    )
    ents = tuple(
        Entity(e.text, e.label_, base + e.start_char, base + e.end_char, e.start, e.end)
        for e in doc.ents  # type: ignore[attr-defined]
    )
    return tokens, ents


def analyse_many(texts: Iterable[str], parse_if: ParseIf | None = None) -> list[Analysis]:
    """Analyse a batch of texts; sentences passing `parse_if` (all by default) are parsed."""
    texts = list(texts)
    test = parse_if or _always
    split = _split(texts)
    wanted: list[tuple[int, int]] = []  # (text index, sentence index)
    chosen: list[str] = []
    for n, sents in enumerate(split):
        for k, sent in enumerate(sents):
            if not sent.dateline and test(sent.text):
                wanted.append((n, k))
                chosen.append(sent.text)
    parsed: dict[tuple[int, int], tuple[tuple[Token, ...], tuple[Entity, ...]]] = {}
    nlp = model.parser()
    for key, doc in zip(wanted, nlp.pipe(chosen, batch_size=_BATCH), strict=True):
        parsed[key] = _convert(doc, split[key[0]][key[1]].start)
    out: list[Analysis] = []
    for n, sents in enumerate(split):
        sentences = []
        for k, sent in enumerate(sents):
            tokens, ents = parsed.get((n, k), ((), ()))
            # the text as written: a line read in capitals was parsed re-cased (truecase.py)
            written = texts[n][sent.start:sent.end]
            sentences.append(Sentence(k, sent.start, sent.end, written, sent.paragraph,
                                      tokens, ents, dateline=sent.dateline))
        out.append(Analysis(texts[n], tuple(sentences)))
    return out


def analyse(text: str, parse_if: ParseIf | None = None) -> Analysis:
    """Analyse one text (see `analyse_many`)."""
    return analyse_many([text], parse_if)[0]
