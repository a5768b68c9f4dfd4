"""Errors that reach the user: each carries a message a person can act on."""

from __future__ import annotations


class ParallaxError(Exception):
    """Base class for every error Parallax reports to the user."""


class ReadError(ParallaxError):
    """A file could not be turned into articles. Names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class LibraryError(ParallaxError):
    """The library database cannot be opened or used (corrupt, read-only, newer schema, ...)."""


class NotFound(ParallaxError):
    """A story or article the user named does not exist."""
