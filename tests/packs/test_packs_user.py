"""A user adds a pack by folder, without code; a broken pack says what and where is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.errors import MarsadError
from marsad.packs import PackError, available_packs, clear_cache, load_pack, load_pack_dir

PACK_YAML = """\
name: {name}
version: "1"
description: A test theatre.
countries: [LY]
issues:
  - id: ceasefire
    label: ceasefire in Tripoli
    actors: [ly-gov]
"""
ACTORS_YAML = """\
actors:
  - id: ly-gov
    name: Government of National Unity
    sector: government
    country: LY
    aliases: [GNU, Tripoli government]
    aliases_ar: [حكومة الوحدة الوطنية]
  - id: ly-ministry
    name: Ministry of Interior of Libya
    sector: government
    country: LY
    parent: ly-gov
"""
PLACES_YAML = """\
places:
  - id: ly-mitiga
    name: Mitiga International Airport
    type: airport
    lat: 32.89
    lon: 13.28
    country: LY
    aliases: [Mitiga airport]
"""


def write_pack(root: Path, name: str, actors: str = ACTORS_YAML, places: str = PLACES_YAML) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(PACK_YAML.format(name=name), encoding="utf-8")
    (folder / "actors.yaml").write_text(actors, encoding="utf-8")
    (folder / "places.yaml").write_text(places, encoding="utf-8")
    return folder


@pytest.fixture
def user_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "packs"
    root.mkdir()
    monkeypatch.setenv("MARSAD_PACKS_PATH", str(root))
    clear_cache()
    yield root
    clear_cache()


def test_a_user_pack_is_found_on_the_path_and_loads(user_root: Path) -> None:
    write_pack(user_root, "libya")
    assert {"libya", "iraq-syria"} <= set(available_packs())
    pack = load_pack("libya")
    assert pack.find_actor("Tripoli government").id == "ly-gov"
    assert pack.find_actor("حكومة الوحدة الوطنية").id == "ly-gov"
    assert pack.find_place("Mitiga airport").precision == "facility"
    assert pack.ancestors("ly-ministry")[0].id == "ly-gov"
    assert pack.issue("ceasefire").actors == ("ly-gov",)


def test_a_user_pack_can_replace_the_builtin_one(user_root: Path) -> None:
    write_pack(user_root, "iraq-syria")
    assert len(load_pack().actors) == 2


def test_an_unknown_pack_is_a_clear_error(user_root: Path) -> None:
    with pytest.raises(PackError, match=r"no pack named 'nowhere' \(available: .*iraq-syria"):
        load_pack("nowhere")


BROKEN = [
    (
        "actors.yaml",
        ACTORS_YAML.replace(
            "sector: government\n    country: LY\n    parent",
            "sector: goverment\n    country: LY\n    parent",
        ),
        r"actors\.yaml: entry 'ly-ministry': unknown sector 'goverment'",
    ),
    (
        "actors.yaml",
        ACTORS_YAML.replace("parent: ly-gov", "parent: ly-state"),
        r"actors\.yaml: entry 'ly-ministry': parent 'ly-state' is not an actor id",
    ),
    (
        "actors.yaml",
        ACTORS_YAML.replace("id: ly-ministry", "id: ly-gov"),
        r"actors\.yaml: entry 'ly-gov': duplicate id",
    ),
    (
        "actors.yaml",
        ACTORS_YAML.replace("country: LY\n    aliases", "country: Libya\n    aliases"),
        r"actors\.yaml: entry 'ly-gov': 'country' must be an ISO 3166 alpha-2 code",
    ),
    (
        "actors.yaml",
        ACTORS_YAML.replace("    aliases: [GNU", "    alias: [GNU"),
        r"actors\.yaml: entry 'ly-gov': unknown field 'alias'",
    ),
    (
        "actors.yaml",
        ACTORS_YAML + "  - id: no-name\n    sector: party\n    country: NO\n",
        r"entry 'no-name': missing 'name'.*\n.*entry 'no-name': 'country' must be .*quote it",
    ),
    (
        "places.yaml",
        PLACES_YAML.replace("lat: 32.89", "lat: 132.89"),
        r"places\.yaml: entry 'ly-mitiga': 'lat' 132\.89 is outside \[-90, 90\]",
    ),
    (
        "places.yaml",
        PLACES_YAML.replace("lon: 13.28", "lon: thirteen"),
        r"places\.yaml: entry 'ly-mitiga': 'lon' must be a number",
    ),
    (
        "places.yaml",
        PLACES_YAML + "    within: ly-tripoli\n",
        r"places\.yaml: entry 'ly-mitiga': within 'ly-tripoli' is not a place id",
    ),
    (
        "places.yaml",
        "places:\n  - id: x\n    name: [unclosed\n",
        r"places\.yaml: not valid YAML",
    ),
]


@pytest.mark.parametrize(("file", "text", "message"), BROKEN)
def test_a_broken_pack_names_the_file_the_entry_and_the_reason(
    user_root: Path, file: str, text: str, message: str
) -> None:
    folder = write_pack(user_root, "broken")
    (folder / file).write_text(text, encoding="utf-8")
    with pytest.raises(PackError, match=message) as caught:
        load_pack("broken")
    assert isinstance(caught.value, MarsadError)
    assert str(folder / file) in str(caught.value)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    broken = ACTORS_YAML.replace("sector: government", "sector: army").replace(
        "parent: ly-gov", "parent: nobody"
    )
    folder = write_pack(tmp_path, "many", actors=broken)
    with pytest.raises(PackError) as caught:
        load_pack_dir(folder)
    assert len(caught.value.problems) == 3  # two bad sectors, one missing parent


def test_a_folder_without_pack_yaml_is_not_a_pack(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(PackError, match=r"pack\.yaml: file is missing"):
        load_pack_dir(tmp_path / "empty")


def test_the_pack_name_must_match_its_folder(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, "alpha")
    (folder / "pack.yaml").write_text(PACK_YAML.format(name="beta"), encoding="utf-8")
    with pytest.raises(PackError, match="differs from the folder name"):
        load_pack_dir(folder)


def test_a_parent_loop_is_an_error(tmp_path: Path) -> None:
    looped = ACTORS_YAML.replace("    aliases: [GNU", "    parent: ly-ministry\n    aliases: [GNU")
    folder = write_pack(tmp_path, "loop", actors=looped)
    with pytest.raises(PackError, match="parent chain loops"):
        load_pack_dir(folder)
