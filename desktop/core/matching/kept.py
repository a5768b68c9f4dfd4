"""The last story's per-story work, kept for the next comparison of the very same texts.

When the reader overrules a link or a conflict, the window compares the same texts again with the
reader's new word: only what that word changes (the grouping into facts, the conflicts' slots) is
worked out again; the claims, candidates and link scores, the conflicts' value contexts and the
copied passages come from here. One story is kept per part (the last compared with ``keep``); a
part is reused only when its key, which holds everything it was made from, is equal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["entry", "forget", "reuse"]

T = TypeVar("T")
_entries: dict[str, tuple[Hashable, object]] = {}
_lock = threading.Lock()


def reuse(part: str, key: Hashable, build: Callable[[], T], keep: bool = False) -> T:
    """``build()``, or what it gave for an equal ``key`` when that was kept; ``keep``: keep this
    result (in place of the part's last one) for the next comparison of the same texts."""
    with _lock:
        found = _entries.get(part)
    if found is not None and found[0] == key:
        return found[1]  # type: ignore[return-value]
    value = build()
    if keep:
        with _lock:
            _entries[part] = (key, value)
    return value


def entry(part: str) -> object | None:
    """What is kept for ``part`` (tests), or None."""
    with _lock:
        found = _entries.get(part)
    return None if found is None else found[1]


def forget() -> None:
    """Keep nothing (tests; a comparison from scratch)."""
    with _lock:
        _entries.clear()
