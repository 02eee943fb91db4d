"""Moving about a parsed sentence: the dependents of a token."""

from __future__ import annotations

from marsad.analyse import Sentence, Token


def children(s: Sentence, i: int, deps: frozenset[str] | set[str] | None = None) -> list[Token]:
    return [t for t in s.tokens if t.head == i and t.i != i and (deps is None or t.dep in deps)]


def first_child(s: Sentence, i: int, deps: frozenset[str] | set[str]) -> Token | None:
    kids = children(s, i, deps)
    return kids[0] if kids else None
