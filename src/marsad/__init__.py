"""marsad: news about political violence into a geolocated event database with evidence."""

from marsad.types import Document, Event

__version__ = "0.1.0"
__all__ = ["Document", "Event", "__version__"]
