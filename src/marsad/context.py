"""What one run knows, passed through the extract and resolve stages: the chosen domain
packs (merged), the gazetteer built with their places, the language profile and the
publication date. No stage reads a pack or a language from a global.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from marsad.analyse.profiles import LanguageProfile, profile_for
from marsad.errors import UnsupportedLanguage
from marsad.gazetteer import Gazetteer, default_gazetteer
from marsad.gazetteer.build import as_pack_place
from marsad.packs import DEFAULT_PACK, Pack, load_packs


@dataclass(frozen=True)
class Context:
    pack: Pack  # the chosen packs as one
    gazetteer: Gazetteer  # the world base and the chosen packs' places
    profile: LanguageProfile
    published: date | None = None

    def for_text(self, published: date | None) -> Context:
        return replace(self, published=published)


@lru_cache(maxsize=8)
def _gazetteer(names: tuple[str, ...]) -> Gazetteer:
    if names == (DEFAULT_PACK,):
        return default_gazetteer()  # the installed pack's index, shared by every tool
    pack = load_packs(names)
    return Gazetteer.open(pack=[as_pack_place(p) for p in pack.places])


def make_context(packs: Sequence[str] = (DEFAULT_PACK,), lang: str | None = "en",
                 published: date | None = None) -> Context:
    """The context for texts in `lang` with the named packs.

    Raises PackError for a pack that is unknown or invalid, and UnsupportedLanguage for a
    language with no extraction profile."""
    names = tuple(dict.fromkeys(packs)) or (DEFAULT_PACK,)
    profile = profile_for(lang)
    if profile is None:
        raise UnsupportedLanguage(lang)
    return Context(load_packs(names), _gazetteer(names), profile, published)
