"""CODING.md: one sentence can hold several events, each with its own evidence and fields; a
combined toll over two different attacks is given to neither."""

from __future__ import annotations

from datetime import date

from marsad import events

PUBLISHED = date(2024, 3, 6)


def _incidents(text: str) -> list[tuple[str | None, str | None, int | None]]:
    return [(e.mode, e.where.name if e.where else None, e.killed.value if e.killed else None)
            for e in events(text, published=PUBLISHED) if e.kind == "incident"]


def test_two_attacks_in_one_sentence_are_two_events_each_with_its_place() -> None:
    assert _incidents("Militants fired rockets at a US base near Baghdad on Monday, and a "
                      "suicide car bomber struck a checkpoint in Ramadi.") == [
        ("heavy-weapons", "Baghdad", None), ("suicide-attack", "Ramadi", None)]


def test_each_attack_keeps_its_own_toll() -> None:
    found = _incidents("A roadside bomb killed two soldiers in Kandahar, while gunmen shot "
                       "dead a police officer in Kabul.")
    assert [(mode, killed) for mode, _, killed in found] == [("explosives", 2), ("firearms", 1)]
    assert found[1][1] == "Kabul"


def test_shot_and_killed_is_still_one_act() -> None:
    assert _incidents("Gunmen shot and killed two policemen in Kirkuk.") == [
        ("firearms", "Kirkuk", 2)]


def test_an_act_a_time_before_another_is_an_event_of_its_own():
    from datetime import date

    from marsad import events as extract_events
    got = [e for e in extract_events(
        "A suicide car bomber struck an entrance to Baghdad's Green Zone on Tuesday, 24 hours "
        "after an almost identical attack at the same checkpoint.", published=date(2004, 12, 14))
        if e.category == "ASSAULT"]
    assert len(got) == 2


def test_acts_told_apart_are_not_merged_into_the_last_incident():
    from datetime import date

    from marsad import events as extract_events
    got = [e for e in extract_events(
        "US troops fought a gunbattle with insurgents along a busy street in Baghdad today. "
        "Five US troops were reported killed in separate clashes in a western province.",
        published=date(2004, 9, 6)) if e.category == "ASSAULT"]
    assert len(got) == 2
    assert got[1].killed is not None and got[1].killed.value == 5


def test_a_later_act_told_at_another_place_is_not_folded_into_the_first() -> None:
    found = _incidents("Gunmen attacked a police checkpoint in Kirkuk on Monday, killing two "
                       "officers, officials said.\n\nThree rockets struck an army base in "
                       "Tikrit, police said.")
    assert [(place, killed) for _, place, killed in found] == [("Kirkuk", 2), ("Tikrīt", None)]


def test_a_toll_told_at_a_place_inside_the_first_still_belongs_to_it() -> None:
    found = _incidents("Gunmen attacked a police checkpoint in Kirkuk on Monday, officials "
                       "said.\n\nTwo policemen were killed in Hawija, a police source said.")
    assert [(place, killed) for _, place, killed in found] == [("Kirkuk", 2)]


def test_the_dead_found_where_an_attack_struck_are_its_outcome_not_another_attack() -> None:
    # whoever found the bodies did not kill them, and a vague "dozens" is no recipient
    found = [e for e in events("The country's most feared militant group claimed "
                               "responsibility yesterday for slaughtering members of the "
                               "security forces in Tikrit, where dozens of bodies have been "
                               "found.", published=PUBLISHED) if e.kind == "incident"]
    assert len(found) == 1
    assert [a.text for a in found[0].recipients] == ["security forces"]
