"""discover(): directories, globs and URLs into a list of sources; cheap on many files."""

from __future__ import annotations

import os
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


def test_links_loops_and_special_files_are_reported_and_skipped(tmp_path: Path) -> None:
    """A symlink loop used to crash the whole batch; a dangling link, a FIFO and a device
    were dropped without a word. Each is now an error naming the path; the good file is
    still found."""
    (tmp_path / "news").mkdir()
    good = tmp_path / "news" / "story.txt"
    good.write_text("Rockets hit the base.", encoding="utf-8")
    (tmp_path / "news" / "loop-a").symlink_to(tmp_path / "news" / "loop-b")
    (tmp_path / "news" / "loop-b").symlink_to(tmp_path / "news" / "loop-a")
    (tmp_path / "news" / "gone").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "news" / "up").symlink_to(tmp_path)  # a folder link back up the tree
    os.mkfifo(tmp_path / "news" / "pipe")

    sources, errors = discover([str(tmp_path), "/dev/zero"])

    assert sources == [str(good)]
    reasons = {Path(e.origin).name: e.reason for e in errors}
    assert reasons == {
        "gone": f"dangling symbolic link (to {str(tmp_path / 'nowhere.txt')!r}): skipped",
        "loop-a": "symbolic link loop: skipped",
        "loop-b": "symbolic link loop: skipped",
        "pipe": "a named pipe (FIFO), not a regular file: skipped",
        "up": "symbolic link loop (back to a folder above it): skipped",
        "zero": "a character device, not a regular file: skipped",
    }


def test_a_batch_over_a_hostile_folder_stores_the_good_files(tmp_path: Path) -> None:
    from marsad.pipeline import process
    from marsad.store import Store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(
        "Gunmen attacked a checkpoint in Kirkuk on Monday, killing two policemen.",
        encoding="utf-8",
    )
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in" / "loop")
    os.mkfifo(tmp_path / "in" / "pipe")
    with Store.open(f"sqlite:///{tmp_path / 'marsad.db'}") as store:
        report = process([str(tmp_path / "in")], store, extractor=None)
        assert report.documents_new == 1
        assert {Path(e.origin).name for e in report.errors} == {"loop", "pipe"}
        assert store.stats().documents == 1


def test_deep_nesting_does_not_overflow(tmp_path: Path) -> None:
    folder = str(tmp_path)
    for _ in range(1100):  # deeper than Python's recursion limit (makedirs itself recurses)
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    deep = os.path.join(folder, "deep.txt")
    Path(deep).write_text("x")
    try:
        sources, errors = discover([str(tmp_path)])
        assert sources == [deep] and errors == []
    finally:  # bottom up: shutil.rmtree (pytest's clean-up) recurses and would overflow
        os.remove(deep)
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
