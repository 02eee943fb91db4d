"""Who "he", "the minister" and "Mustafa" are: the named people and titled references a
document has introduced so far."""

from __future__ import annotations

import re
from dataclasses import replace

from marsad.actor_refs import find_actor
from marsad.context import Context
from marsad.extract.mentions import not_name_words
from marsad.types import Mention


class People:
    """Named people and titled references seen so far, for "he", "the minister", "Mustafa"."""

    def __init__(self, ctx: Context, text: str) -> None:
        self.ctx = ctx
        self.text = text
        self.last_person: Mention | None = None
        self.last_plural: Mention | None = None
        self.titled: list[Mention] = []

    def see(self, m: Mention | None) -> None:
        if m is None or m.pronoun:
            return
        if m.person or m.title:
            self.last_person = m
            if m.title:
                self.titled.append(m)
        elif m.plural:
            self.last_plural = m

    def resolve(self, m: Mention | None) -> Mention | None:
        if m is None:
            return None
        low = m.text.lower()
        if m.pronoun:
            if low in self.ctx.profile.words("person_pronouns"):
                return self.last_person
            if low in self.ctx.profile.words("group_pronouns"):
                return self.last_plural or self.last_person
            return None
        if m.title and not m.person:
            for prev in reversed(self.titled):
                if prev.title == m.title and prev is not m:
                    return prev
            return m
        # a surname alone ("Mustafa"); a one-word name the pack knows ("Hezbollah") stays
        single = " " not in m.text.strip()
        if single and (m.person or (m.named and find_actor(self.ctx, m.text) is None)):
            full = self._full_name(m)
            if full:
                return replace(m, text=full)
        return m

    def _full_name(self, m: Mention) -> str | None:
        """"Mustafa" → "Sardar Mustafa" from an earlier mention in the text; the words of the
        capitalised run that are not the name are left out ("On Monday Hassan Ali", "In
        Baghdad John Smith", "Yesterday Barack Obama")."""
        pat = re.compile(r"((?:[A-Z][\w'’\-]+\s+){1,3})" + re.escape(m.text.strip()) + r"\b")
        for hit in pat.finditer(self.text, 0, m.start):
            words = _name_words(self.ctx, hit.group(1).split())
            if not words:
                return None
            # "Kurdish politician Sardar Mustafa": keep the capitalised run next to the name
            return " ".join([*words, m.text.strip()])
        return None


def _name_words(ctx: Context, words: list[str]) -> list[str]:
    """The words of a capitalised run that belong to the name after it: those after the last
    word that is not a name (a weekday, "Yesterday") or is a preposition's object."""
    not_name, preps = not_name_words(ctx.profile), ctx.profile.discourse("name_run_preps")
    first = 0
    for k, w in enumerate(words):
        low = w.lower()
        if low in not_name or low in preps or (k > 0 and words[k - 1].lower() in preps):
            first = k + 1
    return words[first:]


def _descriptor_before(ctx: Context, before: str) -> str:
    """Up to four words right before a name that describe it: back to a word of the clause
    around it (descriptor_stops) or to wire furniture ("BEIJING (Reuters) - Secretary ...":
    a word with no letter, or ending in a bracket)."""
    stops = ctx.profile.words("descriptor_stops")
    kept: list[str] = []
    for word in reversed(before.split()[-4:]):
        if word.lower() in stops or not any(ch.isalpha() for ch in word) or (
                word[-1] in ")]-:;,"):
            break
        kept.append(word)
    return " ".join(reversed(kept))


def descriptors(ctx: Context, text: str, m: Mention) -> list[str]:
    """The mention and what the text calls that person where it first names them: the words
    before the name ("Kurdish politician Sardar Mustafa") or an apposition after it."""
    out = [m.text]
    first = text.find(m.text)
    if first < 0:
        return out
    line_start = max(text.rfind("\n", 0, first), text.rfind(".", 0, first)) + 1
    before = _descriptor_before(ctx, text[line_start:first])
    if before:
        out.append(before)
    after = text[first + len(m.text):first + len(m.text) + 80]
    articles = "|".join(map(re.escape, sorted(ctx.profile.words("articles"))))
    ap = re.match(rf",\s*((?:{articles})\s+[^,.]{{3,60}}),", after)
    if ap:
        out.append(ap.group(1))
    return out
