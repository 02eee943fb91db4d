"""ACLED-style CSV: ACLED's column names, in its order, with its codes where they apply.

Only events ACLED would code are written: events with an ACLED event type that happened
(not negated, future or hypothetical) and are single occurrences (aggregates such as
"over 70 attacks since October" are counts, not events).

One row per incident, as ACLED codes it: the reports of one occurrence by several outlets
(marsad.link) give one row, its `source` the outlets ("Reuters; Shafaq News"), its
fatalities the incident's resolved figure (the lowest well-sourced one), its location the
incident's resolved place; `tags` name the incident and how many reports it has.

Codes (ACLED codebook): time_precision 1 day, 2 week or range, 3 month or coarser;
geo_precision 1 a town or finer, 3 a region or country (the location is its centre);
inter1/inter2 actor types 1 state forces, 2 rebel groups, 3 political militias, 4 identity
militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces; interaction the
two codes, lower first (10 x code when there is one actor).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from marsad.export.countries import country
from marsad.export.rows import NOT_OCCURRED, actor_name, event_date, place_name
from marsad.store import EventRow
from marsad.types import ActorRef

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
TIME_PRECISION = {"time": 1, "day": 1, "week": 2, "range": 2, "month": 3, "year": 3}
GEO_PRECISION = {"facility": 1, "neighbourhood": 1, "city": 1, "admin1": 3, "country": 3}

STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA = 1, 2, 3, 4
RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 5, 6, 7, 8
_STATE_SECTORS = {"government", "military", "police", "security", "judiciary", "legislature"}
_SECTOR_INTER = {
    "rebel": REBEL,
    "insurgent": REBEL,
    "terrorist": REBEL,
    "militia": POLITICAL_MILITIA,
    "paramilitary": POLITICAL_MILITIA,
    "unidentified": POLITICAL_MILITIA,  # ACLED: "Unidentified Armed Group" is a militia
    "party": POLITICAL_MILITIA,
    "tribe": IDENTITY_MILITIA,
    "religious": IDENTITY_MILITIA,
    "civilian": CIVILIANS,
    "media": CIVILIANS,
    "ngo": CIVILIANS,
    "business": CIVILIANS,
    "igo": EXTERNAL,
}


def acled_eligible(row: EventRow) -> bool:
    event = row.event
    return (
        event.acled_type is not None
        and event.kind == "incident"
        and event.factuality not in NOT_OCCURRED
    )


def inter_code(ref: ActorRef, event_country: str | None, acled_type: str | None) -> int | None:
    """ACLED's actor type for an actor reference; None when nothing tells."""
    sector = (ref.sector or "").lower()
    if sector in _STATE_SECTORS:
        # A state's forces outside their own country are "external" in ACLED's terms.
        foreign = ref.country and event_country and ref.country.upper() != event_country.upper()
        return EXTERNAL if foreign else STATE
    if sector in _SECTOR_INTER:
        return _SECTOR_INTER[sector]
    if acled_type == "Protests":
        return PROTESTERS
    if acled_type == "Riots":
        return RIOTERS
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def record(row: EventRow) -> dict[str, object]:
    """One event as an ACLED row (values as the CSV writes them; None is an empty cell)."""
    event = row.event
    where = event.where
    nation = country(where.country if where else None)
    day = event_date(row)
    event_country = where.country if where else None
    actor1 = event.actors[0] if event.actors else None
    actor2 = event.recipients[0] if event.recipients else None
    inter1 = inter_code(actor1, event_country, event.acled_type) if actor1 else None
    inter2 = inter_code(actor2, event_country, event.acled_type) if actor2 else None
    targets_civilians = any(
        inter_code(ref, event_country, event.acled_type) == CIVILIANS for ref in event.recipients
    )
    killed = event.killed
    tags = []
    if killed is not None and killed.qualifier != "exact":
        tags.append(f"fatalities {killed.qualifier.replace('_', ' ')} {killed.value}")
    if event.said_by is not None:
        tags.append(f"according to {actor_name(event.said_by.source)}")
    notes = event.evidence.text
    if event.when is not None and event.when.how:
        notes = f"{notes} [date: {event.when.how}]"
    incident = row.incident
    source = row.document_source
    fatalities = killed.value if killed is not None else 0
    location, lat, lon = place_name(row), where.lat if where else None, where.lon if where else None
    geo = GEO_PRECISION.get(where.precision or "") if where else None
    admin1 = where.admin1 if where else None
    if incident is not None and incident.documents > 1:
        source = "; ".join(incident.sources) or source
        fatalities = incident.killed if incident.killed is not None else 0
        if incident.place_name and incident.lat is not None:
            location, lat, lon = incident.place_name, incident.lat, incident.lon
            geo = GEO_PRECISION.get(incident.geo_precision or "")
            admin1 = admin1 if incident.place_name == place_name(row) else None
        tags.append(f"incident {incident.id} ({incident.documents} reports)")
    return {
        "event_id_cnty": f"{nation.alpha3 if nation else 'XXX'}{row.id}",
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": TIME_PRECISION.get(event.when.precision or "") if event.when else None,
        "disorder_type": DISORDER.get(event.acled_type or ""),
        "event_type": event.acled_type,
        "sub_event_type": event.acled_subtype,
        "actor1": actor_name(actor1) if actor1 else None,
        "assoc_actor_1": "; ".join(actor_name(ref) for ref in event.actors[1:]) or None,
        "inter1": inter1,
        "actor2": actor_name(actor2) if actor2 else None,
        "assoc_actor_2": "; ".join(actor_name(ref) for ref in event.recipients[1:]) or None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if targets_civilians else None,
        "iso": nation.numeric if nation else None,
        "region": nation.region if nation else None,
        "country": nation.name if nation else None,
        "admin1": admin1,
        "admin2": None,
        "admin3": None,
        "location": location,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": geo,
        "source": source,
        "source_scale": None,
        "notes": notes,
        # ACLED writes 0 when no death is reported; our unknown (None) becomes 0 too.
        "fatalities": fatalities,
        "tags": "; ".join(tags) or None,
        "timestamp": int(row.ingested_at.timestamp()) if row.ingested_at else None,
    }


def acled_csv(rows: Iterable[EventRow], *, flush_every: int = 500) -> Iterator[bytes]:
    """The CSV, UTF-8, header first, in chunks (for a file or an HTTP response)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    pending = 0
    written: set[str] = set()  # incidents already given their row
    for row in rows:
        if not acled_eligible(row):
            continue
        if row.incident is not None:
            if row.incident.id in written:
                continue
            written.add(row.incident.id)
        writer.writerow({column: spreadsheet_safe(value) for column, value in record(row).items()})
        pending += 1
        if pending >= flush_every:
            yield _drain(buffer)
            pending = 0
    yield _drain(buffer)


# A cell a spreadsheet would read as a formula (OWASP, "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Text that Excel, LibreOffice or Sheets would run as a formula ("=HYPERLINK(…)",
    "=cmd|' /C calc'!A0") gets a leading apostrophe, OWASP's rule, so it shows as text.
    Numbers are never touched: a negative longitude stays a number."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data
