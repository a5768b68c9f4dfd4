"""The store's plumbing: opening the library file, the write transaction, settings and checks.

Owns the connection (WAL, foreign keys, read-only mode for a library Parallax may not write),
turning SQLite's errors into ``LibraryError`` messages a person can act on, ``_write`` (one
``BEGIN IMMEDIATE`` transaction, a savepoint when nested), the ``meta`` table (settings and the
ids handed out so far), ``data_version`` and the integrity check. Every entity mixin of ``Store``
builds on ``StoreBase``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from sqlite_utils import Database

from desktop.core.errors import LibraryError
from desktop.core.library import schema
from desktop.core.models import Changes

BUSY_TIMEOUT_S = 10.0
BULK_CACHE_KIB = 32 * 1024  # page cache while an import writes (SQLite's default: 2,000 KiB)
BULK_CHECKPOINT_PAGES = 8192  # pages of write-ahead log between checkpoints then (default 1,000)


def utc_now() -> str:
    """The time a row is written, as stored: UTC ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoreBase:
    """The connection to one library file and the transaction every write runs in."""

    def __init__(self, path: str | os.PathLike | None = None, *, memory: bool = False):
        self.path = None if memory else Path(path).expanduser()  # type: ignore[arg-type]
        if self.path is None and not memory:
            raise ValueError("Store needs a path, or memory=True")
        # a library Parallax may not write (permissions, a read-only disk) is opened read-only:
        # it can be listed, searched, compared and exported; every write says why it cannot
        self.read_only = self.path is not None and _check_library_file(self.path)
        conn = None
        try:
            conn = sqlite3.connect(
                ":memory:" if memory else _read_only_uri(self.path) if self.read_only else str(self.path),
                timeout=BUSY_TIMEOUT_S,
                check_same_thread=False,
                uri=self.read_only,
            )
            self.db = Database(conn)
            self._prepare(memory)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise _library_error(self.path, exc) from exc
        except BaseException:
            if conn is not None:
                conn.close()
            raise

    def _prepare(self, memory: bool) -> None:
        """Check the opened file and bring its schema up to date (a read-only one is only checked)."""
        self.db.execute("PRAGMA foreign_keys=ON")
        _check_schema_readable(self.db, self.path)
        if self.read_only:
            schema.check_readable_as_is(self.db, self.path)
            return
        if not memory:
            self.db.execute("PRAGMA journal_mode=WAL")
        # a crash mid-write loses at most the open transaction, never committed work
        self.db.execute("PRAGMA synchronous=NORMAL")
        schema.migrate(self.db, self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------- transactions

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One atomic write: all of it is committed, or none of it."""
        try:
            if self.db.conn.in_transaction:  # nested: a savepoint inside the caller's write
                with self.db.atomic():
                    yield
                return
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.db.rollback()
                raise
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            error = _write_error(self.path, exc)
            if error is None:
                raise
            raise error from exc

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Group several store calls into one transaction (savepoint when nested)."""
        return self._write()

    @contextlib.contextmanager
    def bulk_writing(self) -> Iterator[None]:
        """Settings for writing thousands of articles (an import), restored after: a larger page
        cache (the full-text index's pages stay in memory between statements) and the write-ahead
        log copied into the file every ``BULK_CHECKPOINT_PAGES`` instead of every 1,000 pages (a
        page written again and again is copied once). The rows written are the same; the next
        commit after it copies the rest of the log, as usual."""
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        checkpoint = self.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size = {min(int(cache), -BULK_CACHE_KIB)}")  # negative: KiB
        if int(checkpoint) > 0:  # 0: checkpoints are off, and stay off
            self.db.execute(f"PRAGMA wal_autocheckpoint = {max(int(checkpoint), BULK_CHECKPOINT_PAGES)}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(cache)}")
            self.db.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")

    def _fresh_ids(self, table: str, count: int) -> list[int]:
        """``count`` ids never used before in ``table``, in a row. SQLite would hand a deleted
        highest id out again, while an undo step or another window may still name it; inside a write."""
        key = f"last_id:{table}"
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        highest = self.db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
        first = max(int(row[0]) if row else 0, highest) + 1
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, str(first + count - 1)])
        return list(range(first, first + count))

    def _fresh_id(self, table: str) -> int:
        """One id never used before in ``table`` (see ``_fresh_ids``)."""
        return self._fresh_ids(table, 1)[0]

    def _exists(self, table: str, row_id: int) -> bool:
        return self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None

    # ------------------------------------------------------------ state, checks

    def data_version(self) -> int:
        """Changes whenever another connection (another window, the CLI) commits a write: a
        cheap way to notice that views must be refreshed."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> Changes:
        with self._write():
            self.db["meta"].upsert({"key": key, "value": value}, pk="key")
        return Changes(frozenset({"meta"}))


def _write_error(path: Path | None, exc: sqlite3.OperationalError) -> LibraryError | None:
    """What a failed write tells the user (disk full, read-only, busy), or None to re-raise."""
    message = str(exc)
    if "database or disk is full" in message or ("disk I/O error" in message and _disk_full(path)):
        return LibraryError(
            f"The disk holding the library {path} is full; nothing was changed. "
            "Free some space and try again."
        )
    if "readonly" in message or "read-only" in message:
        return LibraryError(
            f"The library {path} is read-only; nothing was changed. "
            "Check the file's permissions or choose another library with --library."
        )
    if "locked" in message or "busy" in message:
        return LibraryError(
            f"The library {path} is busy in another program for more than "
            f"{BUSY_TIMEOUT_S:.0f} s; nothing was changed. Try again."
        )
    return None


def _check_library_file(path: Path) -> bool:
    """Refuse, before SQLite touches it, a path that is not (and cannot become) a library;
    True when the library exists but Parallax may not write to it (it opens read-only).

    This never opens the file itself. Closing any descriptor of a file drops every POSIX lock
    the process holds on it, SQLite's included (sqlite.org, "How To Corrupt An SQLite Database",
    2.2): a plain ``open()`` here, while the window's connection is open, let two writers into
    the library at once. Whether the file is an SQLite database at all is learnt from SQLite
    (``_library_error``), which shares its descriptors and locks between connections.
    """
    if path.is_dir():
        raise LibraryError(f"{path} is a folder; a library is a single .sqlite file.")
    if not path.exists():
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(f"Cannot create the library folder {path.parent}: {exc.strerror}.") from exc
        if not os.access(path.parent, os.W_OK):
            raise LibraryError(f"Cannot create a library in {path.parent}: the folder is read-only.")
        return False
    if not os.access(path, os.R_OK):
        raise LibraryError(f"Cannot read the library {path}: permission denied.")
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` read-only. A library in WAL mode needs its ``-shm``
    file; where that cannot be created (a read-only folder or disk) and is not there, nobody
    can be writing the library, so it is opened as immutable."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not os.access(path.parent, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return uri


def _disk_full(path: Path | None) -> bool:
    """Whether the disk holding the library has (next to) no space left: SQLite reports a failed
    write-ahead-log write as a plain "disk I/O error"."""
    if path is None:
        return False
    try:
        stats = os.statvfs(path.parent)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def _check_schema_readable(db: Database, path: Path | None) -> None:
    """Fail early, and clearly, on a damaged file; never try to repair it."""
    try:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _library_error(path, exc) from exc
    if result != "ok":
        raise LibraryError(
            f"The library {path} is damaged ({result}). It was left untouched; "
            "restore a backup or open another library with --library."
        )


def _library_error(path: Path | None, exc: sqlite3.DatabaseError) -> LibraryError:
    message = str(exc)
    if message == "file is not a database":  # SQLite read the header: not an SQLite file
        return LibraryError(
            f"{path} is not a Parallax library (it is not an SQLite database). "
            "It was left untouched; choose another file with --library."
        )
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return LibraryError(
            f"The library {path} is damaged or not a Parallax library ({message}). "
            "It was left untouched; restore a backup or open another library with --library."
        )
    return LibraryError(f"Cannot open the library {path}: {message}.")
