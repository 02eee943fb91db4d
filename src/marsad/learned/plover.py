"""PLOVER category of a news sentence: a linear model over surface and parse features.

The weights are written by `train/plover_classifier.py` (trained on PLV's training split, see
`src/marsad/data/models/PROVENANCE.md`) to `marsad/data/models/plover_plv.npz`. Inference
needs numpy only; spaCy is needed only when raw sentences are given rather than parsed tokens.

Use, for an integrator:

    from marsad.learned.plover import PloverModel
    model = PloverModel.load()              # or PloverModel.load(path_to_npz)

    # 1. Sentences already parsed (marsad's `Token`s, or any objects with .text .lemma .pos
    #    .dep .head .i, head and i being indices in the same sequence, as spaCy's t.head.i / t.i
    #    for a sentence parsed as its own Doc). No parsing cost: ~thousands of sentences/s.
    preds = model.predict_parsed([tokens_of_sentence_1, tokens_of_sentence_2])

    # 2. Raw sentences: parsed here with the English spaCy pipeline (NER and senter excluded).
    preds = model.predict(["Iran condemned the decision.", "Troops withdrew from the town."])

    preds[0].category      # "ACCUSE" — one of model.classes (PLV's 15 roots, YIELD included)
    preds[0].probability   # softmax probability of that category
    preds[0].kind          # "statement" / "incident" / None (undecided: YIELD, SANCTION)
    preds[0].probs         # {category: probability} for all classes

What the model does not do: it was trained on sentences that all report an event, so it tells
*which* category an event sentence is, not *whether* a sentence reports one (its probability
is not an event detector). `YIELD` is PLV's older root covering CONCEDE (a concession, a
release: statement) and RETREAT (withdrawal, surrender: incident); the caller decides which,
e.g. from the lexicons. Text is handled lower-cased, English only.

The features (one tf-idf block each, sublinear tf, smooth idf, each block L2-normalised, then
concatenated), identical at training and inference because both use the functions below:
  w: word 1-2-grams (tokens of 2+ word characters), c: character 2-5-grams within words
  (padded with a space, as scikit-learn's `char_wb`), l: lemma 1-2-grams (punctuation
  dropped), p: predicate features from the dependency parse (verb lemmas with negation, the
  root, verb+object / particle / complement / preposition(+object) pairs).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "models" / "plover_plv.npz"
FORMAT = "marsad-plover-linear/1"
BLOCKS = ("w", "c", "l", "p")

# kind per CODING.md ("## kind"); None where the category alone does not decide it:
# YIELD = CONCEDE (statement) or RETREAT (incident); SANCTION is an incident for a dismissal,
# a statement when verbal. COOPERATE is not listed there: PLV codes it material cooperation.
KIND: dict[str, str | None] = {
    "ACCUSE": "statement", "AGREE": "statement", "CONSULT": "statement",
    "REJECT": "statement", "REQUEST": "statement", "SUPPORT": "statement",
    "THREATEN": "statement",
    "AID": "incident", "ASSAULT": "incident", "COERCE": "incident", "COOPERATE": "incident",
    "MOBILIZE": "incident", "PROTEST": "incident",
    "SANCTION": None, "YIELD": None,
}

_WORD = re.compile(r"(?u)\b\w\w+\b")
_SPACE = re.compile(r"\s\s+")
_WHITE = re.compile(r"\s+")
_ARGS = ("dobj", "prt", "xcomp", "ccomp", "prep", "attr", "acomp")


# ---------------------------------------------------------------- features

Tok = tuple[str, str, str, str, int, int]  # text, lemma (lower), pos, dep, head, i


def as_tuples(tokens: Iterable[Any]) -> list[Tok]:
    """(text, lemma, pos, dep, head, i) from marsad Tokens, spaCy tokens or such tuples."""
    out: list[Tok] = []
    for t in tokens:
        if isinstance(t, tuple):
            out.append(t)
            continue
        lemma = t.lemma_ if hasattr(t, "lemma_") else t.lemma
        pos = t.pos_ if hasattr(t, "pos_") else t.pos
        dep = t.dep_ if hasattr(t, "dep_") else t.dep
        head = t.head.i if hasattr(t.head, "i") else t.head
        out.append((t.text, str(lemma).lower(), pos, dep, int(head), int(t.i)))
    return out


def word_features(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def char_features(text: str, low: int = 2, high: int = 5) -> list[str]:
    grams: list[str] = []
    for word in _SPACE.sub(" ", text.lower()).split():
        w = f" {word} "
        for n in range(low, high + 1):
            grams.extend(w[k:k + n] for k in range(max(1, len(w) - n + 1)))
            if len(w) <= n:  # a short word counts once, whole
                break
    return grams


def lemma_features(toks: Sequence[Tok]) -> list[str]:
    lemmas = [_one(t[1]) for t in toks if t[2] not in ("PUNCT", "SPACE") and t[1].strip()]
    return lemmas + [f"{a} {b}" for a, b in pairwise(lemmas)]


def parse_features(toks: Sequence[Tok]) -> list[str]:
    # Indices are relative to the sentence's own first token, so that tokens numbered
    # within a whole document work as well as a sentence parsed alone.
    if not toks:
        return []
    base = min(t[5] for t in toks)
    by_i = {t[5] - base: t for t in toks}
    kids: dict[int, list[Tok]] = {}
    for t in toks:
        if t[4] != t[5]:
            kids.setdefault(t[4] - base, []).append(t)
    negated = {t[4] - base for t in toks if t[3] == "neg"}
    feats: list[str] = []
    for i, (_, lem, pos, dep, _, _) in sorted(by_i.items()):
        if pos != "VERB" and dep != "ROOT":
            continue
        lem = _one(lem)
        neg = "NOT_" if i in negated else ""
        feats.append(f"V={neg}{lem}")
        if dep == "ROOT":
            feats.append(f"ROOT={neg}{lem}")
        for kid in kids.get(i, []):
            if kid[3] in _ARGS:
                feats.append(f"{kid[3]}:{lem}_{_one(kid[1])}")
                if kid[3] == "prep":
                    for obj in kids.get(kid[5] - base, []):
                        if obj[3] == "pobj":
                            feats.append(f"pp:{lem}_{_one(kid[1])}_{_one(obj[1])}")
    return feats


def _one(lemma: str) -> str:
    """A lemma as one feature token (spaCy can give lemmas with spaces)."""
    return _WHITE.sub("_", lemma.strip())


def features(text: str, toks: Sequence[Tok]) -> dict[str, list[str]]:
    """Every block's raw features (strings, repeats kept) for one sentence."""
    return {"w": word_features(text), "c": char_features(text), "l": lemma_features(toks),
            "p": parse_features(toks)}


def text_of(toks: Sequence[Tok]) -> str:
    return " ".join(t[0] for t in toks)


# ---------------------------------------------------------------- the model

@dataclass(frozen=True)
class Prediction:
    category: str
    probability: float
    kind: str | None
    probs: dict[str, float]


class PloverModel:
    def __init__(self, classes: Sequence[str], vocab: dict[str, dict[str, int]],
                 idf: dict[str, np.ndarray], coef: np.ndarray, intercept: np.ndarray,
                 meta: dict[str, str] | None = None) -> None:
        self.classes = list(classes)
        self.vocab = vocab      # block -> feature -> column within the block
        self.idf = idf          # block -> idf per column
        self.coef = coef        # (n_features, n_classes), blocks in BLOCKS order
        self.intercept = intercept
        self.meta = meta or {}
        self._offset: dict[str, int] = {}
        at = 0
        for b in BLOCKS:
            self._offset[b] = at
            at += len(vocab[b])
        self._idf_list = {b: [float(v) for v in idf[b]] for b in BLOCKS}
        self._nlp: Any = None

    # -- persistence

    @classmethod
    def load(cls, path: str | Path = DEFAULT_WEIGHTS) -> PloverModel:
        with np.load(path, allow_pickle=False) as z:
            if str(z["format"]) != FORMAT:
                raise ValueError(f"{path}: not a {FORMAT} file")
            vocab = {b: _unpack(z[f"vocab_{b}"]) for b in BLOCKS}
            idf = {b: z[f"idf_{b}"].astype(np.float64) for b in BLOCKS}
            meta = dict(zip(z["meta_keys"].tolist(), z["meta_values"].tolist(), strict=True))
            return cls(z["classes"].tolist(), vocab, idf, z["coef"].astype(np.float32),
                       z["intercept"].astype(np.float32), meta)

    def save(self, path: str | Path) -> None:
        arrays: dict[str, np.ndarray] = {
            "format": np.array(FORMAT), "classes": np.array(self.classes),
            "coef": self.coef.astype(np.float32), "intercept": self.intercept.astype(np.float32),
            "meta_keys": np.array(list(self.meta)),
            "meta_values": np.array(list(self.meta.values())),
        }
        for b in BLOCKS:
            arrays[f"vocab_{b}"] = _pack(self.vocab[b])
            arrays[f"idf_{b}"] = self.idf[b].astype(np.float32)
        np.savez_compressed(path, allow_pickle=False, **arrays)

    # -- features to vectors

    def sparse_row(self, feats: dict[str, list[str]]) -> tuple[list[int], list[float]]:
        """Column indices and values of one sentence's feature vector (all blocks)."""
        cols: list[int] = []
        vals: list[float] = []
        for b in BLOCKS:
            vocab, idf, off = self.vocab[b], self._idf_list[b], self._offset[b]
            counts: dict[int, int] = {}
            for f in feats[b]:
                j = vocab.get(f)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            block = [(1.0 + math.log(n)) * idf[j] for j, n in counts.items()]
            norm = math.sqrt(sum(v * v for v in block))
            cols.extend(off + j for j in counts)
            vals.extend(v / norm for v in block)
        return cols, vals

    # -- prediction

    def scores(self, feats: Sequence[dict[str, list[str]]]) -> np.ndarray:
        """Class probabilities, (n_sentences, n_classes)."""
        out = np.empty((len(feats), len(self.classes)), dtype=np.float64)
        for r, f in enumerate(feats):
            cols, vals = self.sparse_row(f)
            z = self.intercept.astype(np.float64)
            if cols:
                z = z + np.asarray(vals, dtype=np.float64) @ self.coef[cols].astype(np.float64)
            z -= z.max()
            e = np.exp(z)
            out[r] = e / e.sum()
        return out

    def predict_parsed(self, sentences: Sequence[Iterable[Any]],
                       texts: Sequence[str] | None = None) -> list[Prediction]:
        """Predict from parsed sentences; `texts` (the sentences' own text) is better for the
        word and character features than the tokens joined, when the caller has it."""
        toks = [as_tuples(s) for s in sentences]
        raw = list(texts) if texts is not None else [text_of(t) for t in toks]
        return self._predictions(self.scores([features(x, t) for x, t in zip(raw, toks,
                                                                             strict=True)]))

    def predict(self, sentences: Sequence[str]) -> list[Prediction]:
        """Predict from raw sentences (each parsed alone with spaCy)."""
        nlp = self.nlp()
        docs = nlp.pipe(list(sentences), batch_size=32)
        return self.predict_parsed([list(d) for d in docs], texts=list(sentences))

    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_spacy()
        return self._nlp

    def _predictions(self, probs: np.ndarray) -> list[Prediction]:
        out = []
        for row in probs:
            k = int(row.argmax())
            cat = self.classes[k]
            out.append(Prediction(cat, float(row[k]), KIND.get(cat),
                                  {c: float(p) for c, p in zip(self.classes, row, strict=True)}))
        return out


def load_spacy() -> Any:
    """The English pipeline marsad parses with, without its named-entity recogniser."""
    from marsad.analyse.model import parser_without_ner

    return parser_without_ner()


def _pack(vocab: dict[str, int]) -> np.ndarray:
    ordered = sorted(vocab, key=vocab.__getitem__)
    if any("\n" in f for f in ordered):
        raise ValueError("a feature contains a newline")
    return np.frombuffer("\n".join(ordered).encode("utf-8"), dtype=np.uint8)


def _unpack(buf: np.ndarray) -> dict[str, int]:
    text = buf.tobytes().decode("utf-8")
    return {f: j for j, f in enumerate(text.split("\n"))} if text else {}
