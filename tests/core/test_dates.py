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
