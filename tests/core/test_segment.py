"""segment_sentences / segment_clauses: boundaries in news text, offsets into the original."""

from __future__ import annotations

from importlib import resources

import pytest

from desktop.core.matching.segment import Sentence, segment_clauses, segment_sentences


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in segment_sentences(text)]


def seed(prefix: str) -> str:
    corpus = resources.files("desktop.corpus")
    (name,) = [entry.name for entry in corpus.iterdir() if entry.name.startswith(prefix)]
    return corpus.joinpath(name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Abbreviations that do not end a sentence.
        (
            "It is closing its U.S. business. The ban takes effect Sept. 29, officials said.",
            ["It is closing its U.S. business.", "The ban takes effect Sept. 29, officials said."],
        ),
        (
            "The U.S. Commerce Department issued a ban. It cited risks.",
            ["The U.S. Commerce Department issued a ban.", "It cited risks."],
        ),
        (
            "Mr. Smith met Dr. Jones and Gov. Newsom in Jan. 2024 at No. 3 Main St. in the U.K. "
            "They talked.",
            [
                "Mr. Smith met Dr. Jones and Gov. Newsom in Jan. 2024 at No. 3 Main St. in the U.K.",
                "They talked.",
            ],
        ),
        (
            "Acme Inc. Chief Executive J. R. R. Tolkien spoke.",
            ["Acme Inc. Chief Executive J. R. R. Tolkien spoke."],
        ),
        (
            "Shares of Acme Inc. rose. The market fell.",
            ["Shares of Acme Inc. rose.", "The market fell."],
        ),
        (
            "The call began at 10:30 a.m. The CEO spoke first.",
            ["The call began at 10:30 a.m.", "The CEO spoke first."],
        ),
        # Decimals, percentages and money never split.
        (
            "Revenue rose 3.5% to $1.5 billion. Profit fell 2.1 percent.",
            ["Revenue rose 3.5% to $1.5 billion.", "Profit fell 2.1 percent."],
        ),
        # A sentence ending inside a closing quote ends after the mark.
        (
            "“It is no longer viable,” Kaspersky said. “Users face new threats.” Then it closed.",
            [
                "“It is no longer viable,” Kaspersky said.",
                "“Users face new threats.”",
                "Then it closed.",
            ],
        ),
        (
            '"No," he said. "Why?" she asked. «Oui.» Ensuite.',
            ['"No," he said.', '"Why?" she asked.', "«Oui.»", "Ensuite."],
        ),
        ("‘Gradually wind down.’ Staff left.", ["‘Gradually wind down.’", "Staff left."]),
        # Question and exclamation marks, ellipses.
        (
            "Is it safe? Nobody knows! Wait... Then news came.",
            ["Is it safe?", "Nobody knows!", "Wait...", "Then news came."],
        ),
        ("He paused… Then he spoke.", ["He paused…", "Then he spoke."]),
        # Lowercase after a period does not start a sentence (e.g. an abbreviation we do not know).
        (
            "They met approx. once a week, e.g. on Mondays.",
            ["They met approx. once a week, e.g. on Mondays."],
        ),
        # Line breaks end segments, punctuation or not: headings, bylines.
        (
            "Kaspersky Closes US Offices\n\nFilip TRUȚĂ\nJuly 16, 2024\nThe company left.",
            ["Kaspersky Closes US Offices", "Filip TRUȚĂ", "July 16, 2024", "The company left."],
        ),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_slice_back_and_exclude_whitespace() -> None:
    text = "\n  First one.   Second one!\r\n\r\nHeading\t \r\nLast  "
    sentences = segment_sentences(text)
    assert [s.text for s in sentences] == ["First one.", "Second one!", "Heading", "Last"]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    assert sentences[0] == Sentence(3, 13, "First one.")


def test_sentence_is_a_frozen_dataclass() -> None:
    sentence = segment_sentences("One.")[0]
    with pytest.raises(AttributeError):
        sentence.start = 5  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n"])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert segment_sentences(text) == []


def test_paragraph_sentence_count() -> None:
    paragraph = (
        "Kaspersky announced it will “gradually wind down” its U.S. operations starting July 20, "
        "when the ban comes into effect. Independent journalist Kim Zetter first reported the news "
        "on Monday. Kaspersky spokesperson Sawyer VanHorn confirmed the company’s statement and the "
        "layoffs. VanHorn was also among those laid off."
    )
    assert len(segment_sentences(paragraph)) == 4


def test_seed_with_headings_and_quotes() -> None:
    text = seed("001_")
    sentences = texts(text)
    assert sentences[:4] == [
        "2 min read",
        "Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban",
        "Filip TRUȚĂ",
        "July 16, 2024",
    ]
    assert (
        "While it did not disclose exactly how many US workers it is laying off, it did say the "
        "decision affects “less than 50 employees in the U.S.”"
    ) in sentences
    assert "According to Zetter, those laid off are receiving severances." in sentences
    assert (
        "Kaspersky can still provide updates and technical support to US-based customers until "
        "Sept. 29, when the ban officially takes effect."
    ) in sentences
    assert (
        "“Individuals and businesses that utilize Kaspersky software are strongly encouraged to "
        "expeditiously transition to new vendors to limit exposure of personal or other sensitive "
        "data to malign actors due to a potential lack of cybersecurity coverage,” the BIS said in June."
    ) in sentences


def test_seed_us_abbreviations_do_not_split() -> None:
    text = seed("003_")
    sentences = texts(text)
    assert sentences[0] == (
        "Russian cybersecurity firm Kaspersky will lay off dozens of employees and exit the U.S. "
        "market following a U.S. government order banning the sale of its software, citing security risks."
    )
    assert (
        "“Russia has shown it has the capacity and intent to exploit Russian companies like Kaspersky "
        "to collect and weaponize the personal information of Americans,” U.S. Commerce Secretary "
        "Gina Raimondo said during a call with reporters."
    ) in sentences
    assert len(sentences) == 16


@pytest.mark.parametrize("prefix", ["000_", "001_", "002_", "003_", "004_"])
def test_seed_offsets_are_exact(prefix: str) -> None:
    text = seed(prefix)
    sentences = segment_sentences(text)
    assert sentences
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
    # Nothing but whitespace is left between sentences.
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert "".join(covered.split()) == "".join(text.split())


def test_clauses_split_at_semicolons_dashes_and_conjunctions() -> None:
    text = (
        "The ban takes effect on July 20; updates stop on Sept. 29. "
        "Kaspersky Labs Layoffs: The closure will result in job losses. "
        "The blockade – which Kaspersky disputes – was years in the making, but it came fast."
    )
    clauses = [clause.text for clause in segment_clauses(text)]
    assert clauses == [
        "The ban takes effect on July 20",
        "updates stop on Sept. 29.",
        "Kaspersky Labs Layoffs",
        "The closure will result in job losses.",
        "The blockade – which Kaspersky disputes",
        "was years in the making",
        "but it came fast.",
    ]
    for clause in segment_clauses(text):
        assert text[clause.start : clause.end] == clause.text


def test_short_pieces_stay_attached() -> None:
    assert [c.text for c in segment_clauses("He said: yes. At 10:30 the talks began.")] == [
        "He said: yes.",
        "At 10:30 the talks began.",
    ]
