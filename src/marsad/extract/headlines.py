"""Headlines restate the lead: a headline's act is told again in the body's first sentences.

A headline is kept apart while the document is read (it neither absorbs nor is absorbed,
drafting.py). Afterwards a headline draft whose category and kind the body also reports is
dropped (the body's draft has the evidence); one the body does not report is tied to the lead
sentence that tells it ("Spain arrests eight over plot" / "... foiled by the arrest in the
past two days of eight alleged radical Islamists"): that sentence is its evidence, and it
gives the time and the toll the headline leaves out.
"""

from __future__ import annotations

from marsad.analyse import Analysis, Sentence
from marsad.context import Context
from marsad.extract.draft import Draft
from marsad.extract.lexicon import triggers

_LEAD_SENTENCES = 3  # the lead: the body's first sentences
_STEM = 5  # "arrests" / "arrested", "kidnapped" / "kidnappers": one word


def headline_paragraphs(ctx: Context, a: Analysis) -> set[int]:
    """Leading lines without a full stop, when a body follows: titles, not reports."""
    out: set[int] = set()
    final = tuple(ctx.profile.discourse("sentence_final"))
    for s in a.sentences:
        if s.dateline:
            break  # "GAZA (Reuters) -" opens the body
        if s.text.rstrip().endswith(final):
            break
        out.add(s.paragraph)
    paragraphs = sorted({s.paragraph for s in a.sentences})
    if len(out) == len(paragraphs):
        # no line ends with a full stop (a lead cut short: "... that also"): the first line
        # is a title when it is shorter than what follows it
        if len(paragraphs) < 2:
            return set()
        words = {p: sum(len(s.text.split()) for s in a.sentences if s.paragraph == p)
                 for p in paragraphs}
        first = paragraphs[0]
        return {first} if words[first] < min(words[p] for p in paragraphs[1:]) else set()
    return out


def _stems(words: list[str]) -> set[str]:
    return {w.lower()[:_STEM] for w in words}


def _headline_words(ctx: Context, s: Sentence) -> set[str]:
    """The content words of a parsed headline (nouns, verbs, adjectives, numbers)."""
    p = ctx.profile
    content = p.labels("noun_pos") | p.labels("lexical_verb_pos") | p.labels("content_pos")
    return _stems([t.text for t in s.tokens if t.pos in content and len(t.text) > 2])


def _words(s: Sentence) -> set[str]:
    return _stems([w.strip(".,;:!?\"'()") for w in s.text.split()])


def lead_sentence(ctx: Context, a: Analysis, d: Draft, headline: set[int]) -> Sentence | None:
    """The lead sentence sharing the most content words with the headline of draft `d`."""
    wanted = _headline_words(ctx, d.sentence)
    body = [s for s in a.sentences if s.paragraph not in headline and not s.dateline]
    best, best_score = None, 0
    for s in body[:_LEAD_SENTENCES]:
        score = len(wanted & _words(s))
        if score > best_score:
            best, best_score = s, score
    return best


def _read_as_no_event(ctx: Context, d: Draft, lead: Sentence, drafts: list[Draft]) -> bool:
    """Whether the lead tells the headline's act in the same trigger word and the full
    sentence's reading made no event of it ("Al-Sadr Calls on Militia to Stop Fighting" /
    "called for his followers ... to end fighting": the fighting is what was asked to end).
    A title's parse is the weaker one: the lead's reading stands."""
    if not lead.parsed:
        return False
    if any(x.sentence is lead and x.frame.category == d.frame.category for x in drafts):
        return False
    told = _stems(d.frame.trigger.text.split())
    return any(m.pattern.category == d.frame.category
               and not told.isdisjoint(_stems([lead.tokens[i].text for i in m.tokens]))
               for m in triggers(ctx.profile).match(lead))


def restate_headlines(ctx: Context, a: Analysis, drafts: list[Draft],
                      headline: set[int]) -> list[Draft]:
    """The drafts with each headline draft dropped (the body reports its category) or tied
    to its lead sentence."""
    # a headline's series ("Scores die in 3 days of attacks") is not the body's one attack
    body_acts = {(x.frame.category, x.kind) for x in drafts
                 if x.sentence.paragraph not in headline}
    out = []
    for d in drafts:
        if d.sentence.paragraph in headline:
            if (d.frame.category, d.kind) in body_acts:
                continue
            d.lead = lead_sentence(ctx, a, d, headline)
            if d.lead is not None and _read_as_no_event(ctx, d, d.lead, drafts):
                continue
        out.append(d)
    return out
