"""similarity(a, b): the aligner's sentence score, its shipped model and its threshold."""

from __future__ import annotations

import itertools
import json
from importlib import resources
from pathlib import Path

import pytest

import desktop.core
from desktop.core.matching.similarity import FEATURE_NAMES, MATCH_THRESHOLD, features, normalise, similarity

MSRP = Path(__file__).resolve().parents[3] / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"
HELD_OUT = 500  # benchmarks/train_similarity.py fits the shipped model without these pairs

# The same claim in three outlets of the bundled story.
LAYOFFS = [
    "fewer than 50 workers in the US will be laid off",
    "it did say the decision affects less than 50 employees in the U.S.",
    "the measure will affect less than 50 of the company’s employees in the United States",
]
# Sentences of the same story that state other things.
OTHERS = [
    "Filip has 15 years of experience in technology journalism.",
    "Bitdefender has been at the forefront of technology and innovation for two decades, "
    "consistently achieving top marks and awards from independent testers.",
    "Chief executive Eugene Kaspersky was not sanctioned.",
    "The Russian biz, which last year reported global earnings of $721 million, says only around "
    "10% of its sales come from business in the US.",
    "Antivirus products, by their nature, typically have broad, if not complete, access to the "
    "devices they are installed on to identify malicious cyber threats.",
]


def test_public_from_desktop_core() -> None:
    assert desktop.core.similarity is similarity
    assert desktop.core.__all__ == ["similarity"]


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(LAYOFFS + OTHERS, 2)))
def test_symmetric_and_bounded(a: str, b: str) -> None:
    score = similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert similarity(b, a) == score
    assert features(a, b) == features(b, a)


@pytest.mark.parametrize("sentence", LAYOFFS + OTHERS)
def test_identical_sentences_score_high(sentence: str) -> None:
    assert similarity(sentence, sentence) >= 0.9


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(LAYOFFS, 2)))
def test_seed_paraphrases_match(a: str, b: str) -> None:
    assert similarity(a, b) >= MATCH_THRESHOLD


@pytest.mark.parametrize(("a", "b"), list(itertools.product(LAYOFFS, OTHERS)))
def test_unrelated_seed_sentences_do_not_match(a: str, b: str) -> None:
    assert similarity(a, b) < MATCH_THRESHOLD
    assert similarity(a, b) < 0.2


def test_unrelated_text_scores_low() -> None:
    assert similarity("The cat sat on the mat.", "Parliament approved the budget for 2025.") < 0.2


def test_different_numbers_lower_the_score() -> None:
    same = similarity(
        "Kaspersky will lay off 50 employees.", "Kaspersky is laying off 50 employees."
    )
    other = similarity(
        "Kaspersky will lay off 50 employees.", "Kaspersky is laying off 300 employees."
    )
    assert other < same
    dates = similarity("The ban takes effect on July 20.", "The ban takes effect on September 29.")
    assert dates < similarity(
        "The ban takes effect on July 20.", "The ban comes into effect on July 20."
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S. officials", "US officials"),
        ("United States officials", "US officials"),
        ("fewer than 50 workers", "less than 50 employees"),
        ("10 per cent", "10%"),
        ("1,000 closings", "1000 closes"),
    ],
)
def test_normalisation_equates_variants(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("is set to shut down its operations in the United States", "plans to exit the U.S. market"),
        ("will wind down operations in the US", "will cease operations in the US"),
        ("is pulling out of the country", "is withdrawing from the country"),
        ("banned from selling its software", "prohibited from selling its software"),
        ("no longer available for purchase", "no longer sold"),
        ("Lays Off All Employees", "layoffs of all employees"),
        ("is cutting 300 jobs", "300 layoffs"),
    ],
)
def test_one_news_event_told_in_other_words_reads_alike(a: str, b: str) -> None:
    assert set(normalise(a)) & set(normalise(b)) - {"it", "the", "no", "longer", "us_country", "of", "is"}


@pytest.mark.parametrize("text", ["Exit polls show a close race", "She left the room", "He sat down",
                                  "the cut in taxes", "They paid off the loan"])
def test_words_outside_those_events_stay_as_written(text: str) -> None:
    assert not {"pullout", "layoff", "ban"} & set(normalise(text))


def test_us_pronoun_is_not_the_country() -> None:
    assert normalise("they told us") != normalise("they told US")


@pytest.mark.parametrize(("a", "b"), [("", ""), ("", "Kaspersky"), ("...", "—"), ("  ", "\n")])
def test_empty_or_wordless_input_scores_zero(a: str, b: str) -> None:
    assert similarity(a, b) == 0.0


def test_shipped_weights_match_the_code() -> None:
    data = json.loads(
        resources.files("desktop.core.matching").joinpath("similarity_weights.json").read_text()
    )
    assert tuple(data["features"]) == FEATURE_NAMES
    assert len(data["weights"]) == len(FEATURE_NAMES)
    assert data["threshold"] == MATCH_THRESHOLD
    idf = json.loads(resources.files("desktop.core.matching").joinpath("idf.json").read_text())
    assert idf["documents"] > 1000 and len(idf["df"]) > 1000


def roc_auc(scores: list[float], labels: list[int]) -> float:
    """Probability that a random paraphrase outscores a random non-paraphrase (ties half)."""
    positives = [s for s, label in zip(scores, labels) if label == 1]
    negatives = [s for s, label in zip(scores, labels) if label == 0]
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def load_msrp() -> list[tuple[int, str, str]]:
    """Tab-separated lines, no CSV quoting; one line of the file holds two records."""
    pairs = []
    for line in MSRP.read_text(encoding="utf-8-sig").splitlines()[1:]:
        fields = line.split("\t")
        while len(fields) >= 5:
            label, _, _, first, second = fields[:5]
            rest = fields[5:]
            if len(rest) >= 4 and second[-1:] in ("0", "1"):
                rest, second = [second[-1], *rest], second[:-1]
            pairs.append((int(label), first, second))
            fields = rest
    return pairs


def test_auc_on_held_out_msrp_pairs() -> None:
    from tests.conftest import require_shared

    require_shared(MSRP)
    pairs = load_msrp()
    assert len(pairs) > 3000
    held = pairs[-HELD_OUT:]
    labels = [label for label, _, _ in held]
    scores = [similarity(a, b) for _, a, b in held]
    assert roc_auc(scores, labels) >= 0.78
    accuracy = sum(
        (s >= MATCH_THRESHOLD) == (label == 1) for s, label in zip(scores, labels)
    ) / len(held)
    assert accuracy > 0.70


def test_profile_similarity_is_similarity_bit_for_bit() -> None:
    from desktop.core.matching.similarity import profile, profile_similarity

    sentences = LAYOFFS + OTHERS + ["", "U.S. up 5% to $1,000", "1,000 workers didn’t quit"]
    for a, b in itertools.product(sentences, repeat=2):
        expected = similarity(a, b)
        assert profile_similarity(profile(a), profile(b)) == expected
        assert profile_similarity(profile(b), profile(a)) == expected
