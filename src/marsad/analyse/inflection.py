"""Regular de-inflection by a language's suffix rules (lang/<code>/morphology.yaml)."""

from __future__ import annotations

from collections.abc import Sequence


def deinflections(low: str, suffixes: Sequence[tuple[str, str]], doubled: Sequence[str],
                  min_stem: int) -> set[str]:
    """The word and the stems its regular endings may hide: "carried" -> "carry",
    "stabbed" -> "stab" (a doubled consonant before `doubled`; "shelling" keeps its "ll")."""
    out = {low}
    for suffix, repl in suffixes:
        if low.endswith(suffix) and len(low) - len(suffix) >= min_stem:
            out.add(low[: len(low) - len(suffix)] + repl)
    for suffix in doubled:
        n = len(suffix)
        if low.endswith(suffix) and len(low) > n + 2 and low[-n - 1] == low[-n - 2]:
            out.add(low[: -n - 1])
    return out
