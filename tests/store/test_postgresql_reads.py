"""PostgreSQL: the reads an API server repeats for every request are planned once per
connection, not at every request (planning a page's read cost as much as running it)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from marsad.store import EventFilters, Store

pytestmark = pytest.mark.postgresql


def test_a_servers_page_reads_stay_prepared_across_requests(
    pg_url: str, make_document, make_event
) -> None:
    with Store.open(pg_url) as store:
        for n in range(6):
            store.save(make_document(f"Doc {n}.", url=f"https://prepared.example/{n}"),
                       [make_event(f"Rockets struck base {n}."),
                        make_event(f"Gunmen attacked post {n}.")])
        with store._engine.begin() as connection:  # later ids past 32,767 (smallint)
            connection.execute(text("SELECT setval('events_id_seq', 70000)"))
        for n in range(6, 12):
            store.save(make_document(f"Doc {n}.", url=f"https://prepared.example/{n}"),
                       [make_event(f"Rockets struck base {n}.")])
        store.keep_filter_index()
        store.event_page(EventFilters(), limit=3)
        assert store.wait_for_filter_index()
        pages = []
        for offset in range(0, 18):  # pages of 1-3 events, small ids, large ids and both
            store.revision()
            pages.append(store.event_page(EventFilters(), limit=3, offset=offset % 18))
        assert pages[0][0] == 18 and all(rows for _, rows in pages[:16])
        # one request after another: the pool gives each the connection used last
        with store._engine.connect() as connection:
            statements = connection.execute(text(
                "SELECT statement FROM pg_prepared_statements")).scalars().all()
        assert any("FROM events" in s and "ANY" in s for s in statements)
        assert any("FROM event_changes" in s for s in statements)  # the revision
        assert len(statements) <= 8  # one per statement, not one per page shape


def test_a_saves_linking_look_ups_are_one_statement_whatever_the_number_of_keys(
    pg_url: str, make_document, make_event
) -> None:
    # Linking looks up the blocks, nodes, pairs and incidents of hundreds of keys at each
    # save; written as IN (one placeholder per key), each look-up was a new statement text
    # for the driver to parse and never prepared (a fifth of a save's CPU at 100,000 events).
    with Store.open(pg_url) as store:
        selects: list[str] = []

        @event.listens_for(store._engine, "before_cursor_execute")
        def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            if statement.lstrip().startswith("SELECT"):
                selects.append(statement)

        for n in range(8):  # documents of 1 to 8 similar events: candidates of each other
            store.save(make_document(f"Doc {n}.", url=f"https://linking.example/{n}"),
                       [make_event(f"Rockets struck the base near Baghdad, wave {k}.")
                        for k in range(n + 1)])
        linking = [s for s in selects if "link_" in s or "FROM incidents" in s]
        assert any("link_blocks" in s for s in linking)
        assert not [s for s in linking if " IN (" in s]
        with store._engine.connect() as connection:
            prepared = connection.execute(text(
                "SELECT statement FROM pg_prepared_statements")).scalars().all()
        assert any("FROM link_blocks" in s for s in prepared)
