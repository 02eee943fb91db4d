"""GeoJSON (RFC 7946): a FeatureCollection of located events, for QGIS and kepler.gl.

Each event with coordinates is a Point feature ([longitude, latitude], WGS 84, no "crs"
member, as RFC 7946 requires). Properties are flat scalars — lists are joined with "; " —
because both QGIS's attribute table and kepler.gl's columns want one value per cell.
Events without coordinates cannot be drawn and are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from marsad.export.rows import event_date, names, place_name, qualifier, value
from marsad.store import EventRow


def properties(row: EventRow) -> dict[str, Any]:
    event = row.event
    where = event.where
    day = event_date(row)
    end = event.when.end if event.when is not None else None
    return {
        "event_id": row.id,
        "incident_id": row.incident.id if row.incident else None,
        "date": day.isoformat() if day else None,
        "end_date": end.isoformat() if end else None,
        "date_precision": event.when.precision if event.when else None,
        "kind": event.kind,
        "category": event.category,
        "mode": event.mode,
        "context": "; ".join(event.context) or None,
        "acled_type": event.acled_type,
        "acled_subtype": event.acled_subtype,
        "actors": "; ".join(names(event.actors)) or None,
        "recipients": "; ".join(names(event.recipients)) or None,
        "place": place_name(row),
        "place_id": where.place_id if where else None,
        "admin1": where.admin1 if where else None,
        "country": where.country if where else None,
        "location_precision": where.precision if where else None,
        "killed": value(event.killed),
        "killed_qualifier": qualifier(event.killed),
        "injured": value(event.injured),
        "injured_qualifier": qualifier(event.injured),
        "said_by": event.said_by.source.name or event.said_by.source.text
        if event.said_by
        else None,
        "factuality": event.factuality,
        "confidence": event.confidence,
        "evidence": event.evidence.text,
        "document_id": row.document_id,
        "source": row.document_source,
        "title": row.document_title,
        "url": row.document_url,
        "published": row.published.isoformat() if row.published else None,
    }


def feature(row: EventRow) -> dict[str, Any] | None:
    where = row.event.where
    if where is None or where.lat is None or where.lon is None:
        return None
    return {
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [where.lon, where.lat]},
        "properties": properties(row),
    }


def geojson(rows: Iterable[EventRow], *, flush_every: int = 500) -> Iterator[bytes]:
    """The FeatureCollection as UTF-8 chunks, written as it goes (memory stays flat)."""
    yield b'{"type": "FeatureCollection", "features": [\n'
    parts: list[str] = []
    first = True
    for row in rows:
        item = feature(row)
        if item is None:
            continue
        parts.append(("" if first else ",\n") + json.dumps(item, ensure_ascii=False))
        first = False
        if len(parts) >= flush_every:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append("\n]}\n")
    yield "".join(parts).encode("utf-8")
