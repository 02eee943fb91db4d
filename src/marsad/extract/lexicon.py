"""Trigger lexicons: PLOVER category and mode for words and phrases, loaded from YAML.

A pattern is a sequence of elements over a sentence's tokens, matched on lemma or lower-cased
form: "shell/v" (verb only), "attack/n" (noun only), "a|b" (alternatives), "*" (up to three
tokens), "@tag" (a context tag for the event, not a token). The first element is the anchor.

Two uses: `might_trigger(text)` is a cheap Aho-Corasick test on raw text that decides which
sentences deserve the full parse; `match(sentence)` finds the triggers in a parsed sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from marsad.analyse import Sentence, Token
from marsad.analyse.inflection import deinflections
from marsad.analyse.profiles import LanguageProfile

MAX_GAP = 3


@dataclass(frozen=True, eq=False)
class Morphology:
    """How a language inflects, as far as matching triggers needs (morphology.yaml)."""

    pos_classes: dict[str, frozenset[str]]  # "shell/v": the parts of speech of "v"
    irregular: dict[str, tuple[str, ...]]  # forms the prefilter must see ("struck")
    # what may follow a stem inside one word for the prefilter: the endings `forms` strips
    # ("attack|s", "fir|ing", "carri|ed"), so "firm", "situation" or "minister" pass no stem
    endings: frozenset[str]
    doubled: frozenset[str]  # endings after a doubled consonant: "stab|bed", "gas|ses"
    suffixes: tuple[tuple[str, str], ...]  # de-inflections: ("ied", "y") "carried" -> "carry"
    doubled_suffixes: tuple[str, ...]  # "stabbed" -> "stab", "stabbing" -> "stab"
    stem_changes: tuple[tuple[str, str], ...]  # prefilter stems: "fire" -> "fir"
    min_stem: int
    date_entities: frozenset[str]  # the NER's labels of dates: "March" there is a month


@cache
def morphology(profile: LanguageProfile) -> Morphology:
    raw = profile.data("morphology.yaml")
    return Morphology(
        pos_classes={k: frozenset(v) for k, v in raw["pos_classes"].items()},
        irregular={k: tuple(v) for k, v in raw["irregular"].items()},
        endings=frozenset(raw["prefilter_endings"]),
        doubled=frozenset(raw["doubled_endings"]),
        suffixes=tuple((a, b) for a, b in raw["suffixes"]),
        doubled_suffixes=tuple(raw["doubled_suffixes"]),
        stem_changes=tuple((a, b) for a, b in raw["stem_changes"]),
        min_stem=int(raw["min_stem"]),
        date_entities=frozenset(raw["date_entities"]),
    )


@dataclass(frozen=True, slots=True)
class Element:
    words: frozenset[str]  # empty for a gap
    pos: frozenset[str] | None = None

    @property
    def gap(self) -> bool:
        return not self.words


@dataclass(frozen=True, slots=True)
class Pattern:
    category: str
    mode: str | None
    kind: str  # the category's default kind: incident or statement
    elements: tuple[Element, ...]
    tags: tuple[str, ...]
    source: str  # the pattern as written, for explanations


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    pattern: Pattern
    tokens: tuple[int, ...]  # matched token indices (gaps excluded)
    head: int  # the token that carries the roles: the syntactic head of the match


def parse_pattern(text: str, morph: Morphology) -> tuple[tuple[Element, ...], tuple[str, ...]]:
    elements: list[Element] = []
    tags: list[str] = []
    for part in text.split():
        if part.startswith("@"):
            tags.append(part[1:])
        elif part == "*":
            elements.append(Element(frozenset()))
        else:
            word, _, pos = part.partition("/")
            if pos and pos not in morph.pos_classes:
                # "end/v|wind/v" would silently match "end" as any part of speech
                raise ValueError(f"trigger pattern {text!r}: unknown part of speech {pos!r} "
                                 f"(known: {', '.join(sorted(morph.pos_classes))}; write "
                                 "alternatives as a|b/v)")
            elements.append(Element(frozenset(word.lower().split("|")), morph.pos_classes.get(pos)))
    if not elements or elements[0].gap:
        raise ValueError(f"trigger pattern must start with a word: {text!r}")
    return tuple(elements), tuple(tags)


def _forms(morph: Morphology, word: str) -> set[str]:
    """Prefixes that every inflection of `word` starts with (for the prefilter)."""
    forms = {word, *morph.irregular.get(word, ())}
    for end, stem_end in morph.stem_changes:
        if word.endswith(end) and len(word) > morph.min_stem:
            forms.add(word[: len(word) - len(end)] + stem_end)
    return forms


def forms(profile: LanguageProfile, tok: Token) -> frozenset[str]:
    """The lemma, the word, and its regular de-inflections: the statistical lemmatizer
    sometimes errs ("staged" → "stag"), the lexicon must not depend on it."""
    return _word_forms(morphology(profile), tok.text.lower(), tok.lemma)


@lru_cache(maxsize=65536)
def _word_forms(morph: Morphology, low: str, lemma: str) -> frozenset[str]:
    found = deinflections(low, morph.suffixes, morph.doubled_suffixes, morph.min_stem)
    return frozenset({lemma, *found})


class Lexicon:
    def __init__(self, patterns: list[Pattern], profile: LanguageProfile) -> None:
        self.patterns = patterns
        self.profile = profile
        morph = morphology(profile)
        self._endings, self._doubled = morph.endings, morph.doubled
        self._by_anchor: dict[str, list[Pattern]] = {}
        # the prefilter: every word of every pattern, found through its stems
        auto = ahocorasick.Automaton()
        stems: dict[str, set[str]] = {}
        for p in patterns:
            for w in p.elements[0].words:
                self._by_anchor.setdefault(w, []).append(p)
            for el in p.elements:
                for w in el.words:
                    for f in _forms(morph, w):
                        stems.setdefault(f, set()).add(w)
        for f, words in stems.items():
            auto.add_word(f, (f, frozenset(words)))
        auto.make_automaton()
        self._auto = auto
        # per anchor word: the other words each of its patterns needs (any one of each set)
        self._needs: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {
            w: tuple(tuple(el.words for el in p.elements[1:] if not el.gap) for p in ps)
            for w, ps in self._by_anchor.items()
        }
        self._last: tuple[Sentence, list[TriggerMatch]] | None = None

    def names_an_act(self, lemma: str) -> bool:
        """Whether a noun of this lemma alone is a trigger ("attack/n", "beheading/n"):
        an act, not an actor."""
        return any(len(p.elements) == 1 and p.elements[0].pos is not None
                   and "NOUN" in p.elements[0].pos for p in self._by_anchor.get(lemma, ()))

    def words_in(self, text: str) -> set[str]:
        """The lexicon words that some word of `text` may be a form of (a cheap superset of
        what `match` can find after the parse: stem plus a regular ending, or irregular)."""
        low = text.lower()
        n = len(low)
        found: set[str] = set()
        for end, (stem, words) in self._auto.iter(low):
            start = end - len(stem) + 1
            if start and low[start - 1].isalnum():
                continue  # not at the start of a word
            stop = end + 1
            while stop < n and low[stop].isalnum():
                stop += 1
            rest = low[end + 1 : stop]
            if rest in self._endings or (rest[:1] == stem[-1] and rest[1:] in self._doubled):
                found |= words
        return found

    def might_trigger(self, text: str) -> bool:
        """Whether some pattern may match once `text` is parsed: all of its words occur
        (order, gaps and parts of speech are left to `match`). Never says no to a match."""
        found = self.words_in(text)
        for w in found & self._needs.keys():
            for needs in self._needs[w]:
                if all(not found.isdisjoint(el) for el in needs):
                    return True
        return False

    def match(self, sentence: Sentence) -> list[TriggerMatch]:
        last = self._last  # the frame and the attack-agent passes ask for the same sentence
        if last is not None and last[0] is sentence:
            return list(last[1])
        toks = sentence.tokens
        found: list[TriggerMatch] = []
        for t in toks:
            # sorted: a set's order changes with the hash seed, and _prefer_longest keeps
            # the first of equally long matches (one article, two modes under two seeds)
            for key in sorted(forms(self.profile, t)):
                for p in self._by_anchor.get(key, ()):
                    got = _match_at(self.profile, sentence, t.i, p)
                    if got is not None:
                        found.append(TriggerMatch(p, got, _head_of(self.profile, sentence, got)))
        kept = _prefer_longest(found)
        self._last = (sentence, kept)
        return list(kept)


@cache
def _month_names(profile: LanguageProfile) -> frozenset[str]:
    """The month names of the language's time words, as a sentence writes them ("March")."""
    months = profile.data("time_words.yaml")["months"]
    return frozenset(str(m).capitalize() for m in months if str(m).isascii())


def _month_name(profile: LanguageProfile, sentence: Sentence, i: int) -> bool:
    """"On 8 March 2022", "March 8": a date's month name, not a march."""
    t = sentence.tokens[i]
    if t.text not in _month_names(profile):
        return False
    if t.ent in morphology(profile).date_entities:
        return True
    near = sentence.tokens[max(0, i - 1) : i + 2]
    return any(x.i != i and x.text[:1].isdigit() for x in near)


def _ok(profile: LanguageProfile, el: Element, sentence: Sentence, i: int) -> bool:
    t = sentence.tokens[i]
    if el.words.isdisjoint(forms(profile, t)):
        return False
    if _month_name(profile, sentence, i):
        return False
    return el.pos is None or t.pos in el.pos


def _match_at(profile: LanguageProfile, sentence: Sentence, i: int,
              p: Pattern) -> tuple[int, ...] | None:
    if not _ok(profile, p.elements[0], sentence, i):
        return None
    got = [i]
    pos = i + 1
    gap = 0
    for el in p.elements[1:]:
        if el.gap:
            gap = MAX_GAP
            continue
        limit = _gap_end(sentence, pos, gap)
        for j in range(pos, limit):
            if _ok(profile, el, sentence, j):
                got.append(j)
                pos = j + 1
                break
        else:
            return None
        gap = 0
    return tuple(got)


def _gap_end(sentence: Sentence, pos: int, gap: int) -> int:
    """The end of a gap of up to `gap` words from `pos`. A word is what whitespace separates:
    "a 24-hour deadline" has a gap of two words, however the tokenizer splits them."""
    toks = sentence.tokens
    n = len(toks)
    end = pos
    words = 0
    while end < n:
        t = toks[end]
        new_word = not t.text.isspace() and (end == 0 or toks[end - 1].end < t.start
                                              or toks[end - 1].text.isspace())
        if new_word:
            words += 1
            if words > gap + 1:
                break
        end += 1
    return end


def _head_of(profile: LanguageProfile, sentence: Sentence, idx: tuple[int, ...]) -> int:
    """The matched token that governs the others (the phrase's syntactic head): "soldiers ...
    arrived" is the arriving, whatever the words between."""
    inside = set(idx)
    nouns = profile.labels("noun_pos")
    heads = profile.labels("verb_pos") | nouns
    for i in idx:
        t = sentence.tokens[i]
        # prefer a verb or noun head over a particle or preposition
        if t.pos in heads and inside.isdisjoint(a.i for a in sentence.ancestors(i)):
            return i
    for i in idx:
        t = sentence.tokens[i]
        if (t.head not in inside or t.head == i) and t.pos in heads:
            return i
    for i in idx:
        if sentence.tokens[i].pos in nouns | profile.labels("lexical_verb_pos"):
            return i
    return idx[0]


def _prefer_longest(found: list[TriggerMatch]) -> list[TriggerMatch]:
    """Where matches overlap keep the longer one ("drone strike" over "strike")."""
    found.sort(key=lambda m: (-len(m.tokens), -(m.pattern.mode is not None), m.tokens[0]))
    kept: list[TriggerMatch] = []
    used: set[int] = set()
    for m in found:
        if used.isdisjoint(m.tokens):
            kept.append(m)
            used.update(m.tokens)
    kept.sort(key=lambda m: m.tokens[0])
    return kept


def _load_file(raw: dict[str, Any], morph: Morphology) -> list[Pattern]:
    out = []
    for mode, entries in raw["modes"].items():
        kind = raw.get("mode_kinds", {}).get(mode, raw.get("kind", "incident"))
        for entry in entries:
            elements, tags = parse_pattern(entry, morph)
            out.append(
                Pattern(raw["category"], None if mode == "_" else mode, kind, elements, tags,
                        entry)
            )  # fmt: skip
    return out


TRIGGER_FILES = (
    "agree", "consult", "support", "concede", "cooperate", "aid", "retreat", "request",
    "accuse", "reject", "threaten", "protest", "sanction", "mobilize", "coerce", "assault",
)  # fmt: skip


@cache
def triggers(profile: LanguageProfile) -> Lexicon:
    """The trigger lexicon of a language: one file per PLOVER category."""
    patterns: list[Pattern] = []
    for name in TRIGGER_FILES:
        patterns.extend(_load_file(profile.data(f"lexicons/{name}.yaml"), morphology(profile)))
    return Lexicon(patterns, profile)


@cache
def category_modes(profile: LanguageProfile) -> dict[str, frozenset[str]]:
    """The modes each PLOVER category's lexicon names ("ASSAULT": firearms, explosives...)."""
    out: dict[str, frozenset[str]] = {}
    for name in TRIGGER_FILES:
        raw = profile.data(f"lexicons/{name}.yaml")
        out[raw["category"]] = out.get(raw["category"], frozenset()) | {
            m for m in raw["modes"] if m != "_"}
    return out


@dataclass(frozen=True, slots=True)
class PhraseTable:
    """Word/phrase → label, matched on lemma sequences (weapons, actor sectors, ...)."""

    entries: dict[tuple[str, ...], str]
    longest: int

    def label_at(self, lemmas: list[str], i: int) -> tuple[str, int] | None:
        """(label, length) of the longest entry starting at lemma i."""
        for n in range(min(self.longest, len(lemmas) - i), 0, -1):
            lab = self.entries.get(tuple(lemmas[i : i + n]))
            if lab is not None:
                return lab, n
        return None

    def labels_in(self, words: list[str]) -> list[str]:
        out = []
        for i in range(len(words)):
            got = self.label_at(words, i)
            if got:
                out.append(got[0])
        return out


def phrase_table(raw: dict[str, list[str]]) -> PhraseTable:
    entries: dict[tuple[str, ...], str] = {}
    for label, words in raw.items():
        for w in words:
            entries.setdefault(tuple(re.split(r"\s+", str(w).lower())), label)
    return PhraseTable(entries, max(len(k) for k in entries))


@cache
def weapons(profile: LanguageProfile) -> PhraseTable:
    return phrase_table(profile.data("lexicons/weapons.yaml"))


@cache
def actor_nouns(profile: LanguageProfile) -> dict[str, frozenset[str]]:
    raw = profile.data("lexicons/actors.yaml")
    return {k: frozenset(str(w).lower() for w in v) for k, v in raw.items()}


@cache
def _actor_words(profile: LanguageProfile) -> frozenset[str]:
    return frozenset().union(*actor_nouns(profile).values())


def is_actor_noun(profile: LanguageProfile, t: Token) -> bool:
    """Whether a word is one of actors.yaml's nouns ("police", "protesters", "official"),
    by its lemma or as written."""
    words = _actor_words(profile)
    return t.lemma in words or t.lower in words


@cache
def _party_words(profile: LanguageProfile) -> frozenset[str]:
    nouns = actor_nouns(profile)
    return frozenset().union(*(words for key, words in nouns.items() if key != "part_of"))


def is_party_noun(profile: LanguageProfile, t: Token) -> bool:
    """Whether a word names people or a body that can act or be acted on ("police",
    "officials", "kidnappers"), not what stands for them in "X of Y" ("the headquarters",
    "the withdrawal")."""
    words = _party_words(profile)
    return t.lemma in words or t.lower in words


def speech(profile: LanguageProfile) -> dict[str, Any]:
    speech_words: dict[str, Any] = profile.data("lexicons/speech.yaml")
    return speech_words


@cache
def factuality_cues(profile: LanguageProfile) -> dict[str, frozenset[str]]:
    raw = profile.data("lexicons/factuality.yaml")
    return {k: frozenset(str(w).lower() for w in v) for k, v in raw.items()}
