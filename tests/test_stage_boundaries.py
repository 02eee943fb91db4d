"""The pipeline's one-way flow, as DESIGN.md draws it, checked on the imports themselves.

ingest -> clean -> analyse -> extract -> resolve -> store: extract and resolve never import
each other (both may use `marsad.types`, analyse's types, the context and the knowledge
bases: packs, gazetteer, language profiles); no stage module hides an import inside a
function to break a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "marsad"


def _modules(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


def _imports(path: Path, *, nested_only: bool = False) -> list[tuple[str, int]]:
    """(imported module, line) of every import in the file; nested_only: inside a def."""
    tree = ast.parse(path.read_text("utf-8"))
    nested: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            nested |= {id(n) for n in ast.walk(node) if n is not node}
    found = []
    for node in ast.walk(tree):
        if nested_only and id(node) not in nested:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
    return found


@pytest.mark.parametrize(("stage", "forbidden"), [
    ("extract", "marsad.resolve"),
    ("resolve", "marsad.extract"),
    ("resolve", "marsad.analyse.pipeline"),  # resolve reads drafts, it never runs the NLP
    ("gazetteer", "marsad.resolve"),
    ("gazetteer", "marsad.extract"),
])
def test_a_stage_never_imports_the_other(stage: str, forbidden: str) -> None:
    bad = [f"{path.relative_to(SRC)}:{line} imports {module}"
           for path in _modules(stage) for module, line in _imports(path)
           if module == forbidden or module.startswith(forbidden + ".")]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("stage", ["ingest", "clean", "extract", "resolve", "gazetteer",
                                   "packs"])
def test_no_stage_module_imports_marsad_inside_a_function(stage: str) -> None:
    """A late `from marsad... import` inside a function is how a cycle hides."""
    bad = [f"{path.relative_to(SRC)}:{line} imports {module} late"
           for path in _modules(stage) for module, line in _imports(path, nested_only=True)
           if module.startswith("marsad")]
    assert not bad, "\n".join(bad)


def test_extract_returns_drafts_and_resolve_turns_them_into_events() -> None:
    """The two entry points are typed at the boundary: DocumentDrafts in between."""
    import typing

    import marsad.extract
    import marsad.resolve

    extract_hints = typing.get_type_hints(marsad.extract.extract)
    resolve_hints = typing.get_type_hints(marsad.resolve.resolve)
    assert extract_hints["return"].__name__ == "DocumentDrafts"
    assert resolve_hints["drafts"].__name__ == "DocumentDrafts"
    assert str(resolve_hints["return"]) == "list[marsad.types.Event]"
