"""Parquet: one row per event with typed columns (dates, nullable integers, lists).

pandas, pyarrow, DuckDB and Spark read it as is. Written in row groups, so an export of a
large store streams in bounded memory.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from marsad.export.rows import event_date, names, place_name, qualifier, value
from marsad.store import EventRow

ROW_GROUP = 10_000


def schema() -> Any:
    import pyarrow as pa  # only exports need it

    text, integer, flag = pa.string(), pa.int32(), pa.float64()
    return pa.schema(
        [
            ("event_id", pa.int64()),
            ("document_id", text),
            ("incident_id", text),
            ("date", pa.date32()),
            ("end_date", pa.date32()),
            ("date_precision", text),
            ("kind", text),
            ("category", text),
            ("mode", text),
            ("context", pa.list_(text)),
            ("acled_type", text),
            ("acled_subtype", text),
            ("actors", pa.list_(text)),
            ("recipients", pa.list_(text)),
            ("place", text),
            ("place_id", text),
            ("admin1", text),
            ("country", text),
            ("location_precision", text),
            ("latitude", flag),
            ("longitude", flag),
            ("killed", integer),
            ("killed_qualifier", text),
            ("injured", integer),
            ("injured_qualifier", text),
            ("said_by", text),
            ("factuality", text),
            ("confidence", flag),
            ("evidence", text),
            ("evidence_start", integer),
            ("evidence_end", integer),
            ("source", text),
            ("title", text),
            ("url", text),
            ("published", pa.date32()),
        ]
    )


def record(row: EventRow) -> dict[str, Any]:
    event = row.event
    where = event.where
    return {
        "event_id": row.id,
        "document_id": row.document_id,
        "incident_id": row.incident.id if row.incident else None,
        "date": event_date(row),
        "end_date": event.when.end if event.when else None,
        "date_precision": event.when.precision if event.when else None,
        "kind": event.kind,
        "category": event.category,
        "mode": event.mode,
        "context": list(event.context),
        "acled_type": event.acled_type,
        "acled_subtype": event.acled_subtype,
        "actors": names(event.actors),
        "recipients": names(event.recipients),
        "place": place_name(row),
        "place_id": where.place_id if where else None,
        "admin1": where.admin1 if where else None,
        "country": where.country if where else None,
        "location_precision": where.precision if where else None,
        "latitude": where.lat if where else None,
        "longitude": where.lon if where else None,
        "killed": value(event.killed),
        "killed_qualifier": qualifier(event.killed),
        "injured": value(event.injured),
        "injured_qualifier": qualifier(event.injured),
        "said_by": (event.said_by.source.name or event.said_by.source.text)
        if event.said_by
        else None,
        "factuality": event.factuality,
        "confidence": event.confidence,
        "evidence": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "source": row.document_source,
        "title": row.document_title,
        "url": row.document_url,
        "published": row.published,
    }


class _Sink(io.RawIOBase):
    """A write-only file that hands back what was written since the last take()."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._chunks.append(chunk)
        self._position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._position

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def parquet(rows: Iterable[EventRow], *, row_group: int = ROW_GROUP) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table_schema = schema()
    sink = _Sink()
    writer = pq.ParquetWriter(sink, table_schema, compression="zstd")
    try:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(record(row))
            if len(batch) >= row_group:
                writer.write_table(pa.Table.from_pylist(batch, schema=table_schema))
                batch = []
                yield sink.take()
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=table_schema))
    finally:
        writer.close()  # writes the footer, also for an empty export
    yield sink.take()
