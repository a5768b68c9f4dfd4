"""Schema versions of the library and the migrations between them.

The version lives in ``PRAGMA user_version``. Each migration takes the database from
version N-1 to N inside one transaction; before an existing library is migrated, a copy
is kept beside it (``library.sqlite.v1.bak``), so an upgrade can never lose work.
A library made by a newer Parallax is refused, never downgraded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from desktop.core.errors import LibraryError


def user_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _v1_initial(db: Database) -> None:
    """Articles with versions, outlets, stories and their ordered membership."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["sources"].create({"id": int, "name": str}, pk="id", not_null={"name"})
    db["sources"].create_index(["name"], unique=True)
    db["articles"].create(
        {
            "id": int,
            "identity": str,  # the URL when there is one, else where it was imported from
            "title": str,
            "source_id": int,
            "author": str,
            "published": str,
            "url": str,
            "origin": str,
            "text": str,  # the current version's text, duplicated here for full-text search
            "current_version_id": int,
            "version_count": int,
            "created": str,
            "updated": str,
        },
        pk="id",
        not_null={"identity", "text"},
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["articles"].create_index(["identity"], unique=True)
    db["article_versions"].create(
        {
            "id": int,
            "article_id": int,
            "number": int,
            "content_hash": str,
            "text": str,
            "imported": str,
        },
        pk="id",
        not_null={"article_id", "number", "content_hash", "text"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create_index(["article_id", "number"], unique=True)
    db["article_versions"].create_index(["content_hash"])
    db["boilerplate_spans"].create(
        {"id": int, "version_id": int, "start": int, "end": int, "kind": str, "active": int},
        pk="id",
        not_null={"version_id", "start", "end", "kind"},
        defaults={"active": 1},
        foreign_keys=[("version_id", "article_versions", "id")],
    )
    db["boilerplate_spans"].create_index(["version_id"])
    db["stories"].create({"id": int, "name": str, "created": str}, pk="id", not_null={"name"})
    db["stories"].create_index(["name"], unique=True)
    db["story_articles"].create(
        {"story_id": int, "article_id": int, "position": int},
        pk=("story_id", "article_id"),
        foreign_keys=[("story_id", "stories", "id"), ("article_id", "articles", "id")],
    )


def _v2_word_counts_and_search(db: Database) -> None:
    """Word counts for the library list, and full-text search over titles and texts."""
    db["articles"].add_column("word_count", int, not_null_default=0)
    for article_id, text, version_id in db.execute(
        "SELECT id, text, current_version_id FROM articles"
    ).fetchall():
        spans = db.execute(
            'SELECT start, "end" FROM boilerplate_spans WHERE version_id = ? AND active = 1'
            " ORDER BY start",
            [version_id],
        ).fetchall()
        body, last = [], 0
        for start, end in spans:
            body.append(text[last:start])
            last = max(last, end)
        body.append(text[last:])
        db["articles"].update(article_id, {"word_count": len(" ".join(body).split())})
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


ANNOTATION_LINK_KINDS = ("same fact", "supports", "contradicts")


def _v3_annotations(db: Database) -> None:
    """Annotations (highlights with notes) anchored to an article version, tags and links.

    Each annotation keeps three anchors: position (start, end: half-open Python character
    offsets into the annotated version's text), quote (exact, with prefix and suffix
    context) and the version it was made on. ``orphaned`` marks an annotation that could
    not be re-attached after the text changed: it is kept and shown, never dropped.
    """
    db["annotations"].create(
        {
            "id": int,
            "article_id": int,
            "version_id": int,  # the article version the offsets refer to
            "start": int,
            "end": int,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "color": str,
            "note": str,
            "created": str,
            "updated": str,
            "orphaned": int,
        },
        pk="id",
        not_null={"article_id", "version_id", "start", "end", "exact", "prefix", "suffix",
                  "color", "note", "created", "updated", "orphaned"},
        defaults={"prefix": "", "suffix": "", "color": "yellow", "note": "", "orphaned": 0},
        foreign_keys=[("article_id", "articles", "id"), ("version_id", "article_versions", "id")],
    )
    db["annotations"].create_index(["article_id", "start"])
    db["annotations"].create_index(["version_id"])
    db.execute(
        "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE UNIQUE,"
        " color TEXT)"
    )
    db["annotation_tags"].create(
        {"annotation_id": int, "tag_id": int},
        pk=("annotation_id", "tag_id"),
        not_null={"annotation_id", "tag_id"},
        foreign_keys=[("annotation_id", "annotations", "id"), ("tag_id", "tags", "id")],
    )
    db["annotation_tags"].create_index(["tag_id"])
    db["article_tags"].create(
        {"article_id": int, "tag_id": int},
        pk=("article_id", "tag_id"),
        not_null={"article_id", "tag_id"},
        foreign_keys=[("article_id", "articles", "id"), ("tag_id", "tags", "id")],
    )
    db["article_tags"].create_index(["tag_id"])
    db["story_tags"].create(
        {"story_id": int, "tag_id": int},
        pk=("story_id", "tag_id"),
        not_null={"story_id", "tag_id"},
        foreign_keys=[("story_id", "stories", "id"), ("tag_id", "tags", "id")],
    )
    db["story_tags"].create_index(["tag_id"])
    kinds = ", ".join("'" + k + "'" for k in ANNOTATION_LINK_KINDS)
    db.execute(
        "CREATE TABLE annotation_links ("
        " id INTEGER PRIMARY KEY,"
        " from_id INTEGER NOT NULL REFERENCES annotations(id),"
        " to_id INTEGER NOT NULL REFERENCES annotations(id),"
        f" kind TEXT NOT NULL CHECK (kind IN ({kinds})),"
        " created TEXT NOT NULL,"
        " CHECK (from_id <> to_id))"
    )
    db["annotation_links"].create_index(["from_id"])
    db["annotation_links"].create_index(["to_id"])
    db["annotations"].enable_fts(
        ["exact", "note"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


def _v4_annotation_list_indexes(db: Database) -> None:
    """Indexes for long lists of annotations (100,000 and more): the list order (article, start,
    end) read from the index alone, and the few orphans counted without reading every row."""
    db.execute("DROP INDEX IF EXISTS idx_annotations_article_id_start")
    db["annotations"].create_index(["article_id", "start", "end"], index_name="idx_annotations_order")
    db.execute("CREATE INDEX idx_annotations_orphans ON annotations (article_id) WHERE orphaned = 1")


def _v5_search_index_follows_the_text(db: Database) -> None:
    """The full-text index of articles is rewritten only when a title or text changes, not on
    every metadata update (an import set the current version after inserting: three index
    writes per article instead of one)."""
    db.execute('DROP TRIGGER IF EXISTS "articles_au"')
    db.execute(
        'CREATE TRIGGER "articles_au" AFTER UPDATE OF "title", "text" ON "articles" BEGIN\n'
        '  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text")'
        ' VALUES(\'delete\', old.rowid, old."title", old."text");\n'
        '  INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");\n'
        "END"
    )


def _v6_changed_quotes(db: Database) -> None:
    """A note re-attached to words that differ from its quote is flagged ``changed`` for the
    reader to review (its quote is never rewritten behind their back)."""
    db["annotations"].add_column("changed", int, not_null_default=0)
    db.execute("CREATE INDEX idx_annotations_review ON annotations (article_id) WHERE orphaned = 1 OR changed = 1")


def _v7_pages_edits_leanings_stories_and_tag_trees(db: Database) -> None:
    """What reading real coverage needs:

    * ``article_versions.raw_html``: the page a version was extracted from (URL imports), so
      extraction can be run again later;
    * ``articles.edited``: the metadata fields the reader changed by hand (comma-separated:
      title, source, author, published, url); a later re-import never overwrites them;
    * ``sources.leaning`` (left, lean left, center, lean right, right) and where it came from;
    * ``stories.kind``: "reader" (made or accepted by the reader: never changed behind their
      back) or "suggested" (found by clustering), with the suggestion's ``label``;
    * ``tags.parent_id`` and ``tags.memo``: tags in a tree, with a description;
    * indexes for listing a large library by outlet and by date.
    """
    db["article_versions"].add_column("raw_html", str)
    db["articles"].add_column("edited", str, not_null_default="")
    db["sources"].add_column("leaning", str)
    db["sources"].add_column("leaning_origin", str)
    db["stories"].add_column("kind", str, not_null_default="reader")
    db["stories"].add_column("label", str)
    db.execute("ALTER TABLE tags ADD COLUMN parent_id INTEGER REFERENCES tags(id)")
    db["tags"].add_column("memo", str, not_null_default="")
    db["articles"].create_index(["source_id"], if_not_exists=True)
    db["articles"].create_index(["published"], if_not_exists=True)
    db["stories"].create_index(["kind"], if_not_exists=True)


def _v8_article_list_indexes(db: Database) -> None:
    """Indexes for listing 35,000 articles and more (``store.article_list``): sorted by title, by
    word count and by outlet then date straight from an index, and an article's stories found
    without reading every story's membership."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_title ON articles (title COLLATE NOCASE)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_word_count ON articles (word_count)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_source_published ON articles (source_id, published)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_story_articles_article ON story_articles (article_id)")


def _v9_reader_overrides(db: Database) -> None:
    """The reader overrules the comparison, pair by pair of spans, each on the article version it
    was read on (a new version of either article leaves the pair aside, as its offsets no longer fit):

    * ``fact_separations``: "Not the Same Fact", two claims the link model joined that state
      different facts;
    * ``conflict_dismissals``: "Not a Conflict", two values shown as conflicting that do not (one
      row per pair of values of a dismissed conflict, so a new article that disagrees shows again).
    """
    for table in ("fact_separations", "conflict_dismissals"):
        db.execute(
            f"CREATE TABLE {table} ("
            " id INTEGER PRIMARY KEY,"
            " article_id INTEGER NOT NULL REFERENCES articles(id),"
            " version_id INTEGER NOT NULL REFERENCES article_versions(id),"
            " start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
            " other_article_id INTEGER NOT NULL REFERENCES articles(id),"
            " other_version_id INTEGER NOT NULL REFERENCES article_versions(id),"
            " other_start INTEGER NOT NULL, other_end INTEGER NOT NULL,"
            " created TEXT NOT NULL,"
            " CHECK (article_id <> other_article_id),"
            " CHECK (start < \"end\" AND other_start < other_end))")
        db.execute(f"CREATE INDEX idx_{table}_article ON {table} (article_id)")
        db.execute(f"CREATE INDEX idx_{table}_other ON {table} (other_article_id)")


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_initial,
    _v2_word_counts_and_search,
    _v3_annotations,
    _v4_annotation_list_indexes,
    _v5_search_index_follows_the_text,
    _v6_changed_quotes,
    _v7_pages_edits_leanings_stories_and_tag_trees,
    _v8_article_list_indexes,
    _v9_reader_overrides,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: Database, path: Path | None) -> int:
    """Bring the library up to ``SCHEMA_VERSION``; returns the version it started at."""
    found = user_version(db)
    if found > SCHEMA_VERSION:
        raise LibraryError(
            f"The library {path} was made by a newer Parallax (schema {found}; this version "
            f"knows up to {SCHEMA_VERSION}). It was left untouched: update Parallax to open it."
        )
    if found == 0 and db.table_names():
        raise LibraryError(
            f"{path} is an SQLite database but not a Parallax library. It was left untouched; "
            "choose another file with --library."
        )
    if found == SCHEMA_VERSION:
        return found
    if found > 0 and path is not None:
        _backup(db, path.with_name(f"{path.name}.v{found}.bak"))
    for version in range(found + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            db.rollback()
            raise
        db.execute("COMMIT")
    return found


def check_readable_as_is(db: Database, path: Path | None) -> None:
    """For a library opened read-only: it must be a Parallax library of exactly this version
    (an older one would need upgrading, which is a write)."""
    found = user_version(db)
    if found == 0 and db.table_names():
        raise LibraryError(
            f"{path} is an SQLite database but not a Parallax library. It was left untouched; "
            "choose another file with --library."
        )
    if found > SCHEMA_VERSION:
        raise LibraryError(
            f"The library {path} was made by a newer Parallax (schema {found}; this version "
            f"knows up to {SCHEMA_VERSION}). It was left untouched: update Parallax to open it."
        )
    if found < SCHEMA_VERSION:
        raise LibraryError(
            f"The library {path} is read-only and was made by an older Parallax: it must be "
            "upgraded before it can be opened, which needs write access. Copy it somewhere "
            "writable or fix its permissions."
        )


def _backup(db: Database, target: Path) -> None:
    if target.exists():
        return
    copy = sqlite3.connect(str(target))
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
