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

from marsad.actor_refs import actor_ref
from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.packs import normalise_alias
from marsad.types import ActorRef, Mention


@dataclass(frozen=True, slots=True)
class Table:
    nouns: dict[str, frozenset[str]]  # "group" -> sectors it can refer to
    group_words: frozenset[str]


@lru_cache(maxsize=8)
def table(profile: LanguageProfile) -> Table:
    raw = profile.data("lexicons/antecedents.yaml")
    return Table({k: frozenset(v) for k, v in raw["nouns"].items()},
                 frozenset(raw["group_words"]))


class Antecedents:
    """Named actors seen so far in one document, for a later "the group"."""

    def __init__(self, ctx: Context, text: str, country: str | None = None) -> None:
        self.ctx = ctx
        self.text = text
        self.country = country
        self.named: list[tuple[Mention, ActorRef]] = []

    def see(self, m: Mention | None) -> None:
        if m is None or m.pronoun or any(m is x for x, _ in self.named):
            return
        # the pack's name wins over the NER's label ("Saraya Awliya al-Dam" read as a FAC)
        ref = actor_ref(self.ctx, m.text, named=m.named, country=self.country)
        if ref.actor_id is None:
            return
        if not ref.proposed and self.ctx.pack.actor(ref.actor_id).generic:
            return
        self.named.append((m, ref))

    def resolve(self, m: Mention | None) -> Mention | None:
        """The named actor "the group" stands for; any other mention as it is."""
        noun = self.anaphor(m)
        if m is None or noun is None:
            return m
        sectors = table(self.ctx.profile).nouns[noun]
        for prev, ref in sorted(self.named, key=lambda x: x[0].start, reverse=True):
            if prev.start < m.start and _fits(self.ctx.profile, prev, ref, sectors):
                return prev
        return m

    def anaphor(self, m: Mention | None) -> str | None:
        """The noun of a definite description ("the militia" -> "militia"), else None."""
        if m is None or m.named or m.pronoun:
            return None
        noun = m.text.strip().lower()
        before = self.text[:m.start][-12:]
        if noun not in table(self.ctx.profile).nouns or not _definite(self.ctx).search(before):
            return None
        return noun


def _definite(ctx: Context) -> re.Pattern[str]:
    return _definite_pattern(ctx.profile)


@lru_cache(maxsize=8)
def _definite_pattern(profile: LanguageProfile) -> re.Pattern[str]:
    """"the group", "this militia": the determiners of a description that points back."""
    words = "|".join(map(re.escape, profile.data("lexicons/antecedents.yaml")["determiners"]))
    return re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE)


def _fits(profile: LanguageProfile, m: Mention, ref: ActorRef,
          sectors: frozenset[str]) -> bool:
    if ref.proposed:
        return bool(set(normalise_alias(m.text).split()) & table(profile).group_words)
    return ref.sector in sectors
