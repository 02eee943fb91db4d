"""Expand the inputs of a batch (files, directories, globs, URLs) into a list of sources."""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
from collections.abc import Sequence

from marsad.errors import InputError
from marsad.ingest.formats import is_url

_GLOB_MAGIC = re.compile(r"[*?[]")
# What a path that is neither a file nor a directory is, for the error report.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def discover(inputs: Sequence[str]) -> tuple[list[str], list[InputError]]:
    """Sorted file paths (directories walked recursively, globs expanded, `**` too),
    then URLs in the order given.

    What cannot be read as a file comes back as an error naming the path and why, and is
    skipped: a missing path, a symbolic link loop, a dangling link, a named pipe or a
    device (reading a FIFO would block the batch, /dev/zero would never end). Only names
    and inodes are looked at, nothing is opened: cheap on 10,000 files. Hidden files and
    directories (".git", ".DS_Store") are skipped.
    """
    walker = _Walker()
    urls: dict[str, None] = {}  # ordered and de-duplicated
    for item in inputs:
        if is_url(item):
            urls[item] = None
        elif _GLOB_MAGIC.search(item):
            matches = glob.glob(item, recursive=True)
            if not matches:
                walker.errors.append(InputError(item, "no files match this pattern"))
            for match in sorted(matches):
                walker.add(match)
        else:
            walker.add(item)
    return sorted(walker.files) + list(urls), walker.errors


class _Walker:
    def __init__(self) -> None:
        self.files: set[str] = set()
        self.errors: list[InputError] = []
        self._walked: set[str] = set()  # real paths of the directories listed already

    def add(self, path: str) -> None:
        """One input path; a directory is walked with a stack, not recursion, so no
        depth of nesting can overflow."""
        stack: list[tuple[str, frozenset[str]]] = [(path, frozenset())]
        while stack:
            current, ancestors = stack.pop()
            mode = self._mode(current)
            if mode is None:
                continue
            if stat.S_ISREG(mode):
                self.files.add(current)
            elif stat.S_ISDIR(mode):
                stack.extend(self._children(current, ancestors))
            else:
                kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a file")
                self.errors.append(InputError(current, f"{kind}, not a regular file: skipped"))

    def _mode(self, path: str) -> int | None:
        """The file type behind path (links followed), or None after recording why not."""
        try:
            return os.stat(path).st_mode
        except OSError as error:
            self.errors.append(InputError(path, _why_unreadable(path, error)))
            return None

    def _children(
        self, directory: str, ancestors: frozenset[str]
    ) -> list[tuple[str, frozenset[str]]]:
        real = os.path.realpath(directory)
        if real in ancestors:
            self.errors.append(
                InputError(directory, "symbolic link loop (back to a folder above it): skipped")
            )
            return []
        if real in self._walked:  # reached twice through links: listed once
            return []
        self._walked.add(real)
        try:
            with os.scandir(directory) as scanned:
                names = sorted(entry.name for entry in scanned if not entry.name.startswith("."))
        except OSError as error:
            self.errors.append(InputError(directory, _why_unreadable(directory, error)))
            return []
        inside = ancestors | {real}
        # reversed: the stack pops them in name order, so errors come in a stable order
        return [(os.path.join(directory, name), inside) for name in reversed(names)]


def _why_unreadable(path: str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop: skipped"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return f"dangling symbolic link (to {os.readlink(path)!r}): skipped"
    if error.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {error.strerror or error}"
