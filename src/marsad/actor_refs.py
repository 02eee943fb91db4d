"""How an actor mention becomes an ActorRef: the chosen packs' entry, else a proposed one.

A named actor the packs do not know ("the Ahrar al-Iraq Brigades") is kept as a proposed
entry, with a stable id from its normalised name, so that it reaches the registry for review
instead of vanishing; a description ("gunmen", "a soldier") is typed by sector, never
proposed. The extract stage asks this to follow "the group" back to a name; the resolve
stage to give every event its actors.
"""

from __future__ import annotations

import re

from marsad.context import Context
from marsad.packs import ActorEntry, normalise_alias
from marsad.types import PROPOSED_PREFIX, ActorRef

_SLUG_GAP = re.compile(r"[^\w]+")


def find_actor(ctx: Context, text: str, country: str | None = None) -> ActorEntry | None:
    """The packs' actor for `text`; "Saraya Awliya al-Dam group" also as "Saraya Awliya
    al-Dam" (a trailing group noun is how wire copy introduces a name, not part of it), and
    "EU foreign ministers" as the EU (those who speak for a body are the body)."""
    entry = ctx.pack.find_actor(text, country=country)
    words = text.split()
    if entry is None and len(words) > 1 and words[-1].lower() in _group_nouns(ctx):
        entry = ctx.pack.find_actor(" ".join(words[:-1]), country=country)
    if entry is None and len(words) > 1 and words[-1].lower() in ctx.profile.words(
        "member_nouns"
    ):
        body = list(words[:-1])
        while len(body) > 1 and body[-1].islower():  # "EU foreign ministers": "EU"
            body.pop()
        entry = ctx.pack.find_actor(" ".join(body), country=country)
        if entry is not None and entry.generic:
            entry = None  # "security officials": no one body
    return entry


def _group_nouns(ctx: Context) -> dict[str, list[str]]:
    """Nouns that follow a group's name ("the Nujaba movement", "Saraya X group")."""
    nouns: dict[str, list[str]] = ctx.profile.data("lexicons/antecedents.yaml")["nouns"]
    return nouns


def proposed_id(name: str) -> str:
    """The stable id of an unknown named actor: "Ahrar al-Iraq Brigades" and "Ahrar Al Iraq
    brigades" share "proposed:ahrar-iraq-brigades"."""
    return PROPOSED_PREFIX + _SLUG_GAP.sub("-", normalise_alias(name)).strip("-")


def is_place(ctx: Context, text: str) -> bool:
    """A toponym in an actor role ("targeted Erbil airport") is a target, not a new actor."""
    if ctx.pack.find_place(text) is not None:
        return True
    gaz = ctx.gazetteer
    return gaz.demonym(text)[0] or bool(gaz.candidates(text, fuzzy=False, limit=1))


def actor_ref(ctx: Context, text: str, *, named: bool = False,
              country: str | None = None) -> ActorRef:
    """The reference an event carries for the actor mention `text`.

    `named`: the mention is a proper name (NER ORG/PERSON/group, or a capitalised name);
    `country`: the document's country, which picks a national actor over a generic type
    ("security forces" in an Iraqi report: Iraqi Security Forces)."""
    entry = find_actor(ctx, text, country)
    if entry is not None:
        return entry.ref(text)
    if named and normalise_alias(text) and not is_place(ctx, text):
        return ActorRef(text, proposed_id(text), text.strip())
    return ActorRef(text)
