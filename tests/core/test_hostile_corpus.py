"""Every hostile file of tests/data/hostile is imported into a real library, one library per file.

For each file: either a clear message naming the file (a failure in the import report, or a
ParallaxError whose text holds the file's name), or a correct import; no other exception escapes;
the library passes PRAGMA integrity_check afterwards, and the notes stored before are intact.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

from desktop.core.errors import ParallaxError
from desktop.core.interchange.import_annotations import import_annotations
from desktop.core.library import import_paths, open_library
from desktop.core.notes.annotating import annotate

GENERATOR = Path(__file__).parents[1] / "data" / "hostile" / "make_hostile.py"
_spec = importlib.util.spec_from_file_location("make_hostile", GENERATOR)
make_hostile = sys.modules.setdefault("make_hostile", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(make_hostile)

# Written once, when the tests are collected (they are parametrized by its files), into a temporary
# folder that is removed when the run ends.
_FOLDER = tempfile.TemporaryDirectory(prefix="parallax-hostile-")
CASES = {h.name: h for h in make_hostile.make(_FOLDER.name)}
SECONDS_PER_FILE = 30  # a hang shows up as a failure, not as a stuck suite


@pytest.fixture(scope="module")
def corpus() -> Path:
    return Path(_FOLDER.name)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A library with the bundled story and a few notes on it, copied for each file."""
    path = tmp_path_factory.mktemp("seed") / "library.sqlite"
    with open_library(path) as store:
        article = store.article(store.stories()[0].article_ids[0])
        annotate(store, article.id, article.text[200:230], note="kept before the hostile import", tags=["keep"])
        annotate(store, article.id, article.text[400:420], note="also kept 😀", color="blue")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def notes_of(store) -> list[tuple]:
    return sorted((a.id, a.article_id, a.start, a.end, a.exact, a.note, a.tags, a.color) for a in store.annotations())


def articles_of(store) -> list[tuple]:
    return sorted((a.id, a.version) for a in store.articles())


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(name: str, corpus: Path, seeded: Path, tmp_path: Path) -> None:
    hostile = CASES[name]
    path = corpus / name
    library = tmp_path / "library.sqlite"
    shutil.copy(seeded, library)
    with open_library(library) as store:
        notes_before, articles_before = notes_of(store), articles_of(store)
        started = time.perf_counter()
        failure = imported = None
        try:
            if hostile.kind == make_hostile.ARTICLES:
                report = import_paths(store, [path])
                if report.failures:
                    [(failed, failure)] = report.failures
                    assert Path(failed).name == name, "the failure must name the file"
                else:
                    imported = len(report.added) + len(report.updated) + len(report.unchanged)
            else:
                report = import_annotations(store, path)
                imported = report.imported + report.duplicates
        except ParallaxError as error:  # any other exception fails the test as it is
            failure = str(error)
            assert name in failure, "the message must name the file"
        seconds = time.perf_counter() - started

        assert seconds < SECONDS_PER_FILE
        if failure is not None:
            assert failure.strip() and "\n" not in failure and "Traceback" not in failure, failure
            assert hostile.expect in ("refused", "either"), f"refused, but should import: {failure}"
            assert hostile.reason in failure, failure
            assert articles_of(store) == articles_before, "a refused file must leave nothing behind"
        else:
            assert hostile.expect in ("imported", "either"), f"imported, but should be refused ({hostile.what})"
            assert imported, "a file that imports must import something"
            if hostile.count is not None:
                assert imported == hostile.count
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        after = notes_of(store)
        assert set(notes_before) <= set(after), "notes stored before must be intact"
        for article in store.articles():  # all that was stored is text that UTF-8 (and SQLite) can hold
            full = store.article(article.id)
            for value in (full.text, full.title, full.source, full.author, full.url):
                if value is not None:
                    value.encode("utf-8")
    assert not (tmp_path.parent / "evil.txt").exists() and not Path("/etc/evil").exists()


def test_the_corpus_covers_the_brief() -> None:
    names = set(CASES)
    assert len(names) >= 60
    assert sum(h.kind == make_hostile.ARTICLES for h in CASES.values()) >= 40
    assert {"deep.json", "deep.jsonl", "deep.jsonld", "surrogate.json", "zip-bomb.qdpx", "traversal.qdpx",
            "missing-project.qdpx", "wrong-context.jsonld", "xxe.qdpx", "billion-laughs.qdpx", "external-dtd.qdpx",
            "bigint-offset.jsonld", "bigint-offset.qdpx", "tiny-records.jsonl", "duplicate-keys.json",
            "wrong-types.json", "absurd-offset.jsonld", "yaml-bomb.md", "yaml-deep.md", "html-no-body.html",
            "html-script-only.html", "binary-png.txt", "truncated-utf16.txt", "nul-bytes.md",
            "huge-single-line.txt", "invalid-dates.json", "whitespace.txt", "empty.txt"} <= names
