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
