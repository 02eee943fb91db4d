"""Protests as the text tells them: a demand made by acting is a protest, what its crowd
demands is the protest's claim, and how it went (lethal force, violence, intervention)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from marsad.analyse import Sentence
from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.extract import lexicon, roles, tree
from marsad.extract.draft import Draft
from marsad.extract.frames import Frame
from marsad.extract.mentions import actor_phrase
from marsad.extract.merging import paragraphs_after
from marsad.types import Mention, Span

_PROTEST_VOICES = frozenset({"protester", "crowd"})
# statements a demonstration makes through its banners and chants (demands, condemnations)
_PROTEST_CLAIMS = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"})


def voices_protest(ctx: Context, f: Frame, agent: Mention | None, protest: Draft | None,
                    s: Sentence) -> bool:
    """"Protesters demanded the release of...", "They denounced the invasion": what the
    participants of a reported protest demanded or condemned is the protest's claim, not a
    statement of its own. Only when the speaker is the protest's own crowd: a named official
    answering the protesters speaks for himself."""
    if f.kind != "statement" or f.category not in _PROTEST_CLAIMS or protest is None:
        return False
    if paragraphs_after(s, protest.sentence) > 3 or f.attributed is not None:
        return False
    if agent is None:
        return s.index <= protest.sentence.index + 1
    if f.agent is not None and f.agent.pronoun and (
        f.agent.text.lower() in ctx.profile.discourse("crowd_pronouns")
    ):
        return True  # "They denounced the invasion": the demonstrators
    words = agent.text.lower().split()
    if not words:
        return False
    if agent.sector in _PROTEST_VOICES or words[-1] in ctx.profile.discourse("participant_words"):
        return True
    if agent.plural and not agent.named and agent.sector not in _NOT_CROWDS and (
        lexicon.actor_nouns(ctx.profile)["government_words"].isdisjoint(words)
    ):
        return True  # "The workers demanded timely payment": the crowd that protested
    crowd = protest.agent
    return crowd is not None and not agent.named and words[-1] == crowd.text.lower().split()[-1]


_DEMANDS = frozenset({"REQUEST", "ACCUSE", "REJECT"})
_NOT_CROWDS = frozenset({"state_security", "armed"})


def protest_act(ctx: Context, f: Frame, agent: Mention | None, s: Sentence) -> Frame | None:
    """A demand made by acting is a protest: "farmers blocked the highway to demand higher
    prices", "residents burned tyres, denouncing the power cuts", or a demand voiced by
    "protesters" when no protest has been reported yet. A group of people must act (not an
    official, not armed men), and not by speaking ("issued a statement demanding")."""
    if f.kind != "statement" or f.category not in _DEMANDS or f.inferred or f.attributed:
        return None
    t = s.tokens[f.head]
    if agent is not None and agent.sector == "protester" and t.pos in _tags(ctx, "verb_pos"):
        return replace(f, category="PROTEST", mode="demonstrate", kind="incident", tags=(),
                   coded_by_rule=True)
    labels = ctx.profile.discourse
    if t.dep not in labels("purpose_deps") or t.tag not in _tags(ctx, "base_verb_tags") or (
        t.head == t.i
    ):
        return None
    gov = s.tokens[t.head]
    if gov.pos not in _tags(ctx, "verb_pos") or gov.tag not in _tags(ctx, "past_verb_tags"):
        return None
    if not _speech_words(ctx.profile).isdisjoint(lexicon.forms(ctx.profile, gov)) or any(
        o.lemma in ctx.profile.discourse("talk_nouns")
        for o in tree.children(s, gov.i, ctx.profile.labels("direct_object_dep"))
    ):
        return None  # "issued a statement demanding", "held a press conference urging"
    subj = roles.verbal_subject(ctx, s, gov.i)
    crowd = actor_phrase(ctx, s, subj)
    if subj is None or crowd is None or crowd.person or crowd.sector in _NOT_CROWDS:
        return None
    words = set(crowd.text.lower().split())
    if not words.isdisjoint(lexicon.actor_nouns(ctx.profile)["government_words"]):
        return None
    plural = subj.tag in _tags(ctx, "plural_noun_tags")
    if not plural and crowd.sector not in ("crowd", "protester"):
        return None
    span = Span(gov.start, gov.end, gov.text)
    return replace(f, category="PROTEST", mode="demonstrate", kind="incident", tags=(),
                   coded_by_rule=True,
                   head=gov.i, trigger=span, agent=crowd, patient=None, nominal=False)


def _tags(ctx: Context, key: str) -> frozenset[str]:
    """Parser labels of discourse.yaml, in the parser's case ("VBD")."""
    return _parser_labels(ctx.profile, key)


@cache
def _parser_labels(profile: LanguageProfile, key: str) -> frozenset[str]:
    return frozenset(profile.data("discourse.yaml")["parser"][key])


@cache
def _speech_words(profile: LanguageProfile) -> frozenset[str]:
    sp = lexicon.speech(profile)
    return frozenset(str(w).lower() for v in sp.values() if isinstance(v, list) for w in v)



@cache
def _protest_cues(profile: LanguageProfile) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each label's cues as one pattern; a cue starts a word ("riot", "rioters"; not the
    "riot" of "Marriot" or "patriot"), and may end inside one ("vandali" of "vandalism")."""
    raw = profile.data("lexicons/protest_context.yaml")
    return tuple((k, re.compile("|".join(rf"(?<!\w){re.escape(c)}" for c in v)))
                 for k, v in raw.items())


def protest_context(ctx: Context, text: str) -> str | None:
    """'excessive', 'violent' or 'intervention' when the text tells it, else None."""
    low = text.lower()
    for label, cues in _protest_cues(ctx.profile):
        if cues.search(low):
            return label
    return None
