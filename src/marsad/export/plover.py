"""PLOVER JSONL: one event a line, with the field names of the PLOVER specification.

The names follow the "PLOVER JSON" table of the PLOVER manual (Open Event Data Alliance,
draft 0.7b1): id, date, enddate, source and recipient (lists of actor objects: code,
sector, actor_text, identifier_id, identifier_text), event, mode and context (lists),
event_loc (a location object with GeoNames field names plus cc3), event_text, quad_code,
link, text_info, cite_info, coder, coded_date. What PLOVER has no name for (event kind,
factuality, tolls with their qualifier, attribution, per-field evidence, confidence) is
kept under one "marsad" key, as the manual invites producers to add fields.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from marsad import __version__
from marsad.export.countries import country
from marsad.export.rows import event_date
from marsad.store import EventRow
from marsad.types import ActorRef, Quantity

QUAD = {  # the manual's quad categories
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


def actor_object(ref: ActorRef) -> dict[str, Any]:
    nation = country(ref.country)
    return {
        "code": nation.alpha3 if nation else None,
        "sector": ref.sector.upper() if ref.sector else None,
        "actor_text": ref.text,
        "identifier_id": ref.actor_id,
        "identifier_text": ref.name,
    }


def _quantity(quantity: Quantity | None) -> dict[str, Any] | None:
    if quantity is None:
        return None
    return {"value": quantity.value, "qualifier": quantity.qualifier}


def record(row: EventRow) -> dict[str, Any]:
    event = row.event
    where = event.where
    nation = country(where.country if where else None)
    day = event_date(row)
    # PLOVER requires a date: an undated event takes its article's, and says so.
    date_from = "event" if day is not None else "published"
    day = day or row.published
    end = event.when.end if event.when is not None else None
    return {
        "id": f"marsad-{row.id}",
        "date": day.isoformat() if day else None,
        "enddate": end.isoformat() if end else None,
        "source": [actor_object(ref) for ref in event.actors],
        "recipient": [actor_object(ref) for ref in event.recipients],
        "event": [event.category],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "event_loc": (
            {
                "name": where.name or where.text,
                "latitude": where.lat,
                "longitude": where.lon,
                "country code": where.country,
                "cc3": nation.alpha3 if nation else None,
                "admin1 code": where.admin1,
                # how fine the location is: facility, neighbourhood, city, admin1, country
                "resolution": where.precision,
            }
            if where is not None
            else None
        ),
        "event_text": [event.evidence.text],
        "quad_code": QUAD.get(event.category),
        "link": row.document_id,
        "text_info": {"start": event.evidence.start, "end": event.evidence.end},
        "cite_info": {
            "url": row.document_url,
            "title": row.document_title,
            "publication": row.document_source,
            "coder": f"marsad {__version__}",
            "codebook": "plover-0.7b1",
        },
        "coder": f"marsad {__version__}",
        "coded_date": row.ingested_at.date().isoformat() if row.ingested_at else None,
        "marsad": {
            "event_id": row.id,
            # the occurrence this report is of (marsad.link): reports of one act share it
            "incident_id": row.incident.id if row.incident else None,
            "kind": event.kind,
            "date_from": date_from,
            "date_precision": event.when.precision if event.when else None,
            "date_how": event.when.how if event.when else None,
            "location_precision": where.precision if where else None,
            "acled_type": event.acled_type,
            "acled_subtype": event.acled_subtype,
            "dead": _quantity(event.killed),
            "injured": _quantity(event.injured),
            "casualties": _quantity(event.casualties),
            "count": _quantity(event.count),
            "said_by": (
                {**actor_object(event.said_by.source), "kind": event.said_by.kind}
                if event.said_by
                else None
            ),
            "factuality": event.factuality,
            "stance": (
                {"issue": event.stance.issue, "position": event.stance.position}
                if event.stance
                else None
            ),
            "evidence": [
                {
                    "field": fe.field,
                    "start": fe.span.start,
                    "end": fe.span.end,
                    "text": fe.span.text,
                }
                for fe in event.field_evidence
            ],
            "confidence": event.confidence,
        },
    }


def plover_jsonl(rows: Iterable[EventRow], *, flush_every: int = 500) -> Iterator[bytes]:
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(record(row), ensure_ascii=False))
        if len(lines) >= flush_every:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")
