"""Language identification with lingua, limited to the languages of the theatre."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Only what the sources are written in: fewer models load faster and confuse less.
# Kurdish is not in lingua; Sorani text is reported as Arabic or Persian.
_LANGUAGES = (
    Language.ENGLISH,
    Language.ARABIC,
    Language.FRENCH,
    Language.PERSIAN,
    Language.TURKISH,
)
_MIN_LETTERS = 20  # below this, any answer is a guess
_SAMPLE_CHARS = 2000  # the start of an article is enough, and keeps long texts cheap


@cache
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*_LANGUAGES)
        .with_minimum_relative_distance(0.1)
        .build()
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("en", "ar"), or None for text too short or too mixed to tell."""
    sample = text[:_SAMPLE_CHARS]
    if not _has_letters(sample, _MIN_LETTERS):
        return None
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None


def _has_letters(text: str, count: int) -> bool:
    for ch in text:
        if ch.isalpha():
            count -= 1
            if count == 0:
                return True
    return False
