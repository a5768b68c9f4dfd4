"""The library store: articles with versions, stories, search, concurrency."""

from __future__ import annotations

import threading

import pytest

from desktop.core.errors import NotFound
from desktop.core.library.store import Store
from desktop.core.models import BoilerplateSpan, ParsedArticle


def parsed(text="Kaspersky closes its US business.", origin="/news/a.txt", **meta) -> ParsedArticle:
    return ParsedArticle(text=text, origin=origin, **meta)


@pytest.fixture
def store(library_path):
    with Store(library_path) as s:
        yield s


def test_new_library_uses_wal_foreign_keys_and_current_schema(store):
    from desktop.core.library.schema import SCHEMA_VERSION, user_version

    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert user_version(store.db) == SCHEMA_VERSION


def test_saved_article_reads_back_with_metadata_and_boilerplate(store):
    status, article_id, changes = store.save_article(
        parsed("Promo! Real news here.", title="T", source="Outlet", author="A", published="2024-07-16",
               url="https://example.com/a"),
        [BoilerplateSpan(0, 6, "promo")],
    )
    assert status == "added"
    assert changes.touches("articles") and article_id in changes.ids
    article = store.article(article_id)
    assert (article.title, article.source, article.author, article.published, article.url) == (
        "T", "Outlet", "A", "2024-07-16", "https://example.com/a")
    assert article.version == 1
    assert [(s.start, s.end, s.kind, s.active) for s in article.boilerplate] == [(0, 6, "promo", True)]
    assert article.word_count == 3  # "Real news here." without the promo


def test_reimport_with_changed_text_keeps_old_version(store):
    _, first, _ = store.save_article(parsed("Version one.", title="Title"))
    status, second, _ = store.save_article(parsed("Version two, edited."))
    assert status == "updated" and second == first
    article = store.article(first)
    assert article.text == "Version two, edited."
    assert article.version == 2
    assert article.title == "Title"  # the new capture had no title: the old one stays
    assert [r[0] for r in store.db.execute(
        "SELECT number FROM article_versions WHERE article_id = ? ORDER BY number", [first])] == [1, 2]


def test_identical_content_is_not_duplicated_even_from_another_path(store):
    _, first, _ = store.save_article(parsed(origin="/a.txt"))
    status, again, changes = store.save_article(parsed(origin="/copy/a.txt"))
    assert (status, again) == ("unchanged", first)
    assert not changes.tables
    assert len(store.articles()) == 1


def test_url_identifies_an_article_over_its_path(store):
    _, first, _ = store.save_article(parsed("One.", origin="/x.html", url="https://n.example/1"))
    status, second, _ = store.save_article(parsed("One, updated.", origin="/elsewhere.html", url="https://n.example/1"))
    assert status == "updated" and second == first


def test_search_finds_prefixes_and_follows_new_versions(store):
    _, article_id, _ = store.save_article(parsed("Kaspersky will lay off fewer than 50 employees.", title="Layoffs"))
    assert [h.article_id for h in store.search("kasp")] == [article_id]
    from desktop.core.models import MATCH_CLOSE, MATCH_OPEN

    hit = store.search("employees")[0]
    assert f"{MATCH_OPEN}employees{MATCH_CLOSE}" in hit.snippet and "[" not in hit.plain_snippet
    store.save_article(parsed("An entirely rewritten text about sanctions."))
    assert store.search("employees") == []
    assert [h.article_id for h in store.search("sanctions")] == [article_id]
    assert store.search('"unbalanced quote') == []  # user input never breaks the query syntax
    assert store.search("   ") == []


def test_private_use_characters_in_an_article_do_not_move_the_search_marks(store):
    from desktop.core.models import MATCH_CLOSE, MATCH_OPEN

    store.save_article(parsed("Icon \ue001 font glyphs \ue000 then the employees left.", title="Glyphs"))
    hit = store.search("employees")[0]
    assert hit.snippet.count(MATCH_OPEN) == hit.snippet.count(MATCH_CLOSE) == 1
    assert f"{MATCH_OPEN}employees{MATCH_CLOSE}" in hit.snippet
    assert hit.plain_snippet.startswith("Icon") and "employees left" in hit.plain_snippet


def test_stories_keep_order_and_membership(store):
    ids = [store.save_article(parsed(f"Text {i}.", origin=f"/{i}.txt"))[1] for i in range(4)]
    story_id, changes = store.create_story("Event")
    assert changes.touches("stories")
    assert store.create_story("Event")[0] == story_id  # same name: same story
    store.add_to_story(story_id, ids[:3])
    store.add_to_story(story_id, [ids[3]], position=0)
    assert store.story(story_id).article_ids == (ids[3], ids[0], ids[1], ids[2])
    store.reorder_story(story_id, [ids[2], ids[1], ids[0], ids[3]])
    assert store.story(story_id).article_ids == (ids[2], ids[1], ids[0], ids[3])
    store.remove_from_story(story_id, [ids[1]])
    assert store.story(story_id).article_ids == (ids[2], ids[0], ids[3])
    assert [a.id for a in store.articles(story_id)] == [ids[2], ids[0], ids[3]]
    with pytest.raises(ValueError):
        store.reorder_story(story_id, [ids[0]])


def test_adding_to_the_end_of_a_story_gives_the_rows_a_full_rewrite_gives(store):
    """Appending only inserts the new members' rows when the story is numbered 0..n-1; a story
    with gaps in its positions is numbered again, as every add did before."""
    ids = [store.save_article(parsed(f"Text {i}.", origin=f"/{i}.txt"))[1] for i in range(6)]
    story_id, _ = store.create_story("Event")

    def rows():
        return store.db.execute("SELECT article_id, position FROM story_articles WHERE story_id = ?"
                                " ORDER BY position", [story_id]).fetchall()

    store.add_to_story(story_id, [ids[0], ids[1], ids[0]])
    store.add_to_story(story_id, [ids[1], ids[2]])
    assert rows() == [(ids[0], 0), (ids[1], 1), (ids[2], 2)]
    store.db.execute("UPDATE story_articles SET position = position * 2 WHERE story_id = ?", [story_id])
    store.add_to_story(story_id, [ids[3]])
    assert rows() == [(ids[0], 0), (ids[1], 1), (ids[2], 2), (ids[3], 3)]
    with pytest.raises(NotFound):
        store.add_to_story(story_id, [ids[4], 10_000])
    assert rows() == [(ids[0], 0), (ids[1], 1), (ids[2], 2), (ids[3], 3)]  # nothing half-written
    store.add_to_story(story_id, [ids[5], ids[4]], position=1)
    assert rows() == [(ids[0], 0), (ids[5], 1), (ids[4], 2), (ids[1], 3), (ids[2], 4), (ids[3], 5)]


def test_story_lookup_by_name_is_exact_then_case_insensitive(store):
    story_id, _ = store.create_story("Kaspersky exits")
    assert store.story_by_name("kaspersky EXITS").id == story_id
    with pytest.raises(NotFound, match="Kaspersky exits"):
        store.story_by_name("nope")


def test_articles_by_id_read_only_those(store):
    ids = [store.save_article(parsed(f"Text {i}.", origin=f"/{i}.txt"))[1] for i in range(4)]
    assert [a.id for a in store.articles(ids=[ids[3], ids[1], 10_000])] == [ids[1], ids[3]]
    assert [a.opening for a in store.articles(ids=[ids[2]])] == ["Text 2."]
    assert store.articles(ids=[]) == []


def test_rename_and_delete_story_keep_articles(store):
    _, article_id, _ = store.save_article(parsed())
    story_id, _ = store.create_story("A")
    other, _ = store.create_story("B")
    store.add_to_story(story_id, [article_id])
    with pytest.raises(ValueError, match="already"):
        store.rename_story(story_id, "B")
    store.rename_story(story_id, "C")
    assert store.story(story_id).name == "C"
    store.delete_story(story_id)
    assert [s.id for s in store.stories()] == [other]
    assert store.article(article_id).id == article_id


def test_toggling_boilerplate_restores_its_words(store):
    _, article_id, _ = store.save_article(
        parsed("Free 30-day trial\nThe news itself."), [BoilerplateSpan(0, 17, "promo")])
    span = store.article(article_id).boilerplate[0]
    assert store.article(article_id).word_count == 3
    store.set_boilerplate_active(span.id, False)
    article = store.article(article_id)
    assert article.boilerplate[0].active is False
    assert article.word_count == 6
    assert article.body_text == article.text


def test_failed_batch_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.batch():
        store.save_article(parsed("First.", origin="/1.txt"))
        raise RuntimeError("boom")
    assert store.articles() == []


def test_two_connections_write_to_one_library_without_losing_updates(library_path):
    """Two windows on one library: each one's writes land, none is lost."""
    with Store(library_path) as a, Store(library_path) as b:
        errors = []

        def writer(store, prefix):
            try:
                for i in range(40):
                    store.save_article(parsed(f"{prefix} text {i}.", origin=f"/{prefix}/{i}.txt"))
            except Exception as exc:  # pragma: no cover - the assertion below reports it
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(s, p)) for s, p in ((a, "a"), (b, "b"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(a.articles()) == 80
        assert len(b.articles()) == 80
        assert a.integrity_check() == "ok"


def test_bulk_writing_restores_the_connections_settings(store):
    """An import's larger page cache and rarer checkpoints last only while it writes."""
    def settings():
        return [store.db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")]

    before = settings()
    with store.bulk_writing():
        assert settings() != before
        store.save_article(parsed("Text written in bulk.", origin="/bulk.txt"))
    assert settings() == before
    with pytest.raises(RuntimeError), store.bulk_writing():
        raise RuntimeError
    assert settings() == before
