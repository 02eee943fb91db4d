"""An event's JSON as the event list shows it, written once when the event is saved.

A page of GET /api/events read each event's sixty columns, its actor and evidence rows
(two more queries) and built the JSON from them: two thirds of a request's CPU on 2 cores.
An event's columns, actors and evidence never change once stored (a re-extraction deletes
and re-inserts it), so their JSON is rendered at save time into `events.listing` and a page
reads one text column per event. Only the document's part ("document": title, source,
url, published) is joined at read time, since a document row can be updated.

`listing` holds every key of the API's Event after "id" and "document", in its order, so
that `item_json` splices the two in front. `listing_format` says which version of this
rendering wrote it: a row of another version (or none, stored before 0008) is rendered
from its columns when read, and Store.open renders it again (store._fill_listings). A field added
to the API's Event is added here and LISTING_FORMAT raised; tests/api/test_fast_json.py
holds this JSON equal to the pydantic model's, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic_core import to_json

LISTING_FORMAT = 1


def _amount(value: int | None, qualifier: str | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"value": value, "qualifier": qualifier or "exact"}


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _actor(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"text": row["text"], "actor_id": row["actor_id"], "name": row["name"],
            "sector": row["sector"], "country": row["country"]}


def listing_dict(
    event: Mapping[str, Any],
    actors: Iterable[Mapping[str, Any]],
    evidence: Iterable[Mapping[str, Any]],
) -> dict[str, Any]:
    """The Event's keys after "id" and "document", from an events row (by column name), its
    event_actors rows in (role, ordinal) order and its evidence rows in ordinal order."""
    by_role: dict[str, list[dict[str, Any]]] = {}
    for row in actors:
        by_role.setdefault(row["role"], []).append(_actor(row))
    said_by = (by_role.get("said_by") or [None])[0]
    holder = (by_role.get("stance_holder") or [None])[0]
    e = event
    return {
        "ordinal": e["ordinal"],
        "kind": e["kind"],
        "category": e["category"],
        "mode": e["mode"],
        "context": list(e["context"] or ()),
        "acled_type": e["acled_type"],
        "acled_subtype": e["acled_subtype"],
        "actors": by_role.get("actor", []),
        "recipients": by_role.get("recipient", []),
        "where": None if e["where_text"] is None else {
            "text": e["where_text"],
            "place_id": e["place_id"],
            "name": e["place_name"],
            "lat": _float(e["lat"]),
            "lon": _float(e["lon"]),
            "admin1": e["admin1"],
            "country": e["country"],
            "precision": e["geo_precision"],
        },
        "when": None if e["when_how"] is None else {
            "start": e["when_start"],
            "end": e["when_end"],
            "precision": e["when_precision"],
            "how": e["when_how"],
        },
        "killed": _amount(e["killed"], e["killed_qualifier"]),
        "injured": _amount(e["injured"], e["injured_qualifier"]),
        "casualties": _amount(e["casualties"], e["casualties_qualifier"]),
        "count": _amount(e["count"], e["count_qualifier"]),
        "said_by": None if said_by is None else {
            "source": said_by, "kind": e["said_by_kind"] or "report"},
        "factuality": e["factuality"],
        "stance": None if e["stance_issue"] is None else {
            "issue": e["stance_issue"], "position": e["stance_position"], "holder": holder},
        "confidence": float(e["confidence"]),
        "evidence": {"start": e["evidence_start"], "end": e["evidence_end"],
                     "text": e["evidence_text"]},
        "field_evidence": [
            {"start": v["start"], "end": v["end"], "text": v["text"], "field": v["field"]}
            for v in evidence
        ],
    }


def listing_json(
    event: Mapping[str, Any],
    actors: Iterable[Mapping[str, Any]],
    evidence: Iterable[Mapping[str, Any]],
) -> str:
    """listing_dict() as JSON text: what `events.listing` stores."""
    return to_json(listing_dict(event, actors, evidence)).decode()


def item_json(event_id: int, document: Mapping[Any, Any], listing: str) -> bytes:
    """The whole Event: its id and its document's part, then the stored listing."""
    head = to_json({"id": event_id, "document": {
        "id": document["document_id"], "title": document["doc_title"],
        "source": document["doc_source"], "url": document["doc_url"],
        "published": document["doc_published"],
    }})
    return head[:-1] + b"," + listing[1:].encode()
