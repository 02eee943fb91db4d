"""marsad: news about political violence into a geolocated event database with evidence.

    import marsad
    events = marsad.extract("Gunmen killed two policemen in Kirkuk on Monday.",
                            published=date(2024, 1, 8))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marsad.types import Document, Event

if TYPE_CHECKING:
    from marsad.extract import extract, extract_document

__version__ = "0.1.0"
__all__ = ["Document", "Event", "__version__", "extract", "extract_document"]


def __getattr__(name: str):
    # Loaded on first use: the NLP pipeline is heavy, and `import marsad` should not be.
    if name in ("extract", "extract_document"):
        import marsad.extract as extraction

        return getattr(extraction, name)
    raise AttributeError(f"module 'marsad' has no attribute {name!r}")
