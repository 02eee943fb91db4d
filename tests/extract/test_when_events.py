"""Dates of events from anchors: the publication date, the event a sentence is said to
follow, and the report a sentence continues (wire-style sentences)."""

from datetime import date

from marsad.stages import events as extract
from marsad.types import Event

PUB = date(2024, 3, 10)  # a Sunday


def events(text: str, published: date | None = PUB) -> list[Event]:
    return list(extract(text, published))


def test_weekday_resolved_with_the_publication_date():
    (e,) = [x for x in events("A roadside bomb hit an army patrol in Tikrit on Friday.")
            if x.kind == "incident"]
    assert e.when is not None and e.when.start == date(2024, 3, 8)


def test_a_day_after_is_dated_from_the_event_it_follows():
    text = ("The Iraqi defence minister condemned the bombing on Wednesday. "
            "The condemnation came a day after a car bomb exploded in Kirkuk, killing four "
            "people.")
    (bomb,) = [x for x in events(text) if x.kind == "incident"]
    assert bomb.when is not None and bomb.when.start == date(2024, 3, 5)
    assert "anchor" in bomb.when.how


def test_undated_statement_continues_the_previous_statement():
    text = ("The Iraqi defence minister condemned the attacks on Thursday. "
            "He urged the security forces to pursue the attackers.")
    req = [x for x in events(text) if x.category == "REQUEST"]
    assert req and req[0].when is not None and req[0].when.start == date(2024, 3, 7)


def test_undated_statement_far_from_a_dated_one_is_dated_by_publication():
    text = ("The Iraqi defence minister condemned the attacks on Thursday. "
            "Oil exports rose in February. Markets were calm. Prices held steady. "
            "The Kurdistan Regional Government urged calm.")
    req = [x for x in events(text) if x.category == "REQUEST"]
    assert req and req[0].when is not None and req[0].when.start == PUB


def test_since_is_a_range_up_to_publication():
    (agg,) = [x for x in events("Militias have carried out more than 40 attacks on US "
                                "forces since October 17th.") if x.kind == "aggregate"]
    assert agg.when is not None
    assert (agg.when.start, agg.when.end) == (date(2023, 10, 17), PUB)
