"""Language profiles: the words and parser labels the extractor reads a language with.

A profile is a folder `marsad/data/lang/<code>/` (as spaCy keeps `spacy/lang/<code>/`): the
trigger lexicons, closed-class words, number and time words and the parser's label sets
of that language, every file under the same keys in every language. The analyse stage
supplies the profile for a document's language; a language with no folder has no profile,
and its documents are stored and reported, not silently given zero events.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from marsad.datafiles import load_data

PROFILES_PACKAGE = "marsad.data"


class LanguageProfile:
    """The data files of one language, each loaded once."""

    def __init__(self, code: str, root: Traversable) -> None:
        self.code = code
        self.root = root

    def __repr__(self) -> str:
        return f"LanguageProfile({self.code!r})"

    def data(self, name: str) -> Any:
        """The parsed YAML file `name` of this profile ("words.yaml", "lexicons/assault.yaml"),
        checked against its schema (marsad.data_schemas); shared, so never modify it."""
        return load_data(f"lang/{self.code}/{name}")

    def words(self, key: str) -> frozenset[str]:
        """A closed word list of `words.yaml` ("pronouns", "definite", ...), lower case."""
        return _word_set(self, "words.yaml", key)

    def discourse(self, key: str) -> frozenset[str]:
        """A word list of `discourse.yaml`: how a document refers back and goes on."""
        return _word_set(self, "discourse.yaml", key)

    def labels(self, key: str) -> frozenset[str]:
        """A set of the parser's labels from `parser.yaml` ("clause_deps", "noun_pos")."""
        return _word_set(self, "parser.yaml", key, lower=False)


@cache
def _word_set(profile: LanguageProfile, file: str, key: str, lower: bool = True) -> frozenset[str]:
    values = profile.data(file)[key]
    return frozenset(str(v).lower() if lower else str(v) for v in values)


def _lang_root() -> Traversable:
    return resources.files(PROFILES_PACKAGE).joinpath("lang")


def available_profiles() -> tuple[str, ...]:
    """The language codes that have a profile."""
    return tuple(sorted(p.name for p in _lang_root().iterdir()
                        if p.is_dir() and p.joinpath("words.yaml").is_file()))


@cache
def profile_for(lang: str | None) -> LanguageProfile | None:
    """The profile of ISO 639-1 `lang`, or None when marsad has none for it."""
    if not lang or lang not in available_profiles():
        return None
    return LanguageProfile(lang, _lang_root().joinpath(lang))
