"""Exports of stored events to the formats analysts' tools read.

    for chunk in export_chunks("geojson", store.iter_events(filters)):
        out.write(chunk)

Every format is a generator of byte chunks, so the CLI writes a file and the API streams a
response with the same code, in bounded memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from marsad.store import EventRow

Writer = Callable[[Iterable[EventRow]], Iterator[bytes]]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    description: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "acled-csv",
            "text/csv; charset=utf-8",
            "csv",
            "ACLED-style CSV (ACLED column names and codes; events ACLED would code)",
        ),
        ExportFormat(
            "plover-jsonl",
            "application/x-ndjson",
            "jsonl",
            "PLOVER JSON records, one a line",
        ),
        ExportFormat(
            "geojson",
            "application/geo+json",
            "geojson",
            "GeoJSON FeatureCollection of located events (QGIS, kepler.gl)",
        ),
        ExportFormat(
            "parquet",
            "application/vnd.apache.parquet",
            "parquet",
            "Parquet table, one row per event (pandas, DuckDB)",
        ),
    )
}


def _writer(name: str) -> Writer:
    # Imported on use: pyarrow is heavy and only Parquet needs it.
    if name == "acled-csv":
        from marsad.export.acled import acled_csv

        return acled_csv
    if name == "plover-jsonl":
        from marsad.export.plover import plover_jsonl

        return plover_jsonl
    if name == "geojson":
        from marsad.export.geojson import geojson

        return geojson
    if name == "parquet":
        from marsad.export.parquet import parquet

        return parquet
    raise ValueError(f"unknown export format {name!r}: expected one of {', '.join(FORMATS)}")


def export_chunks(format_name: str, rows: Iterable[EventRow]) -> Iterator[bytes]:
    """The export of rows in this format, as byte chunks."""
    return _writer(format_name)(rows)


__all__ = ["FORMATS", "ExportFormat", "export_chunks"]
