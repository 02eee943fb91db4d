"""Person names in actor roles: the name, never the words a capitalised run put before it.

"On Monday Hassan Ali", "Yesterday Barack Obama", "In Baghdad John Smith" start a sentence
with a time or a place; the actor is the person, with the registry id proposed for the
person ("proposed:hassan-ali"), whether the text names them in full or, later, by surname.
"""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2024, 3, 6)


def _roles(text: str) -> list[tuple[str, str | None]]:
    return [(a.text, a.actor_id) for e in events(text, published=PUBLISHED)
            for a in (*e.actors, *e.recipients)]


@pytest.mark.parametrize(
    ("text", "person", "actor_id"),
    [
        ("On Monday Hassan Ali addressed supporters in Mosul. Gunmen shot Ali dead on "
         "Tuesday, police said.", "Hassan Ali", "proposed:hassan-ali"),
        ("In Baghdad John Smith met officials. Gunmen later kidnapped Smith in the Karrada "
         "district, police said.", "John Smith", "proposed:john-smith"),
        ("Yesterday Barack Obama visited Baghdad. Obama condemned the attack on the embassy.",
         "Barack Obama", "proposed:barack-obama"),
    ],
)
def test_a_person_is_named_without_the_time_or_place_before_the_name(
    text: str, person: str, actor_id: str
) -> None:
    roles = _roles(text)
    assert (person, actor_id) in roles
    assert not any(t.split()[0] in {"On", "In", "Yesterday", "Monday"} for t, _ in roles), roles

