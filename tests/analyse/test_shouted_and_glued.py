"""Copy set in capitals and sentences glued together are read as ordinary text."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events, geoparse
from marsad.analyse import analyse
from marsad.analyse.glued import glued_cuts
from marsad.analyse.truecase import as_read, is_shouting, read_shouted, truecase

MUC_STYLE = (
    "LIMA, 14 MAR 91 -- [TEXT] THE MRTA [TUPAC AMARU REVOLUTIONARY MOVEMENT] TODAY ISSUED "
    "A COMMUNIQUE CLAIMING RESPONSIBILITY FOR THE MURDER OF RETIRED GENERAL JORGE SALAZAR "
    "QUISPE.\n\n"
    "MEANWHILE, THREE SOLDIERS WERE KILLED AND SEVEN OTHERS WERE WOUNDED DURING CLASHES "
    "YESTERDAY IN AYACUCHO DEPARTMENT."
)


def test_only_lines_set_in_capitals_count_as_shouting() -> None:
    assert is_shouting("THREE SUBVERSIVES WERE KILLED DURING CLASHES YESTERDAY.")
    assert not is_shouting("Three subversives were killed in clashes with the FMLN.")
    assert not is_shouting("US, UK IN TALKS")  # too short to tell


def test_truecasing_keeps_every_offset_and_restores_words_and_names() -> None:
    line = ("SAN SALVADOR -- THE POLICE SAID THAT 12 FARMERS HAVE BEEN KIDNAPPED BY "
            "THE FMLN IN SAN MIGUEL DEPARTMENT ON 3 MAY. THE ARMY MAY RESPOND.")
    out = truecase(line)
    assert len(out) == len(line) and out.lower() == line.lower()
    assert "San Salvador" in out and "San Miguel department" in out
    assert "have been kidnapped by the FMLN" in out  # a short unknown word is an acronym
    assert "3 May." in out and "army may respond" in out  # a month beside a number only
    assert ". The army" in out  # a sentence's first letter is raised


def test_editorial_brackets_are_blanked_for_the_parser_only() -> None:
    line = "THE MRTA [TUPAC AMARU REVOLUTIONARY MOVEMENT] TODAY DISTRIBUTED LEAFLETS."
    read = read_shouted(line)
    assert len(read) == len(line) and "[" not in read and "today distributed" in read


def test_a_report_in_capitals_gives_its_events_with_the_original_offsets() -> None:
    found = events(MUC_STYLE, published=date(1990, 1, 11))
    assert [e.category for e in found] == ["ASSAULT", "ASSAULT"]
    for e in found:
        assert MUC_STYLE[e.evidence.start:e.evidence.end] == e.evidence.text  # as written
    assert found[1].killed is not None and found[1].killed.value == 3


@pytest.mark.parametrize(("text", "cuts"), [
    ("the deadly blast.Karim Selimov was found guilty", [17]),
    ("scheduled for March 9.Two bombs exploded", [22]),
    ('"Where were you?" the lawyer asked."At home," Ortiz said.', [36]),
    ("The U.S.Army and the 3.5 Km road near news.bbc.co.uk and Mr.Smith", []),
])
def test_glued_sentence_ends_are_found_and_initials_are_not(text: str, cuts: list[int]) -> None:
    assert glued_cuts(text) == cuts


def test_glued_sentences_are_split_so_each_event_keeps_its_own_sentence() -> None:
    text = ("Her trial is set for March 9.Two bombs exploded near the stadium gates in Lyon, "
            "killing four people.")
    sentences = analyse(text).sentences
    assert [s.text[:4] for s in sentences] == ["Her ", "Two "]
    found = events(text, published=date(2019, 2, 21))
    assert len(found) == 1 and found[0].evidence.text.startswith("Two bombs")


def test_short_inflected_verbs_are_words_and_short_names_stay_names() -> None:
    out = truecase("THE UNION LEADER DIED IN SOYAPANGO, AND HASSAN AHMED LIED ABOUT IT TODAY.")
    assert "leader died in Soyapango" in out and "Hassan Ahmed lied" in out


def test_a_report_in_capitals_places_its_event_at_the_named_city_not_at_any_word() -> None:
    # every word of a line set in capitals starts with one: "CONVOY" (a town in Ohio) and
    # the whole sentence as one capitalised run were taken for places
    text = ("TEGUCIGALPA, 7 FEB (REUTER) -- [TEXT] A BOMB BLAST DAMAGED A TELEPHONE OFFICE "
            "TODAY IN THE NORTHERN CITY OF SAN PEDRO SULA.")
    (event,) = events(text, published=date(1989, 2, 7))
    assert event.where is not None and event.where.name == "San Pedro Sula"
    assert event.where.country == "HN"
    # "U.S." is a toponym (the country, as a modifier); "CONVOY" and the run are not
    assert [(p.text, p.country) for p in geoparse(
        "AN ATTACK ON A U.S. MILITARY CONVOY IN SAN PEDRO SULA")] == [
        ("U.S.", "US"), ("SAN PEDRO SULA", "HN")]


def test_as_read_recases_only_lines_in_capitals_and_keeps_the_length() -> None:
    text = "A bomb hit Convoy, Ohio.\nA BOMB HIT A CONVOY NEAR SAN PEDRO SULA.\n"
    read = as_read(text)
    assert len(read) == len(text)
    assert read.splitlines()[0] == "A bomb hit Convoy, Ohio."
    assert "convoy" in read.splitlines()[1] and "San Pedro Sula" in read.splitlines()[1]
