"""parse_date: the date formats found in news metadata and text, and what it refuses."""

import pytest

from desktop.core.library.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-16", "2024-07-16"),
        ("2024-07-16T10:00:00Z", "2024-07-16"),
        ("2024-07-16T23:30:00-05:00", "2024-07-16"),  # the date as written, not converted to UTC
        ("2024-07-16T10:00:00.123+02:00", "2024-07-16"),
        ("2024-07-16 10:00", "2024-07-16"),
        ("2024/07/16", "2024-07-16"),
        ("  2024-07-16\n", "2024-07-16"),
        ("July 16, 2024", "2024-07-16"),
        ("July 16 2024", "2024-07-16"),
        ("Jul 16, 2024", "2024-07-16"),
        ("Sept. 29, 2024", "2024-09-29"),
        ("Sep 29, 2024", "2024-09-29"),
        ("JULY 16, 2024", "2024-07-16"),
        ("July 16th, 2024", "2024-07-16"),
        ("Tuesday, July 16, 2024", "2024-07-16"),
        ("July 16, 2024, 10:00 a.m. ET", "2024-07-16"),
        ("16 July 2024", "2024-07-16"),
        ("1st March 2024", "2024-03-01"),
        ("16th of July, 2024", "2024-07-16"),
        ("Tue, 16 Jul 2024 10:00:00 GMT", "2024-07-16"),
        ("Tue, 16 Jul 2024 10:00:00 +0000", "2024-07-16"),
        ("16 Jul 2024 10:00:00 -0400", "2024-07-16"),
        ("07/16/2024", "2024-07-16"),
        ("7/4/2024", "2024-07-04"),  # US order: July 4th
        ("16/07/2024", "2024-07-16"),  # only the day-first reading is a date
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_reads_date(value: str, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "nonsense",
        "yesterday",
        "2024",
        "July 2024",
        "2024-13-01",
        "2024-00-10",
        "2023-02-29",
        "Feb 30, 2024",
        "Foo 16, 2024",
        "13/13/2024",
        "16 Julember 2024",
        "Updated July 16, 2024",  # prose around a date is the caller's job
        "2024-07-16abc",
        "1234567",
    ],
)
def test_refuses_what_is_not_a_date(value: str) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize("value", ["0001-11-30", "0001-01-01T00:00:00Z", "9999-12-31", "1/2/0001"])
def test_a_placeholder_year_is_no_publication_date(value):
    from desktop.core.library.dates import publication_date, readable_date

    assert publication_date(value) is None and readable_date(value) is None
    assert readable_date("2024-07-16") == "2024-07-16" and readable_date(None) is None


def test_an_old_date_is_still_a_date_and_may_be_a_publication_date():
    from datetime import date, datetime

    from desktop.core.library.dates import publication_date
    from desktop.core.matching.dates import normalize_date

    assert parse_date("7/4/1776") == "1776-07-04" and normalize_date("1776-07-04") == "1776-07-04"
    assert publication_date("1787-10-27") == "1787-10-27"  # the Federalist Papers, say
    assert publication_date(date(2024, 7, 16)) == publication_date(datetime(2024, 7, 16, 10)) == "2024-07-16"
    assert publication_date(date(1, 11, 30)) is None  # YAML reads front matter dates as dates


def test_a_story_with_a_placeholder_date_compares_as_undated():
    """The AllSides data has articles dated "0001-11-30": comparing them crashed ("year 0 is out of range")."""
    from desktop.core.matching.compare import compare
    from tests.core.fact_labels import _article

    text = "In March, the company said it would cut jobs. Last month sales fell. On Monday, the firm said more."
    placeholder = compare([_article(1, text, "x", "A", "0001-11-30"), _article(2, text + " More.", "y", "B", "9999-12-31")])
    undated = compare([_article(1, text, "x", "A", None), _article(2, text + " More.", "y", "B", None)])
    assert [(e.date, e.display) for e in placeholder.timeline] == [(e.date, e.display) for e in undated.timeline]
    assert "Monday (date unknown: no publication date)" in [e.display for e in placeholder.timeline]


def test_imports_and_the_info_dialog_take_a_placeholder_date_for_none(tmp_path):
    from desktop.core.library.readers import read_file
    from desktop.core.library.store.article_edits import check_info

    page = tmp_path / "a.md"
    page.write_text("---\ntitle: Old\ndate: 0001-11-30\n---\nSome text of the article here.\n", encoding="utf-8")
    [article] = read_file(page)
    assert article.title == "Old" and article.published is None
    json_page = tmp_path / "b.json"
    json_page.write_text('{"title": "Old", "date": "0001-11-30", "content": "Some text of the article here."}',
                         encoding="utf-8")
    assert read_file(json_page)[0].published is None
    with pytest.raises(ValueError, match="no publication date"):
        check_info("published", "0001-11-30")
