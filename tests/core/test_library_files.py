"""Library files that cannot be used get a clear error and are never overwritten."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest

from desktop.core.errors import LibraryError
from desktop.core.library import open_library, resolve_library_path
from desktop.core.library.store import Store
from tests.conftest import fill_disk, make_read_only


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 50)
    before = digest(path)
    with pytest.raises(LibraryError, match="not a Parallax library"):
        open_library(path)
    assert digest(path) == before


def test_corrupt_library_is_refused_and_left_untouched(library_path):
    with open_library(library_path) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(library_path.read_bytes())
    page = 4096
    data[page: page * 3] = os.urandom(page * 2)  # scribble over the schema's pages
    library_path.write_bytes(bytes(data))
    before = digest(library_path)
    with pytest.raises(LibraryError, match=r"damaged|not a Parallax library"):
        Store(library_path)
    assert digest(library_path) == before


def test_library_from_a_newer_parallax_is_refused(library_path):
    with open_library(library_path) as store:
        store.db.execute("PRAGMA user_version = 99")
    before = digest(library_path)
    with pytest.raises(LibraryError, match="newer Parallax"):
        open_library(library_path)
    assert digest(library_path) == before


def test_some_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not a Parallax library"):
        open_library(path)
    assert sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]


def test_folder_instead_of_file_is_refused(tmp_path):
    with pytest.raises(LibraryError, match="folder"):
        open_library(tmp_path)


def test_a_read_only_library_can_be_listed_searched_and_exported_but_not_changed(library_path, small_disk,
                                                                                tmp_path, capsys):
    from desktop.cli import main
    from desktop.core.notes.annotating import annotate

    path = small_disk / "library.sqlite"
    with open_library(path) as store:
        annotate(store, store.stories()[0].article_ids[0], "Kaspersky", note="kept")
    make_read_only(small_disk)
    before = digest(path)
    with open_library(path) as store:
        assert store.read_only
        assert [s.name for s in store.stories()] == ["Kaspersky exits the US (July 2024)"]
        assert store.search("Bitdefender") and [a.note for a in store.annotations()] == ["kept"]
        with pytest.raises(LibraryError, match="read-only; nothing was changed"):
            annotate(store, store.stories()[0].article_ids[0], "Kaspersky", note="new")
    assert main(["--library", str(path), "export", "annotations", "-o", str(tmp_path / "notes.md")]) == 0
    assert "kept" in (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert main(["--library", str(path), "annotate", "1", "--quote", "Kaspersky"]) == 1
    assert "read-only; nothing was changed" in capsys.readouterr().err
    assert digest(path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_a_library_without_write_permission_opens_read_only(library_path):
    open_library(library_path).close()
    library_path.chmod(0o444)
    try:
        with open_library(library_path) as store:
            assert store.read_only and store.stories()
    finally:
        library_path.chmod(0o644)


def test_a_full_disk_says_disk_full_and_loses_nothing(small_disk):
    from desktop.core.notes.annotating import annotate

    path = small_disk / "library.sqlite"
    with open_library(path) as store:
        article = store.stories()[0].article_ids[0]
        kept, _ = annotate(store, article, "Kaspersky", note="before the disk filled up")
        fill_disk(small_disk)
        with pytest.raises(LibraryError) as error:
            for _ in range(200):  # pages fill up: a few notes may still fit
                annotate(store, article, "Kaspersky", note="x" * 20_000)
        assert "is full; nothing was changed" in str(error.value)
        assert str(path) in str(error.value)
    (small_disk / "filler").unlink()
    with open_library(path) as store:
        assert store.integrity_check() == "ok"
        assert store.annotation(kept).note == "before the disk filled up"


def test_library_location_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("PARALLAX_LIBRARY", str(tmp_path / "env.sqlite"))
    assert resolve_library_path(tmp_path / "flag.sqlite") == tmp_path / "flag.sqlite"
    assert resolve_library_path(None) == tmp_path / "env.sqlite"
    monkeypatch.delenv("PARALLAX_LIBRARY")
    assert resolve_library_path(None).name == "library.sqlite"
    assert "arallax" in str(resolve_library_path(None))


def test_first_open_creates_missing_folders(tmp_path):
    path = tmp_path / "a" / "b" / "library.sqlite"
    with open_library(path) as store:
        assert len(store.stories()) == 1
    assert path.exists()
