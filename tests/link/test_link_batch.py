"""The link stage in memory: which reports become one incident, and why."""

from __future__ import annotations

import random
from dataclasses import replace

from link_reports import KIRKUK, MARCH_10, REPORTS, bombing, expected_groups
from marsad.link import compare, default_settings, link_batch, signatures


def grouped_documents(reports) -> set[frozenset[str]]:
    linked = link_batch([(doc, events) for _, _, doc, events in reports])
    document_of = {e.key: e.document for e in linked.events.values()}
    return {frozenset(document_of[k] for k in g) for g in linked.grouping.groups}


def test_reports_of_one_act_are_one_incident_and_similar_acts_are_not() -> None:
    assert grouped_documents(REPORTS) == expected_groups()


def test_grouping_does_not_depend_on_the_order_reports_arrive_in() -> None:
    expected = grouped_documents(REPORTS)
    for seed in range(8):
        shuffled = list(REPORTS)
        random.Random(seed).shuffle(shuffled)
        assert grouped_documents(shuffled) == expected


def test_every_point_of_a_pair_has_a_reason() -> None:
    settings = default_settings()
    (_, _, doc_a, events_a), (_, _, doc_b, events_b) = REPORTS[0], REPORTS[1]
    a = signatures(doc_a, events_a, settings)[0]
    b = signatures(doc_b, events_b, settings)[0]
    c = compare(*sorted([a, b], key=lambda e: e.key), settings)
    names = {r.name for r in c.reasons}
    assert {"same_place", "same_day", "same_mode", "close_killed", "text"} <= names
    assert c.score == round(settings.prior + sum(r.points for r in c.reasons), 4)
    assert c.score >= settings.merge


def test_two_city_level_reports_80_km_apart_cannot_be_one_act() -> None:
    settings = default_settings()
    far = replace(KIRKUK, name="Tuz Khurmatu", lat=34.886, lon=44.635)  # ~70 km south
    docs = [(d, [bombing("A car bomb exploded at a market.", place, MARCH_10, 5)])
            for d, place in ((REPORTS[0][2], KIRKUK), (REPORTS[3][2], far))]
    a, b = (signatures(d, e, settings)[0] for d, e in docs)
    assert compare(*sorted([a, b], key=lambda e: e.key), settings).veto is None
    further = replace(far, lat=34.2)  # ~140 km
    b = signatures(docs[1][0], [bombing("A car bomb exploded at a market.", further,
                                        MARCH_10, 5)], settings)[0]
    assert "km apart" in (compare(*sorted([a, b], key=lambda e: e.key), settings).veto or "")


def test_dates_a_week_apart_veto_the_pair_whatever_the_words() -> None:
    settings = default_settings()
    doc = REPORTS[0][2]
    text = REPORTS[0][3][0].evidence.text
    a = signatures(doc, [bombing(text, KIRKUK, MARCH_10, 12)], settings)[0]
    later = replace(doc, id="z", published=None)
    b = signatures(later, [bombing(text, KIRKUK, MARCH_10.replace(day=17), 12)], settings)[0]
    assert "days apart" in (compare(*sorted([a, b], key=lambda e: e.key), settings).veto or "")


def test_blocking_is_symmetric_whatever_the_precisions() -> None:
    """a finds b exactly when b would find a: the pairs compared do not depend on which
    report arrived first (precisions, countries, dates and points drawn at random)."""
    from marsad.link.blocking import blocks_of, query_blocks
    from marsad.link.signature import LinkEvent, Window

    settings = default_settings()
    rng = random.Random(7)
    precisions = ["city", "facility", "admin1", "admin2", "country", "continent", None]

    def draw(n: int) -> LinkEvent:
        placed = rng.random() < 0.9
        day = 738000 + rng.randrange(6)
        window = rng.choice([None, Window(day, day, True), Window(day - 7, day, False),
                             Window(day, day + 40, True)])
        return LinkEvent(
            key=f"k{n}", document=f"d{n}", ordinal=0, kind="incident", category="ASSAULT",
            mode=None, window=window,
            lat=rng.uniform(20, 40) if placed else None,
            lon=rng.uniform(30, 60) if placed else None,
            precision=rng.choice(precisions), country=rng.choice(["IQ", "SY", "IR", None]),
            admin1=None, place_name=None, actors=frozenset(), recipients=frozenset(),
            killed=None, injured=None)

    events = [draw(n) for n in range(300)]
    filed = {e.key: set(blocks_of(e, settings)) for e in events}
    looked = {e.key: set(query_blocks(e, settings)) for e in events}
    found = 0
    for a in events:
        for b in events:
            if a.key < b.key:
                forward = bool(looked[a.key] & filed[b.key])
                assert forward == bool(looked[b.key] & filed[a.key]), (a, b)
                found += forward
    assert found > 100


def test_a_generic_actor_type_in_both_reports_is_no_evidence_of_one_act() -> None:
    # "militants" in two reports are two unknown groups: no point for "the same actor";
    # a named group is one
    from marsad.types import ActorRef

    settings = default_settings()
    (_, _, doc_a, events_a), (_, _, doc_b, events_b) = REPORTS[0], REPORTS[1]

    def pair(actor: ActorRef) -> set[str]:
        a = signatures(doc_a, [replace(events_a[0], actors=(actor,))], settings)[0]
        b = signatures(doc_b, [replace(events_b[0], actors=(actor,))], settings)[0]
        return {r.name for r in compare(*sorted([a, b], key=lambda e: e.key), settings).reasons}

    militants = ActorRef("militants", "unidentified-armed-group", "Unidentified armed group")
    assert "same_actor" not in pair(militants)
    assert "same_actor" in pair(ActorRef("Islamic State", "isis", "Islamic State"))
