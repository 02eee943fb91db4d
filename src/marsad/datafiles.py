"""The YAML files under marsad/data/, read in one place and checked against their schema.

    from marsad.datafiles import load_data
    months = load_data("lang/en/time_words.yaml")["months"]

Each file is read once per process (the parsed value is shared: do not modify it) and
checked against the schema that marsad.data_schemas declares for it. A file with no
schema, a missing file, bad YAML or a value of the wrong shape raises DataFileError,
naming the file and the first problem, at the path where it is ("months.january").
Packs (data/packs/) are not read here: marsad.packs loads and validates them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from marsad.data_schemas import Problem, schema_for
from marsad.errors import MarsadError

__all__ = ["DataFileError", "clear_cache", "data_files", "load_data"]


class DataFileError(MarsadError):
    """A data file is missing, has no declared schema, is not YAML or does not fit its schema.

    `file` is its path under data/ ("lang/en/time_words.yaml"), `path` where in it the (first)
    problem lies ("months.january"; "" for the whole file), `problems` all that were found.
    """

    def __init__(self, file: str, problems: list[Problem] | str) -> None:
        found = [Problem("", problems)] if isinstance(problems, str) else list(problems)
        first = found[0]
        where = f"{first.path}: " if first.path else ""
        more = len(found) - 1
        suffix = f" (and {more} more {'problem' if more == 1 else 'problems'})" if more else ""
        super().__init__(f"data file {file}: {where}{first.message}{suffix}")
        self.file = file
        self.path = first.path
        self.problem = first.message
        self.problems = found


def _default_root() -> Traversable:
    return resources.files("marsad").joinpath("data")


def load_data(name: str, *, root: Path | None = None) -> Any:
    """The parsed, validated content of data/<name> ("dates.yaml", "lang/en/numbers.yaml").

    `root`: read <root>/<name> instead of the installed data folder (for tests); the schema
    is still looked up by `name`.
    """
    return _load(name, root)


@cache
def _load(name: str, root: Path | None) -> Any:
    parts = _parts(name)
    schema = schema_for(name)
    if schema is None:
        hint = " (packs are read by marsad.packs)" if parts[0] == "packs" else ""
        raise DataFileError(name, f"no schema declared in marsad.data_schemas{hint}")
    base = _default_root() if root is None else root
    try:
        text = base.joinpath(*parts).read_text("utf-8")
    except FileNotFoundError:
        raise DataFileError(name, "no such data file") from None
    except UnicodeDecodeError as error:
        raise DataFileError(name, f"not UTF-8 text: {error.reason}") from None
    except OSError as error:
        raise DataFileError(name, f"cannot read: {error.strerror or error}") from None
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DataFileError(name, f"not valid YAML: {_yaml_problem(error)}") from None
    problems = list(schema.problems(value))
    if problems:
        raise DataFileError(name, problems)
    return value


def _parts(name: str) -> tuple[str, ...]:
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or path.is_absolute()
        or str(path) != name
        or any(p in (".", "..") for p in path.parts)
    ):
        raise DataFileError(name, "not a relative path under marsad/data/ (like dates.yaml)")
    return path.parts


def _yaml_problem(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return f"{error.problem} (line {mark.line + 1}, column {mark.column + 1})"
    return " ".join(str(error).split())


def data_files(root: Path | None = None) -> list[str]:
    """Every YAML file under data/ that load_data reads (packs/ left out), sorted."""
    found: list[str] = []

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                if not (prefix == "" and entry.name == "packs") and entry.name != "__pycache__":
                    walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith((".yaml", ".yml")):
                found.append(prefix + entry.name)

    walk(_default_root() if root is None else root, "")
    return sorted(found)


def clear_cache() -> None:
    """Forget the files read, so the next load_data reads them again."""
    _load.cache_clear()
