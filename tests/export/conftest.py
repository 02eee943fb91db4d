"""A store of hand-made events (plus the hostile article) and the CLI that exports it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import EventRow, Store
from synthetic_store import fill


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'marsad.db'}"
    with Store.open(url) as store:
        fill(store, count=12)
    return url


@pytest.fixture(scope="module")
def rows(store_url: str) -> dict[int, EventRow]:
    with Store.open(store_url) as store:
        return {row.id: row for row in store.iter_events()}


@pytest.fixture(scope="module")
def exported(store_url: str, tmp_path_factory: pytest.TempPathFactory):
    """export(format, *options) -> the file `marsad export` wrote."""
    out_dir = tmp_path_factory.mktemp("out")

    def run(format_name: str, *options: str) -> Path:
        out = out_dir / f"events-{format_name}-{len(options)}.out"
        result = CliRunner().invoke(
            app, ["export", "--format", format_name, "--out", str(out), "--db", store_url, *options]
        )
        assert result.exit_code == 0, result.output
        return out

    return run
