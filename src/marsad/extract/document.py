"""From a document's frames to its events: coreference, merging, evidence, fields.

Within one document an occurrence is one event: "the airstrike killed two" after "a drone
targeted the headquarters" adds a toll to that incident rather than making a new one. An
aggregate's later figure ("these attacks have resulted in 60 casualties") is a new record of
the series. A speaker's repeated demand is one statement. Headlines restate the lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from marsad.analyse import Analysis, Sentence
from marsad.extract import acled, lexicon, places, roles, stance
from marsad.extract.antecedents import Antecedents
from marsad.extract.attribution import governing_report, speakers
from marsad.extract.frames import Frame, attack_agents, sentence_frames
from marsad.extract.mentions import Mention, actor_phrase
from marsad.extract.places import DocPlaces
from marsad.extract.quantities import find_toll
from marsad.extract.registry import actor_ref, find_actor
from marsad.extract.when import Timeline
from marsad.types import (
    ActorRef,
    Attribution,
    Event,
    FieldEvidence,
    PlaceRef,
    Quantity,
    Span,
    When,
)

_BACKGROUND_DAYS = 365  # events dated a year or more before publication are background
_TOLL_VERBS = frozenset(["kill", "injure", "wound", "die", "martyr", "harm", "hit"])
_ATTACK_NOUNS = frozenset([
    "attack", "attacks", "strike", "strikes", "assault", "bombing", "shelling",
])


@dataclass
class Draft:
    """An event being assembled (mutable until it is frozen into an Event)."""

    frame: Frame
    sentence: Sentence
    agent: Mention | None
    patient: Mention | None
    when: When | None = None
    where: PlaceRef | None = None
    killed: tuple[Quantity, Span] | None = None
    injured: tuple[Quantity, Span] | None = None
    casualties: tuple[Quantity, Span] | None = None
    context: set[str] = field(default_factory=set)
    evidence: dict[str, Span] = field(default_factory=dict)
    paragraph_text: str = ""
    # an earlier event this one refers back to ("these attacks"): its place and period
    refers_to: Draft | None = None

    @property
    def kind(self) -> str:
        f = self.frame
        if f.kind == "statement":
            return "statement"
        tok = self.sentence.tokens[f.head]
        if f.nominal and tok.tag == "NNS" and (f.count is not None or f.anaphoric):
            return "aggregate"
        return "incident"


class People:
    """Named people and titled references seen so far, for "he", "the minister", "Mustafa"."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last_person: Mention | None = None
        self.last_plural: Mention | None = None
        self.titled: list[Mention] = []

    def see(self, m: Mention | None) -> None:
        if m is None or m.pronoun:
            return
        if m.person or m.title:
            self.last_person = m
            if m.title:
                self.titled.append(m)
        elif m.plural:
            self.last_plural = m

    def resolve(self, m: Mention | None) -> Mention | None:
        if m is None:
            return None
        low = m.text.lower()
        if m.pronoun:
            if low in ("he", "she", "him", "her", "i"):
                return self.last_person
            if low in ("they", "them", "we", "us"):
                return self.last_plural or self.last_person
            return None
        if m.title and not m.person:
            for prev in reversed(self.titled):
                if prev.title == m.title and prev is not m:
                    return prev
            return m
        # a surname alone ("Mustafa"); a one-word name the pack knows ("Hezbollah") stays
        single = " " not in m.text.strip()
        if single and (m.person or (m.named and find_actor(m.text) is None)):
            full = self._full_name(m)
            if full:
                return replace(m, text=full)
        return m

    def _full_name(self, m: Mention) -> str | None:
        """"Mustafa" → "Sardar Mustafa" from an earlier mention in the text."""
        pat = re.compile(r"((?:[A-Z][\w'’\-]+\s+){1,3})" + re.escape(m.text.strip()) + r"\b")
        for hit in pat.finditer(self.text, 0, m.start):
            words = hit.group(1).split()
            # "Kurdish politician Sardar Mustafa": keep the capitalised run next to the name
            return " ".join([*words, m.text.strip()])
        return None


def _ref(m: Mention | None, country: str | None) -> ActorRef | None:
    return actor_ref(m.text, named=m.named, country=country) if m is not None else None


def _roles(f: Frame) -> list[Mention]:
    """The actor mentions of a frame: agent, patient, source."""
    found = [f.agent, f.patient, f.attributed.source if f.attributed else None]
    return [m for m in found if m is not None]


def _headline_paragraphs(a: Analysis) -> set[int]:
    """Leading lines without a full stop, when a body follows: titles, not reports."""
    out: set[int] = set()
    for s in a.sentences:
        if s.text.rstrip().endswith((".", "”", '"', "!", "?")):
            break
        out.add(s.paragraph)
    if len(out) == len({s.paragraph for s in a.sentences}):
        return set()
    return out


def _compatible_mode(a: str | None, b: str | None) -> bool:
    air = {"aerial", "drone"}
    return a is None or b is None or a == b or {a, b} <= air


def _add_toll(d: Draft, text: str, s: Sentence) -> bool:
    toll = find_toll(text, s.start, s.end)
    got = False
    for key in ("killed", "injured", "casualties"):
        q = getattr(toll, key)
        if q is None:
            continue
        span = toll.spans.get(key, Span(s.start, s.end, s.text))
        if key == "casualties" and q.value == 0:
            # "no casualties": nobody killed and nobody injured
            for k in ("killed", "injured"):
                if getattr(d, k) is None:
                    setattr(d, k, (Quantity(0), span))
            got = True
            continue
        old = getattr(d, key)
        if old is None or old[0].value < q.value:
            setattr(d, key, (q, span))
        got = True
    return got


def _victim_count(s: Sentence, f: Frame) -> int:
    """"killed Abu Taqwa and another element": the conjoined objects of a toll verb."""
    tok = s.tokens[f.head]
    heads = [t for t in s.tokens if t.lemma in ("kill", "martyr") and t.pos == "VERB"]
    if tok.lemma in ("kill", "martyr"):
        heads.insert(0, tok)
    for h in heads:
        objs = [t for t in s.tokens if t.head == h.i and t.dep == "dobj"]
        if objs:
            n = 1 + sum(1 for t in s.tokens if t.dep == "conj" and t.head == objs[0].i)
            return n
    return 0


def build_events(a: Analysis, published: date | None) -> list[Event]:
    text = a.text
    people = People(text)
    doc = DocPlaces(a)
    groups = Antecedents(text, doc.top_country())  # "the group": the last named group
    headline = _headline_paragraphs(a)
    drafts: list[Draft] = []
    last_incident: Draft | None = None
    last_aggregate: Draft | None = None
    last_protest: Draft | None = None
    attackers: list[Mention] = []
    for s in a.sentences:
        frames = [] if _editorial(s, text) else sentence_frames(s, text)
        said = speakers(s)
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
                s.tokens[f.patient.head].lemma in _ATTACK_NOUNS
            ) and attackers:
                patient = attackers[-1]  # "we condemn these attacks": those who made them
            if f.factuality in ("negated", "future", "hypothetical") and f.kind != "statement":
                continue
            if last_protest is None and not any(
                g.category == "PROTEST" and g.kind == "incident" for g in frames
            ) and (act := _protest_act(f, agent, s)) is not None:
                f, agent, patient = act, act.agent, None
            protest = last_protest if last_protest is not None else next(
                (Draft(g, s, g.agent, g.patient) for g in frames
                 if g.category == "PROTEST" and g.kind == "incident"), None)
            if _voices_protest(f, agent, protest, s):
                if last_protest is not None:
                    last_protest.paragraph_text += " " + s.text
                continue  # the demonstrators' demand or grievance: part of the protest
            if f.agent is not None and s.start <= f.agent.start and (
                s.tokens[f.agent.head].pos == "NUM"
            ):
                agent = None  # "4 injured.": a toll, not an actor
            if f.kind == "incident" and last_incident is not None and s.paragraph not in headline:
                if _pluperfect(s, f.head):
                    continue  # "The youth had clashed with...": background to the report
                if _follow_up_arrest(f, s, last_incident):
                    last_incident.paragraph_text += " " + s.text
                    continue
            d = Draft(f, s, agent, patient)
            if s.paragraph in headline:
                drafts.append(d)  # kept apart: a title neither absorbs nor is absorbed
                continue
            if f.kind != "statement":
                if _merge_into_previous(d, last_incident, last_aggregate, text):
                    continue
                if f.anaphoric and f.nominal and s.tokens[f.head].tag == "NNS" and (
                    last_aggregate is not None and f.count is None
                ):
                    # a new figure for an earlier series: same actors, same period
                    if not _add_toll(d, text, s):
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
        for m in attack_agents(s):
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
            _add_toll(last_incident, text, s)
            last_incident.paragraph_text += " " + s.text
    events = []
    timeline = Timeline(text, published)
    for d in _dedupe_statements(drafts):
        if d.sentence.paragraph in headline and any(
            x.frame.category == d.frame.category and x.sentence.paragraph not in headline
            for x in drafts
        ):
            continue
        ev = _finish(d, text, published, doc, timeline)
        if ev is not None:
            events.append(ev)
    return events


_PROTEST_VOICES = frozenset({"protester", "crowd"})
_PARTICIPANT_WORDS = frozenset([
    "they", "them", "we", "group", "participants", "organisers", "organizers", "organiser",
    "organizer", "crowd", "gathering", "rally", "demonstration", "protest",
])
# statements a demonstration makes through its banners and chants (demands, condemnations)
_PROTEST_CLAIMS = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"})


def _voices_protest(f: Frame, agent: Mention | None, protest: Draft | None,
                    s: Sentence) -> bool:
    """"Protesters demanded the release of...", "They denounced the invasion": what the
    participants of a reported protest demanded or condemned is the protest's claim, not a
    statement of its own. Only when the speaker is the protest's own crowd: a named official
    answering the protesters speaks for himself."""
    if f.kind != "statement" or f.category not in _PROTEST_CLAIMS or protest is None:
        return False
    if s.paragraph > protest.sentence.paragraph + 3 or f.attributed is not None:
        return False
    if agent is None:
        return s.index <= protest.sentence.index + 1
    if f.agent is not None and f.agent.pronoun and f.agent.text.lower() in ("they", "them"):
        return True  # "They denounced the invasion": the demonstrators
    words = agent.text.lower().split()
    if not words:
        return False
    if agent.sector in _PROTEST_VOICES or words[-1] in _PARTICIPANT_WORDS:
        return True
    if agent.plural and not agent.named and agent.sector not in _NOT_CROWDS and (
        lexicon.actor_nouns()["government_words"].isdisjoint(words)
    ):
        return True  # "The workers demanded timely payment": the crowd that protested
    crowd = protest.agent
    return crowd is not None and not agent.named and words[-1] == crowd.text.lower().split()[-1]


_DEMANDS = frozenset({"REQUEST", "ACCUSE", "REJECT"})
_TALK_NOUNS = frozenset(["statement", "conference", "briefing", "meeting", "petition", "letter",
                         "communique", "interview", "speech", "post", "video", "message",
                         "session", "talk", "talks", "motion", "resolution", "bill"])
_NOT_CROWDS = frozenset({"state_security", "armed"})


def _protest_act(f: Frame, agent: Mention | None, s: Sentence) -> Frame | None:
    """A demand made by acting is a protest: "farmers blocked the highway to demand higher
    prices", "residents burned tyres, denouncing the power cuts", or a demand voiced by
    "protesters" when no protest has been reported yet. A group of people must act (not an
    official, not armed men), and not by speaking ("issued a statement demanding")."""
    if f.kind != "statement" or f.category not in _DEMANDS or f.inferred or f.attributed:
        return None
    t = s.tokens[f.head]
    if agent is not None and agent.sector == "protester" and t.pos == "VERB":
        return replace(f, category="PROTEST", mode="demonstrate", kind="incident", tags=())
    if t.dep not in ("advcl", "xcomp") or t.tag not in ("VB", "VBG") or t.head == t.i:
        return None
    gov = s.tokens[t.head]
    if gov.pos != "VERB" or gov.tag not in ("VBD", "VBN"):
        return None
    if not _speech_words().isdisjoint(lexicon.forms(gov)) or any(
        o.lemma in _TALK_NOUNS for o in roles.children(s, gov.i, {"dobj"})
    ):
        return None  # "issued a statement demanding", "held a press conference urging"
    subj = roles.verbal_subject(s, gov.i)
    crowd = actor_phrase(s, subj)
    if subj is None or crowd is None or crowd.person or crowd.sector in _NOT_CROWDS:
        return None
    words = set(crowd.text.lower().split())
    if not words.isdisjoint(lexicon.actor_nouns()["government_words"]):
        return None
    if subj.tag not in ("NNS", "NNPS") and crowd.sector not in ("crowd", "protester"):
        return None
    span = Span(gov.start, gov.end, gov.text)
    return replace(f, category="PROTEST", mode="demonstrate", kind="incident", tags=(),
                   head=gov.i, trigger=span, agent=crowd, patient=None, nominal=False)


def _speech_words() -> frozenset[str]:
    sp = lexicon.speech()
    return frozenset(str(w).lower() for v in sp.values() if isinstance(v, list) for w in v)


def _editorial(s: Sentence, text: str) -> bool:
    """"[women targeted: girls]": a sentence inside an editor's square brackets is a note,
    not reporting."""
    t = s.text.strip()
    if t.startswith("[") and t.rstrip(".").endswith("]"):
        return True
    return text.rfind("[", 0, s.start + 1) > text.rfind("]", 0, s.start + 1)


def _pluperfect(s: Sentence, head: int) -> bool:
    """"had clashed", "had been killed": an act before the one being reported."""
    return any(c.dep in ("aux", "auxpass") and c.lower == "had"
               for c in s.tokens if c.head == head and c.i != head)


_ARREST_MODES = frozenset({"arrest", "detain", "seize", "confiscate"})
_ARREST_WORDS = frozenset(["arrest", "detain", "apprehend", "confiscate", "seize", "nab"])


def _follow_up_arrest(f: Frame, s: Sentence, inc: Draft) -> bool:
    """"Police later detained four protesters", "Both suspects were arrested": the arrests
    that close a reported incident belong to it (the protest met an intervention; the
    attackers were caught) unless the sentence marks a separate event."""
    if f.category != "COERCE" or s.paragraph > inc.sentence.paragraph + 1:
        return False
    if f.mode not in _ARREST_MODES and _ARREST_WORDS.isdisjoint(
        lexicon.forms(s.tokens[f.head])
    ):
        return False
    return not any(t.lower in _SEPARATE_WORDS for t in s.tokens)


_SEPARATE_WORDS = frozenset(["separate", "separately", "different", "another", "unrelated",
                             "elsewhere", "meanwhile"])
_DEFINITE = frozenset(["the", "they", "them", "he", "she", "both", "all", "these", "those"])
_ROLE_NOUNS = frozenset([
    "perpetrator", "perpetrators", "suspect", "suspects", "attacker", "attackers",
    "assailant", "assailants", "group", "protesters", "demonstrators", "participants",
    "rioters", "crowd", "mob", "gunmen", "militants", "sides", "parties",
])


def _same_crowd(d: Draft, inc: Draft) -> bool:
    """"The protesters marched to...", "The militants confiscated his weapon": a definite
    description or a role noun naming who took part in the last incident, not a new actor."""
    m = d.agent
    if m is None or m.named:
        return False
    words = m.text.lower().split()
    if not words or any(t.lower in _SEPARATE_WORDS for t in d.sentence.tokens):
        return False
    if words[-1] in _ROLE_NOUNS and (m.pronoun or words[0] in _DEFINITE or len(words) == 1):
        return True
    if m.pronoun and m.text.lower() in ("they", "them"):
        return True
    known = [x.text.lower().split()[-1] for x in (inc.agent, inc.patient) if x is not None]
    return words[-1] in known and (words[0] in _DEFINITE or len(words) == 1)


_HEAVY_MODES = frozenset({"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack"})


def _effective(d: Draft) -> tuple[str, str | None]:
    """Category and mode as the event will be filed: violence by a crowd is a riot."""
    f = d.frame
    sector = d.agent.sector if d.agent else None
    if f.category == "ASSAULT" and sector in ("crowd", "protester") and f.mode not in _HEAVY_MODES:
        return "PROTEST", "riot"
    return f.category, f.mode


def _merge_into_previous(d: Draft, inc: Draft | None, agg: Draft | None, text: str) -> bool:
    """Fold a later mention of the last incident into it (returns True when merged)."""
    f, s = d.frame, d.sentence
    if inc is None or f.count is not None:
        return False
    if s.tokens[f.head].tag == "NNS" and f.nominal:
        return False
    if inc.sentence is s and inc.frame.category == f.category == "PROTEST" and not any(
        t.lower in _SEPARATE_WORDS for t in s.tokens
    ) and not (d.agent is not None and inc.agent is not None and d.agent.named
               and inc.agent.named and d.agent.text != inc.agent.text):
        # "dozens gathered outside City Hall for a rally": one protest told twice
        inc.agent = inc.agent or d.agent
        return True
    toll_only = d.agent is None and s.tokens[f.head].lemma in _TOLL_VERBS
    if not (_compatible_mode(inc.frame.mode, f.mode) or toll_only or (
        {inc.frame.category, f.category} == {"PROTEST"}
    ) or "clash" in (inc.frame.mode, f.mode)):
        return False
    category, mode = _effective(d)
    crowd = (category == inc.frame.category and s.paragraph <= inc.sentence.paragraph + 1
             and _same_crowd(d, inc))
    same = f.anaphoric or crowd or (d.agent is None and (
        s.tokens[f.head].lemma in _TOLL_VERBS or f.category == inc.frame.category))
    if not same or s.paragraph > inc.sentence.paragraph + 6:
        return False
    if d.agent is not None and inc.agent is not None and not f.anaphoric and not crowd:
        return False
    _add_toll(inc, text, s)
    n = _victim_count(s, f)
    if n and (inc.killed is None or inc.killed[0].value < n) and any(
        t.lemma in ("kill", "martyr") for t in s.tokens
    ):
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


def _dedupe_statements(drafts: list[Draft]) -> list[Draft]:
    """One statement per speaker and category: explicit verbs win over inferred ones."""
    keep: list[Draft] = []
    seen: dict[tuple[str, str], Draft] = {}
    for d in sorted(drafts, key=lambda x: (x.frame.inferred, x.sentence.index)):
        key = _speaker_key(d)
        if d.frame.kind == "statement" and key is not None:
            k = (key, d.frame.category)
            if k in seen:
                continue
            seen[k] = d
        keep.append(d)
    keep.sort(key=lambda x: (x.sentence.index, x.frame.head))
    return keep


def _finish(d: Draft, text: str, published: date | None, doc: DocPlaces,
            timeline: Timeline) -> Event | None:
    f, s = d.frame, d.sentence
    ev: dict[str, Span] = {"trigger": f.trigger}
    if d.when is None:
        explicit = True
        d.when, wspan = timeline.date(s, f.trigger.start, d.kind)
        if wspan is not None:
            ev["when"] = wspan
        elif d.refers_to is not None and d.refers_to.when is not None:
            d.when = d.refers_to.when  # "these attacks": the period of the series
        else:
            explicit = False
        timeline.add(s, d.kind, d.when, explicit)
    if d.when is not None and published is not None and d.when.start is not None:
        end = d.when.end or d.when.start
        if end < published - timedelta(days=_BACKGROUND_DAYS):
            return None
    if d.where is None:
        d.where, pspan = _where(d, text, doc)
        if pspan is not None:
            ev["where"] = pspan
    if f.kind != "statement" and d.killed is None and d.injured is None and d.casualties is None:
        _add_toll(d, text, s)
        n = _victim_count(s, f)
        if n and d.killed is None and s.tokens[f.head].lemma in ("kill", "martyr"):
            d.killed = (Quantity(n), Span(s.start, s.end, s.text))
    country = doc.top_country()
    actors = tuple(x for x in (_ref(d.agent, country),) if x is not None)
    recipients = tuple(x for x in (_ref(d.patient, country),) if x is not None)
    if d.agent is not None:
        ev["actor1"] = Span(d.agent.start, d.agent.end, text[d.agent.start:d.agent.end])
    if d.patient is not None:
        ev["actor2"] = Span(d.patient.start, d.patient.end, text[d.patient.start:d.patient.end])
    said_by = None
    if f.attributed is not None:
        src = f.attributed.source
        said_by = Attribution(_ref(src, country) or ActorRef(src.text), f.attributed.kind)
        ev["said_by"] = Span(src.start, src.end, text[src.start:src.end])
    elif f.kind == "statement" and d.agent is not None:
        said_by = None
    factuality = f.factuality
    if said_by is not None and said_by.kind == "claim":
        factuality = "claimed"
    category, mode, context = f.category, f.mode, set(f.tags) | d.context
    agent_sector = d.agent.sector if d.agent else None
    if category == "ASSAULT" and agent_sector in ("crowd", "protester") and mode not in (
        "aerial", "drone", "heavy-weapons", "explosives", "suicide-attack"
    ):
        category, mode = "PROTEST", "riot"
        context.add("mob" if agent_sector == "crowd" else "violent")
    if category == "PROTEST":
        how = acled.protest_context(s.text + " " + d.paragraph_text + " " + _rest(text, s))
        if how:
            context.add(how)
    acled_pair = None
    if category in ("ASSAULT", "PROTEST") and d.kind == "incident":
        target = d.patient.sector if d.patient else None
        if target in ("state_security", "protester"):
            target = "armed" if target == "state_security" else "civilian"
        agent_kind = "state" if agent_sector == "state_security" else None
        acled_pair = acled.acled_type(category, mode, context, target, agent_kind)
    st = None
    if f.kind == "statement":
        clause = _clause_text(s, f.head)
        st = stance.stance(clause, category, f.factuality == "negated", _ref(d.agent, country))
    count = f.count
    if count is not None:
        ev["count"] = count[1]
    for key in ("killed", "injured", "casualties"):
        val = getattr(d, key)
        if val is not None:
            ev[key] = val[1]
    return Event(
        kind=d.kind,  # type: ignore[arg-type]
        category=category,
        evidence=Span(s.start, s.end, s.text),
        mode=mode,
        context=tuple(sorted(context)),
        acled_type=acled_pair[0] if acled_pair else None,
        acled_subtype=acled_pair[1] if acled_pair else None,
        actors=actors,
        recipients=recipients,
        where=d.where,
        when=d.when,
        killed=d.killed[0] if d.killed else None,
        injured=d.injured[0] if d.injured else None,
        casualties=d.casualties[0] if d.casualties else None,
        count=count[0] if count else None,
        said_by=said_by,
        factuality=factuality,  # type: ignore[arg-type]
        stance=st,
        field_evidence=tuple(FieldEvidence(k, v) for k, v in ev.items()),
        confidence=_confidence(f, d),
    )


def _where(d: Draft, text: str, doc: DocPlaces) -> tuple[PlaceRef | None, Span | None]:
    """The event's place: what its sentence says, else (statements) the speaker's seat, else
    the place of the event it refers back to, else the document's country."""
    f, s = d.frame, d.sentence
    statement = f.kind == "statement"
    exclude = [(m.start, m.end) for m in (d.agent, f.agent) if m is not None]
    if f.attributed is not None:
        exclude.append((f.attributed.source.start, f.attributed.source.end))
    ref, span = None, None
    if not (statement and f.inferred):  # an inferred statement's sentence is its content
        ref, span = places.where(text, s, f.head, doc, patient=d.patient, exclude=exclude,
                                 statement=statement)
    if ref is None and statement and d.agent is not None:
        names = places.descriptors(text, d.agent)
        if f.agent is not None:
            names.append(f.agent.text)  # as the sentence writes it ("Al-Sudani")
        speaker = governing_report(s, f.head)  # "X said: 'the region cannot ...'"
        if speaker is not None:
            names += places.descriptors(text, speaker)
        ref = places.seat(names, doc)
    if ref is None and d.refers_to is not None:
        ref = d.refers_to.where
    if ref is None:
        ref = doc.country_place()
    doc.seen(ref)
    return ref, span


def _rest(text: str, s: Sentence) -> str:
    """The rest of the sentence's paragraph (how a demonstration ended is told after it)."""
    end = text.find("\n", s.end)
    return text[s.end : end if end >= 0 else len(text)]


def _clause_text(s: Sentence, head: int) -> str:
    sub = s.subtree(head)
    return s.text[sub[0].start - s.start : sub[-1].end - s.start]


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
