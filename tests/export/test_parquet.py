"""Parquet, read back with pandas and pyarrow."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from marsad.export.parquet import parquet


def test_pandas_reads_every_event(exported, rows) -> None:
    frame = pd.read_parquet(exported("parquet"))
    assert len(frame) == len(rows)
    assert set(frame["event_id"]) == set(rows)
    by_id = frame.set_index("event_id")
    for event_id, row in rows.items():
        record = by_id.loc[event_id]
        assert record["category"] == row.event.category
        assert record["evidence"] == row.event.evidence.text
        assert list(record["actors"]) == [a.name or a.text for a in row.event.actors]


def test_columns_keep_their_types_and_nulls(exported, rows) -> None:
    table = pq.read_table(exported("parquet"))
    schema = table.schema
    assert schema.field("date").type == pa.date32()
    assert schema.field("killed").type == pa.int32()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("actors").type == pa.list_(pa.string())
    records = {r["event_id"]: r for r in table.to_pylist()}
    for event_id, row in rows.items():
        event = row.event
        assert records[event_id]["killed"] == (event.killed.value if event.killed else None)
        assert records[event_id]["date"] == (event.when.start if event.when else None)


def test_large_exports_stream_in_row_groups(rows) -> None:
    data = b"".join(parquet(rows.values(), row_group=10))
    reader = pq.ParquetFile(io.BytesIO(data))
    assert reader.metadata.num_row_groups > 1
    assert reader.metadata.num_rows == len(rows)


def test_an_empty_export_is_still_a_valid_file() -> None:
    table = pq.read_table(io.BytesIO(b"".join(parquet([]))))
    assert table.num_rows == 0 and "event_id" in table.schema.names
