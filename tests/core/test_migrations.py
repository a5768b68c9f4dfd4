"""Opening libraries written by older versions of Parallax."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.core.library import open_library
from desktop.core.schema import SCHEMA_VERSION

V1_LIBRARY = Path(__file__).parents[1] / "data" / "library-v1.sqlite"  # written by schema version 1


def test_v1_library_is_migrated_with_its_data_and_a_backup(tmp_path):
    path = tmp_path / "library.sqlite"
    shutil.copy(V1_LIBRARY, path)
    with open_library(path) as store:
        assert store.schema_version == SCHEMA_VERSION
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
        assert store.schema_version == SCHEMA_VERSION
    assert not (tmp_path / "library.sqlite.v1.bak").exists()
