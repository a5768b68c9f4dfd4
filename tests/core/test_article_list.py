"""The library's article list in SQL: filters, sort orders (missing values last), rows by window."""

from __future__ import annotations

import pytest

from desktop.core.library.store import Store, content_hash, count_words
from desktop.core.library.store.article_list import LEANINGS, NO_STORY, ArticleFilter
from desktop.core.models import ParsedArticle

OUTLETS = [("Alpha Post", "left"), ("Bravo Daily", "lean left"), ("Charlie Wire", "center"),
           ("Delta Herald", "lean right"), ("Echo Times", "right"), ("Foxtrot Blog", None)]


def synthetic_articles(count: int) -> list[ParsedArticle]:
    """``count`` articles over six outlets (one without a leaning) and a few without one; dates over
    2019-2021 (every 9th undated); every 11th mentions a zeppelin; every 17th has no title."""
    out = []
    for n in range(count):
        outlet = None if n % 23 == 5 else OUTLETS[n % len(OUTLETS)][0]
        date = None if n % 9 == 4 else f"{2019 + n % 3}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        words = " ".join(["word"] * (20 + (n * 37) % 300))
        extra = " A zeppelin was seen." if n % 11 == 3 else ""
        title = None if n % 17 == 8 else f"{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[(n * 7) % 26]}{'aeiou'[n % 5]} story {n:03d}"
        out.append(ParsedArticle(text=f"Report number {n}.{extra} {words}", origin=f"/synthetic/{n}.txt",
                                 title=title, source=outlet, published=date))
    return out


def fill(store: Store, count: int = 120) -> list[int]:
    """Import ``count`` synthetic articles, give the outlets their leanings and put every 5th
    article in "Beta story" and every 7th in "Alpha story"; returns the ids in import order."""
    items = [(p, [], content_hash(p.text), count_words(p.text)) for p in synthetic_articles(count)]
    ids = [article_id for _status, article_id, _ in store.save_articles(items)]
    with store._write():  # test setup: the leanings (no public writer in this module)
        for name, leaning in OUTLETS:
            store.db.execute("UPDATE sources SET leaning = ? WHERE name = ?", [leaning, name])
    beta, _ = store.create_story("Beta story")
    alpha, _ = store.create_story("Alpha story")
    store.add_to_story(beta, ids[::5])
    store.add_to_story(alpha, ids[::7])
    return ids


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "library.sqlite")
    yield s
    s.close()


def values(store, ids, field):
    rows = {r.id: r for r in store.article_list_rows(ids)}
    return [getattr(rows[i], field) for i in ids]


def test_every_sort_orders_the_whole_library_with_missing_values_last(store):
    ids = fill(store)
    for descending in (False, True):
        got = store.article_list_ids(ArticleFilter(), "title", descending)
        assert sorted(got) == sorted(ids)
        titles = values(store, got, "title")
        known = [t for t in titles if t is not None]
        assert known == sorted(known, key=str.lower, reverse=descending) and titles[len(known):] == [None] * (
            len(titles) - len(known))
        dates = values(store, store.article_list_ids(ArticleFilter(), "date", descending), "published")
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=descending) and not any(dates[len(dated):])
        words = values(store, store.article_list_ids(ArticleFilter(), "words", descending), "word_count")
        assert words == sorted(words, reverse=descending)
        outlets = values(store, store.article_list_ids(ArticleFilter(), "outlet", descending), "source")
        named = [o for o in outlets if o]
        assert named == sorted(named, reverse=descending) and len(named) < len(outlets)
        assert not any(outlets[len(named):])
        leanings = values(store, store.article_list_ids(ArticleFilter(), "leaning", descending), "leaning")
        ranks = [LEANINGS.index(x) for x in leanings]
        assert ranks == sorted(ranks, reverse=descending)
        stories = values(store, store.article_list_ids(ArticleFilter(), "story", descending), "stories")
        firsts = [s[0] for s in stories if s]
        assert firsts == sorted(firsts, reverse=descending) and stories[len(firsts):] == [()] * (
            len(stories) - len(firsts))
        assert "Alpha story" in firsts and "Beta story" in firsts


def test_filters_narrow_the_list_and_combine(store):
    ids = fill(store)
    everything = store.article_list_ids()
    assert len(everything) == len(ids)
    only = store.article_list_ids(ArticleFilter(outlets=("Bravo Daily",)), "date")
    assert only and set(values(store, only, "source")) == {"Bravo Daily"}
    unknown = store.article_list_ids(ArticleFilter(outlets=("",)))
    assert unknown and set(values(store, unknown, "source")) == {None}
    left = store.article_list_ids(ArticleFilter(leanings=("left",)))
    assert set(values(store, left, "source")) == {"Alpha Post"}
    no_leaning = store.article_list_ids(ArticleFilter(leanings=("unknown",)))
    assert set(values(store, no_leaning, "source")) == {"Foxtrot Blog", None}
    year = store.article_list_ids(ArticleFilter(since="2020", until="2020"))
    assert year and all(d.startswith("2020") for d in values(store, year, "published"))
    month = store.article_list_ids(ArticleFilter(since="2020-02", until="2020-02"))
    assert month and all(d.startswith("2020-02") for d in values(store, month, "published"))
    beta = store.story_by_name("Beta story")
    in_beta = store.article_list_ids(ArticleFilter(story_id=beta.id), "position")
    assert in_beta == list(beta.article_ids)
    loose = store.article_list_ids(ArticleFilter(story_id=NO_STORY))
    assert not set(loose) & (set(beta.article_ids) | set(store.story_by_name("Alpha story").article_ids))
    assert len(loose) == len(ids) - len(set(ids[::5]) | set(ids[::7]))
    zeppelins = store.article_list_ids(ArticleFilter(text="zeppel"))
    assert sorted(zeppelins) == sorted(ids[3::11])
    both = store.article_list_ids(ArticleFilter(text="zeppelin", outlets=("Bravo Daily",), since="2020"))
    bravo = set(store.article_list_ids(ArticleFilter(outlets=("Bravo Daily",))))
    recent = set(store.article_list_ids(ArticleFilter(since="2020")))
    assert both and set(both) == set(zeppelins) & bravo & recent
    assert store.article_list_ids(ArticleFilter(text='"( *')) == []  # what the user types never breaks the query


def test_rows_come_in_the_order_asked_without_text_and_outlets_are_counted(store):
    ids = fill(store, 40)
    asked = [ids[7], ids[0], 99_999, ids[8]]
    rows = store.article_list_rows(asked)
    assert [r.id for r in rows] == [ids[7], ids[0], ids[8]]  # an id gone from the library is left out
    untitled = rows[2]
    assert untitled.title is None and untitled.display_title.startswith("Report number 8")
    assert rows[0].stories == ("Alpha story",) and rows[1].stories == ("Alpha story", "Beta story")
    assert rows[1].leaning == "left"
    outlets = store.article_list_outlets()
    assert [name for name, _ in outlets[:-1]] == sorted(name for name, _ in OUTLETS)
    assert outlets[-1][0] == "" and sum(n for _, n in outlets) == 40
    with pytest.raises(ValueError):
        store.article_list_ids(ArticleFilter(), "colour")


def test_the_big_orders_are_read_from_indexes(store):
    fill(store, 30)
    plans = {}
    for sql in ("SELECT a.id FROM articles a WHERE a.title IS NOT NULL ORDER BY a.title COLLATE NOCASE, a.id",
                "SELECT a.id FROM articles a ORDER BY a.word_count, a.id",
                "SELECT a.id FROM articles a WHERE a.published IS NOT NULL ORDER BY a.published, a.id",
                "SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id ORDER BY s.name, a.published, a.id"):
        plans[sql] = " ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql))
    assert all("TEMP B-TREE" not in plan for plan in plans.values()), plans


def test_a_v7_library_gains_the_article_list_indexes(tmp_path):
    from desktop.core.library import open_library
    from desktop.core.library.schema import SCHEMA_VERSION, user_version
    from tests.library_versions import library_at

    path = tmp_path / "library.sqlite"
    db = library_at(path, 7)
    db["sources"].insert({"id": 1, "name": "Old Outlet", "leaning": "right"})
    db["articles"].insert({"id": 1, "identity": "a", "title": "Old article", "source_id": 1, "published": "2019-05-01",
                           "text": "An article from an old library.", "current_version_id": 1, "version_count": 1,
                           "word_count": 6})
    db["article_versions"].insert({"id": 1, "article_id": 1, "number": 1, "content_hash": "h",
                                   "text": "An article from an old library."})
    db.conn.commit()
    db.conn.close()
    with open_library(path) as store:
        assert user_version(store.db) == SCHEMA_VERSION >= 8
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"idx_articles_title", "idx_articles_word_count", "idx_articles_source_published",
                "idx_story_articles_article"} <= indexes
        listed = store.article_list_rows(store.article_list_ids(ArticleFilter(outlets=("Old Outlet",)), "outlet"))
        assert [(r.title, r.leaning, r.published) for r in listed] == [("Old article", "right", "2019-05-01")]
        assert store.integrity_check() == "ok"
    assert (tmp_path / "library.sqlite.v7.bak").exists()


def test_short_words_before_the_last_match_whole_words_and_the_last_is_a_prefix(store):
    from desktop.core.library.store.search import fts_match

    assert fts_match("Roe v. Wade") == '"Roe" "v." "Wade"*'
    assert fts_match('say "no') == '"say" """no"*'
    texts = {"whole": "Medicare for all is debated again.", "longer": "Medicare forward allies were named.",
             "prefix": "Medicare for allotments, said the report."}
    items = [(ParsedArticle(text=t, origin=f"/{k}.txt", title=k), [], content_hash(t), count_words(t))
             for k, t in texts.items()]
    ids = dict(zip(texts, (i for _, i, _ in store.save_articles(items)), strict=True))
    assert {h.article_id for h in store.search("Medicare for all")} == {ids["whole"], ids["prefix"]}
    assert set(store.article_list_ids(ArticleFilter(text="medic for al"))) == {ids["whole"], ids["prefix"]}
    assert {h.article_id for h in store.search("Medic forw")} == {ids["longer"]}  # longer words stay prefixes
