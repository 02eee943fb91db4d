"""Gold events as the extractor's Events, for `marsad eval --link-gold`: the linker alone is
scored, on exactly the events the coders found.

Places are given by name (GOLD.md): each is resolved by the gazetteer inside the country and
admin1 the gold gives, as the geocoder resolves an extracted place path.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import get_args

from marsad.evaluate.gold import GoldDate, GoldDocument, GoldEvent, GoldPlace, read_gold_file
from marsad.evaluate.suite import expand
from marsad.resolve.geocode import GeoContext, resolve_path
from marsad.types import ActorRef, Event, PlaceRef, Precision, Quantity, Span, When


def _when(gold: GoldDate | None) -> When | None:
    if gold is None:
        return None
    precision = gold.precision if gold.precision in ("time", "day", "week", "month", "range",
                                                     "year") else "day"
    return When(start=gold.start, end=gold.end or gold.start, precision=precision,  # type: ignore[arg-type]
                how="gold")


def _where(gold: GoldPlace | None) -> PlaceRef | None:
    if gold is None:
        return None
    if gold.lat is not None and gold.lon is not None:
        return PlaceRef(text=gold.name or "", name=gold.name, lat=gold.lat, lon=gold.lon,
                        admin1=gold.admin1, country=gold.country,
                        precision=_precision(gold.precision))
    parts = [p for p in (gold.name, gold.admin1) if p]
    if not parts:
        return None
    context = GeoContext(within=tuple(parts[1:]), country=gold.country,
                         countries={gold.country: 1.0} if gold.country else {})
    found = resolve_path(parts[:1], context=context)
    if found is None or (gold.country and found.place.country != gold.country):
        return PlaceRef(text=parts[0], name=parts[0], admin1=gold.admin1, country=gold.country,
                        precision=_precision(gold.precision))
    return found.ref()


def _precision(value: str | None) -> Precision | None:
    """Gold's precision as the store's (MUC's admin3 is finer than admin1, as admin2 is)."""
    if value == "admin3":
        return "admin2"
    return next((p for p in get_args(Precision) if p == value), None)


def _actors(names: tuple[str, ...] | None) -> tuple[ActorRef, ...]:
    # the first name is the canonical one: the linker compares registry ids, and a gold
    # name stands for one here
    if not names:
        return ()
    return (ActorRef(text=names[0], actor_id=f"gold:{names[0].casefold()}", name=names[0]),)


def _quantity(event: GoldEvent, name: str) -> Quantity | None:
    number = event.numbers.get(name)
    if number is None:
        return None
    return Quantity(value=number.value, qualifier=number.qualifier)  # type: ignore[arg-type]


def gold_event(doc: GoldDocument, event: GoldEvent) -> Event:
    start, end = event.evidence_span
    return Event(
        kind=event.kind,  # type: ignore[arg-type]
        category=event.plover or "ASSAULT",
        evidence=Span(start, end, doc.text[start:end]),
        mode=event.mode,
        actors=_actors(event.actor1),
        recipients=_actors(event.actor2),
        where=_where(event.where),
        when=_when(event.date),
        killed=_quantity(event, "fatalities"),
        injured=_quantity(event, "injured"),
    )


def gold_events(doc: GoldDocument) -> list[Event]:
    """The document's gold events as Events, in gold order."""
    return [gold_event(doc, e) for e in doc.events]


class GoldAsPredictions:
    """A Predictor that answers each gold document's text with its own gold events, so that
    detection is perfect by construction and what is scored is the linking."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._by_text: dict[str, GoldDocument] = {}
        for file in expand(paths):
            docs, _ = read_gold_file(file)  # broken lines are reported by the scoring run
            for doc in docs:
                self._by_text.setdefault(doc.text, doc)

    def __call__(self, text: str, published: date | None) -> list[Event]:
        doc = self._by_text.get(text)
        return gold_events(doc) if doc is not None else []  # its events carry their dates
