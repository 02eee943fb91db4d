"""From a document's frames to its drafts: who "he", "the group" and "these attacks" are,
and which later mentions add to an event rather than make a new one (extract/merging.py).

An aggregate's later figure ("these attacks have resulted in 60 casualties") is a new record
of the series and refers back to it. Headlines restate the lead.
"""

from __future__ import annotations

from dataclasses import replace

from marsad.analyse import Analysis, Sentence
from marsad.context import Context
from marsad.extract import tree
from marsad.extract.antecedents import Antecedents
from marsad.extract.attribution import speakers
from marsad.extract.draft import Draft, add_toll
from marsad.extract.frames import Frame, sentence_frames
from marsad.extract.merging import (
    editorial,
    follow_up_arrest,
    merge_into_previous,
    pluperfect,
)
from marsad.extract.people import People
from marsad.extract.protests import protest_act, voices_protest
from marsad.extract.roles import attack_agents
from marsad.types import Mention

# Statement categories that are acts rather than words (a visit, a meeting: CODING.md): one
# only planned or possible ("intended to visit", "will meet") has not happened, no event.
_MEETINGS = frozenset({"CONSULT"})


def _roles(f: Frame) -> list[Mention]:
    """The actor mentions of a frame: agent, patient, source."""
    found = [f.agent, f.patient, f.attributed.source if f.attributed else None]
    return [m for m in found if m is not None]


def _clauses(ctx: Context, s: Sentence, frames: list[Frame]) -> dict[int, tuple[int, int]]:
    """Per incident frame head, its own clause's span, when the sentence tells acts in
    several clauses ("A bomb killed two soldiers in Kandahar, while gunmen shot dead a police
    officer in Kabul"); empty when it tells one."""
    verbs = ctx.profile.labels("verb_pos")
    roots = {f.head: tree.clause_verb(s, f.head, verbs) for f in frames if f.kind != "statement"}
    distinct = set(roots.values())
    if len(distinct) < 2:
        return {}
    return {head: tree.own_span(s, root, distinct) for head, root in roots.items()}


def read_drafts(ctx: Context, a: Analysis, country: str | None,
                headline: set[int]) -> list[Draft]:
    """The drafts of one document, in reading order, merged where they tell one event.

    `country`: the document's country of focus (which "security forces"); `headline`: the
    paragraphs that are titles (kept apart: a title neither absorbs nor is absorbed)."""
    text = a.text
    people = People(ctx, text)
    groups = Antecedents(ctx, text, country)  # "the group": the last named group
    drafts: list[Draft] = []
    last_incident: Draft | None = None
    last_aggregate: Draft | None = None
    last_protest: Draft | None = None
    attackers: list[Mention] = []
    for s in a.sentences:
        frames = [] if editorial(s, text) else sentence_frames(ctx, s, text)
        clauses = _clauses(ctx, s, frames)
        said = speakers(ctx, s)
        for m in [*said, *(x for f in frames for x in _roles(f))]:
            groups.see(m)
        new_incident = False
        for f in frames:
            agent = groups.resolve(people.resolve(f.agent))
            patient = groups.resolve(people.resolve(f.patient))
            if f.attributed is not None:
                source = groups.resolve(people.resolve(f.attributed.source))
                f = replace(f, attributed=replace(f.attributed,
                                                  source=source or f.attributed.source))
            if f.category == "ACCUSE" and f.patient is not None and (
                s.tokens[f.patient.head].lemma in ctx.profile.discourse("attack_nouns")
            ) and attackers:
                patient = attackers[-1]  # "we condemn these attacks": those who made them
            if f.factuality in ("negated", "future", "hypothetical") and (
                    f.kind != "statement" or f.category in _MEETINGS):
                continue  # a statement's content may be future ("vowed to"); a meeting not
            if last_protest is None and not any(
                g.category == "PROTEST" and g.kind == "incident" for g in frames
            ) and (act := protest_act(ctx, f, agent, s)) is not None:
                f, agent, patient = act, act.agent, None
            protest = last_protest if last_protest is not None else next(
                (Draft(g, s, g.agent, g.patient) for g in frames
                 if g.category == "PROTEST" and g.kind == "incident"), None)
            if voices_protest(ctx, f, agent, protest, s):
                if last_protest is not None:
                    last_protest.paragraph_text += " " + s.text
                continue  # the demonstrators' demand or grievance: part of the protest
            if f.agent is not None and s.start <= f.agent.start and (
                s.tokens[f.agent.head].pos in ctx.profile.labels("number_pos")
            ):
                agent = None  # "4 injured.": a toll, not an actor
            if f.kind == "incident" and last_incident is not None and s.paragraph not in headline:
                if pluperfect(ctx, s, f.head):
                    continue  # "The youth had clashed with...": background to the report
                if follow_up_arrest(ctx, f, s, last_incident):
                    last_incident.paragraph_text += " " + s.text
                    continue
            d = Draft(f, s, agent, patient, clause=clauses.get(f.head))
            if s.paragraph in headline:
                drafts.append(d)  # kept apart: a title neither absorbs nor is absorbed
                continue
            if f.kind != "statement":
                if d.kind == "aggregate" and last_aggregate is not None and (
                    last_aggregate.sentence is s and last_aggregate.frame.category == f.category
                    and f.nominal and f.campaign and not f.plural and f.count is None
                    and (d.agent is None or last_aggregate.agent is None)
                ):
                    # "fourteen have been killed in an increase of violence since...": the
                    # toll and the campaign it belongs to, one aggregate
                    last_aggregate.agent = last_aggregate.agent or d.agent
                    continue
                if merge_into_previous(ctx, d, last_incident, last_aggregate, text):
                    continue
                if f.anaphoric and f.nominal and f.plural and (
                    last_aggregate is not None and f.count is None
                ):
                    # a new figure for an earlier series: same actors, same period
                    if not add_toll(ctx, d, text, s):
                        continue
                    d.agent = d.agent or last_aggregate.agent
                    d.patient = d.patient or last_aggregate.patient
                    d.refers_to = last_aggregate
                    drafts.append(d)
                    continue
            if f.anaphoric and f.kind != "statement":
                same, other = ((last_aggregate, last_incident) if d.kind == "aggregate"
                               else (last_incident, last_aggregate))
                d.refers_to = same or other
            drafts.append(d)
            if f.kind != "statement":
                if d.kind == "aggregate":
                    last_aggregate = d
                else:
                    last_incident = d
                    new_incident = True
                    if f.category == "PROTEST":
                        last_protest = d
                    if d.patient is None and f.category == "ASSAULT" and not f.nominal:
                        prev = [x for x in drafts[:-1] if x.frame.category == "ASSAULT"
                                and x.sentence.paragraph >= s.paragraph - 1 and x.patient]
                        if prev:  # "Additionally, Washington struck three times": same targets
                            d.patient = prev[-1].patient
        # who did the attacks mentioned so far (for a later "we condemn these attacks")
        for m in attack_agents(ctx, s):
            attackers.append(groups.resolve(people.resolve(m)) or m)
        for m in said:
            people.see(people.resolve(m))
        for f in frames:
            people.see(f.agent)
            if f.attributed:
                people.see(people.resolve(f.attributed.source))
        # a following sentence with no act of its own may give the last incident's toll
        if not new_incident and last_incident is not None and not frames and (
            last_incident.sentence.paragraph == s.paragraph
        ):
            add_toll(ctx, last_incident, text, s)
            last_incident.paragraph_text += " " + s.text
    return drafts


