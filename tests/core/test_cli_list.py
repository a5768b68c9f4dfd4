"""``parallax articles`` with the library list's filters and sorts."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.library import open_library
from tests.core.test_article_list import fill


@pytest.fixture
def filled(library_path):
    with open_library(library_path) as store:
        ids = fill(store, 60)
    return library_path, ids


def listed(capsys, library_path, *options) -> list[dict]:
    assert main(["articles", "--library", str(library_path), "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_articles_filters_and_sorts_like_the_library_list(capsys, filled):
    path, ids = filled
    everything = listed(capsys, path)
    assert len(everything) == 60 + 5  # and the bundled story's five
    bravo = listed(capsys, path, "--outlet", "Bravo Daily", "--sort", "date", "--desc")
    dates = [r["published"] for r in bravo if r["published"]]
    assert bravo and {r["source"] for r in bravo} == {"Bravo Daily"} and dates == sorted(dates, reverse=True)
    right = listed(capsys, path, "--leaning", "right", "--leaning", "left")
    assert {r["source"] for r in right} == {"Echo Times", "Alpha Post"}
    june = listed(capsys, path, "--since", "2020", "--until", "2020-12", "--sort", "words")
    assert june and all(r["published"].startswith("2020") for r in june)
    assert [r["word_count"] for r in june] == sorted(r["word_count"] for r in june)
    found = listed(capsys, path, "--find", "zeppelin", "--no-story")
    assert {r["id"] for r in found} == set(ids[3::11]) - set(ids[::5]) - set(ids[::7])
    in_story = listed(capsys, path, "--story", "Beta story", "--sort", "title")
    titles = [r["title"] for r in in_story if r["title"]]
    assert len(in_story) == 12 and titles == sorted(titles, key=str.lower)


def test_no_story_with_a_story_is_refused(capsys, filled):
    path, _ = filled
    with pytest.raises(SystemExit, match="do not go together"):
        main(["articles", "--library", str(path), "--story", "Beta story", "--no-story"])
