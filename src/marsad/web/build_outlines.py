"""Development tool: convert Natural Earth country outlines (TopoJSON) to the packaged GeoJSON.

Run once, by hand, when the outlines should change; marsad never runs it and never fetches
anything at run time:

    npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python -m marsad.web.build_outlines package/countries-110m.json

Source: world-atlas 2 (Mike Bostock, ISC), a redistribution of Natural Earth 4.1.0 1:110m
Admin 0 countries (public domain). Writes static/countries-110m.geojson: one Feature per
country, {"name": ..., "id": ISO 3166 numeric}, coordinates rounded to 0.01 degree (about
1 km, finer than the 1:110m source).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "static" / "countries-110m.geojson"
DIGITS = 2


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON quantised, delta-encoded arcs)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = []
        x = y = 0
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]  # ~i: arc i reversed
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    rounded = [[round(x, DIGITS), round(y, DIGITS)] for x, y in points]
    # Rounding can make neighbours equal: drop repeats, keep the ring closed.
    kept = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    if kept[0] != kept[-1]:
        kept.append(kept[0])
    return kept


def geometry(item: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> dict[str, Any]:
    if item["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in item["arcs"]]}
    if item["type"] == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[ring(r, arcs) for r in polygon] for polygon in item["arcs"]],
        }
    raise ValueError(f"unexpected geometry type {item['type']}")


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features = [
        {
            "type": "Feature",
            "id": item.get("id"),
            "properties": {"name": item.get("properties", {}).get("name")},
            "geometry": geometry(item, arcs),
        }
        for item in topology["objects"]["countries"]["geometries"]
        if item.get("type") in ("Polygon", "MultiPolygon")
    ]
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> None:
    source = Path(argv[1])
    collection = convert(json.loads(source.read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(collection['features'])} countries, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv)
