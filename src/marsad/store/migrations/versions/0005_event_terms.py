"""Filters that scale: indexed actor and place look-ups, and indexes that carry what the
column filters test.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

    event_terms           (field, term, event_id): every folded, word-aligned tail of an
                          event's actor and recipient names (field 'actor') and place
                          names ('place'); filled here for the events stored before
    ix_events_category    (category, country, when_start, when_end, lat, lon, kind), and
    ix_events_country     (country, category, ...): were on the one column
    ix_events_list_order  the list's order (0002), now carrying when_end, category,
                          country, lat, lon and kind
    ix_events_when_end    (when_end, when_start): ranged events reaching into a date range
    ix_events_lat         (lat, lon, category, country, when_start, when_end, kind): a
                          map's box is a range of latitudes

The actor and place filters were LIKE '%x%' scans of event_actors and events; they are now
one range of event_terms' primary key (marsad.store.terms has the matching rule). A count
or a page walk tests the column filters inside an index instead of reading each wide row.
The terms of the stored events are computed with a copy of marsad.store.terms' folding:
self-contained on purpose, like 0001, so that this revision writes the same rows whatever
later versions of marsad change (a test checks the copy against the module).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
FoldedText = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")

# marsad.store.terms as of this revision
_SPELLED = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe",
     "þ": "th", "ð": "d", "ʼ": "", "ʻ": "", "ʾ": "", "ʿ": "", "ʹ": ""}
)
_WORD = re.compile(r"[^\W_]+")
MAX_TERM = 200
BATCH = 2000  # events per read and insert: memory stays flat on a large store
FILTER_COLUMNS = ["when_start", "when_end", "lat", "lon", "kind"]
LIST_ORDER = {  # dialect: (the list order as 0002 made it, as this revision makes it)
    "sqlite": (
        "CREATE INDEX ix_events_list_order ON events (when_start DESC, id)",
        "CREATE INDEX ix_events_list_order ON events "
        "(when_start DESC, id, when_end, category, country, lat, lon, kind)",
    ),
    "postgresql": (
        "CREATE INDEX ix_events_list_order ON events (when_start DESC NULLS LAST, id)",
        "CREATE INDEX ix_events_list_order ON events (when_start DESC NULLS LAST, id) "
        "INCLUDE (when_end, category, country, lat, lon, kind)",
    ),
}


def _tails(name: str | None) -> set[str]:
    if not name:
        return set()
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _WORD.findall(bare.casefold().translate(_SPELLED))
    return {" ".join(words[i:])[:MAX_TERM] for i in range(len(words))}


def _terms(field: str, rows: Iterable[Sequence[Any]]) -> set[tuple[int, str, str]]:
    """(event_id, field, term) of rows (event_id, name, name, ...): the tails of an event's
    names but those that start another of them."""
    tails: dict[int, set[str]] = {}
    for event_id, *names in rows:
        for name in names:
            tails.setdefault(int(event_id), set()).update(_tails(name))
    found: set[tuple[int, str, str]] = set()
    for event_id, those in tails.items():
        ordered = sorted(those)
        found |= {(event_id, field, t) for i, t in enumerate(ordered)
                  if i + 1 == len(ordered) or not ordered[i + 1].startswith(t)}
    return found


def upgrade() -> None:
    terms = op.create_table(
        "event_terms",
        sa.Column("field", sa.String(8), nullable=False),
        sa.Column("term", FoldedText, nullable=False),
        sa.Column("event_id", BigId, nullable=False),
        sa.CheckConstraint("field IS NULL OR field IN ('actor', 'place')",
                           name=op.f("ck_event_terms_field")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name=op.f("fk_event_terms_event_id_events")),
        sa.PrimaryKeyConstraint("field", "term", "event_id", name=op.f("pk_event_terms")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_event_terms_event_id"), "event_terms", ["event_id"])
    _fill(terms)
    _filter_indexes(widen=True)
    dialect = op.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        # The planner's statistics for the new indexes and table: without them SQLite
        # guesses, and picks a filter's index over the list order for a page.
        op.execute("ANALYZE")


def _filter_indexes(*, widen: bool) -> None:
    for column, other in (("category", "country"), ("country", "category")):
        op.drop_index(op.f(f"ix_events_{column}"), table_name="events")
        columns = [column, other, *FILTER_COLUMNS] if widen else [column]
        op.create_index(op.f(f"ix_events_{column}"), "events", columns)
    if widen:
        op.create_index(op.f("ix_events_when_end"), "events", ["when_end", "when_start"])
        op.create_index(op.f("ix_events_lat"), "events",
                        ["lat", "lon", "category", "country", "when_start", "when_end", "kind"])
    else:
        op.drop_index(op.f("ix_events_when_end"), table_name="events")
        op.drop_index(op.f("ix_events_lat"), table_name="events")
    statements = LIST_ORDER.get(op.get_bind().dialect.name)
    if statements is not None:
        op.execute("DROP INDEX IF EXISTS ix_events_list_order")
        op.execute(statements[1] if widen else statements[0])


def _fill(terms: sa.Table) -> None:
    connection = op.get_bind()
    events = sa.table("events", sa.column("id"), sa.column("where_text"),
                      sa.column("place_name"), sa.column("place_id"))
    actors = sa.table("event_actors", sa.column("event_id"), sa.column("role"),
                      sa.column("text"), sa.column("name"), sa.column("actor_id"))
    last = -1
    while True:
        places = connection.execute(
            sa.select(events.c.id, events.c.where_text, events.c.place_name, events.c.place_id)
            .where(events.c.id > last).order_by(events.c.id).limit(BATCH)
        ).all()
        if not places:
            return
        first, last = places[0][0], places[-1][0]
        named = connection.execute(
            sa.select(actors.c.event_id, actors.c.text, actors.c.name, actors.c.actor_id)
            .where(actors.c.event_id.between(first, last),
                   actors.c.role.in_(("actor", "recipient")))
        ).all()
        rows = _terms("place", places) | _terms("actor", named)
        if rows:  # an empty list would be one INSERT of defaults
            connection.execute(
                terms.insert(),
                [{"event_id": e, "field": f, "term": t} for e, f, t in sorted(rows)],
            )


def downgrade() -> None:
    _filter_indexes(widen=False)
    op.drop_table("event_terms")
