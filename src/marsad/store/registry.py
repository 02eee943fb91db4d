"""Keep the actor and place registries covering every id an event refers to.

event_actors.actor_id and events.place_id are foreign keys, so an event resolved to an
actor or place the database has not seen yet would be refused. Rather than reject it,
the store records an entry: an actor of the domain pack is curated (its name, sector,
country and aliases from the pack), any other id (a `proposed:` name the extractor found
and no pack knows) is proposed for review (`marsad actors --proposed`). Curated entries,
loaded or already present, are never overwritten; a proposed row whose id a pack now
describes is promoted.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.packs import ActorEntry, PackError, load_pack
from marsad.store.ids import ids_in
from marsad.store.mapping import actor_refs
from marsad.store.models import ActorModel, PlaceModel
from marsad.types import PROPOSED_PREFIX, ActorRef, Event, PlaceRef


def _pack_actor(actor_id: str) -> ActorEntry | None:
    """The default pack's entry for an id (the extractor resolves against that pack)."""
    if actor_id.startswith(PROPOSED_PREFIX):
        return None
    try:
        return load_pack().actor(actor_id)
    except (KeyError, PackError):
        return None


def _curate(model: ActorModel, entry: ActorEntry) -> None:
    model.name, model.sector, model.country = entry.name, entry.sector, entry.country
    model.aliases = list(entry.aliases + entry.aliases_ar)
    model.proposed = False


def _actor_model(actor_id: str, ref: ActorRef) -> ActorModel:
    model = ActorModel(id=actor_id, name=ref.name or ref.text, sector=ref.sector,
                       country=ref.country, aliases=[], proposed=True)
    entry = _pack_actor(actor_id)
    if entry is not None:
        _curate(model, entry)
    return model


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
        rows = session.scalars(select(ActorModel).where(ids_in(ActorModel.id, "keys")),
                               {"keys": list(actors)})
        known = {row.id: row for row in rows}
        for row in known.values():
            entry = _pack_actor(row.id) if row.proposed else None
            if entry is not None:  # written before the pack described it
                _curate(row, entry)
        session.add_all(
            _actor_model(actor_id, ref) for actor_id, ref in actors.items() if actor_id not in known
        )
    if places:
        known = set(session.scalars(select(PlaceModel.id).where(ids_in(PlaceModel.id, "keys")),
                                    {"keys": list(places)}))
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
