from pathlib import Path

from evaluate_helpers import event, one_doc

from marsad.evaluate.matching import match_document
from marsad.types import ActorRef, Event, Quantity, Span

TEXT = (
    "Officials met on Monday. "
    "Rockets hit the US embassy in Baghdad, and a drone struck a base near Erbil. "
    "The Pentagon said 60 troops were hurt."
)
EMBASSY = {
    "kind": "incident",
    "plover": "ASSAULT",
    "actor2": ["US embassy"],
    "evidence": "Rockets hit the US embassy",
}
BASE = {
    "kind": "incident",
    "plover": "ASSAULT",
    "actor2": ["base near Erbil"],
    "evidence": "a drone struck a base near Erbil",
}


def test_overlap_with_the_sentence_not_the_evidence_is_enough(tmp_path: Path) -> None:
    doc = one_doc(tmp_path, TEXT, EMBASSY)
    pred = event(TEXT, "in Baghdad")  # same sentence, outside the gold evidence
    match = match_document(doc, [pred])
    assert [(p.gold, p.pred) for p in match.pairs] == [(0, 0)]
    assert match.missed == () and match.spurious == ()


def test_other_sentence_or_other_kind_does_not_match(tmp_path: Path) -> None:
    doc = one_doc(tmp_path, TEXT, EMBASSY)
    elsewhere = event(TEXT, "The Pentagon said")
    statement = event(TEXT, "Rockets hit the US embassy", kind="statement")
    match = match_document(doc, [elsewhere, statement])
    assert match.pairs == ()
    assert match.missed == (0,)
    assert match.spurious == (0, 1)


def test_span_touching_the_sentence_end_does_not_overlap(tmp_path: Path) -> None:
    doc = one_doc(tmp_path, TEXT, EMBASSY)
    sentence_end = TEXT.index("Erbil.") + len("Erbil.")
    touching = Event(
        kind="incident",
        category="ASSAULT",
        evidence=Span(sentence_end, sentence_end + 4, TEXT[sentence_end:][:4]),
    )
    inside = Event(kind="incident", category="ASSAULT", evidence=Span(30, 30, ""))
    assert match_document(doc, [touching]).pairs == ()
    assert len(match_document(doc, [inside]).pairs) == 1


def test_best_agreement_wins_and_each_gold_is_matched_once(tmp_path: Path) -> None:
    doc = one_doc(tmp_path, TEXT, EMBASSY)
    weak = event(TEXT, "Rockets hit the US embassy", category="PROTEST")
    strong = event(TEXT, "in Baghdad", recipients=(ActorRef("US Embassy"),))
    match = match_document(doc, [weak, strong])
    assert [(p.gold, p.pred) for p in match.pairs] == [(0, 1)]
    assert match.spurious == (0,)


def test_two_gold_events_in_one_sentence_pair_by_fields(tmp_path: Path) -> None:
    doc = one_doc(tmp_path, TEXT, EMBASSY, BASE)
    # Both predictions overlap the shared sentence; fields decide who is who, whatever
    # the order and the span.
    base = event(TEXT, "Rockets hit the US embassy", recipients=(ActorRef("base near Erbil"),))
    embassy = event(TEXT, "a drone struck", recipients=(ActorRef("US embassy"),))
    match = match_document(doc, [base, embassy])
    assert [(p.gold, p.pred) for p in match.pairs] == [(0, 1), (1, 0)]
    assert all(p.fields["actor2"].correct for p in match.pairs)


def test_equal_agreement_prefers_the_span_on_the_evidence(tmp_path: Path) -> None:
    doc = one_doc(tmp_path, TEXT, {**EMBASSY, "fatalities": 0})
    off = event(TEXT, "a drone struck", killed=Quantity(0))
    on = event(TEXT, "Rockets hit the US", killed=Quantity(0))
    match = match_document(doc, [off, on])
    assert [(p.gold, p.pred) for p in match.pairs] == [(0, 1)]
