"""The packs a run chooses are the packs extraction and resolution use (issue: Context, not
globals), and a broken pack stops the gazetteer build with the pack's own error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from marsad.context import make_context
from marsad.errors import UnsupportedLanguage
from marsad.gazetteer.build import pack_places
from marsad.packs import PackError, clear_cache
from marsad.stages import events

PACK = """\
name: {name}
version: "1"
description: A test theatre.
countries: [LY]
"""
ACTORS = """\
actors:
  - id: ly-sabaa-brigade
    name: Sabaa Brigade
    sector: militia
    country: LY
    aliases: [the Sabaa Brigade]
"""
PLACES = """\
places:
  - id: ly-mitiga
    name: Mitiga International Airport
    type: airport
    lat: 32.894
    lon: 13.276
    country: LY
    aliases: [Mitiga airport]
"""
TEXT = "The Sabaa Brigade shelled Mitiga airport on Monday, killing two guards."


@pytest.fixture
def packs_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "packs"
    root.mkdir()
    monkeypatch.setenv("MARSAD_PACKS_PATH", str(root))
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "cache"))
    clear_cache()
    yield root
    clear_cache()


def _write(root: Path, name: str, places: str = PLACES) -> None:
    folder = root / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK.format(name=name), encoding="utf-8")
    (folder / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    (folder / "places.yaml").write_text(places, encoding="utf-8")


def test_a_chosen_user_pack_names_the_actor_and_places_the_event(packs_path: Path) -> None:
    _write(packs_path, "libya-ctx-test")
    got = events(TEXT, date(2024, 3, 6), packs=["iraq-syria", "libya-ctx-test"])
    assert [e.category for e in got] == ["ASSAULT"]
    event = got[0]
    assert event.actors[0].actor_id == "ly-sabaa-brigade"
    assert event.where is not None and event.where.name == "Mitiga International Airport"
    assert event.where.precision == "facility"
    assert event.when is not None and event.when.start == date(2024, 3, 4)


def test_without_the_pack_the_same_text_knows_neither(packs_path: Path) -> None:
    _write(packs_path, "libya-ctx-test")
    (event,) = events(TEXT, date(2024, 3, 6))  # the default pack only
    assert event.actors[0].actor_id != "ly-sabaa-brigade"
    assert event.where is None or event.where.name != "Mitiga International Airport"


def test_an_unknown_pack_or_language_is_an_error_not_a_silent_default(packs_path: Path) -> None:
    with pytest.raises(PackError, match="no-such-pack"):
        make_context(["no-such-pack"])
    with pytest.raises(UnsupportedLanguage, match="language ar: no extraction profile"):
        make_context(lang="ar")


def test_a_broken_pack_fails_the_gazetteer_build_with_its_error(packs_path: Path) -> None:
    # a user pack named like the built-in one replaces it; this one has a place without
    # coordinates of the right type
    _write(packs_path, "iraq-syria", places=PLACES.replace("lat: 32.894", "lat: north"))
    with pytest.raises(PackError) as raised:
        pack_places()
    assert "places.yaml" in str(raised.value) and "ly-mitiga" in str(raised.value)
