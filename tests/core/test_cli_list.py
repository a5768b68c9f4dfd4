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


@pytest.mark.parametrize("bad, reason", [("2016-10-1", "write a year (2020)"), ("2019-6", "write a year"),
                                         ("2019-13", "no month 13"), ("2020-02-30", "has no day 30"),
                                         ("last week", "is not a date"), ("garbage", "is not a date"),
                                         ("9999", "from 0001 to 9998"), ("0000", "from 0001 to 9998"),
                                         ("２０２０", "write a year")])
def test_a_date_that_is_not_one_is_refused_not_compared_as_text(capsys, filled, bad, reason):
    path, _ = filled
    for option in ("--since", "--until"):
        with pytest.raises(SystemExit) as exited:
            main(["articles", "--library", str(path), option, bad])
        assert exited.value.code == 2 and reason in capsys.readouterr().err


def test_date_bounds_of_a_year_month_and_day():
    from desktop.core.library.dates import date_prefix, first_day, last_day

    assert [first_day(d) for d in ("2020", "2020-06", "2020-06-30")] == ["2020-01-01", "2020-06-01", "2020-06-30"]
    assert [last_day(d) for d in ("2020", "2020-02", "2019-02", "2020-06-30")] == [
        "2020-12-31", "2020-02-29", "2019-02-28", "2020-06-30"]
    assert date_prefix(" 2020-06 ") == "2020-06"
