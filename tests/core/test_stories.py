"""Stories found in a library: clustering by event, suggestions in the store, incremental placement,
related coverage, outlet leanings and the blindspot flag."""

from __future__ import annotations

import json
import lzma

import pytest

from desktop.core.library.store import Store
from desktop.core.models import ParsedArticle
from desktop.core.stories.clustering import (
    SOME_UNDATED_NOTE,
    UNDATED_NOTE,
    StoryArticle,
    average_linkage,
    find_stories,
)
from desktop.core.stories.finding import place_new_articles, suggest_stories
from desktop.core.stories.leanings import coverage_from_leanings, coverage_of, import_csv, parse_leaning, set_leaning
from desktop.core.stories.related import related_articles
from tests.conftest import SHARED, require_shared
from tests.core.stories_fixtures import COVERAGE, save_coverage


@pytest.fixture
def store(library_path):
    with Store(library_path) as s:
        yield s


def plain(rows=COVERAGE, dated=True) -> list[StoryArticle]:
    return [StoryArticle(id=n, title=title, text=text, published=day if dated else None, source=outlet)
            for n, (_, outlet, day, title, text) in enumerate(rows)]


def groups(found) -> set[frozenset[int]]:
    return {frozenset(s.article_ids) for s in found}


# ------------------------------------------------------------------ clustering


def test_two_events_on_the_same_days_are_two_stories():
    found = find_stories(plain())
    assert groups(found) == {frozenset({0, 1, 2}), frozenset({3, 4, 5})}
    storm = next(s for s in found if 0 in s.article_ids)
    assert (storm.first, storm.last) == ("2021-03-02", "2021-03-03")
    assert "Delia" in storm.label and "undated" not in storm.label
    assert storm.as_json() == {"label": storm.label, "articles": list(storm.article_ids),
                               "first": "2021-03-02", "last": "2021-03-03"}


def test_the_same_words_months_apart_are_not_one_event():
    rows = [(e, o, d, t, x) for e, o, d, t, x in COVERAGE if e == "budget"]
    far = [(e, o, "2021-09-15" if n == 2 else d, t, x) for n, (e, o, d, t, x) in enumerate(rows)]
    assert groups(find_stories(plain(far))) == {frozenset({0, 1})}


def test_articles_without_dates_are_grouped_on_text_and_the_label_says_so():
    found = find_stories(plain(dated=False))
    assert groups(found) == {frozenset({0, 1, 2}), frozenset({3, 4, 5})}
    assert all(s.label.endswith(f"({UNDATED_NOTE})") and s.first is None and s.last is None for s in found)
    mixed = plain()
    mixed[1] = StoryArticle(id=1, title=mixed[1].title, text=mixed[1].text, published="not a date")
    storm = next(s for s in find_stories(mixed) if 0 in s.article_ids)
    assert 1 in storm.article_ids and storm.label.endswith(f"({SOME_UNDATED_NOTE})")


@pytest.mark.parametrize("articles", [[], plain()[:1]])
def test_an_empty_library_or_one_article_has_no_stories(articles):
    assert find_stories(articles) == []


def test_one_outlet_only_still_groups_by_event():
    one = [StoryArticle(a.id, a.title, a.text, a.published, "Daily Planet") for a in plain()]
    assert groups(find_stories(one)) == {frozenset({0, 1, 2}), frozenset({3, 4, 5})}


def test_small_blocks_score_the_same_pairs(monkeypatch):
    """Many articles on one day are scored in blocks of bounded size: no pair is lost or doubled."""
    from desktop.core.stories import clustering

    same_day = [StoryArticle(a.id, a.title, a.text, "2021-03-02") for a in plain()]
    whole = clustering.score_pairs(same_day)
    monkeypatch.setattr(clustering, "BLOCK_ARTICLES", 2)
    assert clustering.score_pairs(same_day) == pytest.approx(whole)
    assert groups(find_stories(same_day)) == {frozenset({0, 1, 2}), frozenset({3, 4, 5})}


def test_average_linkage_does_not_chain_unlike_articles_together():
    pairs = {(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.0, (2, 3): 0.9}  # a chain 0~1~2~3; 0 and 2 unlike
    assert sorted(average_linkage(4, pairs, 0.5)) == [[0, 1], [2, 3]]


# ------------------------------------------------------------------ suggestions in the store


def test_suggestions_replace_old_ones_and_never_touch_the_readers_stories(store):
    ids = save_coverage(store)
    reader_id, _ = store.create_story("Mine")
    store.add_to_story(reader_id, ids["storm"][:1])
    found, changes = suggest_stories(store)
    assert changes.touches("stories")
    # the article in the reader's story is left out of suggestions
    assert groups(found) == {frozenset(ids["storm"][1:]), frozenset(ids["budget"])}
    suggested = [s for s in store.stories() if s.kind == "suggested"]
    assert {frozenset(s.article_ids) for s in suggested} == groups(found)
    assert all(s.label == s.name for s in suggested)
    suggest_stories(store)  # again: replaced, not doubled
    assert len([s for s in store.stories() if s.kind == "suggested"]) == 2
    assert store.story(reader_id).article_ids == (ids["storm"][0],) and store.story(reader_id).kind == "reader"


def test_accept_split_merge_and_restore(store):
    ids = save_coverage(store)
    suggest_stories(store)
    budget = next(s for s in store.stories() if set(s.article_ids) == set(ids["budget"]))
    storm = next(s for s in store.stories() if set(s.article_ids) == set(ids["storm"]))
    store.accept_story(budget.id)
    suggest_stories(store)  # an accepted story survives a new run, and its articles are not suggested again
    assert store.story(budget.id).kind == "reader"
    assert [s.article_ids for s in store.stories() if s.kind == "suggested"] != []
    assert all(not set(s.article_ids) & set(ids["budget"]) for s in store.stories() if s.kind == "suggested")
    storm = next(s for s in store.stories() if set(s.article_ids) == set(ids["storm"]))
    new_id, _ = store.split_story(storm.id, [ids["storm"][2]], "Aftermath")
    assert store.story(new_id).article_ids == (ids["storm"][2],)
    assert set(store.story(storm.id).article_ids) == set(ids["storm"][:2])
    assert store.story(storm.id).kind == "reader"  # the reader worked on it: never replaced behind their back
    with pytest.raises(ValueError):
        store.split_story(storm.id, list(store.story(storm.id).article_ids), "All of it")
    before = store.story(new_id)
    store.merge_stories(storm.id, [new_id])
    assert set(store.story(storm.id).article_ids) == set(ids["storm"])
    assert new_id not in {s.id for s in store.stories()}
    store.restore_story(before)  # undo of the merge
    assert store.story(new_id) == before


def test_a_suggestion_label_that_is_already_a_story_name_gets_a_number(store):
    ids = save_coverage(store)
    store.create_story("Same")
    new_ids, _ = store.save_suggestions([("Same", ids["storm"]), ("Same", ids["budget"]), ("Alone", ids["storm"][:1])])
    assert len(new_ids) == 2  # a one-article suggestion is not a story
    assert sorted(store.story(i).name for i in new_ids) == ["Same (2)", "Same (3)"]


def test_duplicate_articles_under_different_urls_land_in_one_story(store):
    rows = [*COVERAGE, ("storm", "Wire copy", "2021-03-02", COVERAGE[0][3], COVERAGE[0][4] + " (Updated.)")]
    ids = save_coverage(store, rows)
    found, _ = suggest_stories(store)
    assert frozenset(ids["storm"]) in groups(found)


# ------------------------------------------------------------------ incremental placement


def test_new_imports_join_a_suggestion_or_start_one_and_leave_reader_stories_alone(store):
    ids = save_coverage(store, [r for r in COVERAGE if r[0] == "storm"][:2] + [r for r in COVERAGE if r[0] == "budget"])
    suggest_stories(store)
    budget = next(s for s in store.stories() if set(s.article_ids) == set(ids["budget"]))
    store.accept_story(budget.id)
    later = [("storm", "Evening Star", COVERAGE[2][2], COVERAGE[2][3], COVERAGE[2][4]),
             ("budget", "Wire", "2021-03-04", "House to vote on Okafor's $1.2 trillion budget",
              "Speaker Dana Pruitt scheduled a House vote on the $1.2 trillion budget that passed the Senate "
              "51-49, Tom Okafor's office said."),
             ("quake", "Wire", "2021-03-04", "Magnitude 6.1 earthquake shakes Lima",
              "A magnitude 6.1 earthquake shook Lima, Peru, on Thursday, toppling walls in the Miraflores "
              "district. Peru's civil defence institute reported 12 injured in Lima."),
             ("quake", "Daily Planet", "2021-03-04", "Lima earthquake injures 12",
              "Twelve people were injured when a 6.1 magnitude earthquake struck Lima, Peru, toppling walls "
              "in Miraflores, the civil defence institute said.")]
    new = save_coverage(store, later, prefix="https://later.example/")
    changes = place_new_articles(store, [i for v in new.values() for i in v])
    assert changes.touches("story_articles")
    stories = {frozenset(s.article_ids): s for s in store.stories()}
    assert frozenset(ids["storm"] + new["storm"]) in stories  # joined the suggestion
    assert frozenset(new["quake"]) in stories and stories[frozenset(new["quake"])].kind == "suggested"  # new one
    assert store.story(budget.id).article_ids == budget.article_ids  # accepted: untouched


def test_placing_nothing_new_changes_nothing(store):
    ids = save_coverage(store)
    suggest_stories(store)
    story_id = store.stories()[0].id
    assert not place_new_articles(store, store.story(story_id).article_ids).tables
    assert not place_new_articles(store, []).tables
    assert ids


# ------------------------------------------------------------------ related coverage


def test_related_lists_the_same_events_articles_not_in_the_story(store):
    ids = save_coverage(store)
    story_id, _ = store.create_story("Storm")
    store.add_to_story(story_id, ids["storm"][:2])
    set_leaning(store, "Evening Star", "Lean Right")
    found = related_articles(store, story_id)
    assert found and found[0].id == ids["storm"][2]
    assert (found[0].outlet, found[0].published, found[0].leaning) == ("Evening Star", "2021-03-03", "lean right")
    assert not set(ids["budget"]) & {r.id for r in found[:1]}
    assert related_articles(store, store.create_story("Empty")[0]) == []


# ------------------------------------------------------------------ leanings


@pytest.mark.parametrize("text, leaning", [("Lean Left", "lean left"), ("lean-right", "lean right"),
                                           ("Centre", "center"), ("RIGHT", "right"), ("unknown", None)])
def test_leanings_are_read_as_people_write_them(text, leaning):
    assert parse_leaning(text) == leaning


def test_a_wrong_leaning_says_what_is_accepted():
    with pytest.raises(ValueError, match="lean left"):
        parse_leaning("very left")


def test_csv_import_sets_leanings_and_keeps_the_readers_edits(store, tmp_path):
    save_coverage(store)
    set_leaning(store, "The Courier", "center")
    path = tmp_path / "ratings.csv"
    path.write_text("News Source,Bias Rating\nDaily Planet,Left\nthe courier,Right\nElsewhere Times,Center\n",
                    encoding="utf-8")
    done, _ = import_csv(store, path)
    outlets = {o.name: o for o in store.outlets()}
    assert (outlets["Daily Planet"].leaning, outlets["Daily Planet"].origin) == ("left", "ratings.csv")
    assert (outlets["The Courier"].leaning, outlets["The Courier"].origin) == ("center", "reader")
    assert done.set == 1 and done.not_in_library == ("elsewhere times",)
    import_csv(store, path, overwrite_reader=True)
    assert store.outlet_by_name("The Courier").leaning == "right"


@pytest.mark.parametrize("content, message", [
    ("outlet,leaning\nDaily Planet,leftish\n", r"ratings\.csv:2: 'leftish' is not a leaning"),
    ("name;rating\nDaily Planet;Left\n;Right\n", r"ratings\.csv:3: the outlet name is empty"),
    ("title,url\nx,y\n", r"ratings\.csv:1: the header must name"),
    ("", r"ratings\.csv: the file is empty"),
])
def test_csv_import_errors_name_the_file_and_line(store, tmp_path, content, message):
    save_coverage(store)
    path = tmp_path / "ratings.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        import_csv(store, path)
    assert all(o.leaning is None for o in store.outlets())  # nothing half-done


def test_coverage_by_leaning_and_the_blindspot():
    assert coverage_from_leanings(["left", "lean left", "left", "left", "center"]).blindspot == "left"
    assert coverage_from_leanings(["right", "lean right", "lean right", None, None]).blindspot == "right"
    assert coverage_from_leanings(["left", "right", "center", "left"]).blindspot is None
    assert coverage_from_leanings(["left", "left"]).blindspot is None  # too few to say
    counts = coverage_from_leanings(["left", None, "center"]).counts
    assert list(counts) == ["left", "lean left", "center", "lean right", "right", "unknown"]
    assert (counts["left"], counts["center"], counts["unknown"]) == (1, 1, 1)


def test_coverage_of_a_story_reads_the_outlets_leanings(store):
    ids = save_coverage(store)
    for outlet in ("Daily Planet", "The Courier", "Evening Star"):
        set_leaning(store, outlet, "right")
    coverage = coverage_of(store, ids["storm"])
    assert coverage.counts["right"] == 3 and coverage.blindspot == "right"
    assert coverage.described == "3 right"


# ------------------------------------------------------------------ quality on real labelled coverage


def test_the_charlie_hebdo_week_is_split_into_its_events():
    """Pool 7 of tests/data/story_clusters.json (a tuning pool): the attack and the unity march."""
    corpus = require_shared(SHARED / "data" / "allsides-corpus" / "corpus.jsonl.xz")
    from pathlib import Path

    pool = json.loads((Path(__file__).parents[1] / "data" / "story_clusters.json").read_text())["pools"][6]
    wanted = set(pool["ids"])
    records = {}
    with lzma.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            if any(i in line[:40] for i in wanted):
                record = json.loads(line)
                if record["ID"] in wanted:
                    records[record["ID"]] = record
    articles = [StoryArticle(n, records[i]["title"], records[i]["content_original"], records[i]["date"])
                for n, i in enumerate(pool["ids"])]
    found = find_stories(articles)
    story_of = {pool["ids"][n]: c for c, s in enumerate(found) for n in s.article_ids}
    for event in pool["events"]:
        stories = [story_of.get(i) for i in event["ids"]]
        biggest = max(set(stories), key=stories.count)
        assert biggest is not None and stories.count(biggest) >= 0.7 * len(stories), event["label"]
    attack, march = (max(set(s := [story_of.get(i) for i in e["ids"]]), key=s.count) for e in pool["events"])
    assert attack != march


def test_parsed_articles_in_the_fixture_are_distinct():
    assert len({a[4] for a in COVERAGE}) == len(COVERAGE)
    assert ParsedArticle


def test_importing_files_places_new_articles_once_stories_were_found(store, tmp_path):
    from desktop.core.library.importing import import_paths

    ids = save_coverage(store, [r for r in COVERAGE if r[0] == "storm"][:2])
    first = tmp_path / "first.jsonl"
    first.write_text("", encoding="utf-8")
    report = import_paths(store, [first])  # no suggestions yet: nothing is placed
    assert not report.changes.touches("story_articles")
    suggest_stories(store)
    later = tmp_path / "later.jsonl"
    _, outlet, day, title, text = COVERAGE[2]
    later.write_text(json.dumps({"title": title, "source": outlet, "date": day, "content_original": text,
                                 "url": "https://later.example/storm"}) + "\n", encoding="utf-8")
    report = import_paths(store, [later])
    assert len(report.added) == 1
    [story] = [s for s in store.stories() if s.kind == "suggested"]
    assert set(story.article_ids) == set(ids["storm"]) | set(report.added)


# ------------------------------------------------------------------ big libraries: fewer reads, cancelling


def test_related_for_a_dated_story_leaves_undated_articles_out(store):
    ids = save_coverage(store)
    def undated(note):  # the storm's third article again, undated (and not the very same text)
        return [(event, outlet, None, title, f"{text} {note}") for event, outlet, _, title, text in COVERAGE[2:3]]

    copy = save_coverage(store, undated("Reprinted."), prefix="https://undated.example/")["storm"][0]
    story_id, _ = store.create_story("Storm")
    store.add_to_story(story_id, ids["storm"][:2])
    read = []
    rows = store.clustering_rows

    def spy(*args, **kwargs):
        found = rows(*args, **kwargs)
        read.extend(r[0] for r in found)
        return found

    store.clustering_rows = spy
    found = [r.id for r in related_articles(store, story_id)]
    assert found[0] == ids["storm"][2] and copy not in found and copy not in read
    # a story with no dates is compared with the undated articles, on text alone
    lone, _ = store.create_story("Undated")
    store.add_to_story(lone, [copy])
    other = save_coverage(store, undated("Syndicated."), prefix="https://undated-too.example/")["storm"][0]
    assert [r.id for r in related_articles(store, lone)] == [other]


def test_the_store_lists_the_latest_undated_articles(store):
    def save(name, published):
        return store.save_article(ParsedArticle(text=f"{name} report text.", origin=f"/{name}.txt",
                                                published=published))[1]

    first, _, second, _, third = (save("a", None), save("b", "2024-07-16"), save("c", ""), save("d", "2024-07-17"),
                                  save("e", None))
    assert store.latest_undated_article_ids(10) == [third, second, first]
    assert store.latest_undated_article_ids(2) == [third, second]
    assert store.latest_undated_article_ids(0) == []


@pytest.mark.parametrize("undated", [None, 0, 2])
def test_the_story_by_candidates_block_scores_pairs_as_a_full_run_does(undated):
    from dataclasses import replace

    from desktop.core.stories.clustering import pair_scores, score_pairs

    articles = plain()
    if undated is not None:  # few articles: a full run scores every undated pair too
        articles[undated] = replace(articles[undated], published=None)
    block = pair_scores(articles[:2], articles[2:])
    pairs = score_pairs(articles)
    expected = [pairs.get((i, j), 0.0) for i in range(2) for j in range(2, 6)]
    assert block.ravel().tolist() == pytest.approx(expected, abs=1e-6) and max(expected) > 0


def test_cancelling_stops_find_stories_early_and_saves_nothing(store, monkeypatch):
    from desktop.core.stories import clustering

    save_coverage(store)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    def never(*args, **kwargs):
        raise AssertionError("pairs were scored after the cancel")

    monkeypatch.setattr(clustering, "score_pairs", never)
    before = store.stories()
    assert find_stories(plain(), is_cancelled=cancelled) == [] and asked
    found, changes = suggest_stories(store, is_cancelled=cancelled)
    assert found == [] and not changes.tables and store.stories() == before
    monkeypatch.undo()
    assert find_stories(plain(), is_cancelled=lambda: False)  # not cancelled: as before
