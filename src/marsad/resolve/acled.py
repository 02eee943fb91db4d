"""ACLED event type and sub-type from PLOVER category, mode and context (a data table).

The context includes how a demonstration went (extract/protests.py reads it from the text):
lethal force by security forces, violence by the demonstrators, or an intervention.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.datafiles import load_data


@dataclass(frozen=True, slots=True)
class Rule:
    category: str
    modes: frozenset[str] | None
    context: frozenset[str] | None
    target: str | None
    agent: str | None
    acled: tuple[str, str]

    def applies(self, category: str, mode: str | None, context: set[str],
                target: str | None, agent: str | None) -> bool:
        if category != self.category:
            return False
        if self.modes is not None and (mode or "_") not in self.modes:
            return False
        if self.context is not None and not (self.context & context):
            return False
        if self.target is not None and target != self.target:
            return False
        return self.agent is None or agent == self.agent


@cache
def rules() -> tuple[Rule, ...]:
    out = []
    raw = load_data("acled_map.yaml")
    for r in raw["rules"]:
        out.append(Rule(
            r["category"],
            frozenset(r["modes"]) if "modes" in r else None,
            frozenset(r["context"]) if "context" in r else None,
            r.get("target"), r.get("agent"), (r["acled"][0], r["acled"][1]),
        ))  # fmt: skip
    return tuple(out)


@cache
def armed_sectors() -> frozenset[str]:
    return frozenset(load_data("acled_map.yaml").get("armed_sectors", ()))


def acled_type(category: str, mode: str | None, context: set[str] | tuple[str, ...],
               target: str | None = None, agent: str | None = None) -> tuple[str, str] | None:
    ctx = set(context)
    for rule in rules():
        if rule.applies(category, mode, ctx, target, agent):
            return rule.acled
    return None
