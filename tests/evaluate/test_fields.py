from datetime import date
from pathlib import Path
from typing import Any

import pytest
from evaluate_helpers import event, gold_event, one_doc

from marsad.evaluate.fields import Outcome, score_pair, where_distance_km
from marsad.types import ActorRef, Attribution, PlaceRef, Quantity, Stance, When

TEXT = "Rockets hit Baghdad."


def score(tmp_path: Path, gold: dict[str, Any], **pred: Any) -> dict[str, Outcome]:
    doc, g = gold_event(tmp_path, TEXT, **gold)
    return score_pair(g, event(TEXT, TEXT, **pred), doc.score_numbers)


def correct(tmp_path: Path, field: str, gold: dict[str, Any], **pred: Any) -> bool:
    return score(tmp_path, gold, **pred)[field].correct


# --- plover, mode, acled -------------------------------------------------------------


def test_plover_exact(tmp_path: Path) -> None:
    assert correct(tmp_path, "plover", {"plover": "ASSAULT"}, category="ASSAULT")
    assert not correct(tmp_path, "plover", {"plover": "ASSAULT"}, category="COERCE")


def test_mode_only_scored_when_gold_has_one(tmp_path: Path) -> None:
    assert "mode" not in score(tmp_path, {"mode": None}, mode="drone")
    assert "mode" not in score(tmp_path, {}, mode="drone")
    assert correct(tmp_path, "mode", {"mode": "drone"}, mode="drone")
    assert not correct(tmp_path, "mode", {"mode": "drone"}, mode="aerial")
    assert not correct(tmp_path, "mode", {"mode": "drone"})


def test_acled_pair_both_halves(tmp_path: Path) -> None:
    gold = {"acled": ["Explosions/Remote violence", "Air/drone strike"]}
    assert correct(
        tmp_path,
        "acled",
        gold,
        acled_type="Explosions/Remote violence",
        acled_subtype="Air/drone strike",
    )
    assert not correct(
        tmp_path,
        "acled",
        gold,
        acled_type="Explosions/Remote violence",
        acled_subtype="Remote explosive/landmine/IED",
    )
    assert "acled" not in score(tmp_path, {}, acled_type="Battles")


# --- actors, said_by, stance ---------------------------------------------------------

US = {"actor1": ["US forces", "Pentagon"]}


@pytest.mark.parametrize(
    ("ref", "ok"),
    [
        (ActorRef("us FORCES"), True),  # case-insensitive
        (ActorRef("the Americans", name="Pentagon"), True),  # canonical name
        (ActorRef("U.S. forces"), True),  # dots of an initialism
        (ActorRef("US"), True),  # Jaccard 1/2
        (ActorRef("Syrian forces"), False),  # Jaccard 1/3
        (ActorRef("armed factions"), False),
    ],
)
def test_actor_names(tmp_path: Path, ref: ActorRef, ok: bool) -> None:
    assert correct(tmp_path, "actor1", US, actors=(ref,)) is ok


def test_only_the_first_predicted_actor_counts(tmp_path: Path) -> None:
    both = (ActorRef("armed factions"), ActorRef("US forces"))
    assert not correct(tmp_path, "actor1", US, actors=both)
    assert correct(tmp_path, "actor1", US, actors=both[::-1])


def test_actor2_reads_recipients(tmp_path: Path) -> None:
    gold = {"actor2": ["US embassy"]}
    assert correct(tmp_path, "actor2", gold, recipients=(ActorRef("the US Embassy"),))
    assert not correct(tmp_path, "actor2", gold, actors=(ActorRef("US embassy"),))


def test_null_actor_expects_none_and_missing_is_not_scored(tmp_path: Path) -> None:
    outcome = score(tmp_path, {"actor1": None})["actor1"]
    assert outcome == Outcome(correct=True, gold_has=False, pred_has=False)
    outcome = score(tmp_path, {"actor1": None}, actors=(ActorRef("unknown gunmen"),))["actor1"]
    assert outcome == Outcome(correct=False, gold_has=False, pred_has=True)
    assert "actor1" not in score(tmp_path, {}, actors=(ActorRef("US"),))
    assert not correct(tmp_path, "actor1", US)  # a gold actor, none predicted


def test_said_by(tmp_path: Path) -> None:
    gold = {"said_by": ["Pentagon"]}
    ok = Attribution(ActorRef("a Pentagon official", name="Pentagon"))
    assert correct(tmp_path, "said_by", gold, said_by=ok)
    assert not correct(tmp_path, "said_by", gold, said_by=Attribution(ActorRef("Iraqi police")))
    assert not correct(tmp_path, "said_by", gold)
    assert correct(tmp_path, "said_by", {"said_by": None})
    assert "said_by" not in score(tmp_path, {}, said_by=ok)


def test_stance_issue_by_overlap_position_exact(tmp_path: Path) -> None:
    gold = {"stance": {"issue": "coalition presence in Iraq", "position": "for"}}
    assert correct(tmp_path, "stance", gold, stance=Stance("Coalition presence", "for"))
    assert not correct(tmp_path, "stance", gold, stance=Stance("coalition presence", "against"))
    assert not correct(tmp_path, "stance", gold, stance=Stance("oil exports", "for"))
    assert not correct(tmp_path, "stance", {"stance": None}, stance=Stance("x", "for"))


# --- date ----------------------------------------------------------------------------

D = date.fromisoformat


def test_day_is_exact(tmp_path: Path) -> None:
    gold = {"date": "2023-12-08", "date_precision": "day"}
    assert correct(tmp_path, "date", gold, when=When(D("2023-12-08"), precision="day"))
    assert not correct(tmp_path, "date", gold, when=When(D("2023-12-09"), precision="day"))
    # a week or month that happens to start on the day does not state the day
    assert not correct(tmp_path, "date", gold, when=When(D("2023-12-08"), precision="week"))
    assert not correct(tmp_path, "date", gold, when=When(D("2023-12-08"), D("2023-12-10")))
    assert not correct(tmp_path, "date", gold)


def test_range_contains_the_prediction(tmp_path: Path) -> None:
    gold = {"date": "2023-11-20", "date_end": "2023-11-30", "date_precision": "range"}
    assert correct(tmp_path, "date", gold, when=When(D("2023-11-25"), precision="day"))
    assert correct(tmp_path, "date", gold, when=When(D("2023-11-20"), D("2023-11-30"), "range"))
    assert not correct(tmp_path, "date", gold, when=When(D("2023-12-01"), precision="day"))
    assert not correct(tmp_path, "date", gold, when=When(D("2023-11-01"), precision="month"))


def test_same_iso_week_and_month(tmp_path: Path) -> None:
    week = {"date": "2024-01-03", "date_precision": "week"}  # ISO week Mon 1 – Sun 7 Jan
    assert correct(tmp_path, "date", week, when=When(D("2024-01-07"), precision="day"))
    assert correct(tmp_path, "date", week, when=When(D("2024-01-01"), precision="week"))
    assert not correct(tmp_path, "date", week, when=When(D("2024-01-08"), precision="day"))
    new_year = {"date": "2024-12-31", "date_precision": "week"}  # ISO week 1 of 2025
    assert correct(tmp_path, "date", new_year, when=When(D("2024-12-30"), precision="day"))
    month = {"date": "2023-11-01", "date_precision": "month"}
    assert correct(tmp_path, "date", month, when=When(D("2023-11-30"), precision="day"))
    assert correct(tmp_path, "date", month, when=When(D("2023-11-14"), precision="month"))
    assert not correct(tmp_path, "date", month, when=When(D("2023-12-01"), precision="day"))


def test_date_null_and_missing(tmp_path: Path) -> None:
    assert correct(tmp_path, "date", {"date": None})
    assert correct(tmp_path, "date", {"date": None}, when=When(None, how="unknown"))
    assert not correct(tmp_path, "date", {"date": None}, when=When(D("2024-01-01")))
    assert "date" not in score(tmp_path, {}, when=When(D("2024-01-01")))


# --- where ---------------------------------------------------------------------------


def place(**kw: Any) -> PlaceRef:
    return PlaceRef(text=kw.pop("text", "x"), **kw)


def test_where_country(tmp_path: Path) -> None:
    gold = {"where": {"name": "Iraq", "country": "IQ", "precision": "country"}}
    assert correct(tmp_path, "where", gold, where=place(country="iq", lat=36.3, lon=43.1))
    assert not correct(tmp_path, "where", gold, where=place(country="SY"))
    assert not correct(tmp_path, "where", gold, where=place(name="Iraq"))


def test_where_admin1_names_normalised(tmp_path: Path) -> None:
    gold = {
        "where": {
            "name": "Anbar",
            "country": "IQ",
            "admin1": "Al Anbar Governorate",
            "precision": "admin1",
        }
    }
    assert correct(tmp_path, "where", gold, where=place(admin1="Anbar", country="IQ"))
    assert correct(tmp_path, "where", gold, where=place(admin1="al-Anbar province"))
    # an admin1-level prediction may carry the name only in `name`
    assert correct(tmp_path, "where", gold, where=place(name="Anbar", precision="admin1"))
    assert not correct(tmp_path, "where", gold, where=place(name="Anbar", precision="city"))
    assert not correct(tmp_path, "where", gold, where=place(admin1="Anbar", country="SY"))
    assert not correct(tmp_path, "where", gold, where=place(admin1="Nineveh"))


def test_where_point_within_25_km_and_distances(tmp_path: Path) -> None:
    gold = {
        "where": {
            "name": "Baghdad",
            "country": "IQ",
            "admin1": "Baghdad",
            "lat": 33.34,
            "lon": 44.40,
            "precision": "city",
        }
    }
    near = place(lat=33.34, lon=44.65)  # ~23 km east
    far = place(lat=33.34, lon=44.75)  # ~33 km east
    assert correct(tmp_path, "where", gold, where=near)
    assert not correct(tmp_path, "where", gold, where=far)
    assert not correct(tmp_path, "where", gold, where=place(admin1="Baghdad", country="IQ"))
    doc = one_doc(tmp_path, TEXT, {"kind": "incident", "evidence": TEXT, **gold})
    g = doc.events[0]
    assert 30 < where_distance_km(g, event(TEXT, TEXT, where=far)) < 35  # type: ignore[operator]
    assert where_distance_km(g, event(TEXT, TEXT)) == float("inf")
    _, country = gold_event(tmp_path, TEXT, where={"country": "IQ", "precision": "country"})
    assert where_distance_km(country, event(TEXT, TEXT, where=near)) is None


def test_where_by_name_without_coordinates(tmp_path: Path) -> None:
    """Converted sets give a city by name and country only: name or admin1 must match (as
    for actors) and the country agree."""
    gold = {
        "where": {"name": "Wallace", "admin1": "Arkansas", "country": "US", "precision": "city"}
    }
    assert correct(tmp_path, "where", gold, where=place(name="wallace", country="US"))
    assert correct(tmp_path, "where", gold, where=place(name="Wallace town", country="us"))
    assert not correct(tmp_path, "where", gold, where=place(name="Wallace", country="CA"))
    assert not correct(tmp_path, "where", gold, where=place(name="Wallace"))  # country unknown
    # the gold's own admin1 is not what is matched: its name is
    assert not correct(tmp_path, "where", gold, where=place(admin1="Arkansas", country="US"))
    assert not correct(tmp_path, "where", gold, where=place(name="Little Rock", country="US"))
    # no distance to measure: not counted in Acc@25 / Acc@161
    _, g = gold_event(tmp_path, TEXT, **gold)
    assert where_distance_km(g, event(TEXT, TEXT, where=place(lat=35.0, lon=-92.0))) is None


def test_where_by_name_without_precision_or_country(tmp_path: Path) -> None:
    gold = {"where": {"name": "Aleppo"}}  # RAMS: a name, nothing else
    assert correct(tmp_path, "where", gold, where=place(name="Aleppo", country="SY"))
    assert correct(tmp_path, "where", gold, where=place(name="Tall Rifat", admin1="Aleppo"))
    assert not correct(tmp_path, "where", gold, where=place(name="Idlib", country="SY"))
    assert not correct(tmp_path, "where", gold)


def test_where_admin2(tmp_path: Path) -> None:
    """admin2 is finer than admin1: by distance with coordinates, else by name."""
    named = {"where": {"name": "Soyapango", "country": "SV", "precision": "admin2"}}
    assert correct(tmp_path, "where", named, where=place(name="SOYAPANGO", country="SV"))
    assert not correct(tmp_path, "where", named, where=place(name="San Salvador", country="SV"))
    located = {
        "where": {
            "name": "Soyapango",
            "country": "SV",
            "lat": 13.71,
            "lon": -89.14,
            "precision": "admin2",
        }
    }
    assert correct(tmp_path, "where", located, where=place(lat=13.70, lon=-89.19))
    assert not correct(tmp_path, "where", located, where=place(name="Soyapango", country="SV"))
    _, g = gold_event(tmp_path, TEXT, **located)
    km = where_distance_km(g, event(TEXT, TEXT, where=place(lat=13.70, lon=-89.19)))
    assert km is not None and km < 10


def test_where_admin1_given_only_by_name(tmp_path: Path) -> None:
    gold = {"where": {"name": "ANTIOQUIA", "country": "CO", "precision": "admin1"}}
    assert correct(tmp_path, "where", gold, where=place(admin1="Antioquia", country="CO"))
    assert not correct(tmp_path, "where", gold, where=place(admin1="Santander", country="CO"))


def test_where_null_expects_none(tmp_path: Path) -> None:
    assert correct(tmp_path, "where", {"where": None})
    assert not correct(tmp_path, "where", {"where": None}, where=place(country="IQ"))


# --- numbers -------------------------------------------------------------------------


def test_number_value_and_qualifier(tmp_path: Path) -> None:
    gold = {"count": 70, "count_qualifier": "more_than"}
    assert correct(tmp_path, "count", gold, count=Quantity(70, "more_than"))
    assert not correct(tmp_path, "count", gold, count=Quantity(70))
    assert not correct(tmp_path, "count", gold, count=Quantity(71, "more_than"))
    assert correct(tmp_path, "fatalities", {"fatalities": 2}, killed=Quantity(2, "exact"))
    assert not correct(tmp_path, "fatalities", {"fatalities": 2}, killed=Quantity(2, "about"))


def test_reported_zero_is_not_absent(tmp_path: Path) -> None:
    assert correct(tmp_path, "injured", {"injured": 0}, injured=Quantity(0))
    assert not correct(tmp_path, "injured", {"injured": 0})  # said none, predicted unknown
    assert not correct(tmp_path, "injured", {}, injured=Quantity(0))  # not said, predicted 0
    outcome = score(tmp_path, {})["injured"]  # not said, nothing predicted
    assert outcome == Outcome(correct=True, gold_has=False, pred_has=False)


def test_all_numbers_scored_unless_score_numbers_says_otherwise(tmp_path: Path) -> None:
    assert {"fatalities", "injured", "casualties", "count"} <= set(score(tmp_path, {}))
    doc = one_doc(
        tmp_path,
        TEXT,
        {"kind": "incident", "evidence": TEXT, "fatalities": 1},
        score_numbers=["fatalities"],
    )
    pred = event(TEXT, TEXT, killed=Quantity(1), injured=Quantity(4))
    out = score_pair(doc.events[0], pred, doc.score_numbers)
    assert out["fatalities"].correct
    assert "injured" not in out and "count" not in out
