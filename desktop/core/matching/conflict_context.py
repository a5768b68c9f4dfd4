"""What stands around a value, as the conflict finder reads it.

Per value: its clause and sentence (:class:`Clauses`), the words around it in its clause and
their weighted vectors (:class:`ContextVectors`: story IDF x news IDF x nearness), the
predicates near it read through one lemma table ("laid" = "lay" = "layoffs") with the nearest
verb as its head (:func:`predicates_near`), the people and organisations its clause names
(:class:`Subjects`), a hedge written before it ("at least"), whether it is announced, and whether
its sentence holds another value of its kind. A :class:`Candidate` gathers all of it for
:mod:`desktop.core.matching.conflicts`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.matching.conflict_values import ValueMention
from desktop.core.matching.counted_nouns import canonical_unit
from desktop.core.matching.quantities import quantity_interval
from desktop.core.matching.segment import segment_sentences
from desktop.core.matching.similarity import weighted_terms
from desktop.core.matching.value_roles import value_interval

__all__ = [
    "CONTEXT_WORDS",
    "PREDICATE_WORDS",
    "STOP_WORDS",
    "TALLY",
    "WHEN_AFTER",
    "WORD_RE",
    "Candidate",
    "Clauses",
    "ContextVectors",
    "Subjects",
    "context_term",
    "context_words",
    "crowded_values",
    "is_announced",
    "months_named",
    "own_verb",
    "own_verb_match",
    "places_by_sentence",
    "predicates_near",
    "tallies_named",
    "unshared_names",
    "value_bucket",
    "with_hedge",
]

CONTEXT_WORDS = 10  # words on each side of a value, within its clause, that say what it is about
PREDICATE_WORDS = 6  # words on each side of a value where its predicate is looked for
PREDICATE_MIN_IDF = 3.0  # "said", "will", "have" are no predicate
WORD_RE = re.compile(r"\w[\w’'.-]*")
WHEN_AFTER = re.compile(r"^[,\s]*(?:when|as|after)\s+(.+)$", re.I | re.S)
# irregular verbs and their nouns: one lemma for "laid", "lays", "layoffs"
_LEMMAS = {
    "laid": "lay", "layoff": "lay", "lai": "lay", "sale": "sell", "sold": "sell", "paid": "pay", "payment": "pay",
    "held": "hold", "won": "win", "lost": "lose", "loss": "lose", "fell": "fall", "fallen": "fall",
    "rose": "rise", "risen": "rise", "shot": "shoot", "struck": "strike", "took": "take", "taken": "take",
    "came": "come", "began": "begin", "begun": "begin", "left": "leave", "hurt": "injur", "wound": "injur",
    "injuri": "injur", "death": "die", "dead": "die", "kill": "die", "fire": "lay", "cut": "lay",
    "elimin": "lay", "dismiss": "lay", "hire": "hire", "vote": "vote", "elect": "elect", "ban": "ban",
    "prohibit": "ban", "bar": "ban", "effect": "effect", "effective": "effect", "start": "begin",
    "announc": "announc", "update": "updat", "grew": "grow", "grown": "grow", "growth": "grow",
    "gain": "add", "ad": "add", "creat": "add", "sank": "fall", "drop": "fall", "plung": "fall",
    "plummet": "fall", "tumbl": "fall", "declin": "fall", "clim": "rise", "jump": "rise", "surg": "rise",
}
_VERB_LEMMAS = frozenset(_LEMMAS.values())
_NOT_PREDICATES = frozenset({"point", "off", "up", "down", "out", "percentag", "total", "number", "some", "least",
                             "nearli", "about", "around", "than"})
_PARTICLES = frozenset({"off", "up", "down", "out", "away", "in"})
STOP_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their", "we", "our", "you", "your", "i", "me", "my", "not", "no", "so", "than", "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "will", "would", "could", "should", "can", "may", "might", "must", "do", "does", "did", "has", "have", "had", "also", "just", "about", "into", "over", "under", "after", "before", "more", "most", "such", "very", "said", "says", "say", "according", "told", "reported", "stated", "added", "percent", "per", "cent", "beginning", "starting", "effective"])


class Clauses:
    """Per article: the claim units (clauses, attribution cut off) and sentences, to find
    the clause around a value, and the aligned fact that clause belongs to."""

    def __init__(self, texts: Mapping[int, str], sentences: Mapping[int, Sequence] | None,
                 units: Mapping[int, Sequence] | None, facts: Mapping[tuple[int, int], int] | None):
        sentences = sentences or {}
        self._sentences = {a: _Spans([(s.start, s.end) for s in (sentences[a] if a in sentences else
                                                                 segment_sentences(t))]) for a, t in texts.items()}
        self._units = {a: _Spans(sorted((u.start, u.end) for u in (units or {}).get(a, ()))) for a in texts}
        self._facts = facts or {}

    def sentence(self, article: int, offset: int) -> tuple[int, int]:
        spans = self._sentences.get(article)
        found = spans.holding(offset, offset + 1) if spans else None
        return found or (offset, offset)

    def clause(self, article: int, start: int, end: int) -> tuple[int, int]:
        spans = self._units.get(article)
        found = spans.holding(start, end) if spans else None
        return found or self.sentence(article, start)

    def fact(self, article: int, bounds: tuple[int, int]) -> int | None:
        return self._facts.get((article, bounds[0]))


class _Spans:
    """Spans of one article, to find the first that holds an offset range: by bisection when they
    stand in order without overlapping (sentences and claim units do), else one by one."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _e in spans]
        self.ordered = all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))

    def holding(self, start: int, end: int) -> tuple[int, int] | None:
        """The first span with ``s <= start`` and ``end <= e``."""
        if self.ordered and end > start:  # then at most one holds: the last to start by ``start``
            at = bisect_right(self.starts, start) - 1
            if at >= 0 and self.spans[at][1] >= end:
                return self.spans[at]
            return None
        return next(((s, e) for s, e in self.spans if s <= start and end <= e), None)


def context_words(text: str, bounds: tuple[int, int], start: int, end: int) -> list[tuple[str, int]]:
    """(word, distance in words from the value) for the words around a value in its clause."""
    before = WORD_RE.findall(text[bounds[0]:start])[-CONTEXT_WORDS:]
    after = WORD_RE.findall(text[end:bounds[1]])[:CONTEXT_WORDS]
    return [(w, len(before) - i) for i, w in enumerate(before)] + [(w, i + 1) for i, w in enumerate(after)]


@lru_cache(maxsize=65536)
def context_term(word: str) -> tuple[str, float] | None:
    """One context word as sentence similarity indexes it and its IDF in news; None for a
    word that leaves no term."""
    weights = weighted_terms(word)
    if not weights:
        return None
    stem = next(iter(weights))
    return _LEMMAS.get(stem, stem), weights[stem]


def _sparse_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum([v * b[w] for w, v in a.items() if w in b], 0.0)


class ContextVectors:
    """Context stems weighted by IDF among the contexts x IDF in news x nearness to the value."""

    def __init__(self, contexts: Sequence[list[tuple[str, int]]]):
        stemmed = [[(context_term(word), d) for word, d in c] for c in contexts]
        stemmed = [[(ws[0], ws[1], d) for ws, d in c if ws] for c in stemmed]
        df = Counter(stem for c in stemmed for stem in {s for s, _, _ in c})
        n = max(len(contexts), 1)
        story_idf = {stem: math.log((n + 1) / count) for stem, count in df.items()}
        self.vectors = []
        for c in stemmed:
            vector: dict[str, float] = defaultdict(float)
            for stem, general, distance in c:
                vector[stem] += story_idf[stem] * general / (1 + distance / 4)
            norm = math.sqrt(sum([v * v for v in vector.values()])) or 1.0
            self.vectors.append({w: v / norm for w, v in vector.items()})

    def cosine(self, i: int, j: int) -> float:
        return _sparse_cosine(self.vectors[i], self.vectors[j])


_ANNOUNCING = frozenset({"announc", "issu", "unveil", "declar", "publish", "releas", "disclos", "reveal",
                         "impos", "sign", "introduc", "propos", "pass"})
_HEDGES = (r"at least|more than|over|nearly|nearing|approaching|almost|about|around|roughly|some|up to|fewer than|"
           r"less than|just under|just over|as many as|approximately")
_HEDGE_BEFORE = re.compile(rf"(?:\b(?:{_HEDGES})\s+)$", re.I)
_QUALIFIED = re.compile(rf"(?:{_HEDGES}|at most|under)\s", re.I)  # a value that opens on its own bound


def with_hedge(text: str, v: ValueMention) -> ValueMention:
    """The value with the hedge written before it ("at least" + "20 people"), its interval
    widened accordingly."""
    if v.kind == "date" or _QUALIFIED.match(v.text):
        return v  # "data about more than 3,000 Americans": the value has its bound, "about" is no hedge
    hedge = _HEDGE_BEFORE.search(text, max(0, v.start - 20), v.start)
    if not hedge or hedge.end() != v.start:
        return v
    start = hedge.start()
    surface = text[start:v.end]
    interval = value_interval(surface, v.kind, v.value)
    counted = quantity_interval(surface) if interval is None and v.kind == "number" else None
    if counted is not None and math.isfinite(counted.low):  # "nearly" + "a dozen governors": as one reads it
        interval = (counted.low, counted.high)
    elif interval is None and v.low is not None and v.low.is_integer() and v.high == v.low + 1:
        # a count in words ("at least two men"): the hedge read as if the count were digits
        interval = value_interval(f"{hedge.group().strip()} {int(v.low)}", v.kind, v.value)
    low, high = interval if interval else (v.low, v.high)
    return ValueMention(v.article, start, v.end, surface, v.kind, v.value, v.key + "~" + hedge.group().strip().lower(),
                        v.unit, low, high, v.entity_type, v.first, v.last)


def crowded_values(values: Sequence[ValueMention], clauses: Clauses) -> set[tuple[int, int]]:
    """(article, end) of values whose sentence holds another value of the same kind and unit."""
    by_sentence: dict[tuple, list[ValueMention]] = defaultdict(list)
    for v in values:
        by_sentence[(v.article, clauses.sentence(v.article, v.start), value_bucket(v))].append(v)
    out = set()
    for members in by_sentence.values():
        if len({m.key for m in members}) > 1:
            out |= {(m.article, m.end) for m in members}
    return out


def is_announced(context: list[tuple[str, int]]) -> bool:
    return any(d <= PREDICATE_WORDS and (context_term(w) or ("",))[0] in _ANNOUNCING for w, d in context)


class Subjects:
    """The people, organisations and names of each article by offset (places left out)."""

    def __init__(self, values: Sequence[ValueMention]):
        self._by_article: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for v in values:
            if v.kind == "entity" and v.entity_type != "place":
                self._by_article[v.article].append((v.start, v.key))
        for found in self._by_article.values():
            found.sort()
        articles = Counter(key for found in self._by_article.values() for key in {k for _s, k in found})
        total = len({v.article for v in values})
        # names nearly every article uses (the story's own subject) tell no sentences apart
        self.ubiquitous = frozenset(k for k, n in articles.items() if total >= 2 and n >= max(2, 0.75 * total))

    def within(self, article: int, bounds: tuple[int, int]) -> frozenset[str]:
        found = self._by_article.get(article, ())
        first = bisect_left(found, (bounds[0], ""))
        keys = set()
        for start, key in found[first:]:
            if start >= bounds[1]:
                break
            keys.add(key)
        return frozenset(keys)


_AUXILIARIES = frozenset(["will", "would", "to", "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "can", "could", "may", "might", "did", "does", "do", "not", "shall", "should", "must"])
_VERB_FORMS = frozenset(["lay", "lays", "laid", "take", "takes", "took", "taken", "come", "comes", "came", "go", "goes", "went", "fell", "falls", "fall", "rose", "rises", "rise", "sold", "sells", "sell", "paid", "pays", "pay", "hit", "hits", "cut", "cuts", "hold", "holds", "held", "win", "wins", "won", "lose", "loses", "lost", "leave", "leaves", "left", "shot", "struck", "die", "dies", "kill", "kills"])


def predicates_near(context: list[tuple[str, int]], unit: str | None) -> tuple[frozenset[str], str | None]:
    """The lemmas near a value that can say what happens to it (verbs and event nouns), and the
    nearest of them that reads as a verb ("laid", "takes", "will lay"): its head."""
    found = set()
    previous = {}
    for index, (_word, distance) in enumerate(context):
        previous[index] = context[index - 1][0].lower() if index and context[index - 1][1] in (distance - 1,
                                                                                              distance + 1) else ""
    head, nearest = None, PREDICATE_WORDS + 1
    for index, (word, distance) in enumerate(context):
        if distance > PREDICATE_WORDS or word.lower() in STOP_WORDS or word[:1].isdigit():
            continue
        term = context_term(word)
        if word[:1].isupper() and (term is None or term[0] not in _VERB_LEMMAS):
            continue  # a name, unless a title-case verb ("Lays Off All Employees")
        if term is None or term[1] < PREDICATE_MIN_IDF:
            continue
        if (unit is not None and canonical_unit(word) == unit) or term[0] in _NOT_PREDICATES:
            continue
        lemma = term[0]
        following = context[index + 1][0].lower().rstrip(".") if index + 1 < len(context) else ""
        if lemma in ("take", "come", "go", "enter") and following in ("effect", "into", "force"):
            lemma = "effect"  # "takes effect" = "comes into effect"
        found.add(lemma)
        lowered = word.lower()
        if (lowered.endswith(("ed", "ing")) or lowered in _VERB_FORMS or previous[index] in _AUXILIARIES) \
                and distance < nearest:
            head, nearest = lemma, distance
    return frozenset(found), head


# a count the subject of its own verb: "six people, including a police officer, were injured",
# "Twelve people were hurt", "nine people died"
_OWN_VERB = re.compile(r"(?:\s+[a-z][\w’'-]*){0,2}?(?:\s*,[^,.;:]{1,60},)?\s+(?:(?:were|was|are|is|have\s+been|has\s+been|"
                       r"had\s+been|been)\s+(?:\w+ly\s+)?(?:(?:reported|said|believed|confirmed|feared|known|thought)\s+"
                       r"(?:to\s+(?:have\s+been|be)\s+)?)?(?P<passive>[a-z]+(?:ed|en)|hurt|shot|struck|held|laid|left|cut|hit|"
                       r"sold|paid|won|lost)|(?P<active>died|die|dies))(?:\s+(?P<particle>off|up|out|away))?\b")


def own_verb_match(text: str, end: int, limit: int) -> re.Match | None:
    """The verb a count ending at ``end`` is the subject of, right after it (across an aside between
    commas, past the clause's end up to ``limit``): its ``passive`` participle or ``active`` form, and
    a ``particle`` ("were laid off")."""
    return _OWN_VERB.match(text, end, limit)


def own_verb(text: str, end: int, limit: int) -> str | None:
    """The lemma of the verb a count is the subject of, when it has one right after it (across an aside
    between commas): "six people, including a police officer, were injured" is a count of the injured,
    whatever verb stands before it ("A woman was killed and six people ... were injured")."""
    match = own_verb_match(text, end, limit)
    if not match:
        return None
    term = context_term(match.group("passive") or match.group("active"))
    return term[0] if term else None


_MONTH_OR_QUARTER = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                               r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:first|second|third|fourth)"
                               r"\s+quarter)\b\.?", re.I)


# a tally or score: "183-233", "49 to 47", "245-to-189" (conflicts.py reads the one a value is a side of)
TALLY = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})*)\s?(?:-|–|—|\sto\s)\s?(?:to\s?(?:-|–|—)\s?)?(\d{1,3}(?:,\d{3})*)"
                   r"(?![\d,]\d)")
_VOTE_WORD = re.compile(r"\bvot(?:e|es|ed|ing)\b", re.I)


def tallies_named(text: str, sentence: tuple[int, int], value: ValueMention) -> frozenset[tuple[int, int]]:
    """The vote tallies a sentence about a vote names ("in the 244-185 vote", "voted 245-to-189"),
    each as (larger, smaller), the value's own figure left out: two counts told of two different
    tallies are of two votes ("five Democrats joined the GOP in the 244-185 vote" / "voted 245-to-189,
    with three Democrats joining in")."""
    lo, hi = sentence
    if not _VOTE_WORD.search(text, lo, hi):
        return frozenset()
    found = set()
    for match in TALLY.finditer(text, lo, hi):
        if value.start <= match.start() < value.end:
            continue
        a, b = (int(n.replace(",", "")) for n in match.group(1, 2))
        found.add((max(a, b), min(a, b)))
    return frozenset(found)


def months_named(text: str, bounds: tuple[int, int], value: ValueMention) -> frozenset[str]:
    """The months and quarters a clause names, besides the value itself ("jobs added in March", "the third
    quarter's 3.5 percent gain"): figures of different months are of different reports. "May" counts only
    with a capital, as a month."""
    found = set()
    for match in _MONTH_OR_QUARTER.finditer(text, bounds[0], bounds[1]):
        if value.start <= match.start() < value.end or (match.group().lower() == "may" and match.group() != "May"):
            continue
        found.add(match.group().lower().rstrip(".")[:3] if "quarter" not in match.group().lower()
                  else " ".join(match.group().lower().split()))
    return frozenset(found)


def value_bucket(v: ValueMention) -> tuple:
    """Values are compared only inside one bucket: one kind, and one unit, currency or percent sort."""
    if v.kind == "number":
        return (v.kind, v.unit)
    if v.kind == "money":
        return (v.kind, v.value.split()[0])
    if v.kind == "percent":
        return (v.kind, v.key.endswith("pp"))
    return (v.kind,)


@dataclass
class Candidate:
    """A value that may take part in a conflict, with what its context says about it."""

    value: ValueMention
    bounds: tuple[int, int]  # its clause
    fact: int | None  # the aligned fact of its clause
    predicates: frozenset[str]
    times: frozenset[str]
    names: frozenset[str]  # people and organisations named in its sentence that only its article names
    subjects: frozenset[str]  # people, organisations and names in its clause
    head: str | None  # the nearest predicate that reads as a verb
    announced: bool  # the value is when or what something was announced, said or reported
    crowded: bool = False  # its sentence gives another value of its kind ("Cruz 48% to Trump's 35%")
    places: frozenset[str] = frozenset()  # the places its sentence names ("in Boston", "Atlanta police")
    own: str | None = None  # the verb a count is the subject of ("six people ... were injured"): :func:`own_verb`
    months: frozenset[str] = frozenset()  # the months (and quarters) its clause names besides the value itself
    tallies: frozenset[tuple[int, int]] = frozenset()  # the vote tallies its sentence names ("244-185"): which vote


def unshared_names(values: Sequence[ValueMention], clauses: Clauses) -> dict:
    """Per sentence, the people and organisations it names that only its own article names:
    a sentence naming "Salesforce" in a story about Kaspersky is about something else."""
    entities = [v for v in values if v.kind == "entity" and v.entity_type != "place"]
    articles_of: dict[str, set[int]] = defaultdict(set)
    for e in entities:
        articles_of[e.key].add(e.article)
    names: dict[tuple[int, tuple[int, int]], frozenset[str]] = defaultdict(frozenset)
    for e in entities:
        if len(articles_of[e.key]) == 1:
            where = (e.article, clauses.sentence(e.article, e.start))
            names[where] = names[where] | {e.key}
    return names


def places_by_sentence(values: Sequence[ValueMention], clauses: Clauses) -> dict:
    """Per sentence, the places it names: "15 people were arrested in Boston" and "21 people
    were arrested in Atlanta" count arrests in two cities."""
    places: dict[tuple[int, tuple[int, int]], frozenset[str]] = defaultdict(frozenset)
    for v in values:
        if v.kind == "entity" and v.entity_type == "place":
            where = (v.article, clauses.sentence(v.article, v.start))
            places[where] = places[where] | {v.key}
    return places
