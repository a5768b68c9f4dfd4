"""Opening libraries written by older versions of Parallax."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.core.library import open_library
from desktop.core.library.schema import SCHEMA_VERSION, user_version

V1_LIBRARY = Path(__file__).parents[1] / "data" / "library-v1.sqlite"  # written by schema version 1


def test_v1_library_is_migrated_with_its_data_and_a_backup(tmp_path):
    path = tmp_path / "library.sqlite"
    shutil.copy(V1_LIBRARY, path)
    with open_library(path) as store:
        assert user_version(store.db) == SCHEMA_VERSION
        article = store.article(1)
        assert article.title == "Kaspersky leaves the US"
        assert article.source == "Example Times"
        # version 2 added word counts (boilerplate left out) and full-text search
        assert article.word_count == 12
        assert [h.article_id for h in store.search("employees")] == [1]
        assert [s.name for s in store.stories()] == ["Old story"]  # the bundled story is not forced back in
        assert store.integrity_check() == "ok"
    backup = tmp_path / "library.sqlite.v1.bak"
    assert backup.exists()
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"


def test_migrated_library_opens_again_without_migrating(tmp_path):
    path = tmp_path / "library.sqlite"
    shutil.copy(V1_LIBRARY, path)
    open_library(path).close()
    (tmp_path / "library.sqlite.v1.bak").unlink()
    with open_library(path) as store:
        assert user_version(store.db) == SCHEMA_VERSION
    assert not (tmp_path / "library.sqlite.v1.bak").exists()


def _v3_library(path: Path) -> None:
    """A library as schema version 3 left it: one article with two annotations, one orphaned."""
    import sqlite3

    from sqlite_utils import Database

    from desktop.core.library.schema import MIGRATIONS

    db = Database(sqlite3.connect(str(path)))
    for version, migration in enumerate(MIGRATIONS[:3], start=1):
        migration(db)
        db.execute(f"PRAGMA user_version = {version}")
    text = "Kaspersky will close its US business on Sept. 29."
    db["articles"].insert({"id": 1, "identity": "a", "text": text, "current_version_id": 1, "version_count": 1})
    db["article_versions"].insert({"id": 1, "article_id": 1, "number": 1, "content_hash": "h", "text": text})
    for n, (start, end, orphaned) in enumerate([(0, 9, 0), (40, 48, 1)], start=1):
        db["annotations"].insert({"id": n, "article_id": 1, "version_id": 1, "start": start, "end": end,
                                  "exact": text[start:end], "prefix": "", "suffix": "", "note": f"note {n}",
                                  "created": "2024-07-20", "updated": "2024-07-20", "orphaned": orphaned})
    db.conn.commit()
    db.conn.close()


def test_v3_library_gets_the_annotation_list_indexes(tmp_path):
    path = tmp_path / "library.sqlite"
    _v3_library(path)
    with open_library(path) as store:
        assert user_version(store.db) == SCHEMA_VERSION >= 4
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"idx_annotations_order", "idx_annotations_orphans"} <= indexes
        assert "idx_annotations_article_id_start" not in indexes  # the order index covers it
        plan = " ".join(r[3] for r in store.db.execute(
            'EXPLAIN QUERY PLAN SELECT a.id, a.article_id FROM annotations a'
            ' ORDER BY a.article_id, a.start, a."end", a.id'))
        assert "COVERING INDEX idx_annotations_order" in plan  # the long list is read from the index
        assert [(a.exact, a.note, a.orphaned) for a in store.annotations()] == [
            ("Kaspersky", "note 1", False), ("Sept. 29", "note 2", True)]
        assert store.annotation_count(orphaned=True) == 1
        assert [k[0] for k in store.annotation_keys(query="note")] == [1, 2]
        assert store.integrity_check() == "ok"
    assert (tmp_path / "library.sqlite.v3.bak").exists()


def test_v4_library_search_index_follows_title_and_text_changes_only(tmp_path):
    import sqlite3

    from desktop.core.models import ParsedArticle

    path = tmp_path / "library.sqlite"
    _v3_library(path)
    connection = sqlite3.connect(path)  # as version 4 left it
    connection.execute("PRAGMA user_version = 4")
    connection.commit()
    connection.close()
    with open_library(path) as store:
        assert user_version(store.db) == SCHEMA_VERSION >= 5
        trigger = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_au'").fetchone()[0]
        assert 'UPDATE OF "title", "text"' in trigger
        _, article_id, _ = store.save_article(ParsedArticle(text="A second capture about Bitdefender.",
                                                            origin="/x.txt", title="Old title"))
        store.save_article(ParsedArticle(text="A new capture: Bitdefender and Norton.", origin="/x.txt",
                                         title="New title"))
        assert [h.article_id for h in store.search("Norton")] == [article_id]
        assert store.search("second") == []
        assert [h.article_id for h in store.search("new title")] == [article_id]
        store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")


def test_v6_library_gains_pages_edits_leanings_story_kinds_and_tag_trees(tmp_path):
    import sqlite3

    from desktop.core.library.schema import user_version

    path = tmp_path / "library.sqlite"
    _v3_library(path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 3")
    connection.commit()
    connection.close()
    with open_library(path) as store:  # v3 -> v7: every step in turn
        assert user_version(store.db) == SCHEMA_VERSION >= 7
        columns = {t: {c.name for c in store.db[t].columns} for t in ("article_versions", "articles", "sources",
                                                                      "stories", "tags")}
        assert "raw_html" in columns["article_versions"] and "edited" in columns["articles"]
        assert {"leaning", "leaning_origin"} <= columns["sources"] and {"kind", "label"} <= columns["stories"]
        assert {"parent_id", "memo"} <= columns["tags"]
        assert store.article(1).text.startswith("Kaspersky")  # the data came through
        assert [(a.exact, a.orphaned) for a in store.annotations()] == [("Kaspersky", False), ("Sept. 29", True)]
        assert store.integrity_check() == "ok"
