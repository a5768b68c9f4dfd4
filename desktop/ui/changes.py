"""The change bus: every change to the library is published once; each view refreshes itself.

Anki's pattern (``OpChanges`` and ``operation_did_execute``): store mutations return a
``Changes`` (the tables touched, and ids), the code that made the change publishes it on the
window's ``ChangeBus``, and every view that listens re-reads only when ``changes.tables``
touches what it shows. Nothing calls the views one by one after a change.

``source`` says who published: the window (its undo commands, tag and story commands), the
import workflow, or the ``LibraryWatch``, which notices writes committed by another connection
(another Parallax window, a CLI command) and, not knowing what they were, publishes a change to
every table (``ALL_TABLES``, no ids). A view may ignore the changes it made itself.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import ParallaxError
from desktop.core.models import Changes

WATCH_INTERVAL_MS = 1000  # how often to check whether another connection changed the library

# every table a Changes can name: what "something changed, we do not know what" touches
ALL_TABLES = frozenset({
    "articles", "boilerplate_spans", "stories", "story_articles", "tags", "article_tags", "story_tags",
    "annotations", "annotation_tags", "annotation_links", "fact_separations",
    "conflict_dismissals", "meta",
})
ANNOTATION_TABLES = frozenset({"annotations", "annotation_tags", "annotation_links", "tags"})
STORY_TABLES = frozenset({"stories", "story_articles"})
# the reader's word on the comparison: "same fact" links (and their highlights: one attached or
# orphaned changes what the link joins), separations, dismissed conflicts
READER_LINK_TABLES = frozenset({"annotations", "annotation_links", "fact_separations", "conflict_dismissals"})


class ChangeBus(QObject):
    """Broadcasts what changed in the library to every view that listens."""

    changed = Signal(object, object)  # Changes, source (the publisher; a LibraryWatch for other connections)

    def publish(self, changes: Changes, source: object = None) -> None:
        """Tell the views; a change that touched no table is not worth a signal."""
        if changes.tables:
            self.changed.emit(changes, source)


class LibraryWatch(QObject):
    """Polls ``PRAGMA data_version`` and publishes another connection's writes as ``ALL_TABLES``.

    SQLite bumps the version whenever *another* connection commits, which includes this
    window's own background import (it writes through its own connection): its workflow calls
    ``absorb()`` and publishes the import itself.
    """

    def __init__(self, store, bus: ChangeBus, parent: QObject | None = None, interval_ms: int = WATCH_INTERVAL_MS):
        super().__init__(parent)
        self.store, self.bus = store, bus
        self._version = store.data_version()
        self._held = 0  # own tasks writing (see hold)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()

    def hold(self) -> None:
        """This window's own background task is writing through its own connection: take no write
        for another window's until ``release`` (the task publishes what it did itself)."""
        self._held += 1

    def release(self) -> None:
        self._held = max(0, self._held - 1)
        if not self._held:  # the task absorbed its own writes when it published them; a failed or
            self.check()  # cancelled one did not: any change left unseen is another window's too

    def absorb(self) -> None:
        """Take the library as it is now as seen: the caller publishes what it knows changed."""
        try:
            self._version = self.store.data_version()
        except (ParallaxError, sqlite3.Error):
            self.timer.stop()

    def check(self) -> bool:
        """Publish ``ALL_TABLES`` if another connection committed since the last look; True if so."""
        if self._held:
            return False
        try:
            version = self.store.data_version()
        except (ParallaxError, sqlite3.Error):  # the library was closed or went away
            self.timer.stop()
            return False
        if version == self._version:
            return False
        self._version = version
        self.bus.publish(Changes(ALL_TABLES), source=self)
        return True

    def stop(self) -> None:
        self.timer.stop()

    def _on_timer_timeout(self) -> None:
        self.check()
