"""The actor and place filters: words of a name through the event_terms table (migration
0005), on SQLite and PostgreSQL; the table after saves, replacements, deletions and the
migration of a store that predates it; NUL in filter values."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from sqlalchemy import Select, create_engine, inspect, text
from sqlalchemy.pool import NullPool

from marsad.store import EventFilters, Store
from marsad.store.conditions import BUILT, LEAD, PROBE, events_count
from marsad.store.migrate import alembic_config, current_revision, head_revision
from marsad.store.terms import event_terms, fold, needle, successor, tails
from marsad.types import ActorRef, Attribution, Event, PlaceRef, Span

KATAIB = ActorRef("Kataib Hezbollah", "kataib-hezbollah", "Kataib Hezbollah", "militia", "IQ")
US = ActorRef("US forces", "us-forces", "United States Armed Forces", "military", "US")
HTS = ActorRef("HTS militants", "hts", "Hayʼat Taḥrīr al-Shām", "insurgent", "SY")
POLICE = ActorRef("Iraqi police", "iq-police", "Iraqi Police", "police", "IQ")
ASAD = PlaceRef("Ain al-Asad", "ain-al-asad", "Ain al-Asad air base", 33.8, 42.44, None, "IQ",
                "facility")
HASAKAH = PlaceRef("Hasakah city", "hasakah", "Al-Ḥasakah", 36.5, 40.75, None, "SY", "city")
URFA = PlaceRef("Şanlıurfa", "sanliurfa", "Şanlıurfa", 37.16, 38.8, None, "TR", "city")
NAMELESS = PlaceRef("the Deir ez-Zor countryside", country="SY", precision="admin1")


@pytest.fixture
def named(store: Store, make_document, make_event) -> Store:
    """Five events whose actors, recipients, sources and places are the names tested."""
    store.save(
        make_document("Document one.", url="https://terms.example/1"),
        [
            make_event("Kataib Hezbollah struck Ain al-Asad.", actors=(KATAIB,), recipients=(US,),
                       where=ASAD),
            make_event("HTS shelled Hasakah.", actors=(HTS,), where=HASAKAH),
            make_event("Police arrested smugglers in Urfa.", actors=(POLICE,),
                       recipients=(ActorRef("smugglers"),), where=URFA),
        ],
    )
    store.save(
        make_document("Document two.", url="https://terms.example/2"),
        [
            # the police are only the source here: said_by is no actor or recipient
            make_event("Shelling near Deir ez-Zor.", actors=(ActorRef("unknown gunmen"),),
                       said_by=Attribution(POLICE), where=NAMELESS),
            make_event("A statement without a place.", actors=(ActorRef("the ministry"),)),
        ],
    )
    return store


def sentences(store: Store, **filters: object) -> list[str]:
    rows = store.events(EventFilters(**filters))  # type: ignore[arg-type]
    assert store.count_events(EventFilters(**filters)) == len(rows)  # type: ignore[arg-type]
    return sorted(row.event.evidence.text for row in rows)


def test_folding_drops_case_accents_and_punctuation() -> None:
    assert fold("Hayʼat Taḥrīr al-Shām") == "hayat tahrir al sham"
    assert fold("ŞANLIURFA") == fold("Şanlıurfa") == "sanliurfa"
    assert fold("Kurdistan Workers' Party") == "kurdistan workers party"
    assert fold("المقاومة الإسلامية") == "المقاومة الاسلامية"  # hamza below: a mark
    assert fold("a_b\x00c%d") == "a b c d"
    assert fold(" -- \x00 %_ ") == needle("\x00") == ""
    assert tails("United States Armed Forces") == [
        "united states armed forces", "states armed forces", "armed forces", "forces",
    ]
    assert needle("x" * 500) == "x" * 200
    assert successor("bagh") == "bagi"


def test_an_event_has_the_tails_of_its_actor_and_place_names() -> None:
    event = Event(kind="incident", category="ASSAULT", evidence=Span(0, 1, "x"),
                  actors=(KATAIB,), recipients=(ActorRef("a convoy"),),
                  said_by=Attribution(POLICE), where=ASAD)
    # "ain al asad" (the text and the id) starts "ain al asad air base" (the name): left out
    assert event_terms(event) == {
        ("actor", "kataib hezbollah"), ("actor", "hezbollah"),
        ("actor", "a convoy"), ("actor", "convoy"),
        ("place", "ain al asad air base"), ("place", "al asad air base"),
        ("place", "asad air base"), ("place", "air base"), ("place", "base"),
    }


def test_actor_matches_id_name_text_and_words_in_any_case(named: Store) -> None:
    kataib = ["Kataib Hezbollah struck Ain al-Asad."]
    for value in ("kataib-hezbollah", "Kataib Hezbollah", "KATAIB", "hezbollah", "hezb",
                  "kataib  hezbollah!", "kataib h"):
        assert sentences(named, actor=value) == kataib, value
    # the recipient, by its text, its canonical name, a phrase of that, or its id
    for value in ("US forces", "united states", "armed forces", "FORCES", "us-forces"):
        assert sentences(named, actor=value) == kataib, value
    # an id that is no word of any name
    assert sentences(named, actor="iq-police") == ["Police arrested smugglers in Urfa."]
    assert sentences(named, actor="smugglers") == ["Police arrested smugglers in Urfa."]


def test_actor_ignores_accents_and_marks(named: Store) -> None:
    hts = ["HTS shelled Hasakah."]
    for value in ("tahrir", "Taḥrīr", "TAHRIR AL SHAM", "hayat tahrir", "Hayʼat", "hts"):
        assert sentences(named, actor=value) == hts, value


def test_actor_does_not_match_inside_words_out_of_order_or_other_roles(named: Store) -> None:
    for value in ("ezbollah", "hezbollah kataib", "forces armed", "islam hezbollah", "ataib",
                  "ain al-asad", "zzz"):
        assert sentences(named, actor=value) == [], value
    # the police are the source of the Deir ez-Zor report, not one of its actors
    assert "Shelling near Deir ez-Zor." not in sentences(named, actor="police")


def test_place_matches_id_name_text_and_words(named: Store) -> None:
    asad = ["Kataib Hezbollah struck Ain al-Asad."]
    for value in ("ain-al-asad", "Ain al-Asad", "AIN AL ASAD AIR BASE", "asad", "air base",
                  "al-as", "ain"):
        assert sentences(named, place=value) == asad, value
    for value in ("hasakah", "Al-Ḥasakah", "al hasak", "HASAKAH CITY"):
        assert sentences(named, place=value) == ["HTS shelled Hasakah."], value
    for value in ("sanliurfa", "Şanlıurfa", "SANLIURFA", "şanlı"):
        assert sentences(named, place=value) == ["Police arrested smugglers in Urfa."], value
    # a place known only by its text (no gazetteer id or name)
    assert sentences(named, place="ez-zor") == ["Shelling near Deir ez-Zor."]
    assert sentences(named, place="deir ez zor countryside") == ["Shelling near Deir ez-Zor."]


def test_place_does_not_match_inside_words_or_actor_names(named: Store) -> None:
    for value in ("asakah", "base air", "hezbollah", "urfa", "countryside deir"):
        assert sentences(named, place=value) == [], value


def test_actor_and_place_combine_with_each_other_and_other_filters(named: Store) -> None:
    assert sentences(named, actor="police", place="sanliurfa", country="tr") == [
        "Police arrested smugglers in Urfa."
    ]
    assert sentences(named, actor="police", place="hasakah") == []
    assert sentences(named, actor="forces", country="SY") == []


@pytest.mark.parametrize("value", ["\x00", "%00", "\x00\x00", "%", "_", "'", "--", "*"])
def test_a_filter_without_letters_or_digits_matches_nothing(named: Store, value: str) -> None:
    if value == "%00":
        value = "\x00"
    assert sentences(named, actor=value) == []
    assert sentences(named, place=value) == []
    assert sentences(named, search=value) == []
    assert named.count_events() == 5


def test_nul_inside_a_filter_is_a_character_like_other_punctuation(named: Store) -> None:
    # between words it separates them, as a space or a hyphen would ...
    assert sentences(named, actor="kataib\x00hezbollah") == sentences(named, actor="kataib")
    assert sentences(named, place="ain\x00al") == ["Kataib Hezbollah struck Ain al-Asad."]
    # ... and the substring filter finds it only where it is (nowhere here)
    assert sentences(named, text="\x00") == []
    assert sentences(named, text="HTS\x00") == []
    assert sentences(named, search="hts\x00") == ["HTS shelled Hasakah."]


def test_substring_filter_finds_a_nul_only_where_it_is(sqlite_url: str, make_document,
                                                       make_event) -> None:
    # PostgreSQL refuses NUL in text, so only SQLite can hold such a value
    with Store.open(sqlite_url) as store:
        store.save(make_document("Body.", url="https://nul.example/1"),
                   [make_event("with a \x00 inside"), make_event("without one")])
        assert sentences(store, text="\x00") == ["with a \x00 inside"]
        assert sentences(store, text="A \x00 I") == ["with a \x00 inside"]
        assert sentences(store, text="\x00\x00") == []


def _term_rows(url: str) -> set[tuple[int, str, str]]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT event_id, field, term FROM event_terms"))
            return {(event_id, field, term) for event_id, field, term in rows}
    finally:
        engine.dispose()


def _expected_rows(store: Store) -> set[tuple[int, str, str]]:
    """What terms.event_terms computes for every stored event."""
    return {(row.id, field, term) for row in store.events(limit=1000)
            for field, term in event_terms(row.event)}


def test_the_terms_follow_saves_replacements_and_deletions(
    named: Store, store_url: str, make_document, make_event
) -> None:
    assert _term_rows(store_url) == _expected_rows(named) != set()
    [doc_two] = [d.id for d in named.documents() if d.url == "https://terms.example/2"]
    named.replace_events(doc_two, [make_event("Peshmerga held Sinjar.",
                                              actors=(ActorRef("Peshmerga"),))])
    assert _term_rows(store_url) == _expected_rows(named)
    assert sentences(named, actor="gunmen") == [] and sentences(named, place="ez-zor") == []
    assert sentences(named, actor="peshmerga") == ["Peshmerga held Sinjar."]
    # saving the same document again replaces its events, and so its terms
    named.save(make_document("Document one.", url="https://terms.example/1"),
               [make_event("Only the police now.", actors=(POLICE,))])
    assert _term_rows(store_url) == _expected_rows(named)
    assert sentences(named, actor="kataib") == [] and sentences(named, place="asad") == []
    for document in named.documents():
        assert named.delete_document(document.id)
    assert _term_rows(store_url) == set()


def test_a_store_from_before_the_terms_is_filled_by_the_migration(
    named: Store, store_url: str
) -> None:
    saved = _term_rows(store_url)
    named.close()
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0004")
        assert current_revision(engine) == "0004"
        assert "event_terms" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    with Store.open(store_url) as store:
        assert current_revision(store._engine) == head_revision()
        # the migration's own copy of the folding writes what the store writes
        assert _term_rows(store_url) == saved == _expected_rows(store)
        assert sentences(store, actor="tahrir") == ["HTS shelled Hasakah."]
        assert sentences(store, place="şanlıurfa") == ["Police arrested smugglers in Urfa."]


@pytest.mark.postgresql
def test_terms_compare_by_code_point_on_postgresql(pg_url: str) -> None:
    # a locale's collation would put "bagh-..." outside ["bagh", "bagi"); "C" cannot
    with Store.open(pg_url):
        pass
    engine = create_engine(pg_url, poolclass=NullPool)
    try:
        [term] = [c for c in inspect(engine).get_columns("event_terms") if c["name"] == "term"]
        assert term["type"].collation == "C"
    finally:
        engine.dispose()


@pytest.mark.parametrize("way", [LEAD, PROBE, BUILT])
def test_the_filters_use_an_index_whichever_way_they_are_tested(
    named: Store, store_url: str, way: str
) -> None:
    if not store_url.startswith("sqlite"):
        pytest.skip("the query plan is checked on SQLite")
    filters = EventFilters(actor="hezb", place="asad")
    plan = _sqlite_plan(store_url, events_count(filters, "sqlite", {"actor": way, "place": way}))
    if way == PROBE:
        assert "ix_event_terms_event_id (event_id=? AND field=? AND term>? AND term<?)" in plan
    else:
        assert "SEARCH event_terms USING PRIMARY KEY (field=? AND term>? AND term<?)" in plan
    assert "SCAN event_actors" not in plan and "SCAN event_terms" not in plan


def _sqlite_plan(url: str, query: Select[Any]) -> str:
    engine = create_engine(url, poolclass=NullPool)
    try:
        sql = query.compile(engine, compile_kwargs={"literal_binds": True})
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
        return "\n".join(row[3] for row in rows)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "field", ["category", "mode", "acled_type", "acled_subtype", "country", "document_id"]
)
def test_a_nul_in_an_equality_filter_matches_nothing_on_every_backend(
    named: Store, field: str
) -> None:
    # PostgreSQL's driver refuses a NUL in a query: the store answers "none" instead.
    assert sentences(named, **{field: "AS\x00SAULT"}) == []
    assert named.count_events() == 5
