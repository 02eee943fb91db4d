"""A finished draft's fields as the text gives them, frozen into the EventDraft that the
resolve stage receives: its toll, category as filed (violence by a crowd is a riot), how a
protest went, stance, the readings of its place, its time expressions and, for a
statement, the names the text gives its speaker (for the speaker's seat).
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.analyse import Sentence
from marsad.context import Context
from marsad.extract import tree
from marsad.extract.attribution import governing_report
from marsad.extract.draft import Draft, add_toll
from marsad.extract.frames import Frame
from marsad.extract.people import descriptors
from marsad.extract.places import place_choices
from marsad.extract.protests import protest_context
from marsad.extract.stance import stance
from marsad.extract.times import sentence_times
from marsad.extract.victims import killing_verb, named_victims
from marsad.types import Counted, EventDraft, Mention, PlaceChoice, Quantity, Span, TimeExpression

_HEAVY_MODES = frozenset({"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack"})


def freeze(ctx: Context, text: str, drafts: Sequence[Draft]) -> tuple[EventDraft, ...]:
    """The drafts of one document, in order, each with the index of the draft it refers to."""
    index = {id(d): i for i, d in enumerate(drafts)}
    times: dict[int, tuple[TimeExpression, ...]] = {}  # per sentence: read once
    out = []
    for d in drafts:
        s = d.lead or d.sentence  # a headline's act takes its time from the lead
        if s.index not in times:
            times[s.index] = sentence_times(ctx.profile, text, s.start, s.end)
        refers = index.get(id(d.refers_to)) if d.refers_to is not None else None
        out.append(_freeze_one(ctx, text, d, times[s.index], refers))
    return tuple(out)


def _freeze_one(ctx: Context, text: str, d: Draft, times: tuple[TimeExpression, ...],
                refers_to: int | None) -> EventDraft:
    f, s = d.frame, d.sentence
    if f.kind != "statement" and d.killed is None and d.injured is None and d.casualties is None:
        add_toll(ctx, d, text, s)
        if d.lead is not None and d.killed is None and d.injured is None:
            add_toll(ctx, d, text, d.lead)  # the lead gives the toll a headline leaves out
        n = named_victims(ctx, s, f.head)
        if n and d.killed is None and killing_verb(ctx, s, f.head):
            d.killed = (Quantity(n), Span(s.start, s.end, s.text))
    factuality = f.factuality
    if f.attributed is not None and f.attributed.kind == "claim":
        factuality = "claimed"
    category, mode, context = f.category, f.mode, set(f.tags) | d.context
    agent_sector = d.agent.sector if d.agent else None
    by_rule = f.coded_by_rule
    if category == "ASSAULT" and agent_sector in ("crowd", "protester") and (
        mode not in _HEAVY_MODES
    ):
        category, mode, by_rule = "PROTEST", "riot", True
        context.add("mob" if agent_sector == "crowd" else "violent")
    if category == "PROTEST":
        how = protest_context(ctx, s.text + " " + d.paragraph_text + " " + _rest(text, s))
        if how:
            context.add(how)
    st = None
    if f.kind == "statement":
        st = stance(ctx, _clause_text(s, f.head), category, f.factuality == "negated")
    return EventDraft(
        kind=d.kind,  # type: ignore[arg-type]
        category=category,
        category_by="coding rule" if by_rule else "lexicon",
        mode=mode,
        context=tuple(sorted(context)),
        sentence=s,
        trigger=f.trigger,
        head=f.head,
        factuality=factuality,  # type: ignore[arg-type]
        agent=d.agent,
        patient=d.patient,
        said_by=f.attributed.source if f.attributed is not None else None,
        said_by_kind=f.attributed.kind if f.attributed is not None else "report",
        killed=_counted(d.killed),
        injured=_counted(d.injured),
        casualties=_counted(d.casualties),
        count=_counted(f.count),
        times=times,
        places=_place_readings(ctx, text, d),
        seat_names=_seat_names(ctx, text, d),
        inferred=d.frame.inferred,
        stance=st,
        confidence=_confidence(f, d),
        refers_to=refers_to,
        lead=d.lead,
    )


def _counted(value: tuple[Quantity, Span] | None) -> Counted | None:
    return Counted(*value) if value is not None else None


def _place_readings(ctx: Context, text: str, d: Draft) -> tuple[PlaceChoice, ...]:
    f, s = d.frame, d.sentence
    statement = f.kind == "statement"
    # a deployment is where the force goes, a visit where the visitor went ("a visit to Paris")
    motion = f.category == "MOBILIZE" or (f.category == "CONSULT" and f.nominal)
    if statement and f.inferred:
        return ()  # an inferred statement's sentence is its content, not where it was said
    exclude = [(m.start, m.end) for m in (d.agent, f.agent) if m is not None]
    if f.attributed is not None:
        exclude.append((f.attributed.source.start, f.attributed.source.end))
    if d.clause is not None:  # a sentence of several acts: each is placed in its own clause
        own = place_choices(ctx, text, s, f.head, patient=d.patient, statement=statement,
                            motion=motion,
                            exclude=[*exclude, (s.start, d.clause[0]), (d.clause[1], s.end)])
        if own:
            return own  # else the sentence's place ("attacked X village, and burned houses")
    return place_choices(ctx, text, s, f.head, patient=d.patient, exclude=exclude,
                         statement=statement, motion=motion)


def _seat_names(ctx: Context, text: str, d: Draft) -> tuple[str, ...]:
    """A speaker's names as the text gives them: "Rebar Ahmad", "the Interior Minister of
    Kurdistan Region", and the speaker of the report the statement sits in."""
    f, s = d.frame, d.sentence
    if f.kind != "statement":
        return ()
    names = descriptors(ctx, text, d.agent) if d.agent is not None else []
    located = _with_location(ctx, s, d.agent) if d.agent is not None else None
    if located:
        names.append(located)  # "rebels in Darfur": where the speaker is
    if f.agent is not None:
        names.append(f.agent.text)  # as the sentence writes it ("Al-Sudani")
    # "X said: 'the region cannot ...'"; "a Turkish company announced it was halting ..."
    speaker = governing_report(ctx, s, f.head)
    if speaker is not None:
        names += descriptors(ctx, text, speaker)
    return tuple(names)


def _with_location(ctx: Context, s: Sentence, m: Mention) -> str | None:
    """The mention with the place phrase attached to its head ("Tribal elders in Pakistan's
    South Waziristan tribal area"), when the sentence's parse gives one."""
    if not s.parsed or not (s.start <= m.start and m.end <= s.end):
        return None
    preps = ctx.profile.words("inside_preps")
    for p in tree.children(s, m.head, ctx.profile.labels("prep_dep")):
        if p.lower in preps and p.i > m.head:
            last = s.subtree(p.i)[-1]
            return s.text[m.start - s.start:last.end - s.start]
    return None


def _rest(text: str, s: Sentence) -> str:
    """The rest of the sentence's paragraph (how a demonstration ended is told after it)."""
    end = text.find("\n", s.end)
    return text[s.end : end if end >= 0 else len(text)]


def _clause_text(s: Sentence, head: int) -> str:
    sub = s.subtree(head)
    return s.text_of(sub[0], sub[-1])


def _confidence(f: Frame, d: Draft) -> float:
    score = 0.5
    if d.agent is not None:
        score += 0.15
    if d.patient is not None:
        score += 0.1
    if not f.nominal:
        score += 0.1
    if f.inferred:
        score -= 0.2
    return round(max(0.1, min(score, 0.95)), 2)
