"""How likely two sentences state the same thing: the score the aligner uses.

``similarity(a, b)`` is the probability, under a logistic regression, that ``a`` and ``b``
are paraphrases. The model reads lexical features that survive rewording:

* IDF-weighted cosine and coverage of normalised word stems (IDF from news text),
* word, word-bigram/trigram and character-trigram overlap,
* anchor agreement: numbers (a number in only one sentence, or different numbers in
  both, counts against), capitalised names, negation,
* length ratio and the weight of words found in one sentence only.

Normalisation maps "U.S." = "US" = "United States", "fewer" = "less", "workers" =
"employees", "per cent" = "%", spelled numbers to digits, "1,000" to "1000", and stems
words with the engine's one stemmer (:mod:`desktop.core.matching.stemming`: "closes" / "closing"
meet, "laid off" / "layoffs" stay apart).

The weights (``similarity_weights.json``) are fitted by ``benchmarks/train_similarity.py``
on the Microsoft Research Paraphrase corpus (MSRP) and the IDF table (``idf.json``) on a
sample of news articles; ``benchmarks/similarity_quality.py`` reports the cross-validated
figures. Inference is pure Python; per-sentence work is cached, so scoring one sentence
against many is cheap.

``MATCH_THRESHOLD``: a pair scoring at or above it is taken to state the same thing. It is
the cut that maximised accuracy under 10-fold cross-validation on MSRP, so about one pair
in four is misjudged on that corpus; the aligner may use a lower cut to propose
candidates and this one to link claims.
"""

from __future__ import annotations

import json
import math
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

from desktop.core.matching.meaning import packaged
from desktop.core.matching.stemming import stem

__all__ = [
    "FEATURE_NAMES",
    "MATCH_THRESHOLD",
    "SentenceProfile",
    "features",
    "normalise",
    "profile",
    "profile_similarity",
    "similarity",
    "weighted_terms",
]

#: Pairs scoring at or above this state the same thing (see the module docstring). Chosen by
#: benchmarks/train_similarity.py and stored with the weights; a test keeps the two equal.
MATCH_THRESHOLD = 0.454

FEATURE_NAMES: tuple[str, ...] = (
    "idf_cosine",
    "idf_cover_min",
    "idf_cover_max",
    "word_jaccard",
    "bigram_dice",
    "trigram_dice",
    "char_trigram_jaccard",
    "number_conflict",
    "number_one_side",
    "number_agree",
    "name_jaccard",
    "name_one_side",
    "negation_mismatch",
    "length_ratio",
    "log_length",
    "unshared_idf_max",
    "unshared_idf_min",
    "meaning_cosine",
    "meaning_residual",
)

# Phrases rewritten before tokenising: (substrings that must occur, pattern, replacement).
# The substring test skips most patterns for most sentences.
_PHRASES = tuple(
    (triggers, re.compile(pattern), replacement)
    for triggers, pattern, replacement in (
        (
            ("U", "United"),
            r"\bU\.\s?S\.(?:\s?A\.)?|\bUSA\b|\bUS\b|\bUnited States(?: of America)?\b",
            " U_S ",
        ),
        (("U", "Britain"), r"\bU\.\s?K\.|\bUK\b|\bUnited Kingdom\b|\bGreat Britain\b", " U_K "),
        (("U",), r"\bU\.\s?N\.|\bUN\b|\bUnited Nations\b", " U_N "),
        (("E",), r"\bE\.\s?U\.|\bEU\b|\bEuropean Union\b", " E_U "),
        (("%", "pct", "ercent", "er cent", "erCent", "er Cent"), r"%|\b[Pp]er ?[Cc]ent\b|\bpct\b",
         " percent "),
        # 1,000 -> 1000 (the digit is matched rather than looked behind for, so that the search
        # skips to digits; same result as "(?<=\d),(?=\d{3}\b)" -> "")
        ((",",), r"(\d),(?=\d{3}\b)", r"\1"),
        (("$",), r"\$", " dollar "),
        (("€",), r"€", " euro "),
        (("£",), r"£", " pound "),
        # one event told in other words (news wording, not one story's): a company leaving a
        # market or ending its work ("shut down its operations", "exit the U.S. market", "wind
        # down operations", "cease operations", "pull out of") is one word, "pullout"
        (("down", "Down", "exit", "Exit", "ceas", "Ceas", "cessation", "pull", "Pull", "withdr", "Withdr", "forced out",
          "curtail"),
         r"(?i)\b(?:(?:shut|shuts|shutting|wind|winds|winding|wound|close|closes|closed|closing)\s+down|"
         r"(?:exit|exits|exited|exiting|leave|leaves|leaving|left|quit|quits|quitting)(?=\s+(?:the|its|their)\s+"
         r"(?:[\w.]+\s+){0,2}(?:market|business|operations?|country))|"
         r"(?:cease|ceases|ceased|ceasing|cessation\s+of)(?=\s+(?:its\s+|their\s+|all\s+)?"
         r"(?:operations|business|activities))|"
         r"(?:pull|pulls|pulled|pulling)\s+out(?:\s+of)?|(?:withdraw|withdraws|withdrew|withdrawing|withdrawn)"
         r"(?=\s+from)|forced\s+out\s+of|(?:curtail|curtails|curtailed|curtailing)(?=\s+(?:its|their)\s+"
         r"(?:activities|operations|business)))\b",
         " pullout "),
        # a ban on selling: "banned the sale of", "prohibited from selling", "no longer be
        # available for purchase", "not be able to sell": the ban and the sale, each one word
        (("rohibit", "arred", "orbid", "utlaw"), r"(?i)\b(?:prohibit(?:s|ed|ing)?|barred|barring|"
         r"forbid(?:s|den)?|outlaw(?:s|ed|ing)?)\b", " ban "),
        (("urchas", "sale", "Sale", "sell", "Sell", "sold", "Sold"), r"(?i)\b(?:available\s+for\s+purchase|purchases?|purchasing|"
         r"sales?|selling|sells|sold)\b", " sell "),
        (("laid", "Laid", "lay", "Lay", "cut", "Cut", "liminat"), r"(?i)\b(?:laid\s+off|lay(?:s|ing)?\s+off|layoffs?|"
         r"(?:cut|cuts|cutting|eliminat(?:e|es|ed|ing))(?=\s+(?:[\w.-]+\s+){0,2}(?:jobs|positions|staff|workers)\b))\b",
         " layoff "),
        (("n't", "n’t"), r"n[’']t\b", " not "),
        (("'s", "’s"), r"[’']s\b", " "),
    )
)
_TOKEN_RE = re.compile(r"U_[SKN]|E_U|[^\W_]+(?:\.\d+)?")
# A capitalised word not opening the text or a sentence. (The checks follow the capital so
# that the search can skip to capitals: same matches as "(?<![.!?]\s)(?<!^)\b[A-Z][\w.-]*".)
_CAPITALISED_RE = re.compile(r"[A-Z](?<![.!?]\s[A-Z])(?<!^[A-Z])(?<!\w[A-Z])[\w.-]*")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")

_SYNONYMS = {
    "fewer": "less",
    "workers": "employees",
    "worker": "employee",
    "staffers": "employees",
    "jobs": "positions",
    "percentage": "percent",
    "mln": "million",
    "mn": "million",
    "bn": "billion",
    "bln": "billion",
    "u_s": "us_country",
    "america": "us_country",
    "american": "us_country",
    "u_k": "uk_country",
    "britain": "uk_country",
    "british": "uk_country",
    "u_n": "un_org",
    "e_u": "eu_org",
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
    "mr": "",
    "mrs": "",
    "ms": "",
    "said": "say",
    "says": "say",
    "told": "say",
    "stated": "say",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "twelve": "12",
    "twenty": "20",
    "hundred": "100",
    "thousand": "1000",
}

_NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nobody", "nothing", "neither"})


def normalise(text: str) -> list[str]:
    """Lower-case word stems of ``text`` after the synonym and number normalisations."""
    for triggers, pattern, replacement in _PHRASES:
        if any(map(text.__contains__, triggers)):
            text = pattern.sub(replacement, text)
    return [word for word in map(_normal_word, _TOKEN_RE.findall(text)) if word]


@lru_cache(maxsize=65536)
def _normal_word(raw: str) -> str:
    """One token as normalise() gives it: lower case, synonym, stem ("" to leave it out)."""
    word = raw.lower()
    word = _SYNONYMS.get(word, word)
    return stem(word) if word else ""


@dataclass(frozen=True)
class SentenceProfile:
    """What the features need from one sentence, computed once per sentence."""

    text: str
    words: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    trigrams: frozenset[tuple[str, str, str]]
    char_trigrams: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    negated: bool
    length: int
    weight: dict[str, float]
    total_weight: float
    norm: float
    meaning: object  # meaning.SentenceMeaning: the sentence's meaning vector


@lru_cache(maxsize=32768)
def _terms(sentence: str) -> tuple[tuple[str, ...], dict[str, float]]:
    """The sentence's normalised stems, and each distinct stem's IDF in news."""
    tokens = tuple(normalise(sentence))
    idf = _idf()
    default = idf.get("", 1.0)
    return tokens, {word: idf.get(word, default) for word in tokens}


@lru_cache(maxsize=16384)  # about 13 kB per sentence
def _profile(sentence: str) -> SentenceProfile:
    tokens, weight = _terms(sentence)
    words = frozenset(tokens)
    return SentenceProfile(
        text=sentence,
        words=words,
        bigrams=frozenset(zip(tokens, tokens[1:])),
        trigrams=frozenset(zip(tokens, tokens[1:], tokens[2:])),
        char_trigrams=frozenset(chain.from_iterable(map(_char_trigrams, words))),
        numbers=frozenset(map(_canonical_number, _NUMBER_RE.findall(" ".join(tokens)))),
        names=frozenset(map(_name_stem, _CAPITALISED_RE.findall(sentence))),
        negated=not _NEGATIONS.isdisjoint(words),
        length=len(tokens),
        weight=weight,
        total_weight=sum(weight.values()),
        norm=math.sqrt(sum([w * w for w in weight.values()])),
        meaning=packaged().profile(sentence),
    )


@lru_cache(maxsize=65536)
def _name_stem(word: str) -> str:
    """A capitalised word as the name features compare it."""
    lowered = word.lower()
    return stem(_SYNONYMS.get(lowered, lowered).strip("."))


def weighted_terms(sentence: str) -> dict[str, float]:
    """The sentence's normalised stems with their IDF weights (cached; shared with ``similarity``)."""
    return _terms(sentence)[1]


@lru_cache(maxsize=65536)
def _char_trigrams(word: str) -> frozenset[str]:
    """Character trigrams of a word with its boundaries: " em", "emp", ..., "ee "."""
    padded = f" {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def _canonical_number(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number.lstrip("0") or "0"


def features(a: str, b: str) -> tuple[float, ...]:
    """The feature vector of a sentence pair, in the order of :data:`FEATURE_NAMES`.

    Symmetric: ``features(a, b) == features(b, a)``.
    """
    if b < a:
        a, b = b, a
    return _features(_profile(a), _profile(b))


def similarity(a: str, b: str) -> float:
    """How likely ``a`` and ``b`` state the same thing, in [0, 1]; symmetric, deterministic.

    Compare with :data:`MATCH_THRESHOLD`. Input without any word scores 0.
    """
    if b < a:
        a, b = b, a
    return _similarity(_profile(a), _profile(b))


def profile(sentence: str) -> SentenceProfile:
    """What :func:`similarity` reads of one sentence (cached): for :func:`profile_similarity`
    when one sentence is scored against many."""
    return _profile(sentence)


def profile_similarity(a: SentenceProfile, b: SentenceProfile) -> float:
    """``similarity`` of two sentences given by their :func:`profile`: the same number, without
    looking the sentences up again."""
    if b.text < a.text:
        a, b = b, a
    return _similarity(a, b)


def _similarity(pa: SentenceProfile, pb: SentenceProfile) -> float:
    if not pa.length or not pb.length:
        return 0.0
    weights, bias = _model()
    z = bias + sum(map(operator.mul, weights, _features(pa, pb)))
    if z < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _features(pa: SentenceProfile, pb: SentenceProfile) -> tuple[float, ...]:
    # Called for every candidate pair: the Jaccard and Dice ratios inline, two-way min and
    # max as conditionals (each picks the first on a tie, as min() and max() do).
    words_a, words_b = pa.words, pb.words
    shared = words_a & words_b
    weight = pa.weight
    shared_weight = shared_square = 0.0
    for word in shared:
        w = weight[word]
        shared_weight += w
        shared_square += w * w
    total_a, total_b = pa.total_weight, pb.total_weight
    cover_a = shared_weight / total_a if total_a else 0.0
    cover_b = shared_weight / total_b if total_b else 0.0
    norms = pa.norm * pb.norm
    unshared_a = total_a - shared_weight
    unshared_b = total_b - shared_weight
    numbers_a, numbers_b = pa.numbers, pb.numbers
    both_numbers = bool(numbers_a) and bool(numbers_b)
    words = len(words_a) + len(words_b) - len(shared)
    length_a, length_b = pa.length, pb.length
    shorter = length_b if length_b < length_a else length_a
    longer = length_b if length_b > length_a else length_a
    bigrams_a, bigrams_b = pa.bigrams, pb.bigrams
    bigrams = len(bigrams_a) + len(bigrams_b)
    trigrams_a, trigrams_b = pa.trigrams, pb.trigrams
    trigrams = len(trigrams_a) + len(trigrams_b)
    chars_a, chars_b = pa.char_trigrams, pb.char_trigrams
    chars_shared = len(chars_a & chars_b)
    chars = len(chars_a) + len(chars_b) - chars_shared
    names_a, names_b = pa.names, pb.names
    names_shared = len(names_a & names_b)
    names = len(names_a) + len(names_b) - names_shared
    return (
        shared_square / norms if norms else 0.0,
        cover_b if cover_b < cover_a else cover_a,
        cover_b if cover_b > cover_a else cover_a,
        len(shared) / words if words else 0.0,
        2 * len(bigrams_a & bigrams_b) / bigrams if bigrams else 0.0,
        2 * len(trigrams_a & trigrams_b) / trigrams if trigrams else 0.0,
        chars_shared / chars if chars else 0.0,
        float(both_numbers and numbers_a != numbers_b),
        float(bool(numbers_a) != bool(numbers_b)),
        float(both_numbers and numbers_a == numbers_b),
        names_shared / names if names else 0.0,
        float(bool(names_a) != bool(names_b)),
        float(pa.negated != pb.negated),
        shorter / longer if longer else 1.0,
        math.log1p((length_a + length_b) / 2),
        math.log1p(unshared_b if unshared_b > unshared_a else unshared_a),
        math.log1p(unshared_b if unshared_b < unshared_a else unshared_a),
        *packaged().pair_features(pa.meaning, pb.meaning),
    )


@lru_cache(maxsize=1)
def _idf() -> dict[str, float]:
    """IDF per stem from ``idf.json``; key ``""`` holds the IDF of a stem never seen."""
    data = _load_json("idf.json")
    if data is None:
        return {}
    documents = data["documents"]
    idf = {word: math.log((documents + 1) / (df + 1)) + 1 for word, df in data["df"].items()}
    idf[""] = math.log((documents + 1) / (data["min_df"])) + 1
    return idf


@lru_cache(maxsize=1)
def _model() -> tuple[tuple[float, ...], float]:
    data = _load_json("similarity_weights.json")
    if data is None or tuple(data["features"]) != FEATURE_NAMES:
        raise RuntimeError(
            "similarity_weights.json is missing or stale: run benchmarks/train_similarity.py"
        )
    return tuple(float(w) for w in data["weights"]), float(data["bias"])


def _load_json(name: str) -> dict | None:
    try:
        text = resources.files("desktop.core.matching").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return json.loads(text)
