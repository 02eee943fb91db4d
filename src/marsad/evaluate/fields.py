"""Field scores of one matched (gold, predicted) pair, per docs/GOLD.md "Fields"."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.evaluate.compare import (
    any_name_matches,
    date_correct,
    haversine_km,
    name_matches,
    predicted_interval,
    same_admin1,
)
from marsad.evaluate.gold import GoldEvent, GoldNumber, GoldPlace
from marsad.types import ActorRef, Event, PlaceRef, Quantity

# In report order. Fields that can be absent also get precision/recall/F1.
FIELDS = (
    "plover",
    "mode",
    "acled",
    "actor1",
    "actor2",
    "date",
    "where",
    "fatalities",
    "injured",
    "casualties",
    "count",
    "said_by",
    "stance",
)
ABSENTABLE = frozenset(FIELDS) - {"plover", "mode", "acled"}
# gold number key -> Event attribute
NUMBER_ATTRS = {
    "fatalities": "killed",
    "injured": "injured",
    "casualties": "casualties",
    "count": "count",
}
NEAR_KM = 25.0
ACC161_KM = 161.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """One field of one pair. `gold_has`: the gold expects a value (not a null expectation);
    `pred_has`: the prediction gives one. Precision and recall count correct values among
    these; accuracy also credits a correct "none"."""

    correct: bool
    gold_has: bool
    pred_has: bool


def score_pair(gold: GoldEvent, pred: Event, numbers: tuple[str, ...]) -> dict[str, Outcome]:
    """The scored fields of a pair; a field the gold does not score is left out.

    `numbers`: the numbers scored in this document (its `score_numbers`)."""
    out: dict[str, Outcome] = {}
    # "mode exact when gold has one", "acled pair exact when gold has one": a null mode or
    # acled is not scored (the specific rule wins over "null expects none").
    if gold.plover is not None:
        out["plover"] = Outcome(pred.category == gold.plover, True, bool(pred.category))
    if gold.mode is not None:
        out["mode"] = Outcome(pred.mode == gold.mode, True, pred.mode is not None)
    if gold.acled is not None:
        pair = (pred.acled_type, pred.acled_subtype)
        out["acled"] = Outcome(pair == gold.acled, True, pred.acled_type is not None)
    # The first actor is the predicted actor1/actor2: listing many actors must not win.
    if "actor1" in gold.given:
        out["actor1"] = _names(gold.actor1, pred.actors[0] if pred.actors else None)
    if "actor2" in gold.given:
        out["actor2"] = _names(gold.actor2, pred.recipients[0] if pred.recipients else None)
    if "date" in gold.given:
        has = predicted_interval(pred.when) is not None
        ok = date_correct(gold.date, pred.when) if gold.date else not has
        out["date"] = Outcome(ok, gold.date is not None, has)
    if "where" in gold.given:
        ok = where_correct(gold.where, pred.where) if gold.where else pred.where is None
        out["where"] = Outcome(ok, gold.where is not None, pred.where is not None)
    for key in numbers:  # scored even when missing from gold: then none must be predicted
        out[key] = _number(gold.numbers.get(key), getattr(pred, NUMBER_ATTRS[key]))
    if "said_by" in gold.given:
        source = pred.said_by.source if pred.said_by else None
        out["said_by"] = _names(gold.said_by, source)
    if "stance" in gold.given:
        out["stance"] = _stance(gold, pred)
    return out


def where_distance_km(gold: GoldEvent, pred: Event) -> float | None:
    """Distance for Acc@25/Acc@161: only for gold places with coordinates finer than admin1
    (country and admin1 coordinates are centroids; a place given by name has none). A
    prediction without coordinates is infinitely far."""
    place = gold.where
    if place is None or not place.has_point:
        return None
    assert place.lat is not None and place.lon is not None  # has_point
    got = pred.where
    if got is None or got.lat is None or got.lon is None:
        return float("inf")
    return haversine_km(place.lat, place.lon, got.lat, got.lon)


def where_correct(gold: GoldPlace, pred: PlaceRef | None) -> bool:
    if pred is None:
        return False
    if gold.precision == "country":
        return _same_code(gold.country, pred.country)
    if gold.precision == "admin1":
        if gold.country and pred.country and not _same_code(gold.country, pred.country):
            return False  # "Northern" in Uganda is not "Northern" in Ghana
        # A prediction at admin1 precision may name the admin1 only in `name`.
        names = [pred.admin1, pred.name if pred.precision == "admin1" else None]
        assert gold.admin1 is not None  # checked when loading
        return any(n and same_admin1(gold.admin1, n, gold.country) for n in names)
    if not gold.has_point:
        return _same_named_place(gold, pred)
    if pred.lat is None or pred.lon is None:
        return False
    assert gold.lat is not None and gold.lon is not None  # has_point
    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon) <= NEAR_KM


def _same_named_place(gold: GoldPlace, pred: PlaceRef) -> bool:
    """GOLD.md: a gold place given by name only matches when the predicted place's name or
    admin1 matches that name as actors do, and the countries agree where the gold gives
    one (a "Wallace" in another country is another place)."""
    assert gold.name is not None  # checked when loading
    if gold.country and not _same_code(gold.country, pred.country):
        return False
    return any_name_matches((pred.name, pred.admin1), (gold.name,))


def _same_code(gold: str | None, pred: str | None) -> bool:
    return bool(gold and pred and gold.strip().upper() == pred.strip().upper())


def _names(acceptable: tuple[str, ...] | None, pred: ActorRef | None) -> Outcome:
    if acceptable is None:  # the text names none: predicting one is wrong
        return Outcome(pred is None, False, pred is not None)
    ok = pred is not None and any_name_matches((pred.text, pred.name), acceptable)
    return Outcome(ok, True, pred is not None)


def _number(gold: GoldNumber | None, pred: Quantity | None) -> Outcome:
    if gold is None:  # the text does not give it: a predicted number (even 0) is wrong
        return Outcome(pred is None, False, pred is not None)
    ok = pred is not None and pred.value == gold.value and pred.qualifier == gold.qualifier
    return Outcome(ok, True, pred is not None)


def _stance(gold: GoldEvent, pred: Event) -> Outcome:
    got = pred.stance
    if gold.stance is None:
        return Outcome(got is None, False, got is not None)
    ok = (
        got is not None
        and got.position == gold.stance.position
        and name_matches(got.issue, gold.stance.issue)
    )
    return Outcome(ok, True, got is not None)
