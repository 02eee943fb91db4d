"""Moving about a parsed sentence: the dependents of a token."""

from __future__ import annotations

from marsad.analyse import Sentence, Token


def children(s: Sentence, i: int, deps: frozenset[str] | set[str] | None = None) -> list[Token]:
    return [t for t in s.tokens if t.head == i and t.i != i and (deps is None or t.dep in deps)]


def first_child(s: Sentence, i: int, deps: frozenset[str] | set[str]) -> Token | None:
    kids = children(s, i, deps)
    return kids[0] if kids else None


def clause_verb(s: Sentence, i: int, verb_pos: frozenset[str]) -> int:
    """The verb whose clause token i sits in (i itself when it is a verb)."""
    cur, seen = s.tokens[i], 0
    while cur.pos not in verb_pos and cur.head != cur.i and seen < 12:
        cur, seen = s.tokens[cur.head], seen + 1
    return cur.i


def own_span(s: Sentence, root: int, others: set[int]) -> tuple[int, int]:
    """Character span of the subtree of `root` without the subtrees of the `others` inside
    it: "A bomb killed two soldiers in Kandahar," of "..., while gunmen shot dead a police
    officer in Kabul."."""
    inside = {t.i for t in s.subtree(root)}
    for o in others:
        if o != root and o in inside:
            inside -= {t.i for t in s.subtree(o)}
    first = last = root  # the unbroken run of its own tokens around the verb
    while first - 1 in inside:
        first -= 1
    while last + 1 in inside:
        last += 1
    return s.tokens[first].start, s.tokens[last].end
