"""marsad's event database: SQLite by default, PostgreSQL by URL, migrated on open.

with Store.open("marsad.db") as store:
    store.save(document, events)
    for row in store.events(EventFilters(category="ASSAULT", country="IQ")):
        ...
"""

from marsad.store.records import (
    EXTRACTED,
    NO_PROFILE,
    ActorRow,
    DayCount,
    DocumentRow,
    EventFilters,
    EventPoint,
    EventRow,
    PlaceRow,
    SaveResult,
    StoreStats,
)
from marsad.store.store import Store
from marsad.store.url import DEFAULT_URL, resolve_url

__all__ = [
    "DEFAULT_URL",
    "EXTRACTED",
    "NO_PROFILE",
    "ActorRow",
    "DayCount",
    "DocumentRow",
    "EventFilters",
    "EventPoint",
    "EventRow",
    "PlaceRow",
    "SaveResult",
    "Store",
    "StoreStats",
    "resolve_url",
]
