"""How an actor or place name is normalised before it is looked up in a pack.

Two spellings of one name share a key: "Harakat al-Nujaba" and "harakat Nujaba",
"Kata'ib Hezbollah" and "Kataib Hezbollah", "U.S. forces" and "US forces",
"KRI's Interior Minister" and "KRI Interior Minister", "أمريكا" and "امريكا".
"""

from __future__ import annotations

import re
import unicodedata

# Letters folded beyond what NFKD + dropping combining marks does.
_FOLD = str.maketrans(
    {
        "ى": "ي",  # alef maqsura -> ya
        "ة": "ه",  # ta marbuta -> ha
        "ی": "ي",  # Persian/Kurdish ya
        "ک": "ك",  # Persian/Kurdish kaf
        "ـ": None,  # tatweel
        "ı": "i",  # Turkish dotless i
        "ß": "ss",
        **{c: "-" for c in "‐‑‒–—―_/"},
        **{c: "'" for c in "’‘ʼʻ`´′ʾʿ"},
    }
)

# The Arabic article as a separate Latin token: "al-Anbar", "Al Qaeda", "el-Sisi", "Ahl ul-Haq".
_ARTICLE = re.compile(r"\b(?:al|el|ul)(?:-|\s+)")
# Assimilated articles ("as-Salam", "an-Nusra", "ad Dawr"): dropped before a hyphen, or before a
# space when the next word starts with the same consonant, so English "as"/"at"/"an" survive.
_SUN_HYPHEN = re.compile(r"\b(?:ad|adh|an|ar|as|ash|at|ath|az|ud)-")
_SUN_SPACE = re.compile(r"\b(?:a([dnrstz])h?)\s+(?=\1)")
_POSSESSIVE = re.compile(r"'s\b")
_NOT_WORD = re.compile(r"[^\w\s]+")

# Aliases that fold to a common English word ("US", "IS") match only in the same case.
SHORT_WORDS = frozenset(
    {"us", "is", "it", "as", "at", "an", "in", "on", "or", "no", "so", "to", "we", "am", "be"}
    | {"do", "he", "me", "my", "of", "up", "go", "if", "by", "id", "ad", "who", "all", "and"}
)


def normalise_alias(text: str) -> str:
    """The lookup key of a name: diacritics and case folded, articles and punctuation dropped."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFC", folded).translate(_FOLD).casefold()
    folded = _POSSESSIVE.sub("", folded)
    folded = folded.replace("'", "").replace(".", "")
    folded = _ARTICLE.sub(" ", folded)
    folded = _SUN_HYPHEN.sub(" ", folded)
    folded = _SUN_SPACE.sub("", folded)
    words = _NOT_WORD.sub(" ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def exact_key(text: str) -> str:
    """The case-sensitive key of a short acronym: "U.S." and "US" -> "US"; "us" -> "us"."""
    squeezed = re.sub(r"[\s.]+", "", unicodedata.normalize("NFKC", text))
    return squeezed[3:] if squeezed[:3].casefold() == "the" and len(squeezed) > 3 else squeezed


def needs_exact_case(key: str) -> bool:
    """True when a normalised alias is also an everyday English word."""
    return key in SHORT_WORDS
