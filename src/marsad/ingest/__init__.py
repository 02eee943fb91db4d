"""Ingest stage: one reader per format, each yielding cleaned `Document`s.

Typical use (what a batch command does):

files, errors = discover(["corpus/", "feeds/*.xml", "https://example.org/a"])
for source in files:
    try:
        for document in read(source, ReadOptions()):
            ...
    except InputError as error:
        report(error)  # error.origin, error.reason; go on with the next source
"""

from marsad.ingest.discover import discover
from marsad.ingest.dispatch import read
from marsad.ingest.options import ReadOptions

__all__ = ["ReadOptions", "discover", "read"]
