"""Keep the actor and place registries covering every id an event refers to.

event_actors.actor_id and events.place_id are foreign keys, so an event resolved to an
actor or place the database has not seen yet would be refused. Rather than reject it,
the store records a minimal entry from the event's own reference; curated entries from
a pack, loaded or already present, are never overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.store.mapping import actor_refs
from marsad.store.models import ActorModel, PlaceModel
from marsad.types import ActorRef, Event, PlaceRef


def ensure_entries(session: Session, events: Sequence[Event]) -> None:
    actors: dict[str, ActorRef] = {}
    places: dict[str, PlaceRef] = {}
    for event in events:
        for ref in actor_refs(event):
            if ref.actor_id is not None:
                actors.setdefault(ref.actor_id, ref)
        if event.where is not None and event.where.place_id is not None:
            places.setdefault(event.where.place_id, event.where)

    if actors:
        known = set(session.scalars(select(ActorModel.id).where(ActorModel.id.in_(actors))))
        session.add_all(
            ActorModel(
                id=actor_id,
                name=ref.name or ref.text,
                sector=ref.sector,
                country=ref.country,
                aliases=[],
                proposed=True,
            )
            for actor_id, ref in actors.items()
            if actor_id not in known
        )
    if places:
        known = set(session.scalars(select(PlaceModel.id).where(PlaceModel.id.in_(places))))
        session.add_all(
            PlaceModel(
                id=place_id,
                name=ref.name or ref.text,
                lat=ref.lat,
                lon=ref.lon,
                admin1=ref.admin1,
                country=ref.country,
                feature_type=None,
                aliases=[],
            )
            for place_id, ref in places.items()
            if place_id not in known
        )
    # Written now: the unit of work orders inserts by relationships, and these tables
    # have none to the event rows that reference them.
    session.flush()
