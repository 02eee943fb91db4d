"""Where a statement or an act is placed when its own sentence names no place: a body of no
one state speaks from its seat, or from the dateline; those who speak for a body are the body;
an act in a story about the dateline's city happened there (CODING.md, `where`)."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2004, 11, 3)


def _where(text: str, kind: str) -> tuple[str, str, str]:
    (e,) = [e for e in events(text, published=PUBLISHED) if e.kind == kind]
    assert e.where is not None
    return e.where.name, e.where.country, e.where.precision


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # an intergovernmental body speaks from its seat, not from the country it talks about
        ("The European Union urged Iran to halt uranium enrichment on Monday.",
         ("Brussels", "BE", "city")),
        # a non-governmental one too: it speaks for no state
        ("Human Rights Watch accused the army of torturing detainees in Chechnya.",
         ("New York City", "US", "city")),
        # those who speak for a body are the body
        ("EU foreign ministers condemned the bombing on Monday.", ("Brussels", "BE", "city")),
        # filed where the body met: said there
        ("ABUJA (Reuters) - The African Union demanded an end to the fighting in Darfur on "
         "Friday.", ("Abuja", "NG", "city")),
    ],
)
def test_a_statement_of_a_body_of_no_state(text, place):
    assert _where(text, "statement") == place


def test_those_who_speak_for_a_body_are_its_actor():
    (e,) = events("EU foreign ministers condemned the bombing on Monday.", published=PUBLISHED)
    assert [a.actor_id for a in e.actors] == ["eu"]


def test_an_act_in_a_story_about_the_dateline_city_happened_there():
    text = ("ABIDJAN (Reuters) - Soldiers fired on protesters on Tuesday. The rioting in "
            "Abidjan has lasted three days.")
    got = [(e.category, e.where and (e.where.name, e.where.country))
           for e in events(text, published=PUBLISHED)]
    assert ("ASSAULT", ("Abidjan", "CI")) in got  # the firing: no place of its own


def test_a_dateline_the_story_never_names_again_places_no_act():
    text = ("LONDON (Reuters) - Gunmen killed two soldiers in an ambush on Tuesday, Nigerian "
            "officials said.")
    assert _where(text, "incident") == ("Nigeria", "NG", "country")
