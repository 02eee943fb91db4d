"""Domain packs: the actors, places and tracked issues of one theatre, as data.

A pack is a folder holding `pack.yaml` (name, description, version, countries, issues) and
optionally `actors.yaml` and `places.yaml`. The built-in packs live in
`marsad/data/packs/`; more are found in the folders named by the environment variable
`MARSAD_PACKS_PATH` (separated like PATH), each folder holding pack folders. A user pack
with the name of a built-in one replaces it.

    >>> pack = load_pack()                       # "iraq-syria"
    >>> pack.find_actor("Al-Nujaba Movement").id
    'iq-pmf-nujaba'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Protocol, TypeVar

from marsad.packs.model import ActorEntry, Issue, Pack, PlaceEntry, Tenure
from marsad.packs.names import normalise_alias
from marsad.packs.validate import PLACE_TYPES, SECTORS, PackError, load_pack_dir

__all__ = [
    "DEFAULT_PACK",
    "PLACE_TYPES",
    "SECTORS",
    "ActorEntry",
    "Issue",
    "Pack",
    "PackError",
    "PlaceEntry",
    "Tenure",
    "available_packs",
    "clear_cache",
    "load_pack",
    "load_pack_dir",
    "load_packs",
    "normalise_alias",
    "pack_dirs",
]

DEFAULT_PACK = "iraq-syria"
PATH_VARIABLE = "MARSAD_PACKS_PATH"


def _builtin_root() -> Path:
    return Path(str(files("marsad"))) / "data" / "packs"


def pack_dirs() -> dict[str, Path]:
    """Every pack found, name -> folder: user folders first, then the built-in ones."""
    roots = [Path(p) for p in os.environ.get(PATH_VARIABLE, "").split(os.pathsep) if p]
    found: dict[str, Path] = {}
    for root in [*roots, _builtin_root()]:
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if (folder / "pack.yaml").is_file():
                found.setdefault(folder.name, folder)
    return found


def available_packs() -> tuple[str, ...]:
    """The names of the packs `load_pack` can load, sorted."""
    return tuple(sorted(pack_dirs()))


def load_pack(name: str = DEFAULT_PACK) -> Pack:
    """The pack called `name`, loaded and validated once per process.

    Raises PackError when no such pack exists or when it is invalid; after changing
    MARSAD_PACKS_PATH or a pack's files, call `clear_cache()`.
    """
    return _load(name)


@lru_cache(maxsize=16)
def _load(name: str) -> Pack:
    folders = pack_dirs()
    if name not in folders:
        known = ", ".join(sorted(folders)) or "none"
        raise PackError(name, [f"no pack named {name!r} (available: {known})"])
    return load_pack_dir(folders[name])


def clear_cache() -> None:
    """Forget loaded packs, so the next `load_pack` reads the files (and the path) again."""
    _load.cache_clear()


def load_packs(names: tuple[str, ...] | list[str] = (DEFAULT_PACK,)) -> Pack:
    """The named packs as one: their actors, places and issues together, in the order given
    (a name two packs share resolves to the first pack's entry). One name: that pack."""
    packs = [load_pack(n) for n in dict.fromkeys(names)]
    if not packs:
        raise PackError("(none)", ["no pack chosen"])
    if len(packs) == 1:
        return packs[0]
    return Pack(
        name="+".join(p.name for p in packs),
        description="; ".join(p.description for p in packs if p.description),
        version="+".join(p.version for p in packs),
        countries=tuple(dict.fromkeys(c for p in packs for c in p.countries)),
        actors=_first_by_id(a for p in packs for a in p.actors),
        places=_first_by_id(x for p in packs for x in p.places),
        issues=_first_by_id(i for p in packs for i in p.issues),
        path=packs[0].path,
    )


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_E = TypeVar("_E", bound=_HasId)


def _first_by_id(entries: Iterable[_E]) -> tuple[_E, ...]:
    seen: dict[str, _E] = {}
    for e in entries:
        seen.setdefault(e.id, e)
    return tuple(seen.values())
