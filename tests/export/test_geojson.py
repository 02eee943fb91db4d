"""GeoJSON, validated against an RFC 7946 schema (written here) and read back."""

from __future__ import annotations

import json

import jsonschema
from fastapi.testclient import TestClient

from marsad.api import create_app

POSITION = {
    "type": "array",
    "minItems": 2,
    "maxItems": 3,
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},  # longitude first (RFC 7946 §3.1.1)
        {"type": "number", "minimum": -90, "maximum": 90},
    ],
    "items": {"type": "number"},
}
RFC7946 = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {"type": {"const": "Point"}, "coordinates": POSITION},
                    },
                    "properties": {
                        "type": ["object", "null"],
                        # flat values: one per attribute-table cell (QGIS, kepler.gl)
                        "additionalProperties": {"type": ["string", "number", "null"]},
                    },
                },
            },
        },
    },
    "not": {"required": ["crs"]},  # RFC 7946 removed "crs": coordinates are WGS 84
}


def test_the_collection_is_valid_rfc_7946(exported) -> None:
    collection = json.loads(exported("geojson").read_text(encoding="utf-8"))
    jsonschema.validate(collection, RFC7946)


def test_features_round_trip_to_the_located_events(exported, rows) -> None:
    features = json.loads(exported("geojson").read_text())["features"]
    located = {i: r for i, r in rows.items() if r.event.where and r.event.where.lat is not None}
    assert len(features) == len(located) > 20
    for feature in features:
        row = located[feature["id"]]
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == (row.event.where.lat, row.event.where.lon)
        props = feature["properties"]
        assert props["event_id"] == row.id and props["category"] == row.event.category
        assert props["evidence"] == row.event.evidence.text


def test_the_api_serves_the_same_file(exported, store_url: str) -> None:
    with TestClient(create_app(store_url, allowed_hosts=["testserver"])) as client:
        response = client.get("/api/export/geojson", params={"country": "IQ"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    assert "attachment" in response.headers["content-disposition"]
    assert response.json() == json.loads(exported("geojson", "--country", "IQ").read_text())
    jsonschema.validate(response.json(), RFC7946)
