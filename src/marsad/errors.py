"""Typed errors: every bad input names the file and the reason."""

from __future__ import annotations


class MarsadError(Exception):
    """Base of marsad's own errors."""


class InputError(MarsadError):
    """An input could not be read as a document. Batch commands report it and go on."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class StoreError(MarsadError):
    """The store could not be opened or written."""


class UnsupportedLanguage(MarsadError):
    """A document in a language marsad has no extraction profile for: it is stored and
    reported as such, never silently given zero events."""

    def __init__(self, lang: str | None) -> None:
        shown = lang or "unknown"
        super().__init__(f"language {shown}: no extraction profile")
        self.lang = lang
