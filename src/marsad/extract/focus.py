"""Which countries a document is about: the names its NER found, counted against the
gazetteer's country names and demonyms ("Iraqi" counts half of "Iraq")."""

from __future__ import annotations

from marsad.analyse import Analysis, Entity, Sentence
from marsad.context import Context
from marsad.extract import lexicon
from marsad.extract.mentions import entity_at, places
from marsad.gazetteer import country_focus


def document_focus(ctx: Context, analysis: Analysis) -> dict[str, float]:
    """ISO2 -> mentions. Names as places ("in Syria"), not as modifiers ("US forces"), plus
    the demonyms and organisations that point at a country ("Iraqi", "Tunisian Sugar
    Company")."""
    names = [e.text for s in analysis.sentences for e in s.entities
             if e.label in ("NORP", "ORG", "FAC")]
    names += [e.text for s in analysis.sentences for e in places(ctx, s)]
    # "Pakistan's North Waziristan": a country that qualifies a place is where it is
    names += [e.text for s in analysis.sentences for e in s.entities
              if e.label in ctx.profile.labels("place_entities") and _on_place_name(ctx, s, e)]
    focus = country_focus(" ; ".join(names), ctx.gazetteer) if names else {}
    if not focus:
        # nothing but modifiers ("Peru's interior minister said police ..."): they still
        # tell which country the story is about
        named = [e.text for s in analysis.sentences for e in s.entities
                 if e.label in ctx.profile.labels("place_entities")
                 and not _on_armed_noun(ctx, s, e)]
        focus = country_focus(" ; ".join(named), ctx.gazetteer) if named else {}
    return focus


def top_country(focus: dict[str, float]) -> str | None:
    """The most mentioned country (the later code on ties), None when none is."""
    return max(focus, key=lambda k: (focus[k], k)) if focus else None


def _on_place_name(ctx: Context, s: Sentence, e: Entity) -> bool:
    """The entity modifies another place name ("Pakistan's North Waziristan")."""
    if not s.tokens or e.last > len(s.tokens) or e.last <= e.first:
        return False
    t = s.tokens[e.last - 1]
    if t.head == t.i or t.dep not in ctx.profile.labels("modifier_deps"):
        return False
    other = entity_at(s, t.head)
    return other is not None and other is not e and other.label in (
        ctx.profile.labels("place_entities"))


def _on_armed_noun(ctx: Context, s: Sentence, e: Entity) -> bool:
    """"US forces", "Israeli troops": the force's country, not where the story is."""
    if not s.tokens or e.last > len(s.tokens) or e.last <= e.first:
        return False
    t = s.tokens[e.last - 1]
    head = s.tokens[t.head]
    return head.i != t.i and head.lemma in lexicon.actor_nouns(ctx.profile)["armed"]
