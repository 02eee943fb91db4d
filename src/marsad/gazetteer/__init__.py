"""The gazetteer: the places marsad knows (world base and the chosen packs' places).

A knowledge base shared by the stages, as the domain packs are: the extract stage asks it
whether a name is a place and which countries a text names; the resolve stage chooses among
a name's places. It resolves nothing itself.
"""

from marsad.gazetteer.index import Candidate, Gazetteer, Place, default_gazetteer, distance_km
from marsad.gazetteer.scan import country_focus, toponym_spans

__all__ = [
    "Candidate",
    "Gazetteer",
    "Place",
    "country_focus",
    "default_gazetteer",
    "distance_km",
    "toponym_spans",
]
