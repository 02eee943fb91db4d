"""Stance of a statement on a tracked issue (the domain pack's issues with `targets`).

A statement touches an issue when its clause names one of the issue's targets; its position
comes from the polarity word next to the target ("the exit of the coalition": against its
presence), reversed when the statement itself opposes or negates ("cannot support the
exit": for), and taken as is when it demands or supports.
"""

from __future__ import annotations

from marsad.context import Context
from marsad.types import Stance

# Categories that endorse what they are about; REJECT and ACCUSE oppose it.
_ENDORSE = frozenset({"SUPPORT", "REQUEST", "AGREE", "CONSULT", "CONCEDE"})
_OPPOSE = frozenset({"REJECT", "ACCUSE", "THREATEN"})


def stance(ctx: Context, clause: str, category: str, negated: bool) -> Stance | None:
    """The stance the clause takes on one of the packs' issues; its holder is left to the
    resolve stage (the resolved speaker)."""
    low = clause.lower()
    words = low.replace(",", " ").replace(".", " ").split()
    for issue in ctx.pack.issues:
        if not any(t in low for t in issue.targets):
            continue
        against = any(w in words for w in issue.against_words)
        favour = any(w in words for w in issue.for_words if w != category.lower())
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
        return Stance(issue.label, position)  # type: ignore[arg-type]
    return None
