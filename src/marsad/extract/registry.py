"""The domain pack as the extractor sees it: actor and place look-ups that never fail.

The pack is optional at this stage (a user may run without one, or with another theatre's);
when it is missing or does not know a name, mentions keep their surface text only.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from marsad.types import ActorRef, PlaceRef

DEFAULT_PACK = "iraq-syria"


@cache
def _pack() -> Any | None:
    try:
        from marsad.packs import load_pack
    except ImportError:
        return None
    try:
        return load_pack(DEFAULT_PACK)
    except Exception:  # a missing or broken pack must not stop extraction
        return None


def actor_ref(text: str) -> ActorRef:
    pack = _pack()
    if pack is not None:
        entry = pack.find_actor(text)
        if entry is not None:
            return entry.ref(text)
    return ActorRef(text)


def place_ref(text: str) -> PlaceRef | None:
    """The pack's place for `text`, or None when the pack does not know it."""
    pack = _pack()
    if pack is None:
        return None
    entry = pack.find_place(text)
    return entry.ref(text) if entry is not None else None
