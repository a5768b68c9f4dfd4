"""NewsLexer / tokenize: typed tokens for dates, numbers, money, quotes and names."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.token import Literal, Name

from desktop.core.news_lexer import (
    DATE,
    MONEY,
    NAME,
    PERCENT,
    QUANTITY,
    QUOTE,
    TIME,
    NewsLexer,
    NewsToken,
    lex,
    tokenize,
)


def seed(prefix: str) -> str:
    corpus = resources.files("desktop.corpus")
    (name,) = [entry.name for entry in corpus.iterdir() if entry.name.startswith(prefix)]
    return corpus.joinpath(name).read_text(encoding="utf-8")


def kinds(text: str) -> list[tuple[str, str]]:
    return [(token.kind, token.text) for token in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("from July 20, it will wind down", "date", "July 20"),
        ("until Sept. 29, when the ban", "date", "Sept. 29"),
        ("After September 29, Kaspersky", "date", "September 29"),
        ("published September 29, 2024 by", "date", "September 29, 2024"),
        ("dated 2024-07-16 in", "date", "2024-07-16"),
        ("announced the ban in June following", "date", "June"),
        ("first reported the news on Monday, noting", "date", "Monday"),
        ("reported on 20 July 2024 that", "date", "20 July 2024"),
        ("which last year reported", "date", "last year"),
        ("at 10:30 a.m. on", "time", "10:30 a.m."),
        ("by 9 pm ET tonight", "time", "9 pm ET"),
        ("global earnings of $721 million, says", "money", "$721 million"),
        ("a fine of €5bn was", "money", "€5bn"),
        ("costs £3.2 million a year", "money", "£3.2 million"),
        ("only around 10% of its sales", "percent", "around 10%"),
        ("rose 10 percent in", "percent", "10 percent"),
        ("affecting fewer than 50 employees, with", "quantity", "fewer than 50 employees"),
        ("Filip has 15 years of experience", "quantity", "15 years"),
        ("offers 200 times fewer apps", "quantity", "200 times"),
        ("to reach 100,000 in", "quantity", "100,000"),
        ("will lay off dozens of employees and", "quantity", "dozens of employees"),
        ("Free 30-day trial", "quantity", "30-day"),
        ("for two decades, consistently", "quantity", "two decades"),
        ("As originally reported by Kim Zetter, citing", "name", "Kim Zetter"),
        ("In June, the U.S. Commerce Department issued", "name", "U.S. Commerce Department"),
        ("the Ministry of Commerce, Gina Raimondo, announced", "name", "Gina Raimondo"),
        ("the US Department of the Treasury imposed", "name", "US Department of the Treasury"),
        ("by Mr. John Smith and", "name", "Mr. John Smith"),
    ],
)
def test_fact_kinds(text: str, kind: str, value: str) -> None:
    assert (kind, value) in kinds(text)


def test_qualifier_belongs_to_the_number_and_the_year_needs_context() -> None:
    assert kinds("In 2017, the Trump administration banned it") == [
        ("date", "2017"),
        ("name", "Trump"),
    ]
    assert ("quantity", "2000 employees") in kinds("It has 2000 employees.")


def test_role_ends_a_name() -> None:
    facts = kinds("said U.S. Commerce Secretary Gina Raimondo during a call")
    assert ("name", "U.S. Commerce Secretary") in facts
    assert ("name", "Gina Raimondo") in facts


@pytest.mark.parametrize(
    "text",
    [
        "The company left.",
        "However, it stayed.",
        "In a statement, it said so.",
        "Additionally, the U.S. Treasury sanctioned executives.",
    ],
)
def test_sentence_initial_function_words_are_not_names(text: str) -> None:
    first_word = text.split()[0].strip(",")
    assert all(first_word not in token.text for token in tokenize(text) if token.kind == "name")


def test_quotations_span_their_marks_and_keep_inner_facts() -> None:
    text = (
        "it did say the decision affects “less than 50 employees in the U.S.” According to Zetter"
    )
    facts = kinds(text)
    assert facts[:3] == [
        ("quote", "“less than 50 employees in the U.S.”"),
        ("quantity", "less than 50 employees"),
        ("name", "U.S."),
    ]
    assert ("name", "Zetter") in facts


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('described it as "sad" and', '"sad"'),
        ("made the “sad and difficult decision” to", "“sad and difficult decision”"),
        ("«Kaspersky Lab will close,” the company said", "«Kaspersky Lab will close,”"),
        ("‘Gradually wind down’", "‘Gradually wind down’"),
        ("the ‘company’s final decision’ was", "‘company’s final decision’"),
    ],
)
def test_quotation_marks(text: str, quote: str) -> None:
    assert ("quote", quote) in kinds(text)


def test_unclosed_quotation_is_not_a_quote_and_never_runs_past_the_line() -> None:
    text = "«Kaspersky Lab will curtail its activities.\nThis was reported by The Register."
    assert [kind for kind, _ in kinds(text)].count("quote") == 0
    assert ("name", "Kaspersky Lab") in kinds(text)


def test_apostrophes_are_not_quotes() -> None:
    assert [kind for kind, _ in kinds("It’s Russia’s and the company’s call.")].count("quote") == 0


def test_every_character_is_covered_with_exact_offsets_on_crlf_text() -> None:
    text = "\r\nKaspersky Closes US Offices\r\n\r\nOn July 20, “fewer than 50 employees” left.\r\nThe end"
    runs = lex(text)
    assert "".join(run.text for run in runs) == text
    position = 0
    for run in runs:
        assert run.start == position and text[run.start : run.end] == run.text
        position = run.end
    assert position == len(text)
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
    assert ("date", "July 20") in kinds(text)
    assert ("quote", "“fewer than 50 employees”") in kinds(text)


@pytest.mark.parametrize("prefix", ["000_", "001_", "002_", "003_", "004_"])
def test_seeds_are_covered_exactly(prefix: str) -> None:
    text = seed(prefix)
    runs = lex(text)
    assert "".join(run.text for run in runs) == text
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
    assert all(run.kind != "error" for run in runs)


def test_seed_facts() -> None:
    facts = set(kinds(seed("001_")))
    assert {
        ("date", "July 16, 2024"),
        ("date", "July 20"),
        ("date", "Sept. 29"),
        ("money", "$721 million"),
        ("percent", "around 10%"),
        ("quantity", "less than 50 employees"),
        ("name", "Kim Zetter"),
    } <= facts
    facts = set(kinds(seed("004_")))
    assert {
        ("date", "September 29"),
        ("name", "Gina Raimondo"),
        ("name", "Evgeniy Kaspersky"),
    } <= facts


def test_lexer_keeps_text_as_given() -> None:
    text = "\nOn Monday, Kaspersky said.\r\nNo final newline"
    lexer = NewsLexer()
    assert "".join(value for _, _, value in lexer.get_tokens_unprocessed(text)) == text
    assert "".join(value for _, value in lexer.get_tokens(text)) == text.replace("\r\n", "\n")


def test_token_types_are_pygments_subtypes() -> None:
    assert DATE in Literal and TIME in DATE
    assert MONEY in Literal.Number and PERCENT in Literal.Number and QUANTITY in Literal.Number
    assert QUOTE in Literal.String and NAME in Name
    assert NewsToken(0, 1, "name", "K") == NewsToken(0, 1, "name", "K")


def test_registered_under_the_entry_point() -> None:
    lexer = get_lexer_by_name("parallax-news")
    assert isinstance(lexer, NewsLexer)
    html = highlight("On July 20, Kim Zetter said $721 million.", lexer, HtmlFormatter())
    assert "July 20" in html and "$721 million" in html


def test_pygmentize_command() -> None:
    pygmentize = Path(sys.executable).with_name("pygmentize")
    if not pygmentize.exists():
        pytest.skip("pygmentize is not installed beside this Python")
    article = resources.files("desktop.corpus").joinpath(
        next(
            e.name for e in resources.files("desktop.corpus").iterdir() if e.name.startswith("001_")
        )
    )
    result = subprocess.run(
        [str(pygmentize), "-l", "parallax-news", "-f", "html", str(article)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert "Kim Zetter" in result.stdout and "$721 million" in result.stdout
