"""discover(): directories, globs and URLs into a list of sources; cheap on many files."""

from __future__ import annotations

import time
from pathlib import Path

from marsad.errors import InputError
from marsad.ingest import discover, read

TEMPLATE = (
    "Security forces in {place} said on Tuesday that {n} mortar rounds landed near a "
    "checkpoint overnight, wounding {w} soldiers, according to a military statement.\n\n"
    "Report number {i} in this batch."
)
PLACES = ("Kirkuk", "Tikrit", "Baiji", "Mosul", "Samarra", "Diyala", "Deir ez-Zor", "Raqqa")


def test_directories_globs_urls_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "b" / "two.html").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "f.xml").write_text("x")
    (tmp_path / "feeds" / "g.rss").write_text("x")
    url = "https://wire.example/story"
    sources, errors = discover(
        [
            str(tmp_path / "a"),
            str(tmp_path / "feeds" / "*.xml"),
            str(tmp_path / "**" / "two.html"),  # a duplicate: listed once
            url,
            str(tmp_path / "missing.txt"),
            str(tmp_path / "nothing" / "*.json"),
        ]
    )
    assert sources == [
        str(tmp_path / "a" / "b" / "two.html"),
        str(tmp_path / "a" / "one.txt"),
        str(tmp_path / "feeds" / "f.xml"),
        url,
    ]
    assert [(e.origin, e.reason) for e in errors] == [
        (str(tmp_path / "missing.txt"), "no such file or directory"),
        (str(tmp_path / "nothing" / "*.json"), "no files match this pattern"),
    ]


def test_ten_thousand_files(tmp_path: Path) -> None:
    for i in range(10_000):
        folder = tmp_path / f"day-{i // 500:02d}"
        if i % 500 == 0:
            folder.mkdir()
        text = TEMPLATE.format(place=PLACES[i % len(PLACES)], n=i % 9 + 2, w=i % 5 + 1, i=i)
        (folder / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")

    started = time.perf_counter()
    sources, errors = discover([str(tmp_path)])
    listing_s = time.perf_counter() - started
    assert errors == []
    assert len(sources) == 10_000
    assert sources == sorted(sources)
    assert listing_s < 2.0

    documents = []
    failures: list[InputError] = []
    for source in sources:
        try:
            documents.extend(read(source))
        except InputError as error:
            failures.append(error)
    assert failures == []
    assert len(documents) == 10_000
    assert len({d.id for d in documents}) == 10_000
    assert {d.lang for d in documents} == {"en"}
