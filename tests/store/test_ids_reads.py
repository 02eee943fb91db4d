"""The reads of a page's rows by their ids (queries.EVENTS_OF_IDS and the parts') look the
ids up in an index on both backends: a condition the planner cannot use read the whole
table for every page of the API."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, Select, create_engine
from sqlalchemy.pool import NullPool

from marsad.store import Store, queries

READS = {
    "events": queries.EVENTS_OF_IDS,
    "event_actors": queries.ACTORS_OF_EVENTS,
    "evidence": queries.EVIDENCE_OF_EVENTS,
}


@pytest.mark.parametrize("table", sorted(READS))
def test_a_read_by_ids_uses_an_index(store_url: str, table: str) -> None:
    with Store.open(store_url):
        pass
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        plan = _plan(engine, READS[table], [3, 40_000, 7])
    finally:
        engine.dispose()
    if store_url.startswith("sqlite"):
        assert f"SCAN {table}" not in plan and f"SEARCH {table}" in plan, plan
    else:
        assert f"Seq Scan on {table}" not in plan and "Index" in plan, plan


def _plan(engine: Engine, query: Select[Any], ids: list[int]) -> str:
    sql = query.params(ids=ids).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
            return "\n".join(row[3] for row in rows)
        # on a table this small a sequential scan is cheapest: can the index serve at all?
        connection.exec_driver_sql("SET enable_seqscan = off")
        return "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {sql}").all())
