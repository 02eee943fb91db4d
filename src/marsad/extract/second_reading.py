"""A learned second reading of each event's category, from the clause its trigger heads.

The lexicons and the parse find an event, its kind, roles, numbers and evidence. Word lists
stop at the words they hold and cannot weigh the rest of a clause ("launched an attack on the
spy chiefs, calling them nutters" is a verbal attack; "failed to reach agreement" is no
agreement), so a category model trained on real news sentences (marsad.learned.plover, PLV's
training split) reads the trigger's own clause again, and overrules the lexicon only where it
is confident the lexicon is wrong (thresholds in lang/<code>/models.yaml). It never changes
an event's kind: a statement stays a statement, an incident an incident.

It reads the clause, not the sentence: a sentence often tells several events ("condemned the
beheading of a hostage"), and a sentence-level reading would give them all one category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

from marsad.analyse import Sentence, Token
from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.extract.lexicon import category_modes
from marsad.learned.plover import KIND, PloverModel, as_tuples, features
from marsad.types import EventDraft

# PLV's older root YIELD covers CONCEDE (a statement) and RETREAT (an incident).
_YIELD = {"statement": "CONCEDE", "incident": "RETREAT"}


class CategoryReader:
    """The category model of one language with its thresholds."""

    def __init__(self, profile: LanguageProfile, model: PloverModel | None = None) -> None:
        """`model`: another model than the profile's (a cross-validation fold's)."""
        conf = profile.data("models.yaml")["category_model"]
        if model is None:
            weights = resources.files("marsad.data").joinpath("models").joinpath(
                conf["weights"])
            with resources.as_file(weights) as path:
                model = PloverModel.load(path)
        self.model = model
        self.min_confidence = float(conf["min_confidence"])
        self.max_lexicon = float(conf["max_lexicon_probability"])
        self.keeps = frozenset(conf["lexicon_keeps"])
        self.modes = category_modes(profile)
        self.profile = profile

    def reread(self, drafts: Sequence[EventDraft]) -> tuple[EventDraft, ...]:
        """The drafts, each with the model's category where it overrules the lexicon's."""
        if not drafts:
            return ()
        clauses = [clause_tokens(self.profile, d.sentence, d.head) for d in drafts]
        texts = [d.sentence.text_of(toks[0], toks[-1])
                 for d, toks in zip(drafts, clauses, strict=True)]
        probs = self.model.scores([features(t, as_tuples(toks))
                                   for t, toks in zip(texts, clauses, strict=True)])
        classes = list(self.model.classes)
        out = []
        for d, row in zip(drafts, probs, strict=True):
            top = classes[int(row.argmax())]
            own = "YIELD" if d.category in _YIELD.values() else d.category
            own_p = float(row[classes.index(own)]) if own in classes else 0.0
            category = self._category(d, top, float(row.max()), own, own_p)
            out.append(d if category == d.category else self._recoded(d, category))
        return tuple(out)

    def _category(self, d: EventDraft, top: str, top_p: float, own: str, own_p: float) -> str:
        if d.category_by != "lexicon" or d.category in self.keeps:
            return d.category  # CODING.md's rule over the trigger ("a mob beat": a riot)
        if top == own or top_p < self.min_confidence or own_p > self.max_lexicon:
            return d.category
        kind = KIND.get(top)
        if kind is not None and kind != d.kind:
            return d.category  # the parse decides the kind; the model only the category
        return _YIELD.get(d.kind, d.category) if top == "YIELD" else top

    def _recoded(self, d: EventDraft, category: str) -> EventDraft:
        mode = d.mode if d.mode in self.modes.get(category, frozenset()) else None
        return replace(d, category=category, mode=mode, category_by="model")


def clause_tokens(profile: LanguageProfile, s: Sentence, head: int) -> list[Token]:
    """The tokens of the clause a trigger heads: its subtree without the clauses below it
    (complements, adverbial and relative clauses, conjuncts; a noun's appositions)."""
    cut = profile.labels("clausal_deps") | profile.labels("relative_clause_deps")
    if s.tokens[head].pos not in profile.labels("verb_pos"):
        cut |= profile.labels("conj_dep") | profile.labels("appos_dep")
    kept, todo = {head}, [head]
    while todo:
        h = todo.pop()
        for t in s.children(h):
            if t.i not in kept and t.dep not in cut:
                kept.add(t.i)
                todo.append(t.i)
    return [s.tokens[i] for i in sorted(kept)]


@cache
def _reader(profile: LanguageProfile) -> CategoryReader | None:
    if not profile.root.joinpath("models.yaml").is_file():
        return None  # a language with no learned model keeps its lexicons' reading
    return CategoryReader(profile)


def second_reading(ctx: Context, drafts: Sequence[EventDraft]) -> tuple[EventDraft, ...]:
    """The drafts of one document with the learned second reading of their category."""
    reader = _reader(ctx.profile)
    return tuple(drafts) if reader is None else reader.reread(drafts)
