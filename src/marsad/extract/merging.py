"""When a later mention is the same event: folding mentions of one incident together, the
arrests that close it, background clauses, and one statement per speaker.

Within one document an occurrence is one event: "the airstrike killed two" after "a drone
targeted the headquarters" adds a toll to that incident rather than making a new one. A
speaker's repeated demand is one statement.
"""

from __future__ import annotations

from dataclasses import replace

from marsad.analyse import Sentence
from marsad.context import Context
from marsad.extract import lexicon
from marsad.extract.draft import Draft, add_toll
from marsad.extract.frames import Frame
from marsad.extract.licensing import dated_apart
from marsad.extract.victims import mentions_killing, named_victims
from marsad.types import Quantity, Span


def editorial(s: Sentence, text: str) -> bool:
    """"[women targeted: girls]": a sentence inside an editor's square brackets is a note,
    not reporting."""
    t = s.text.strip()
    if t.startswith("[") and t.rstrip(".").endswith("]"):
        return True
    return text.rfind("[", 0, s.start + 1) > text.rfind("]", 0, s.start + 1)


def pluperfect(ctx: Context, s: Sentence, head: int) -> bool:
    """"had clashed", "had been killed": an act before the one being reported."""
    words = ctx.profile.discourse
    return any(c.dep in words("aux_deps") and c.lower in words("pluperfect_aux")
               for c in s.tokens if c.head == head and c.i != head)



def _compatible_mode(a: str | None, b: str | None) -> bool:
    air = {"aerial", "drone"}
    return a is None or b is None or a == b or {a, b} <= air



_ARREST_MODES = frozenset({"arrest", "detain", "seize", "confiscate"})
_SENTENCES_PER_PARAGRAPH = 3


def paragraphs_after(s: Sentence, earlier: Sentence) -> int:
    """How far `s` is from an earlier sentence, in paragraphs. A text that never breaks its
    paragraphs (a scraped page in one block, a transcript) still moves on: every three
    sentences count as one."""
    return max(s.paragraph - earlier.paragraph,
               (s.index - earlier.index) // _SENTENCES_PER_PARAGRAPH)


def follow_up_arrest(ctx: Context, f: Frame, s: Sentence, inc: Draft) -> bool:
    """"Police later detained four protesters", "Both suspects were arrested": the arrests
    that close a reported incident belong to it (the protest met an intervention; the
    attackers were caught) unless the sentence marks a separate event."""
    if f.category != "COERCE" or paragraphs_after(s, inc.sentence) > 1:
        return False
    mode = inc.frame.mode
    if inc.frame.category == "COERCE" and mode is not None and mode not in _ARREST_MODES:
        return False  # arrests after a curfew or a ban are acts of their own
    if f.mode not in _ARREST_MODES and ctx.profile.discourse("arrest_words").isdisjoint(
        lexicon.forms(ctx.profile, s.tokens[f.head])
    ):
        return False
    return not any(t.lower in ctx.profile.discourse("separate_words") for t in s.tokens)




def _same_crowd(ctx: Context, d: Draft, inc: Draft) -> bool:
    """"The protesters marched to...", "The militants confiscated his weapon": a definite
    description or a role noun naming who took part in the last incident, not a new actor."""
    m = d.agent
    if m is None or m.named:
        return False
    lists = ctx.profile.discourse
    words = m.text.lower().split()
    if not words or any(t.lower in lists("separate_words") for t in d.sentence.tokens):
        return False
    definite = words[0] in lists("definite_words") or len(words) == 1
    if words[-1] in lists("role_nouns") and (m.pronoun or definite):
        return True
    if m.pronoun and m.text.lower() in lists("crowd_pronouns"):
        return True
    known = [x.text.lower().split()[-1] for x in (inc.agent, inc.patient) if x is not None]
    return words[-1] in known and definite


_HEAVY_MODES = frozenset({"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack"})


def _effective(d: Draft) -> tuple[str, str | None]:
    """Category and mode as the event will be filed: violence by a crowd is a riot."""
    f = d.frame
    sector = d.agent.sector if d.agent else None
    if f.category == "ASSAULT" and sector in ("crowd", "protester") and f.mode not in _HEAVY_MODES:
        return "PROTEST", "riot"
    return f.category, f.mode


def _told_apart(ctx: Context, d: Draft) -> bool:
    """A word on the act itself that says it is another one ("in separate clashes",
    "another attack", "separately, gunmen shot"), not on a participant ("another element")."""
    f, s = d.frame, d.sentence
    for t in s.tokens:
        if t.lower not in ctx.profile.discourse("separate_words"):
            continue
        head = s.tokens[t.head]
        if t.head == f.head or f.trigger.start <= head.start < f.trigger.end:
            return True
    return False


def _placed_elsewhere(ctx: Context, d: Draft, inc: Draft) -> bool:
    """A later sentence that names places of its own, none of which the incident's text
    names ("Three rockets struck the US embassy in Baghdad" after an attack in Kirkuk):
    another act, told in the same article."""
    s = d.sentence
    if s is inc.sentence:
        return False
    labels = ctx.profile.labels("place_entities")
    places = [e.text for e in s.entities if e.label in labels]
    known = [e.text for e in inc.sentence.entities if e.label in labels]
    if not places or not known:
        return False
    told = inc.sentence.text + " " + inc.paragraph_text
    return not any(p in told or any(p in k or k in p for k in known) for p in places)


def _found_dead(ctx: Context, d: Draft, inc: Draft) -> bool:
    """Whether a finding of bodies is the outcome of the attack just told: in its sentence
    or the next paragraph, at no place of its own."""
    f, s = d.frame, d.sentence
    return (f.category == inc.frame.category == "ASSAULT"
            and s.tokens[f.head].lemma in ctx.profile.discourse("discovery_verbs")
            and paragraphs_after(s, inc.sentence) <= 1 and not _placed_elsewhere(ctx, d, inc))


def merge_into_previous(ctx: Context, d: Draft, inc: Draft | None, agg: Draft | None,
                        text: str) -> bool:
    """Fold a later mention of the last incident into it (returns True when merged)."""
    f, s = d.frame, d.sentence
    if inc is None or f.count is not None:
        return False
    if f.plural and f.nominal:
        return False
    if inc.sentence is s and inc.frame.category == f.category == "PROTEST" and not any(
        t.lower in ctx.profile.discourse("separate_words") for t in s.tokens
    ) and not (d.agent is not None and inc.agent is not None and d.agent.named
               and inc.agent.named and d.agent.text != inc.agent.text):
        # "dozens gathered outside City Hall for a rally": one protest told twice
        inc.agent = inc.agent or d.agent
        return True
    if not f.anaphoric and (_told_apart(ctx, d) or dated_apart(ctx, s, f.head)):
        return False  # "killed in separate clashes", "24 hours after an attack": other acts
    if _found_dead(ctx, d, inc):
        # "... in Mosul, where dozens of bodies have been found": the dead of the attack
        # just told; whoever found them did not kill them, and a toll already read stands
        if inc.killed is None:
            add_toll(ctx, inc, text, s)
        inc.paragraph_text += " " + s.text
        return True
    toll_verbs = ctx.profile.discourse("toll_verbs")
    toll_only = d.agent is None and s.tokens[f.head].lemma in toll_verbs
    if not f.anaphoric and not toll_only and _placed_elsewhere(ctx, d, inc):
        return False
    if not (_compatible_mode(inc.frame.mode, f.mode) or toll_only or (
        {inc.frame.category, f.category} == {"PROTEST"}
    ) or "clash" in (inc.frame.mode, f.mode)):
        return False
    category, mode = _effective(d)
    crowd = (category == inc.frame.category and paragraphs_after(s, inc.sentence) <= 1
             and _same_crowd(ctx, d, inc))
    same = f.anaphoric or crowd or (d.agent is None and (
        s.tokens[f.head].lemma in toll_verbs or f.category == inc.frame.category))
    if not same or paragraphs_after(s, inc.sentence) > 6:
        return False
    if d.agent is not None and inc.agent is not None and not f.anaphoric and not crowd:
        return False
    add_toll(ctx, inc, text, s)
    if s is inc.sentence and d.clause is not None:
        # "three were killed and seven others were wounded": the folded clause's toll too
        add_toll(ctx, inc, text, s, d.clause)
    n = named_victims(ctx, s, f.head)
    if n and (inc.killed is None or inc.killed[0].value < n) and mentions_killing(ctx, s):
        inc.killed = (Quantity(n), Span(s.start, s.end, s.text))
    inc.agent = inc.agent or d.agent
    inc.patient = inc.patient or d.patient
    if inc.frame.mode is None and f.mode is not None:
        inc.frame = replace(inc.frame, mode=f.mode)
    elif category == inc.frame.category == "PROTEST" and mode == "riot" != inc.frame.mode:
        # "the demonstrators then set fire to a bus": the protest turned violent
        inc.frame = replace(inc.frame, mode="riot",
                            tags=tuple(sorted({*inc.frame.tags, *f.tags})))
    inc.paragraph_text += " " + s.text
    return True


def _speaker_key(d: Draft) -> str | None:
    if d.agent is None:
        return None
    return d.agent.text.lower().split()[-1]


def dedupe_statements(drafts: list[Draft], headline: frozenset[int] = frozenset()) -> list[Draft]:
    """One statement per speaker and category: explicit verbs win over inferred ones, and the
    body's telling over the headline's (`headline`: its paragraphs; a headline that restates
    the lead gives way to it, extract/headlines.py, so the lead keeps the evidence)."""
    keep: list[Draft] = []
    seen: dict[tuple[str, str], Draft] = {}
    for d in sorted(drafts, key=lambda x: (x.frame.inferred, x.sentence.paragraph in headline,
                                           x.sentence.index)):
        key = _speaker_key(d)
        if d.frame.kind == "statement" and key is not None:
            k = (key, d.frame.category)
            if k in seen and not (seen[k].sentence is d.sentence and not d.frame.inferred):
                continue  # the same demand again; two in one sentence are two
            seen[k] = d
        keep.append(d)
    keep.sort(key=lambda x: (x.sentence.index, x.frame.head))
    return keep


