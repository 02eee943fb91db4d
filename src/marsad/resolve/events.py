"""One draft to one Event: its date on the document's timeline, its place, its actors in
the registry, its ACLED type, and the evidence span of every field.

Drafts are resolved in document order: a date can anchor on an earlier event ("a day
after"), a place can be the one an earlier event took place in ("these attacks"), and
every place resolved makes its neighbours likelier for the next ones.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from marsad.actor_refs import actor_ref
from marsad.context import Context
from marsad.resolve import acled
from marsad.resolve.places import DocPlaces, seat, speaker_country, where
from marsad.resolve.timeline import Timeline
from marsad.types import (
    ActorRef,
    Attribution,
    Event,
    EventDraft,
    FieldEvidence,
    Mention,
    PlaceRef,
    Span,
    When,
)

_BACKGROUND_DAYS = 365  # events dated a year or more before publication are background


@dataclass
class Resolved:
    """What resolution gave a draft so far: a later draft may refer back to it."""

    when: When | None = None
    where: PlaceRef | None = None


class DocumentResolver:
    """The state of one document's resolution: its timeline, places, resolved drafts."""

    def __init__(self, ctx: Context, text: str, timeline: Timeline, places: DocPlaces) -> None:
        self.ctx = ctx
        self.text = text
        self.timeline = timeline
        self.places = places
        self.resolved: dict[int, Resolved] = {}

    def event(self, i: int, d: EventDraft) -> Event | None:
        """The event of draft `i` (None: background, dated a year or more before
        publication)."""
        state = self.resolved.setdefault(i, Resolved())
        earlier = self.resolved.get(d.refers_to) if d.refers_to is not None else None
        ev: dict[str, Span] = {"trigger": d.trigger}
        published = self.ctx.published
        explicit = True
        told = d.lead or d.sentence  # a headline's act is dated and evidenced by its lead
        start = d.trigger.start if d.lead is None else d.lead.end
        state.when, wspan = self.timeline.date(told, d.times, start, d.kind)
        if wspan is not None:
            ev["when"] = wspan
        elif earlier is not None and earlier.when is not None:
            state.when = earlier.when  # "these attacks": the period of the series
        else:
            explicit = False
        self.timeline.add(told, d.kind, state.when, explicit)
        if state.when is not None and published is not None and state.when.start is not None:
            end = state.when.end or state.when.start
            if end < published - timedelta(days=_BACKGROUND_DAYS):
                return None
        state.where, pspan = self._where(d, earlier)
        if pspan is not None:
            ev["where"] = pspan
        country = self.places.top_country()
        actors = tuple(x for x in (self._ref(d.agent, country),) if x is not None)
        recipients = tuple(x for x in (self._ref(d.patient, country),) if x is not None)
        if d.agent is not None:
            ev["actor1"] = self._span(d.agent)
        if d.patient is not None:
            ev["actor2"] = self._span(d.patient)
        said_by = None
        if d.said_by is not None:
            src = d.said_by
            said_by = Attribution(self._ref(src, country) or ActorRef(src.text), d.said_by_kind)
            ev["said_by"] = self._span(src)
        acled_pair = self._acled(d, recipients)
        st = d.stance
        if st is not None:
            st = replace(st, holder=self._ref(d.agent, country))
        for key in ("count", "killed", "injured", "casualties"):
            counted = getattr(d, key)
            if counted is not None:
                ev[key] = counted.span
        return Event(
            kind=d.kind,
            category=d.category,
            evidence=Span(told.start, told.end, told.text),
            mode=d.mode,
            context=d.context,
            acled_type=acled_pair[0] if acled_pair else None,
            acled_subtype=acled_pair[1] if acled_pair else None,
            actors=actors,
            recipients=recipients,
            where=state.where,
            when=state.when,
            killed=d.killed.quantity if d.killed else None,
            injured=d.injured.quantity if d.injured else None,
            casualties=d.casualties.quantity if d.casualties else None,
            count=d.count.quantity if d.count else None,
            said_by=said_by,
            factuality=d.factuality,
            stance=st,
            field_evidence=tuple(FieldEvidence(k, v) for k, v in ev.items()),
            confidence=d.confidence,
        )

    def _where(self, d: EventDraft, earlier: Resolved | None
               ) -> tuple[PlaceRef | None, Span | None]:
        """What its sentence says, else (statements) the speaker's seat, else the place of
        the event it refers back to, else (acts) the dateline's place when the story is about
        it, else the document's country."""
        ref, span = where(self.ctx, d.places, self.places)
        if (ref is not None and ref.precision == "country" and d.kind != "statement"
                and ref.country == self.places.top_country()):
            # "freed in Afghanistan" in a story that names Kabul alone there: in Kabul
            ref = self.places.sole_place or ref
        if ref is not None and ref.precision == "continent":
            ref, span = None, None  # "attacks in Africa": placed by the story, as a region is
        elif ref is not None and ref.precision == "admin2":
            ref = self.places.unit_above(ref)  # the store records admin1 and finer towns
        if ref is None and d.seat_names:
            ref = seat(self.ctx, d.seat_names, self.places)
        if ref is None and d.kind == "statement" and not d.inferred:
            # a meeting is where it was held, which the speaker does not tell
            speaker = speaker_country(self.ctx, d.seat_names, self.places) if (
                d.seat_names and d.category != "CONSULT") else None
            filed = self.places.filed_at
            if filed is not None and (speaker is None or speaker.country == filed.country):
                ref = filed  # "BEIJING (Reuters) - Powell urged China ...": said there
            else:
                ref = speaker
        if ref is None and earlier is not None:
            ref = earlier.where
        if ref is None and d.kind != "statement":
            ref = self.places.story_at_dateline or self.places.sole_place
        if ref is None:
            ref = self.places.country_place()
        self.places.seen(ref)
        return ref, span

    def _acled(self, d: EventDraft, recipients: tuple[ActorRef, ...]) -> tuple[str, str] | None:
        if d.category not in ("ASSAULT", "PROTEST") or d.kind != "incident":
            return None
        target = d.patient.sector if d.patient else None
        if target in ("state_security", "protester"):
            target = "armed" if target == "state_security" else "civilian"
        if target is None and any(r.sector in acled.armed_sectors() for r in recipients):
            target = "armed"  # a group the registry knows as armed ("the Taliban")
        agent_sector = d.agent.sector if d.agent else None
        agent_kind = "state" if agent_sector == "state_security" else None
        return acled.acled_type(d.category, d.mode, d.context, target, agent_kind)

    def _ref(self, m: Mention | None, country: str | None) -> ActorRef | None:
        if m is None:
            return None
        return actor_ref(self.ctx, m.text, named=m.named, country=country)

    def _span(self, m: Mention) -> Span:
        return Span(m.start, m.end, self.text[m.start:m.end])
