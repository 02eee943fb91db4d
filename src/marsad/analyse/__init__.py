"""The analyse stage: the only place that knows the NLP library (spaCy)."""

from marsad.analyse.pipeline import analyse, analyse_many
from marsad.analyse.types import Analysis, Entity, Sentence, Token

__all__ = ["Analysis", "Entity", "Sentence", "Token", "analyse", "analyse_many"]
