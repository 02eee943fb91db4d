"""The resolve stage: a document's drafts to Events.

    events = resolve(ctx, drafts)

Actors to the chosen packs' registry (marsad.actor_refs), places to the gazetteer
(places.py, geocode.py), dates against the publication date and the document's timeline
(timeline.py, when.py, year.py), the ACLED type (acled.py). It reads no text: re-resolving
a document (a new gazetteer, another pack) needs no parse.
"""

from __future__ import annotations

from dataclasses import replace

from marsad.context import Context
from marsad.resolve.events import DocumentResolver
from marsad.resolve.places import DocPlaces
from marsad.resolve.timeline import Timeline
from marsad.types import DocumentDrafts, Event


def resolve(ctx: Context, drafts: DocumentDrafts) -> list[Event]:
    """The events of one document's drafts, in order; each keeps the index of the event it
    refers back to (`Event.refers_to`)."""
    timeline = Timeline(ctx.published, drafts.times, ctx.profile.code,
                        noun_pos=ctx.profile.labels("noun_pos"))
    places = DocPlaces(ctx, drafts.country_focus, drafts.dateline, drafts.text,
                       drafts.toponyms)
    resolver = DocumentResolver(ctx, drafts.text, timeline, places)
    events: list[Event] = []
    position: dict[int, int] = {}  # draft index -> index of its event
    for i, d in enumerate(drafts.drafts):
        ev = resolver.event(i, d)
        if ev is None:
            continue
        position[i] = len(events)
        if d.refers_to is not None and d.refers_to in position:
            ev = replace(ev, refers_to=position[d.refers_to])
        events.append(ev)
    return events


__all__ = ["resolve"]
