"""The domain pack as the extractor sees it: actor and place look-ups.

Mentions the pack does not know keep their surface text only. A broken pack is an error
(PackError names the file and entry), never silently ignored.
"""

from __future__ import annotations

from marsad.packs import Pack, load_pack
from marsad.types import ActorRef, PlaceRef

DEFAULT_PACK = "iraq-syria"


def pack() -> Pack:
    return load_pack(DEFAULT_PACK)  # loaded once per process (load_pack caches it)


def actor_ref(text: str) -> ActorRef:
    entry = pack().find_actor(text)
    return entry.ref(text) if entry is not None else ActorRef(text)


def place_ref(text: str) -> PlaceRef | None:
    """The pack's place for `text`, or None when the pack does not know it."""
    entry = pack().find_place(text)
    return entry.ref(text) if entry is not None else None
