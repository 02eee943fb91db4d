"""The plans of filtered queries change their cost, never their answer: set filters leading
or following, lone set filters counted in their own index, date ranges counted in two
parts — on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from marsad.store import EventFilters, Store
from marsad.store.conditions import BUILT, LEAD, PROBE, SET_FILTERS, Plan, events_count
from marsad.store.plans import PlanSizes, count_plan, measure, page_plan
from marsad.store.queries import page_ids_select
from marsad.types import ActorRef, PlaceRef, When

US = ActorRef("US forces", "us-forces", "United States Armed Forces")
KATAIB = ActorRef("Kataib Hezbollah", "kataib-hezbollah", "Kataib Hezbollah")
BAGHDAD = PlaceRef("Baghdad", "baghdad", "Baghdad", 33.3, 44.4, None, "IQ", "city")
ERBIL = PlaceRef("Erbil", "erbil", "Erbil", 36.2, 44.0, None, "IQ", "city")
FIRST = date(2024, 1, 1)


def _when(n: int) -> When:
    start = FIRST + timedelta(days=n % 20)
    if n % 7 == 0:  # a ranged report: "since ..." or a week
        return When(start, start + timedelta(days=n % 11 + 1), "range", "a range")
    return When(start, precision="day", how="given")


@pytest.fixture
def many(store: Store, make_document, make_event) -> Store:
    """60 events: "forces" in 50 of them, "Kataib" in 3; Baghdad in 40; 9 ranged."""
    for d in range(6):
        events = []
        for i in range(10):
            n = 10 * d + i
            actor = KATAIB if n % 20 == 3 else ActorRef("gunmen")
            recipient = US if n < 50 else ActorRef("civilians")
            events.append(make_event(
                f"Report {n} of a {'strike' if n % 3 else 'protest'}.",
                actors=(actor,), recipients=(recipient,),
                where=BAGHDAD if n % 3 else ERBIL, when=_when(n),
                category="ASSAULT" if n % 2 else "PROTEST",
            ))
        store.save(make_document(f"Document {d}.", url=f"https://plans.example/{d}"), events)
    return store


def _run(store_url: str, query_of):  # type: ignore[no-untyped-def]
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return connection.execute(query_of(engine.dialect.name)).all()
    finally:
        engine.dispose()


def _plans(filters: EventFilters) -> list[Plan]:
    """Every way of testing the set filters (and the box) of filters."""
    given = [name for name in SET_FILTERS if getattr(filters, name) is not None]
    plans = [dict(zip(given, ways, strict=True))
             for ways in product((LEAD, PROBE, BUILT), repeat=len(given))]
    if filters.bbox is not None:
        plans = [{**plan, "bbox": way} for plan in plans for way in (LEAD, PROBE)]
    return plans


FILTERS = [
    EventFilters(actor="forces"),
    EventFilters(actor="kataib", place="baghdad"),
    EventFilters(actor="forces", place="bagh", search="strike"),
    EventFilters(search="report", category="protest"),
    EventFilters(place="erbil", since=FIRST + timedelta(days=5)),
    EventFilters(bbox=(44.0, 33.0, 45.0, 34.0)),
    EventFilters(bbox=(43.0, 33.0, 45.0, 37.0), actor="forces", category="assault"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_every_plan_gives_the_same_pages_and_counts(
    many: Store, store_url: str, filters: EventFilters
) -> None:
    everything = [row.id for row in many.events(filters, limit=100)]
    assert 0 < len(everything) == many.count_events(filters)
    for plan in _plans(filters):
        for limit, offset in ((7, 0), (7, 14), (100, 0)):
            page = _run(store_url, lambda d, p=plan, lim=limit, off=offset:
                        page_ids_select(filters, lim, off, d, p))
            assert [row.id for row in page] == everything[offset:offset + limit], plan
        [(counted,)] = _run(store_url, lambda d, p=plan: events_count(filters, d, p))
        assert counted == len(everything), plan


def test_a_large_set_follows_and_a_small_one_leads(many: Store) -> None:
    with many._engine.connect() as connection:
        def plan(rows: int, **filters: str) -> Plan:
            return page_plan(measure(connection, EventFilters(**filters), 60), rows)

        # a page of 3 among 60 events: sets of more than sqrt(3 x 60) = 13 ids follow,
        # probed from 5 x 13 = 65 ids on
        assert plan(3, actor="forces") == {"actor": BUILT}
        assert plan(3, actor="kataib") == {"actor": LEAD}
        assert plan(3, actor="kataib", place="baghdad", search="report") == {
            "actor": LEAD, "place": BUILT, "search": BUILT,
        }
        assert plan(1, actor="forces") == {"actor": PROBE}  # 5 x sqrt(60) = 35 < 50
        assert plan(1, search="report") == {"search": BUILT}  # the index cannot probe
        # deep pages walk further: the same set then leads
        assert plan(60, actor="forces") == {"actor": LEAD}
        assert plan(5, category="ASSAULT") == {}
        assert plan(5, actor="\x00") == {"actor": LEAD}
        # a box is walked, its index hidden, unless the list's total says it holds few
        box = EventFilters(bbox=(43.5, 36.0, 44.5, 36.5), category="ASSAULT")
        sizes = measure(connection, box, 60)
        assert page_plan(sizes, 5) == {"bbox": PROBE}
        assert page_plan(replace(sizes, total=10), 5) == {"bbox": LEAD}  # 10 < 17
        assert page_plan(replace(sizes, total=20), 5) == {"bbox": PROBE}


def test_a_count_is_led_by_its_smallest_way_in(many: Store) -> None:
    with many._engine.connect() as connection:
        def plan(**filters: object) -> Plan:
            chosen = EventFilters(**filters)  # type: ignore[arg-type]
            return count_plan(chosen, measure(connection, chosen, 60))

        assert plan(actor="forces") == {}  # alone: counted in its own index
        # 3 Kataib events lead; 40 in Baghdad are probed (3 x 5 <= 40)
        assert plan(actor="kataib", place="baghdad") == {"actor": LEAD, "place": PROBE}
        # 20 events in Erbil lead; the 30 assaults select more
        assert plan(place="erbil", category="ASSAULT") == {"place": LEAD}
        # a single day (3 events) selects fewer than any set: the sets follow
        day = FIRST + timedelta(days=4)
        assert plan(actor="forces", search="report", since=day, until=day) == {
            "actor": PROBE, "search": BUILT,
        }


def test_sizes_are_measured_once_for_a_count_and_its_page(many: Store) -> None:
    sizes = PlanSizes()
    filters = EventFilters(actor="forces")
    with many._engine.connect() as connection:
        first = sizes.get(connection, filters)
        assert first.sets == {"actor": 50} and first.events == 60
        assert sizes.get(connection, filters) is first
        assert sizes.get(connection, EventFilters(actor="kataib")).sets == {"actor": 3}
        assert sizes.get(connection, EventFilters(country="IQ")).sets == {}
        box = EventFilters(bbox=(43.5, 36.0, 44.5, 36.5))
        assert sizes.get(connection, box).total is None
        assert many.count_events(box) == 20
        sizes.note_total(connection, box, 20)
        assert sizes.get(connection, box).total == 20


def _overlaps(when: When | None, since: date | None, until: date | None) -> bool:
    if when is None or when.start is None:
        return False
    last = when.end or when.start
    return (since is None or last >= since) and (until is None or when.start <= until)


def test_date_counts_are_the_events_the_ranges_overlap(many: Store) -> None:
    events = [row.event for row in many.events(limit=100)]
    days = [None, *(FIRST + timedelta(days=d) for d in (0, 3, 6, 11, 19, 30))]
    for since, until in product(days, days):
        for extra in ({}, {"category": "ASSAULT"}, {"actor": "forces"}):
            filters = EventFilters(since=since, until=until, **extra)  # type: ignore[arg-type]
            counted = many.count_events(filters)
            listed = many.events(filters, limit=100)
            assert counted == len(listed), (since, until, extra)
            if not extra:
                assert counted == sum(_overlaps(e.when, since, until) for e in events)


@pytest.mark.parametrize(
    "filters",
    [EventFilters(actor="forces"), EventFilters(place="bagh"), EventFilters(search="strike"),
     EventFilters(actor="\x00"), EventFilters(search="\x00"), EventFilters(place="erbil")],
    ids=repr,
)
def test_a_lone_set_filter_is_counted_as_listed(many: Store, filters: EventFilters) -> None:
    assert many.count_events(filters) == len(many.events(filters, limit=100))
