"""The domain pack as the extractor sees it: actor and place look-ups.

A named actor the pack does not know ("the Ahrar al-Iraq Brigades") is kept as a proposed
entry, with a stable id from its normalised name, so that it reaches the registry for review
instead of vanishing; a description ("gunmen", "a soldier") is typed by sector, never
proposed. A broken pack is an error (PackError names the file and entry), never ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.extract.lexicon import data_yaml
from marsad.packs import ActorEntry, Pack, load_pack, normalise_alias
from marsad.resolve.gazetteer import default_gazetteer
from marsad.types import PROPOSED_PREFIX, ActorRef, PlaceRef

DEFAULT_PACK = "iraq-syria"
_SLUG_GAP = re.compile(r"[^\w]+")


def pack() -> Pack:
    return load_pack(DEFAULT_PACK)  # loaded once per process (load_pack caches it)


@lru_cache(maxsize=1)
def group_nouns() -> frozenset[str]:
    """Nouns that follow a group's name ("the Nujaba movement", "Saraya X group")."""
    return frozenset(data_yaml("lexicons/antecedents.yaml")["nouns"])


def find_actor(text: str, country: str | None = None) -> ActorEntry | None:
    """The pack's actor for `text`; "Saraya Awliya al-Dam group" also as "Saraya Awliya
    al-Dam" (a trailing group noun is how wire copy introduces a name, not part of it)."""
    entry = pack().find_actor(text, country=country)
    words = text.split()
    if entry is None and len(words) > 1 and words[-1].lower() in group_nouns():
        entry = pack().find_actor(" ".join(words[:-1]), country=country)
    return entry


def proposed_id(name: str) -> str:
    """The stable id of an unknown named actor: "Ahrar al-Iraq Brigades" and "Ahrar Al Iraq
    brigades" share "proposed:ahrar-iraq-brigades"."""
    return PROPOSED_PREFIX + _SLUG_GAP.sub("-", normalise_alias(name)).strip("-")


def _is_place(text: str) -> bool:
    """A toponym in an actor role ("targeted Erbil airport") is a target, not a new actor."""
    if pack().find_place(text) is not None:
        return True
    gaz = default_gazetteer()
    return gaz.demonym(text)[0] or bool(gaz.candidates(text, fuzzy=False, limit=1))


def actor_ref(text: str, *, named: bool = False, country: str | None = None) -> ActorRef:
    """The reference an event carries for the actor mention `text`.

    `named`: the mention is a proper name (NER ORG/PERSON/group, or a capitalised name);
    `country`: the document's country, which picks a national actor over a generic type
    ("security forces" in an Iraqi report: Iraqi Security Forces)."""
    entry = find_actor(text, country)
    if entry is not None:
        return entry.ref(text)
    if named and normalise_alias(text) and not _is_place(text):
        return ActorRef(text, proposed_id(text), text.strip())
    return ActorRef(text)


def place_ref(text: str) -> PlaceRef | None:
    """The pack's place for `text`, or None when the pack does not know it."""
    entry = pack().find_place(text)
    return entry.ref(text) if entry is not None else None
