"""Definite descriptions that point back to a named actor: "the group", "the movement".

Wire copy names an armed group once and then calls it "the group" or "the militia"; the
event must carry the group, not the noun. The antecedent is the nearest earlier named actor
of the document whose sector fits the noun (lexicons/antecedents.yaml); a name no pack knows
(a proposed actor) fits when one of its words marks it as a group ("... Brigades"). Generic
types ("gunmen") are not names and are never antecedents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.lexicon import data_yaml
from marsad.extract.mentions import Mention
from marsad.extract.registry import actor_ref, pack
from marsad.packs import normalise_alias
from marsad.types import ActorRef

_DEFINITE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Table:
    nouns: dict[str, frozenset[str]]  # "group" -> sectors it can refer to
    group_words: frozenset[str]


@lru_cache(maxsize=1)
def table() -> Table:
    raw = data_yaml("lexicons/antecedents.yaml")
    return Table({k: frozenset(v) for k, v in raw["nouns"].items()},
                 frozenset(raw["group_words"]))


class Antecedents:
    """Named actors seen so far in one document, for a later "the group"."""

    def __init__(self, text: str, country: str | None = None) -> None:
        self.text = text
        self.country = country
        self.named: list[tuple[Mention, ActorRef]] = []

    def see(self, m: Mention | None) -> None:
        if m is None or m.pronoun or any(m is x for x, _ in self.named):
            return
        # the pack's name wins over the NER's label ("Saraya Awliya al-Dam" read as a FAC)
        ref = actor_ref(m.text, named=m.named, country=self.country)
        if ref.actor_id is None:
            return
        if not ref.proposed and pack().actor(ref.actor_id).generic:
            return
        self.named.append((m, ref))

    def resolve(self, m: Mention | None) -> Mention | None:
        """The named actor "the group" stands for; any other mention as it is."""
        noun = self.anaphor(m)
        if m is None or noun is None:
            return m
        sectors = table().nouns[noun]
        for prev, ref in sorted(self.named, key=lambda x: x[0].start, reverse=True):
            if prev.start < m.start and _fits(prev, ref, sectors):
                return prev
        return m

    def anaphor(self, m: Mention | None) -> str | None:
        """The noun of a definite description ("the militia" -> "militia"), else None."""
        if m is None or m.named or m.pronoun:
            return None
        noun = m.text.strip().lower()
        if noun not in table().nouns or not _DEFINITE.search(self.text[:m.start][-12:]):
            return None
        return noun


def _fits(m: Mention, ref: ActorRef, sectors: frozenset[str]) -> bool:
    if ref.proposed:
        return bool(set(normalise_alias(m.text).split()) & table().group_words)
    return ref.sector in sectors
