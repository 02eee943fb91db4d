"""marsad: news about political violence into a geolocated event database with evidence.

    import marsad
    events = marsad.events("Gunmen killed two policemen in Kirkuk on Monday.",
                           published=date(2024, 1, 8))
    places = marsad.geoparse("Rockets hit Ain al-Asad air base in Anbar province.")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from marsad.types import Document, Event, PlaceMention

if TYPE_CHECKING:
    from marsad.stages import events, events_many, geoparse

__version__ = "0.1.0"
__all__ = [
    "Document",
    "Event",
    "PlaceMention",
    "__version__",
    "events",
    "events_many",
    "geoparse",
]
# name -> the module that defines it, imported on first use
_LAZY = {
    "events": "marsad.stages",
    "events_many": "marsad.stages",
    "geoparse": "marsad.stages",
}


def __getattr__(name: str):
    # Loaded on first use: the NLP pipeline is heavy, and `import marsad` should not be.
    if name not in _LAZY:
        raise AttributeError(f"module 'marsad' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
