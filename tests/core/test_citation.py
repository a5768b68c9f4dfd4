"""Copy as citation: a quote with its outlet, title, date and URL, as Markdown, plain text and HTML."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest

from desktop.core.models import Article
from desktop.core.notes.citation import (
    citation_date,
    citation_html,
    citation_markdown,
    citation_plain,
)


def article(**fields) -> Article:
    base = Article(id=1, title="Kaspersky Closes US Offices", source="Bitdefender", author="Filip Truta",
                   published="2024-07-16", url="https://www.bitdefender.com/blog/kaspersky", origin=None,
                   text="Kaspersky will leave the US market.", version=1, version_id=1, content_hash="x",
                   word_count=6)
    return replace(base, **fields)


def test_markdown_quote_then_outlet_title_date_and_url():
    text = citation_markdown(article(), "Kaspersky will leave the US market.")
    assert text == (
        "> Kaspersky will leave the US market.\n"
        "\n"
        '— Bitdefender, "Kaspersky Closes US Offices", 16 July 2024, '
        "<https://www.bitdefender.com/blog/kaspersky>\n"
    )


def test_every_line_of_a_multi_line_quote_stays_in_the_blockquote():
    quote = "\nFirst paragraph ends here.\r\n\r\nSecond one starts.\nAnd goes on.\n\n"
    lines = citation_markdown(article(), quote).split("\n")
    assert lines[:5] == ["> First paragraph ends here.", ">", "> Second one starts.", "> And goes on.", ""]
    assert lines[5].startswith("— Bitdefender")


def test_qt_paragraph_separators_become_lines():
    lines = citation_markdown(article(), "one\u2029two").split("\n")
    assert lines[:2] == ["> one", "> two"]


def test_missing_date_and_url_are_left_out():
    text = citation_markdown(article(published=None, url=None), "A quote.")
    assert text.endswith('\n— Bitdefender, "Kaspersky Closes US Offices"\n')
    assert ", ," not in text and "None" not in text


def test_unknown_outlet_and_title_use_the_names_shown_on_screen():
    untitled = article(source=None, title=None, text="Moscow-based Kaspersky said on Monday it would close.",
                       published=None, url=None)
    line = citation_markdown(untitled, "it would close").split("\n")[-2]
    assert line == f'— Unknown outlet, "{untitled.display_title}"'
    assert untitled.display_title.startswith("Moscow-based Kaspersky")


def test_a_url_with_spaces_or_angle_brackets_stays_one_autolink():
    text = citation_markdown(article(url="https://example.org/a b<c>"), "q")
    assert text.rstrip().endswith("<https://example.org/a%20b%3Cc%3E>")


@pytest.mark.parametrize("value, shown", [
    ("2024-07-16", "16 July 2024"),
    ("2024-07-06T09:30:00+00:00", "6 July 2024"),
    ("2024-12", "December 2024"),
    ("2024", "2024"),
    ("July 16, 2024", "July 16, 2024"),
    ("2024-13-01", "2024-13-01"),
    ("", ""),
    (None, ""),
])
def test_dates(value, shown):
    assert citation_date(value) == shown


def test_plain_text_puts_the_quote_in_quotation_marks_and_the_url_bare():
    text = citation_plain(article(), "  Kaspersky will leave.  ")
    assert text == ("“Kaspersky will leave.”\n"
                    '— Bitdefender, "Kaspersky Closes US Offices", 16 July 2024, '
                    "https://www.bitdefender.com/blog/kaspersky\n")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.links, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [value for name, value in attrs if name == "href"]

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_the_quote_and_links_the_title():
    parsed = _Text()
    parsed.feed(citation_html(article(title="R&D <cuts>"), "He said </script> & left.\n\nThen more."))
    assert parsed.tags[:3] == ["blockquote", "p", "p"]
    assert "".join(parsed.text).startswith("He said </script> & left.Then more.— Bitdefender, “R&D <cuts>”")
    assert parsed.links == ["https://www.bitdefender.com/blog/kaspersky"]
