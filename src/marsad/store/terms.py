"""The words the actor and place filters look up (the event_terms table, migration 0005).

The matching rule, the same on SQLite and PostgreSQL because it is computed here and the
database only compares folded strings byte by byte:

  * A name and a filter value are folded alike: compatibility form (NFKD), accents and
    other combining marks dropped, case folded, the few letters Unicode does not decompose
    (ı, ø, ł, ...) spelled plainly, and anything that is not a letter or a digit (spaces,
    punctuation, "_", a NUL) is a break between words.
  * An event matches when the filter's words, in their order, start at a word of one of its
    names; the last word may be cut short. "armed forces", "FORCES", "bagh" and "ez-zor"
    match "United States Armed Forces", "US forces", "Baghdad" and "Deir ez-Zor"; "forces
    armed", "aghdad" and "islam resistance" do not.
  * A filter without a letter or a digit (only punctuation, or a NUL) matches nothing.

The names: for `actor`, each actor's and recipient's text, canonical name and registry id;
for `place`, the place's text, gazetteer name and id (ids fold like names: "iq-police" is
the words "iq police"). Each word-aligned tail of each name is one row ("united states armed
forces", "states armed forces", ..., "forces"), so a filter is a single range of the
(field, term) index: term >= value and term < the value's successor. A tail that starts
another tail of the same event is left out ("isis" beside "isis fighters"): whatever it
starts with, so does the longer one, so no match is lost and a range meets fewer repeats.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from marsad.types import Event

ACTOR = "actor"
PLACE = "place"
FIELDS = (ACTOR, PLACE)
# Longer tails are kept cut to this many characters, and so are filters: a B-tree entry has
# a size limit (about 2,700 bytes on PostgreSQL), and an extracted text can be any length.
# Cutting both alike loses no match; a filter longer than this may match a little more.
MAX_TERM = 200

# Letters with no decomposition to a base letter, spelled as their readers type them; and
# transliteration marks (hamza, ayn) that are letters to Unicode but not to a reader.
# Migration 0005 repeats this table (a migration must not change when this module does).
_SPELLED = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe",
     "þ": "th", "ð": "d", "ʼ": "", "ʻ": "", "ʾ": "", "ʿ": "", "ʹ": ""}
)
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """text as the words the filters compare: folded, one space between words."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(bare.casefold().translate(_SPELLED)))


def needle(value: str) -> str:
    """A filter value as the prefix its terms must start with ("" matches nothing)."""
    return fold(value)[:MAX_TERM]


def tails(name: str | None) -> list[str]:
    """Every word-aligned tail of the folded name, longest first: what a filter can start."""
    words = fold(name).split() if name else []
    return [" ".join(words[i:])[:MAX_TERM] for i in range(len(words))]


def successor(prefix: str) -> str:
    """The least string after every string that starts with prefix (code point order,
    which is both SQLite's BINARY and PostgreSQL's "C" collation order of UTF-8)."""
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:  # surrogates are no characters: skip them
        last = 0xE000
    return prefix[:-1] + chr(last)


def event_terms(event: Event) -> set[tuple[str, str]]:
    """(field, term) rows of an event: the tails of its actors', recipients' and place's
    names, each once, but for those that start another."""
    actor_names: list[str | None] = []
    for ref in (*event.actors, *event.recipients):
        actor_names += [ref.text, ref.name, ref.actor_id]
    place = event.where
    place_names = [place.text, place.name, place.place_id] if place is not None else []
    return {(ACTOR, t) for t in longest_tails(actor_names)} | {
        (PLACE, t) for t in longest_tails(place_names)
    }


def longest_tails(names: Iterable[str | None]) -> list[str]:
    """The tails of names that start no other one (sorted: all that start with a string
    follow it directly)."""
    ordered = sorted({tail for name in names for tail in tails(name)})
    return [t for i, t in enumerate(ordered)
            if i + 1 == len(ordered) or not ordered[i + 1].startswith(t)]
