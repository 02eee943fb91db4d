import json
from datetime import date
from pathlib import Path

import pytest
from evaluate_helpers import DEV, SEED, SHARED, one_doc, write_gold

from marsad.evaluate import GoldError, load_gold
from marsad.evaluate.gold import NUMBERS

EVENT = {"kind": "incident", "evidence": "Rockets hit Baghdad."}


@pytest.mark.skipif(not SEED.exists(), reason="shared gold not on this machine")
def test_seed_doc_paths_resolve_against_shared() -> None:
    docs = load_gold(SEED)
    assert [d.id for d in docs] == [
        "corpus/seed/shafaq-kri-protection.txt",
        "corpus/seed/baghdadtoday-kurdistan-coalition.txt",
    ]
    assert docs[0].text == (SEED.parent.parent / docs[0].id).read_text(encoding="utf-8")
    assert docs[0].published == date(2023, 12, 10)
    assert sum(len(d.events) for d in docs) == 14
    for doc in docs:
        for e in doc.events:
            s, end = e.sentence
            assert e.evidence in doc.text[s:end]


@pytest.mark.skipif(not DEV.exists(), reason="shared gold not on this machine")
def test_dev_gold_loads_with_its_score_numbers() -> None:
    docs = load_gold(DEV.parent)
    assert len(docs) == 7147
    assert {d.score_numbers for d in docs} == {("fatalities",)}
    assert all(d.published is None and d.text for d in docs)


def test_doc_found_by_walking_up_from_a_nested_gold_file(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "corpus").mkdir(parents=True)
    (shared / "corpus" / "a.txt").write_text("Rockets hit Baghdad.", encoding="utf-8")
    line = {"doc": "corpus/a.txt", "published": "2024-01-06", "events": [EVENT]}
    (doc,) = load_gold(write_gold(shared / "gold" / "dev", [line]))
    assert doc.text == "Rockets hit Baghdad."
    assert doc.id == "corpus/a.txt"
    assert doc.score_numbers == NUMBERS


def test_directory_reads_its_own_jsonl_files_in_order(tmp_path: Path) -> None:
    line = {"text": "Rockets hit Baghdad.", "events": [EVENT]}
    write_gold(tmp_path, [{**line, "id": "b"}], "b.jsonl")
    write_gold(tmp_path, [{**line, "id": "a"}], "a.jsonl")
    write_gold(tmp_path / "sub", [{**line, "id": "nested"}], "c.jsonl")
    assert [d.id for d in load_gold(tmp_path)] == ["a", "b"]


def test_missing_and_null_keys_are_kept_apart(tmp_path: Path) -> None:
    doc = one_doc(
        tmp_path,
        "Rockets hit Baghdad.",
        {
            **EVENT,
            "actor1": None,
            "fatalities": 0,
            "count": 3,
            "count_qualifier": "about",
            "injured": None,
        },
    )
    e = doc.events[0]
    assert "actor1" in e.given and e.actor1 is None
    assert "actor2" not in e.given
    assert e.numbers["fatalities"].value == 0
    assert e.numbers["fatalities"].qualifier == "exact"
    assert e.numbers["count"].qualifier == "about"
    assert "injured" not in e.numbers  # null number: the text does not give it


BAD_LINES = [
    ("{not json", "not valid JSON"),
    ('{"text": "x", "doc": "y", "events": []}', "exactly one of"),
    (
        '{"text": "Rockets hit Baghdad.", "events": [{"kind": "incident", "evidence": "Mosul"}]}',
        "not a substring",
    ),
    (
        '{"text": "Rockets hit Baghdad.", "events": [{"kind": "attack", "evidence": "Rockets"}]}',
        "'kind'",
    ),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"date": "2024-01-01", "date_precision": "range"}]}',
        "date_end",
    ),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"date": "01/02/2024"}]}',
        "ISO date",
    ),
    (  # neither coordinates nor a name: nothing to score a city by
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"where": {"country": "IQ", "precision": "city"}}]}',
        "needs 'lat' and 'lon', or a 'name'",
    ),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"where": {"name": "Baghdad", "lat": 33.3}}]}',
        "'lat' and 'lon' together",
    ),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"where": {"country": "IQ", "precision": "admin1"}}]}',
        "needs 'admin1'",
    ),
    ('{"text": "Rockets hit.", "events": [], "exhaustive": "ASSAULT"}', "'exhaustive'"),
    ('{"text": "Rockets hit.", "events": [], "exhaustive": [1]}', "'exhaustive'"),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"incident": ["a"]}]}',
        "'incident'",
    ),
    ('{"text": "Rockets hit.", "events": [], "score_numbers": [["fatalities"]]}', "score_numbers"),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"where": {"name": "X", "precision": "street"}}]}',
        "where.precision",
    ),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"fatalities": -1}]}',
        "non-negative",
    ),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"fatalities": 2, "fatalities_qualifier": "roughly"}]}',
        "fatalities_qualifier",
    ),
    (
        '{"text": "Rockets hit.", "events": [{"kind": "incident", "evidence": "Rockets", '
        '"actor1": "US"}]}',
        "'actor1'",
    ),
    ('{"text": "Rockets hit.", "events": [], "score_numbers": ["deaths"]}', "score_numbers"),
    ('{"doc": "corpus/nowhere.txt", "events": []}', "not found"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_LINES)
def test_bad_line_names_file_and_line(tmp_path: Path, bad: str, reason: str) -> None:
    good = json.dumps({"text": "Rockets hit Baghdad.", "events": [EVENT]})
    path = tmp_path / "gold.jsonl"
    path.write_text(f"{good}\n\n{bad}\n", encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    assert caught.value.origin == f"{path}:3"
    assert reason in str(caught.value)


def test_missing_gold_path(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no such gold"):
        load_gold(tmp_path / "absent.jsonl")
    with pytest.raises(GoldError, match=r"no \.jsonl"):
        load_gold(tmp_path)


def test_places_of_converted_sets_load(tmp_path: Path) -> None:
    """GOLD.md: admin2; a name (and country) without coordinates; no precision."""
    places = [
        {"name": "Soyapango", "country": "SV", "precision": "admin2"},
        {"name": "Wallace", "admin1": "Arkansas", "country": "US", "precision": "city"},
        {"name": "Aleppo"},
        {"name": "ANTIOQUIA", "country": "CO", "precision": "admin1"},
    ]
    events = [{**EVENT, "id": f"e{i}", "where": w} for i, w in enumerate(places)]
    doc = one_doc(tmp_path, "Rockets hit Baghdad.", *events)
    loaded = [e.where for e in doc.events]
    assert [w.precision for w in loaded if w] == ["admin2", "city", None, "admin1"]
    assert not any(w.has_point for w in loaded if w)
    assert loaded[3] is not None and loaded[3].admin1 == "ANTIOQUIA"  # its name is its admin1


def test_exhaustive_and_incident(tmp_path: Path) -> None:
    text = "Rockets hit Baghdad."
    assert one_doc(tmp_path, text, EVENT).exhaustive is True  # the default
    assert one_doc(tmp_path, text, EVENT, exhaustive=False).exhaustive is False
    listed = one_doc(tmp_path, text, EVENT, exhaustive=["ASSAULT", "COERCE"])
    assert listed.exhaustive == ("ASSAULT", "COERCE")
    linked = one_doc(tmp_path, text, {**EVENT, "incident": "kabul-aug29"})
    assert linked.events[0].incident == "kabul-aug29"
    assert one_doc(tmp_path, text, EVENT).events[0].incident is None


@pytest.mark.skipif(not (SHARED / "gold" / "news").exists(), reason="shared gold not here")
@pytest.mark.parametrize(
    "name", ["agnews_dev", "wikievents_dev", "rams_dev", "gvdb_dev", "gvc_dev", "linking_dev"]
)
def test_news_gold_loads(name: str) -> None:
    docs = load_gold(SHARED / "gold" / "news" / f"{name}.jsonl")
    assert docs and all(d.text for d in docs)
