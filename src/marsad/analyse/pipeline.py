"""Analyse texts cheaply: split everything, parse only the sentences worth parsing.

Splitting (tokenizer + senter) runs at hundreds of thousands of words a second; the full
parse at a few thousand. Most sentences of a news article carry no event, so the caller
passes `parse_if` (a cheap test on the sentence text, e.g. a trigger lookup) and only those
sentences go through the parser and NER.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from marsad.analyse import model
from marsad.analyse.types import Analysis, Entity, Sentence, Token

ParseIf = Callable[[str], bool]
_BATCH = 64


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


def _split(texts: Sequence[str]) -> list[list[tuple[int, int, int, str]]]:
    """Per text: (start, end, paragraph, sentence text)."""
    jobs: list[tuple[int, int, int]] = []  # (text index, paragraph start, paragraph index)
    lines: list[str] = []
    for n, text in enumerate(texts):
        for start, para, line in _paragraphs(text):
            jobs.append((n, start, para))
            lines.append(line)
    result: list[list[tuple[int, int, int, str]]] = [[] for _ in texts]
    nlp = model.splitter()
    for (n, base, para), doc in zip(jobs, nlp.pipe(lines, batch_size=_BATCH), strict=True):
        for sent in doc.sents:
            s_text = sent.text.strip()
            if not s_text:
                continue
            start = base + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            result[n].append((start, start + len(s_text), para, s_text))
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
        for k, (_, _, _, s_text) in enumerate(sents):
            if test(s_text):
                wanted.append((n, k))
                chosen.append(s_text)
    parsed: dict[tuple[int, int], tuple[tuple[Token, ...], tuple[Entity, ...]]] = {}
    nlp = model.parser()
    for key, doc in zip(wanted, nlp.pipe(chosen, batch_size=_BATCH), strict=True):
        parsed[key] = _convert(doc, split[key[0]][key[1]][0])
    out: list[Analysis] = []
    for n, sents in enumerate(split):
        sentences = []
        for k, (start, end, para, s_text) in enumerate(sents):
            tokens, ents = parsed.get((n, k), ((), ()))
            sentences.append(Sentence(k, start, end, s_text, para, tokens, ents))
        out.append(Analysis(texts[n], tuple(sentences)))
    return out


def analyse(text: str, parse_if: ParseIf | None = None) -> Analysis:
    """Analyse one text (see `analyse_many`)."""
    return analyse_many([text], parse_if)[0]
