"""Path parameters: the ids a URL names, bounded to what the store can hold.

An id out of range is a 422 before the store is asked (an event id past 2**63 - 1 would
overflow the database's integer; a document id of 50,000 characters would become a LIKE
pattern too long for it).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_EVENT_ID = 2**63 - 1  # a signed 64-bit integer: SQLite's INTEGER, PostgreSQL's BIGINT
MAX_ID_LENGTH = 64  # document ids are "doc-" and 16 hex digits; incidents "inc-" and 12

EventId = Annotated[int, Path(ge=1, le=MAX_EVENT_ID, description="an event's id")]
DocumentId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_ID_LENGTH,
        description="a document's id (reads also take a unique prefix)",
    ),
]
IncidentId = Annotated[
    str, Path(min_length=1, max_length=MAX_ID_LENGTH, description="an incident's id")
]
