"""The built-in iraq-syria pack loads, once, and its records hang together."""

from __future__ import annotations

from marsad.packs import SECTORS, available_packs, load_pack
from marsad.packs.validate import ISO_3166_ALPHA2


def test_the_builtin_pack_is_available_and_loads_once() -> None:
    assert "iraq-syria" in available_packs()
    pack = load_pack()
    assert pack is load_pack("iraq-syria")
    assert pack.name == "iraq-syria"
    assert pack.countries == ("IQ", "SY")
    assert pack.version


def test_the_pack_has_enough_actors_and_places() -> None:
    pack = load_pack()
    assert len(pack.actors) >= 180
    assert len(pack.places) >= 60


def test_ids_are_unique() -> None:
    pack = load_pack()
    assert len({a.id for a in pack.actors}) == len(pack.actors)
    assert len({p.id for p in pack.places}) == len(pack.places)


def test_every_reference_between_actors_exists() -> None:
    pack = load_pack()
    ids = {a.id for a in pack.actors}
    for actor in pack.actors:
        assert actor.parent is None or actor.parent in ids, actor.id
        assert actor.office_of is None or actor.office_of in ids, actor.id
        assert set(actor.affiliations) <= ids, actor.id
        for tenure in actor.holds:
            assert pack.actor(tenure.office).kind == "office", actor.id


def test_sectors_and_countries_are_from_the_documented_sets() -> None:
    for actor in load_pack().actors:
        assert actor.sector in SECTORS, actor.id
        if actor.country is None:
            assert actor.generic or actor.transnational, actor.id
        else:
            assert actor.country in ISO_3166_ALPHA2, actor.id


def test_every_actor_has_an_arabic_name() -> None:
    missing = [a.id for a in load_pack().actors if not a.aliases_ar]
    assert missing == []


def test_hierarchy_reads_up_to_the_state() -> None:
    pack = load_pack()
    assert [a.id for a in pack.ancestors("iq-pmf-nujaba")] == ["iq-pmf", "iq-gov"]
    assert [a.id for a in pack.ancestors("krg-interior-minister")] == []
    assert pack.actor("krg-interior-minister").office_of == "krg-moi"
    assert pack.actor("krg-moi").parent == "krg"
    assert pack.actor("iq-pm").kind == "office"
    assert pack.actor("unidentified-armed-group").kind == "generic"
    assert "iq-pmf-nujaba" in {a.id for a in pack.members("iq-pmf")}


def test_dated_entries_are_active_only_in_their_period() -> None:
    from datetime import date

    pack = load_pack()
    assad = pack.actor("sy-gov-assad")
    assert assad.active_on(date(2024, 12, 7))
    assert not assad.active_on(date(2024, 12, 9))
    assert pack.actor("sy-gov-transitional").active_on(date(2025, 1, 1))
    assert pack.actor("iq-iri").active_on(date(2023, 10, 1))
    assert not pack.actor("iq-iri").active_on(date(2023, 9, 30))


def test_a_ref_carries_the_canonical_fields() -> None:
    pack = load_pack()
    ref = pack.actor("iq-pmf-nujaba").ref("Al-Nujaba Movement")
    assert (ref.text, ref.actor_id, ref.sector, ref.country) == (
        "Al-Nujaba Movement",
        "iq-pmf-nujaba",
        "militia",
        "IQ",
    )
    place = pack.place("iq-green-zone").ref("the Green Zone")
    assert (place.place_id, place.admin1, place.country, place.precision) == (
        "iq-green-zone",
        "Baghdad",
        "IQ",
        "neighbourhood",
    )


def test_issues_name_known_actors() -> None:
    pack = load_pack()
    issue = pack.issue("coalition-presence-iraq")
    assert issue.label == "coalition presence in Iraq"
    assert issue.position_for and issue.position_against and issue.terms and issue.terms_ar
    for item in pack.issues:
        for actor_id in item.actors:
            pack.actor(actor_id)
