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

from desktop.core.matching.news_lexer import (
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


# The fast lexer: the same token stream as Pygments' rule-by-rule RegexLexer ------------------

TRICKY_TEXTS = [
    "",
    " ",
    "\n\n\n",
    "Prices rose 3.5% to $1,200.50 on Sept. 29, 2024, or €5bn, £3.2 million, ¥100, ₹2,000 and US$40.",
    "fewer than 50 employees, about 300 workers, dozens of staff, 2,000-3,000 people, 1/2 of them, a "
    "20-foot-high wall, 15 years, 200 times, two decades, twenty-five people, No. 2 leader, one in ten.",
    "12/31/2023, 2024-07-16, 07/04/76, the 1990s, in 2017, mid-2020, the 2020 election, 2021 percent, "
    "the 1st, 2nd and 4th of July, 5 May 2020, on Monday, June 3rd, last year, earlier this month.",
    "At 10:30 a.m. ET, 9 pm, 14:05 GMT and 7 p.m. tonight; 6.15 p.m. or 23:59:59.",
    "“He said ‘no’ twice,” she said. \"Plain quotes\" and « guillemets » and „German“ marks.",
    "An open “quote with no end on this line\nand a closing mark” on the next one.",
    'A stray " mark, a ‘single one, it’s Russia’s and O\'Brien\'s, ’90s and rock ’n’ roll.',
    "Visit https://example.com/path?q=1&x=2#frag or www.news.org/2024/07/20/story.html, mail a@b.co.",
    "Zürich, São Paulo, Łódź, Ærøskøbing, Ελληνικά 12%, Русский текст 2024 года, 中文 50 人, 🚀 on Monday 👍",
    "U.S. Commerce Secretary Gina Raimondo said Mr. O'Brien and J. R. R. Tolkien met in St. Louis, "
    "U.S.-based Salesforce and the Bureau of Industry and Security (BIS).",
    "KASPERSKY LAB SHUTS DOWN US OPERATIONS AFTER BAN\nGovernment Concerns Prompt Exit",
    "Windows\r\nline endings “quote\r\nand\rold Mac\r”ends",
    "x" * 3000 + " 5 " + "“" * 50 + "”",
    "\t\tTabs\tand  double  spaces\u00a0non-breaking\u2009thin 1\u00a0000 people",
]


def _corpus_texts() -> list[str]:
    corpus = resources.files("desktop.corpus")
    return [e.read_text(encoding="utf-8") for e in sorted(corpus.iterdir(), key=lambda e: e.name)
            if e.name.endswith(".txt")]


@pytest.mark.parametrize("text", _corpus_texts() + TRICKY_TEXTS)
def test_token_stream_equals_pygments_rule_by_rule(text: str) -> None:
    from pygments.lexer import RegexLexer

    assert NewsLexer.get_tokens_unprocessed is not RegexLexer.get_tokens_unprocessed
    lexer = NewsLexer()
    reference = list(RegexLexer.get_tokens_unprocessed(lexer, text))
    assert list(lexer.get_tokens_unprocessed(text)) == reference
    for stack in (("root", "double"), ("root", "single")):  # starting inside a quotation
        assert list(lexer.get_tokens_unprocessed(text, stack)) == list(
            RegexLexer.get_tokens_unprocessed(lexer, text, stack)
        )


def test_token_stream_holds_typed_tokens_through_get_tokens() -> None:
    text = TRICKY_TEXTS[3] + " " + TRICKY_TEXTS[7]
    types = {token_type for token_type, _value in NewsLexer().get_tokens(text)}
    assert {MONEY, PERCENT, DATE, QUOTE.Open, QUOTE.Close, QUOTE} <= types


def test_first_character_classes_admit_every_match_start() -> None:
    """Each rule's first-character class (what lets the fast lexer skip it) admits the first
    character of every match of that rule, wherever in the texts the rule is tried."""
    from desktop.core.matching.news_lexer import _first_chars

    lexer = NewsLexer()
    texts = _corpus_texts() + TRICKY_TEXTS
    checked = 0
    for state, rules in lexer._tokens.items():
        for rule in rules:
            pattern = rule[0].__self__
            first = _first_chars(pattern)
            if first is None:
                continue
            for text in texts:
                for position in range(len(text)):
                    found = pattern.match(text, position)
                    if found is not None:  # (an empty match too: "(?=[\r\n])" needs a line break)
                        assert first.match(text[position]), (state, pattern.pattern[:60], text[position])
                        checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    ("pattern", "admits", "rejects"),
    [
        (r"(?<!\w)\d{4}-\d\d", "0123456789", "a-X ”"),
        (r"(?![A-Z])[^\W\d_]+|The|A", "abzéTA", "BZ1_ -"),
        (r"[“«„](?=[^\n]{0,10}[”»])", "“«„", "\"a "),
        (r"(?:fewer than |about )?\d+", "fa0", "Fb -"),
        (r"\b(?:[Ii]n|[Ss]ince)[ -]\d", "IiSs", "aT1"),
        (r"(?=[\r\n])", "\r\n", "a \t"),
    ],
)
def test_first_character_classes(pattern: str, admits: str, rejects: str) -> None:
    import re

    from desktop.core.matching.news_lexer import _first_chars

    first = _first_chars(re.compile(pattern))
    assert first is not None
    assert all(first.match(char) for char in admits)
    assert not any(first.match(char) for char in rejects)


@pytest.mark.parametrize("pattern", [r".", r"a*", r"(?i)the", r"(?:x|)y?", r"(?<=a)"])
def test_first_character_class_is_none_when_any_start_is_possible(pattern: str) -> None:
    import re

    from desktop.core.matching.news_lexer import _first_chars

    assert _first_chars(re.compile(pattern)) is None
