"""marsad.datafiles: every data file loads and fits its schema; a bad one names the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import data_schemas
from marsad.data_schemas import (
    INT,
    PLACES,
    STR,
    WORDS,
    AnyOf,
    IntRange,
    ListOf,
    MapOf,
    Null,
    Record,
    Regex,
    Schema,
    Tuple,
    matches,
    schema_for,
)
from marsad.datafiles import DataFileError, clear_cache, data_files, load_data
from marsad.errors import MarsadError

DATA = Path(__file__).resolve().parents[1] / "src" / "marsad" / "data"


def _on_disk() -> list[str]:
    return sorted(
        str(p.relative_to(DATA).as_posix())
        for p in DATA.rglob("*.yaml")
        if p.relative_to(DATA).parts[0] != "packs"
    )


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return root


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


# --- the shipped files -----------------------------------------------------------------------


def test_data_files_lists_every_yaml_file_but_the_packs() -> None:
    names = data_files()
    assert names == _on_disk()
    assert "dates.yaml" in names and "lang/en/lexicons/assault.yaml" in names
    assert not any(n.startswith("packs/") for n in names)


@pytest.mark.parametrize("name", _on_disk())
def test_every_data_file_has_a_schema_and_fits_it(name: str) -> None:
    assert schema_for(name) is not None, f"declare a schema for {name} in marsad.data_schemas"
    assert load_data(name) is not None


def test_a_file_is_read_once() -> None:
    first = load_data("lang/en/numbers.yaml")
    assert load_data("lang/en/numbers.yaml") is first
    clear_cache()
    assert load_data("lang/en/numbers.yaml") is not first


def test_values_come_back_as_parsed() -> None:
    assert load_data("lang/en/time_words.yaml")["months"]["january"] == 1
    demonyms = load_data("gazetteer/demonyms.yaml")
    assert None in demonyms and "Kurdish" in demonyms[None]  # null: no single country


# --- bad files -------------------------------------------------------------------------------


def test_a_wrong_type_names_the_file_and_the_path(tmp_path: Path) -> None:
    name = "lang/en/time_words.yaml"
    text = (DATA / name).read_text("utf-8").replace("january: 1", "january: first")
    root = _write(tmp_path, name, text)
    with pytest.raises(DataFileError) as caught:
        load_data(name, root=root)
    error = caught.value
    assert isinstance(error, MarsadError)
    assert error.file == name
    assert error.path == "months.january"
    assert str(error).startswith(f"data file {name}: months.january: ")
    assert "expected an integer from 1 to 12, got string 'first'" in str(error)


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    root = _write(tmp_path, "dates.yaml", "month_part_point: {early: 5, mid: 15, late: 25}\n")
    with pytest.raises(DataFileError, match=r"dates\.yaml: missing key 'future_tolerance_days'"):
        load_data("dates.yaml", root=root)


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    text = "month_part_point: {early: 5}\nfuture_tolerance_days: 7\nfuture_tolerence: 3\n"
    root = _write(tmp_path, "dates.yaml", text)
    with pytest.raises(DataFileError) as caught:
        load_data("dates.yaml", root=root)
    assert caught.value.path == "future_tolerence"
    assert "unknown key" in caught.value.problem


def test_every_problem_is_kept_and_counted(tmp_path: Path) -> None:
    text = "month_part_point: {early: 0, late: 40}\nfuture_tolerance_days: -1\n"
    root = _write(tmp_path, "dates.yaml", text)
    with pytest.raises(DataFileError) as caught:
        load_data("dates.yaml", root=root)
    assert [p.path for p in caught.value.problems] == [
        "month_part_point.early",
        "month_part_point.late",
        "future_tolerance_days",
    ]
    assert str(caught.value).endswith("(and 2 more problems)")


def test_an_unquoted_yaml_boolean_in_a_word_list_is_explained(tmp_path: Path) -> None:
    name = "lang/en/lexicons/places.yaml"
    text = (DATA / name).read_text("utf-8").replace("location_preps: [in, at, near,",
                                                    "location_preps: [in, at, near, on,", 1)
    root = _write(tmp_path, name, text)
    with pytest.raises(DataFileError) as caught:
        load_data(name, root=root)
    assert caught.value.path == "location_preps[3]"
    assert "got boolean true" in str(caught.value) and "quote" in str(caught.value)


def test_a_nested_list_item_is_located(tmp_path: Path) -> None:
    text = "rules:\n  - {category: PROTEST, acled: [Protests, Peaceful protest]}\n" \
        "  - {category: ASSAULT, acled: [Battles]}\n"  # fmt: skip
    root = _write(tmp_path, "acled_map.yaml", text)
    with pytest.raises(DataFileError, match=r"rules\[1\]\.acled: expected 2 items, got 1"):
        load_data("acled_map.yaml", root=root)


def test_bad_yaml_gives_the_line(tmp_path: Path) -> None:
    root = _write(tmp_path, "dates.yaml", "month_part_point: {early: 5\nfuture: [\n")
    with pytest.raises(DataFileError, match=r"dates\.yaml: not valid YAML: .*line \d+"):
        load_data("dates.yaml", root=root)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"data file dates\.yaml: no such data file"):
        load_data("dates.yaml", root=tmp_path)


def test_a_file_without_a_schema_is_refused(tmp_path: Path) -> None:
    root = _write(tmp_path, "extra.yaml", "a: 1\n")
    with pytest.raises(DataFileError, match=r"extra\.yaml: no schema declared"):
        load_data("extra.yaml", root=root)
    with pytest.raises(DataFileError, match=r"packs are read by marsad\.packs"):
        load_data("packs/iraq-syria/pack.yaml")


@pytest.mark.parametrize("name", ["", "../dates.yaml", "/etc/passwd", "a//b.yaml", "a\\b"])
def test_a_name_outside_the_data_folder_is_refused(name: str) -> None:
    with pytest.raises(DataFileError, match="not a relative path under marsad/data/"):
        load_data(name)


# --- schema lookup by path and glob ----------------------------------------------------------


def test_glob_keys_match_segment_by_segment() -> None:
    assert matches("lang/*/places.yaml", "lang/en/places.yaml")
    assert not matches("lang/*/places.yaml", "lang/en/old/places.yaml")
    assert not matches("lang/*/places.yaml", "lang/en/times.yaml")
    assert matches("lang/**/places.yaml", "lang/en/old/places.yaml")
    assert matches("lang/**/places.yaml", "lang/places.yaml")
    assert matches("lang/??/*.yaml", "lang/ar/numbers.yaml")
    assert matches("numbers.yaml", "numbers.yaml") and not matches("numbers.yaml", "x/numbers.yaml")


def test_an_exact_path_wins_over_a_glob_and_the_first_glob_wins() -> None:
    exact, first, second = Record({}), Record({}), Record({})
    table: dict[str, Schema] = {
        "lang/*/places.yaml": first,
        "lang/**": second,
        "lang/en/places.yaml": exact,
    }
    assert schema_for("lang/en/places.yaml", table) is exact
    assert schema_for("lang/ar/places.yaml", table) is first
    assert schema_for("lang/ar/times.yaml", table) is second
    assert schema_for("numbers.yaml", table) is None


def test_a_new_trigger_lexicon_is_covered_by_the_lexicon_glob() -> None:
    assert schema_for("lang/en/lexicons/yield.yaml") is data_schemas.TRIGGERS
    assert schema_for("lang/ar/lexicons/assault.yaml") is data_schemas.TRIGGERS
    assert schema_for("lang/en/lexicons/places.yaml") is data_schemas.PLACES
    assert schema_for("lexicons/assault.yaml") is None  # lexicons live in a language profile


def test_a_glob_schema_checks_each_language_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(data_schemas.SCHEMAS, "lang/*/where.yaml", PLACES)
    good = (DATA / "lang" / "en" / "lexicons" / "places.yaml").read_text("utf-8")
    _write(tmp_path, "lang/en/where.yaml", good)
    _write(tmp_path, "lang/ar/where.yaml", good.replace("weak_preps:", "weak_prepositions:"))
    assert "in" in load_data("lang/en/where.yaml", root=tmp_path)["location_preps"]
    with pytest.raises(DataFileError) as caught:
        load_data("lang/ar/where.yaml", root=tmp_path)
    assert caught.value.file == "lang/ar/where.yaml"
    assert "missing key 'weak_preps'" in str(caught.value)


# --- the combinators -------------------------------------------------------------------------


def _problems(schema: Schema, value: object) -> list[str]:
    return [f"{p.path}: {p.message}" for p in schema.problems(value)]


def test_integers_are_never_booleans() -> None:
    assert _problems(INT, 3) == []
    assert _problems(INT, True) == [": expected an integer, got boolean true"]
    assert _problems(IntRange(1, 12), 13) == [": expected an integer from 1 to 12, got number 13"]


def test_lists_tuples_maps_and_alternatives() -> None:
    assert _problems(WORDS, ["a", 1]) == ["[1]: expected a string, got number 1"]
    assert _problems(ListOf(STR, min_items=1), []) == [": expected at least 1 items, got 0"]
    assert _problems(Tuple(STR, INT), ["day", "x"]) == [
        "[1]: expected an integer, got string 'x'"
    ]
    assert _problems(MapOf(INT), {"a": 1, 2: 2}) == ["2: bad key: expected a string, got number 2"]
    nullable = MapOf(WORDS, key=AnyOf(STR, Null()))
    assert _problems(nullable, {None: ["x"], "IQ": ["y"]}) == []
    assert _problems(Record({"a": INT}), ["a"]) == [
        ": expected a mapping with keys a, got a list"
    ]


def test_a_regex_must_compile() -> None:
    assert _problems(ListOf(Regex()), ["^ok$"]) == []
    (problem,) = _problems(ListOf(Regex()), ["(unclosed"])
    assert problem.startswith("[0]: not a valid regular expression")
