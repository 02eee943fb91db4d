"""Stance of a statement on a tracked issue (issues.yaml).

A statement touches an issue when its clause names one of the issue's targets; its position
comes from the polarity word next to the target ("the exit of the coalition": against its
presence), reversed when the statement itself opposes or negates ("cannot support the
exit": for), and taken as is when it demands or supports.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from marsad.extract.lexicon import data_yaml
from marsad.types import ActorRef, Stance

# Categories that endorse what they are about; REJECT and ACCUSE oppose it.
_ENDORSE = frozenset({"SUPPORT", "REQUEST", "AGREE", "CONSULT", "CONCEDE"})
_OPPOSE = frozenset({"REJECT", "ACCUSE", "THREATEN"})


@cache
def issues() -> dict[str, Any]:
    return data_yaml("lexicons/issues.yaml")


def stance(clause: str, category: str, negated: bool, holder: ActorRef | None) -> Stance | None:
    low = clause.lower()
    words = low.replace(",", " ").replace(".", " ").split()
    for issue, spec in issues().items():
        if not any(t in low for t in spec["targets"]):
            continue
        against = any(w in words for w in spec["against"])
        favour = any(w in words for w in spec["for"] if w != category.lower())
        if against:
            position = "against"
        elif favour:
            position = "for"
        else:
            continue
        flip = (category in _OPPOSE) != negated
        if category not in _ENDORSE | _OPPOSE:
            flip = negated
        if flip:
            position = "for" if position == "against" else "against"
        return Stance(issue, position, holder)  # type: ignore[arg-type]
    return None
