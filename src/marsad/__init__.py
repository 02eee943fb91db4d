"""marsad: news about political violence into a geolocated event database with evidence.

    import marsad
    events = marsad.extract("Gunmen killed two policemen in Kirkuk on Monday.",
                            published=date(2024, 1, 8))
    places = marsad.geoparse("Rockets hit Ain al-Asad air base in Anbar province.")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from marsad.types import Document, Event, PlaceMention

if TYPE_CHECKING:
    from marsad.extract import extract, extract_document
    from marsad.resolve.geoparse import geoparse

__version__ = "0.1.0"
__all__ = [
    "Document",
    "Event",
    "PlaceMention",
    "__version__",
    "extract",
    "extract_document",
    "geoparse",
]
# name -> the module that defines it, imported on first use
_LAZY = {
    "extract": "marsad.extract",
    "extract_document": "marsad.extract",
    "geoparse": "marsad.resolve.geoparse",
}


def __getattr__(name: str):
    # Loaded on first use: the NLP pipeline is heavy, and `import marsad` should not be.
    if name not in _LAZY:
        raise AttributeError(f"module 'marsad' has no attribute {name!r}")
    module = import_module(_LAZY[name])
    # `marsad.extract` is the subpackage once anything imported it; the subpackage is
    # callable (see marsad/extract/__init__.py), so either way marsad.extract(text) works.
    value = module if name == "extract" else getattr(module, name)
    globals()[name] = value
    return value
