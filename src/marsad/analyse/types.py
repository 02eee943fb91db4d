"""What the analyse stage hands downstream: our own frozen types, never spaCy objects.

Keeping spaCy behind this boundary lets the NLP backend change without touching extract.
Offsets are characters into the analysed text; token indices are within the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Token:
    i: int  # index within the sentence
    text: str
    lemma: str  # lower-cased lemma
    pos: str  # universal POS ("VERB", "NOUN", ...)
    tag: str  # fine-grained tag ("VBN", ...)
    dep: str  # dependency label to the head ("nsubj", "ROOT", ...)
    head: int  # index of the head within the sentence (itself for the root)
    start: int  # character offsets into the text
    end: int
    ent: str = ""  # entity label when inside a named entity, else ""

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str  # PERSON, ORG, GPE, NORP, LOC, FAC, DATE, CARDINAL, ...
    start: int  # character offsets
    end: int
    first: int  # token index range within the sentence, [first, last)
    last: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # position in the document
    start: int
    end: int
    text: str
    paragraph: int  # which line/paragraph of the text it sits in
    tokens: tuple[Token, ...] = ()  # empty when the sentence was not parsed
    entities: tuple[Entity, ...] = ()
    dateline: bool = False  # a wire dateline split off its sentence ("GAZA (Reuters) -")

    @property
    def parsed(self) -> bool:
        return bool(self.tokens)

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.head == i and t.i != i]

    def text_of(self, first: Token, last: Token) -> str:
        """The sentence's text from token `first` to token `last`, both included."""
        return self.text[first.start - self.start : last.end - self.start]

    def subtree(self, i: int) -> list[Token]:
        """Tokens dominated by token i (itself included), in order."""
        keep = {i}
        changed = True
        while changed:
            changed = False
            for t in self.tokens:
                if t.i not in keep and t.head in keep and t.head != t.i:
                    keep.add(t.i)
                    changed = True
        return [t for t in self.tokens if t.i in keep]

    def ancestors(self, i: int) -> list[Token]:
        out: list[Token] = []
        cur = self.tokens[i]
        while cur.head != cur.i and len(out) < len(self.tokens):
            cur = self.tokens[cur.head]
            out.append(cur)
        return out


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    sentences: tuple[Sentence, ...]
