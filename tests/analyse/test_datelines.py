"""Wire datelines are split off their sentence: neither actors nor part of the evidence."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events
from marsad.analyse import analyse
from marsad.analyse.datelines import find_dateline


@pytest.mark.parametrize(
    ("line", "place", "credit"),
    [
        ("MULTAN, Pakistan (Reuters) - At least 37 people were killed.", "MULTAN, Pakistan",
         "Reuters"),
        ("AFP - Ethnic minority rebels in Darfur have rejected the offer.", None, "AFP"),
        ("NEW DELHI - Fourteen people have been killed in Kashmir.", "NEW DELHI", None),
        ("KABUL, Afghanistan -- A Taliban suicide fighter killed himself.",
         "KABUL, Afghanistan", None),
        ("SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] THE ARMY CLASHED WITH REBELS.",
         "SAN SALVADOR, 3 JAN 90", "EFE"),
        ("MOSCOW , June 1 ( UPI ) -- Russia is extending its ban.", "MOSCOW , June 1", "UPI"),
        # some outlets close the dateline with a colon
        ("NAJAF, Iraq : At least 25 bodies were discovered.", "NAJAF, Iraq", None),
        ("ISLAMABAD: Seven people were injured in a powerful explosion.", "ISLAMABAD", None),
    ],
)
def test_the_wire_shapes_are_read(line: str, place: str | None, credit: str | None) -> None:
    found = find_dateline(line)
    assert found is not None
    assert (found.place, found.credit) == (place, credit)
    assert line[found.length:][:1] not in " -–—["  # the dash and any "[TEXT]" tags go with it


@pytest.mark.parametrize(
    "line",
    [
        "US - Iraq talks resumed on Monday.",  # a short capital word and a dash
        "The army - which had fled - returned.",  # an aside between dashes
        "THE ARMY -- WHICH HAD FLED -- RETURNED.",  # upper-case copy, no credit or comma
        "AP - ",  # nothing after it
        "NATO: Taliban attack kills five soldiers.",  # a source's claim, not a dateline
        "The army said: we will fight.",
    ],
)
def test_what_only_looks_like_a_dateline_is_left_alone(line: str) -> None:
    assert find_dateline(line) is None


def test_the_dateline_is_a_sentence_of_its_own_and_is_not_parsed() -> None:
    text = "Blast in Pakistan\nMULTAN, Pakistan (Reuters) - A car bomb exploded at a rally."
    sentences = analyse(text).sentences
    dateline = next(s for s in sentences if s.dateline)
    assert dateline.text == "MULTAN, Pakistan (Reuters) -"
    assert text[dateline.start:dateline.end] == dateline.text
    assert not dateline.parsed
    body = sentences[sentences.index(dateline) + 1]
    assert body.text.startswith("A car bomb") and text[body.start:body.end] == body.text


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("AP - President Bush on Tuesday condemned the beheading of an American hostage.",
         "President Bush"),
        ("KABUL, Afghanistan -- A Taliban suicide fighter killed himself and wounded seven "
         "others in a grenade attack in central Kabul.", "Taliban suicide fighter"),
    ],
)
def test_the_credit_and_the_dateline_place_are_not_the_actor(text: str, actor: str) -> None:
    found = [e for e in events(text, published=date(2004, 9, 21)) if e.actors]
    assert found, text
    event = found[0]
    assert [a.text for a in event.actors] == [actor]
    assert not event.evidence.text.startswith(("AP", "KABUL"))
