"""Libraries as an older Parallax left them, for the migration tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database


def library_at(path: Path, version: int) -> Database:
    """A new library file at ``path`` built by the first ``version`` migrations, left open."""
    from desktop.core.library.schema import MIGRATIONS

    db = Database(sqlite3.connect(str(path)))
    for number, migration in enumerate(MIGRATIONS[:version], start=1):
        migration(db)
        db.execute(f"PRAGMA user_version = {number}")
    return db
