"""Conflicts: the same fact given incompatible values by different articles.

Values are compared only where the claims are the same:

1. **Between mentions of one fact**: both values sit in claim units of one aligned fact
   (a :class:`~desktop.core.matching.align.Claim` of two or more articles), or
2. **between claims with the same subject and predicate**: the clauses around the values share
   a predicate word (a verb or event noun such as "laid off", "ban", "effect", read through one
   lemma table: "laid" = "lay" = "layoffs"), their contexts agree (the story-weighted cosine of
   the words around each value clears ``SLOT_THRESHOLD``), they name no different people or
   organisations, and they speak of no different moments ("around midnight" / "Wednesday
   morning").

A value is never compared when it is a forecast, an expectation, a comparison baseline, a
historical figure or a period (:mod:`desktop.core.matching.value_roles`), and durations are
compared only inside one fact. Relative dates ("Monday", "this week") are read against the
article's publication date (:mod:`desktop.core.matching.relative_dates`); without one they are
never compared.

Slots are built by complete linkage: a value joins a slot only when it may be compared with
every value of it, so a slot never chains across unrelated claims (at 200 articles no slot grows
beyond the articles that share the claim). A slot is a conflict when two articles' values
disagree: disjoint values are a ``contradiction`` ("July 20" / "Sept. 29"), overlapping ones a
difference in ``precision`` ("dozens" / "fewer than 50", "all" / "fewer than 50"); a value that
refines another ("June" / "June 12", "at least 15" / "18") is no conflict.

Each conflict is labelled in words: the slot ("Employees laid off", "Ban takes effect") and its
values as the outlets wrote them with the articles giving each ("fewer than 50 (A2, A3, A5)").
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.matching.comparison import CONTRADICTION, PRECISION, Conflict
from desktop.core.matching.conflict_values import (
    ValueMention,
    conflict_label,
    disagreement,
    letters_order,
    make_conflict,
    written_value,
)
from desktop.core.matching.counted_nouns import canonical_unit
from desktop.core.matching.segment import segment_sentences
from desktop.core.matching.similarity import weighted_terms
from desktop.core.matching.value_roles import time_marks, value_interval, value_role

__all__ = ["ValueMention", "conflict_label", "disagreement", "find_conflicts", "written_value"]

CONTEXT_WORDS = 10  # words on each side of a value, within its clause, that say what it is about
PREDICATE_WORDS = 6  # words on each side of a value where its predicate is looked for
SLOT_THRESHOLD = 0.2
UNNAMED_THRESHOLD = 0.3
UNIT_THRESHOLD = 0.08  # counts of one unit ("employees") with one predicate usually share a slot
FACT_THRESHOLD = 0.05  # two values of one aligned fact need only a trace of shared context...
FACT_ALONE = 0.25  # ... with a shared predicate, or this much without
PREDICATE_MIN_IDF = 3.0  # "said", "will", "have" are no predicate
VALUE_KINDS = ("date", "number", "money", "percent")
DURATIONS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade"})
_WORD_RE = re.compile(r"\w[\w’'.-]*")
# who reported the news: "(first) reported by X", "X first reported", "X reported the news"; never
# a trailing "..., Fox News reported." (that cites a source for one detail)
_REPORTED_BY = re.compile(
    r"(?:(?:first|originally|initially)\s+)?reported\s+by\s+(?:the\s+)?$|(?:first|originally)\s+reported\s*$",
    re.I)
_REPORTER_BEFORE = re.compile(r"^\s*(?:,[^,]{0,60},\s*)?(?:(?:first|originally|initially)\s+reported|"
                              r"reported\s+the\s+(?:news|story)|broke\s+the\s+(?:news|story)|"
                              r"was\s+the\s+first\s+to\s+report)\b", re.I)

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
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their", "we", "our", "you", "your", "i", "me", "my", "not", "no", "so", "than", "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "will", "would", "could", "should", "can", "may", "might", "must", "do", "does", "did", "has", "have", "had", "also", "just", "about", "into", "over", "under", "after", "before", "more", "most", "such", "very", "said", "says", "say", "according", "told", "reported", "stated", "added", "percent", "per", "cent", "beginning", "starting", "effective"])


class _Clauses:
    """Per article: the claim units (clauses, attribution cut off) and sentences, to find
    the clause around a value, and the aligned fact that clause belongs to."""

    def __init__(self, texts: Mapping[int, str], sentences: Mapping[int, Sequence] | None,
                 units: Mapping[int, Sequence] | None, facts: Mapping[tuple[int, int], int] | None):
        sentences = sentences or {}
        self._sentences = {a: [(s.start, s.end) for s in (sentences[a] if a in sentences else
                                                          segment_sentences(t))] for a, t in texts.items()}
        self._units = {a: sorted((u.start, u.end) for u in (units or {}).get(a, ())) for a in texts}
        self._facts = facts or {}

    def sentence(self, article: int, offset: int) -> tuple[int, int]:
        for start, end in self._sentences.get(article, ()):
            if start <= offset < end:
                return start, end
        return offset, offset

    def clause(self, article: int, start: int, end: int) -> tuple[int, int]:
        for s, e in self._units.get(article, ()):
            if s <= start and end <= e:
                return s, e
        return self.sentence(article, start)

    def fact(self, article: int, bounds: tuple[int, int]) -> int | None:
        return self._facts.get((article, bounds[0]))


def _context_words(text: str, bounds: tuple[int, int], start: int, end: int) -> list[tuple[str, int]]:
    """(word, distance in words from the value) for the words around a value in its clause."""
    before = _WORD_RE.findall(text[bounds[0]:start])[-CONTEXT_WORDS:]
    after = _WORD_RE.findall(text[end:bounds[1]])[:CONTEXT_WORDS]
    return [(w, len(before) - i) for i, w in enumerate(before)] + [(w, i + 1) for i, w in enumerate(after)]


@lru_cache(maxsize=65536)
def _context_term(word: str) -> tuple[str, float] | None:
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


class _ContextVectors:
    """Context stems weighted by IDF among the contexts x IDF in news x nearness to the value."""

    def __init__(self, contexts: Sequence[list[tuple[str, int]]]):
        stemmed = [[(_context_term(word), d) for word, d in c] for c in contexts]
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


_HEDGE_BEFORE = re.compile(r"(?:\b(?:at least|more than|over|nearly|almost|about|around|roughly|some|up to|"
                           r"fewer than|less than|just under|just over|as many as|approximately)\s+)$", re.I)


def _with_hedge(text: str, v: ValueMention) -> ValueMention:
    """The value with the hedge written before it ("at least" + "20 people"), its interval
    widened accordingly."""
    if v.kind == "date":
        return v
    hedge = _HEDGE_BEFORE.search(text, max(0, v.start - 20), v.start)
    if not hedge or hedge.end() != v.start:
        return v
    start = hedge.start()
    surface = text[start:v.end]
    interval = value_interval(surface, v.kind, v.value)
    low, high = interval if interval else (v.low, v.high)
    return ValueMention(v.article, start, v.end, surface, v.kind, v.value, v.key + "~" + hedge.group().strip().lower(),
                        v.unit, low, high, v.entity_type, v.first, v.last)


def _crowded(values: Sequence[ValueMention], clauses: _Clauses) -> set[tuple[int, int]]:
    """(article, end) of values whose sentence holds another value of the same kind and unit."""
    by_sentence: dict[tuple, list[ValueMention]] = defaultdict(list)
    for v in values:
        by_sentence[(v.article, clauses.sentence(v.article, v.start), _bucket(v))].append(v)
    out = set()
    for members in by_sentence.values():
        if len({m.key for m in members}) > 1:
            out |= {(m.article, m.end) for m in members}
    return out


def _announced(context: list[tuple[str, int]]) -> bool:
    return any(d <= PREDICATE_WORDS and (_context_term(w) or ("",))[0] in _ANNOUNCING for w, d in context)


class _Subjects:
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


def _predicates(context: list[tuple[str, int]], unit: str | None) -> tuple[frozenset[str], str | None]:
    """The lemmas near a value that can say what happens to it (verbs and event nouns), and the
    nearest of them that reads as a verb ("laid", "takes", "will lay"): its head."""
    found = set()
    previous = {}
    for index, (_word, distance) in enumerate(context):
        previous[index] = context[index - 1][0].lower() if index and context[index - 1][1] in (distance - 1,
                                                                                              distance + 1) else ""
    head, nearest = None, PREDICATE_WORDS + 1
    for index, (word, distance) in enumerate(context):
        if distance > PREDICATE_WORDS or word.lower() in _STOP or word[:1].isdigit():
            continue
        term = _context_term(word)
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


def _bucket(v: ValueMention) -> tuple:
    if v.kind == "number":
        return (v.kind, v.unit)
    if v.kind == "money":
        return (v.kind, v.value.split()[0])
    if v.kind == "percent":
        return (v.kind, v.key.endswith("pp"))
    return (v.kind,)


# ------------------------------------------------------------------------------ finding


@dataclass
class _Candidate:
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


def find_conflicts(
    texts: Mapping[int, str],
    values: Sequence[ValueMention],
    sentences_of: Mapping[int, Sequence] | None = None,
    units_of: Mapping[int, Sequence] | None = None,
    facts_of: Mapping[tuple[int, int], int] | None = None,
    published: Mapping[int, str | None] | None = None,
    letters: Mapping[int, str] | None = None,
    same_event: Callable[[int, int], bool] | None = None,
) -> list[Conflict]:
    """The conflicts among ``values`` (see the module docstring).

    ``sentences_of``: each article's sentences (``start``/``end``), cut already; ``units_of``:
    its claim units; ``facts_of``: (article, unit start) -> the aligned fact (two articles or
    more) the unit belongs to; ``published``: ISO publication dates; ``letters``: article id ->
    "A1"... for the labels (by default the order of ``texts``); ``same_event(a, b)``: whether two
    articles report one event (values of articles about different events never conflict)."""
    published = published or {}
    letters = dict(letters) if letters else {a: f"A{i}" for i, a in enumerate(texts, 1)}
    clauses = _Clauses(texts, sentences_of, units_of, facts_of)
    names_by_sentence = _names(values, clauses)
    subjects = _Subjects(values)
    candidates: list[_Candidate] = []
    contexts = []
    crowded = _crowded([v for v in values if v.kind in VALUE_KINDS], clauses)
    for v in values:
        if v.kind not in VALUE_KINDS or (v.kind == "date" and not v.value):
            continue
        text = texts[v.article]
        v = _with_hedge(text, v)
        sentence = clauses.sentence(v.article, v.start)
        if value_role(text, v.start, v.end, v.kind, v.unit, v.value, sentence, published.get(v.article)):
            continue
        bounds = clauses.clause(v.article, v.start, v.end)
        context = _context_words(text, bounds, v.start, v.end)
        when = _WHEN_AFTER.match(text[v.end:bounds[1]]) if v.kind == "date" else None
        if when:  # "until Sept. 29, when the ban takes effect": the date is the time of that event
            context = [(w, i + 1) for i, w in enumerate(_WORD_RE.findall(when.group(1))[:CONTEXT_WORDS])]
        contexts.append(context)
        predicates, head = _predicates(context, v.unit)
        candidates.append(_Candidate(v, bounds, clauses.fact(v.article, bounds), predicates,
                                     time_marks(text, bounds) - {v.text.lower()},
                                     names_by_sentence.get((v.article, sentence), frozenset()),
                                     subjects.within(v.article, bounds), head, _announced(context),
                                     (v.article, v.end) in crowded))
    vectors = _ContextVectors(contexts)
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        buckets[_bucket(c.value)].append(i)
    allowed: dict[tuple[int, int], tuple[float, str | None]] = {}
    for bucket in buckets.values():
        for i, j in _context_pairs(bucket, vectors):
            a, b = candidates[i], candidates[j]
            if a.value.article == b.value.article:
                continue
            if same_event is not None and not same_event(a.value.article, b.value.article):
                continue
            score = _comparable(a, b, vectors.cosine(i, j), subjects.ubiquitous)
            if score is not None:
                allowed[(i, j)] = (score, disagreement(a.value, b.value))
    conflicts = []
    for members in _slots(allowed, candidates):
        severities = {allowed[p][1] for p in _pairs(members) if p in allowed} - {None}
        if not severities:
            continue
        severity = CONTRADICTION if CONTRADICTION in severities else PRECISION
        mentions = [candidates[i].value for i in members]
        slot = _slot_label([candidates[i] for i in members], texts)
        conflicts.append(make_conflict(slot, mentions, mentions[0].kind, severity, letters))
    conflicts.extend(_reporter_conflicts(texts, [v for v in values if v.kind == "entity"], clauses, letters))
    conflicts.sort(key=lambda c: (min(letters_order(letters, m.article) for m in c.mentions),
                                  c.mentions[0].article, c.mentions[0].start))
    return conflicts


def _comparable(a: _Candidate, b: _Candidate, cosine: float, ubiquitous: frozenset[str] = frozenset()) -> float | None:
    """A score when the two values may be compared (same fact, or same subject and predicate).

    Whatever the path, never: "remained in hospital" against "were injured" (their nearest
    verbs differ), a sentence weighing two values of a kind against each other ("Cruz 48% to
    Trump's 35%"), relative days and durations of different claims, two dates at which
    different things happen, or claims about different people, companies or indexes."""
    if _apart(a, b):
        return None
    if a.head and b.head and (a.head not in b.predicates or b.head not in a.predicates):
        return None
    if a.crowded or b.crowded:
        return None
    if a.value.kind == "date" and (a.head is None or a.head != b.head):
        return None
    if a.subjects and b.subjects and not a.subjects & b.subjects:
        return None
    shared = a.predicates & b.predicates
    if a.fact is not None and a.fact == b.fact:
        if cosine >= FACT_THRESHOLD and (shared or cosine >= FACT_ALONE):
            return 1.0 + cosine
        return None
    if a.names or b.names:
        return None  # a sentence naming someone only its article names is about something else
    own_a, own_b = a.subjects - ubiquitous, b.subjects - ubiquitous
    if (own_a or own_b) and not own_a & own_b and cosine < UNNAMED_THRESHOLD:
        return None  # one names who it is about, the other does not: its context must say more
    if a.times != b.times:
        return None  # one speaks of "Wednesday", the other of another or no moment
    if a.value.unit in DURATIONS or (a.value.kind == "date" and (a.value.first or b.value.first)):
        return None  # durations and relative days only inside one fact
    if not shared:
        return None
    if cosine < (UNIT_THRESHOLD if a.value.kind == "number" and a.value.unit else SLOT_THRESHOLD):
        return None
    return cosine


def _apart(a: _Candidate, b: _Candidate) -> bool:
    """Two values that must never share a slot: about different people or organisations, of
    different moments, one announced and the other not, or two values of one article that
    disagree (one article does not contradict itself: those are two slots)."""
    if a.value.article == b.value.article:
        return disagreement(a.value, b.value) == CONTRADICTION
    if a.times and b.times and not a.times & b.times:
        return True
    return a.announced != b.announced


PROBE_WORDS = 4  # each value looks up the mentions that share one of its strongest context words


def _context_pairs(bucket: list[int], vectors: _ContextVectors) -> list[tuple[int, int]]:
    """Pairs (i < j) of a bucket whose contexts share one of their strongest words: every pair
    when the bucket is small, an inverted index when it is large (hundreds of articles)."""
    if len(bucket) <= 60:
        return [(i, j) for x, i in enumerate(bucket) for j in bucket[x + 1:]]
    postings: dict[str, list[int]] = defaultdict(list)
    strongest = {}
    for i in bucket:
        words = heapq.nlargest(PROBE_WORDS, vectors.vectors[i].items(), key=lambda w_v: (w_v[1], w_v[0]))
        strongest[i] = [w for w, _ in words]
        for word in vectors.vectors[i]:
            postings[word].append(i)
    pairs = set()
    for i in bucket:
        for word in strongest[i]:
            for j in postings[word]:
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _pairs(members: list[int]):
    for x, i in enumerate(members):
        for j in members[x + 1:]:
            yield (min(i, j), max(i, j))


def _slots(allowed: Mapping[tuple[int, int], tuple[float, str | None]],
           candidates: Sequence[_Candidate]) -> list[list[int]]:
    """One slot per disagreement, strongest first: the two disagreeing values, then every value
    comparable with at least a third of the slot and kept apart from none of it. A value may take
    part in two slots ("starting July 20, when the ban comes into effect" dates both the wind-down
    and the ban); one loose pair never chains two slots together."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for i, j in allowed:
        neighbours[i].append(j)
        neighbours[j].append(i)
    by_fact: dict[tuple[int, str], list[int]] = defaultdict(list)
    for k, c in enumerate(candidates):
        if c.fact is not None:
            by_fact[(c.fact, c.value.key)].append(k)
    by_value: dict[tuple[int, str], list[int]] = defaultdict(list)
    for k, c in enumerate(candidates):
        by_value[(c.value.article, c.value.key)].append(k)
    slots: list[list[int]] = []
    seeds = sorted(((score, pair) for pair, (score, severity) in allowed.items() if severity),
                   key=lambda item: (-item[0], item[1]))
    taken: Counter = Counter()  # slots each value is in: at most two, and a seed opens a slot only
    for _score, (i, j) in seeds:  # when one of its values is in none yet
        if (taken[i] and taken[j]) or taken[i] >= 2 or taken[j] >= 2:
            continue
        members = [i, j]
        reach = sorted({k for m in members for k in neighbours[m]} - set(members))
        ranked = sorted(reach, key=lambda k: (-sum(allowed.get((min(k, m), max(k, m)), (0.0,))[0]
                                                   for m in members), k))
        for k in ranked:
            if any(_apart(candidates[k], candidates[m]) for m in members):
                continue
            cross = [m for m in members if candidates[m].value.article != candidates[k].value.article]
            linked = sum((min(k, m), max(k, m)) in allowed for m in cross)
            if cross and linked * 3 >= len(cross):
                members.append(k)
        # the same value stated in the same aligned fact as a member says the same thing
        same = {k for m in members for k in by_fact.get((candidates[m].fact, candidates[m].value.key), ())}
        # an article restating a member's value (same unit, same words for it) states the same slot
        same |= {k for m in members for k in by_value.get((candidates[m].value.article, candidates[m].value.key), ())}
        for k in sorted(same - set(members)):
            if not any(_apart(candidates[k], candidates[m]) for m in members):
                members.append(k)
        slots.append(sorted(members))
        taken.update(members)
    unique = []
    for slot in sorted(slots, key=len, reverse=True):
        if not any(set(slot) <= set(other) for other in unique):
            unique.append(slot)
    return unique


def _names(values: Sequence[ValueMention], clauses: _Clauses) -> dict:
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


# ------------------------------------------------------------------------------ labels

_WHEN_AFTER = re.compile(r"^[,\s]*(?:when|as|after)\s+(.+)$", re.I | re.S)
_LABEL_WORDS = 6


def _slot_label(members: Sequence[_Candidate], texts: Mapping[int, str]) -> str:
    """What the values are about, in a few words: "Employees laid off", "Ban takes effect"."""
    first = members[0].value
    shared = Counter(p for c in members for p in c.predicates)
    common = {p for p, n in shared.items() if n >= 2}
    if first.kind == "number" and first.unit:
        verb = _participle(members, texts, common)
        noun = _plural(first.unit).capitalize()
        return f"{noun} {verb}" if verb else f"Number of {_plural(first.unit)}"
    phrases = [_event_phrase(texts[c.value.article], c.bounds, c.value) for c in members]
    scored = []
    for phrase in phrases:
        if not phrase:
            continue
        terms = {t[0] for t in (_context_term(w) for w in _WORD_RE.findall(phrase)) if t}
        scored.append((-len(terms & common), len(phrase), phrase))
    if scored:
        return min(scored)[2]
    noun = {"date": "Date", "money": "Amount", "percent": "Share", "number": "Number"}.get(first.kind, "Value")
    return noun


def _plural(unit: str) -> str:
    return {"person": "people", "employee": "employees", "country": "countries", "company": "companies",
            "child": "children"}.get(unit, unit + "s")


_IRREGULAR_PARTICIPLES = frozenset({"laid", "paid", "held", "won", "lost", "shot", "struck", "taken", "hurt",
                                    "left", "sold", "cut", "killed", "hit", "put", "set", "built", "kept"})


def _participle(members: Sequence[_Candidate], texts: Mapping[int, str], common: set[str]) -> str:
    """A past participle near the values that their clauses share ("laid off", "killed",
    "injured"), with its particle."""
    best: Counter = Counter()
    for c in members:
        text = texts[c.value.article]
        window = text[max(c.bounds[0], c.value.start - 60):min(c.bounds[1], c.value.end + 60)]
        for match in re.finditer(r"\b([a-z]+)(?:\s+(off|up|down|out|away))?\b", window, re.I):
            word, particle = match.group(1).lower(), (match.group(2) or "").lower()
            if not (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES) or word in ("need", "based", "red"):
                continue
            term = _context_term(word)
            if term and (term[0] in common or term[0] in c.predicates):
                best[word + (f" {particle}" if particle else "")] += 2 if term[0] in common else 1
    return best.most_common(1)[0][0] if best else ""


def _event_phrase(text: str, bounds: tuple[int, int], m: ValueMention) -> str:
    """What happens at a date or to an amount, from its clause: the words after ", when",
    else the clause without the value, cut to a few words around its verb."""
    after = text[m.end:bounds[1]]
    when = _WHEN_AFTER.match(after)
    if when:
        words = _WORD_RE.findall(when.group(1))
    else:
        before_words = _WORD_RE.findall(text[bounds[0]:m.start])
        after_words = _WORD_RE.findall(after)
        while before_words and before_words[-1].lower() in ("from", "since", "on", "in", "by", "until", "till",
                                                            "beginning", "starting", "after", "before", "of",
                                                            "the", "at", "as"):
            before_words.pop()
        words = after_words if len(after_words) >= len(before_words) else before_words
        if words is before_words:
            words = words[-_LABEL_WORDS - 2:]
    while words and words[0].lower() in ("the", "a", "an", "it", "and", "that", "will", "would"):
        words = words[1:]
    words = [w.rstrip(".,;:") for w in words[:_LABEL_WORDS]]
    while words and words[-1].lower() in _STOP:
        words.pop()
    if not words:
        return ""
    phrase = " ".join(words)
    return phrase[0].upper() + phrase[1:]


# ------------------------------------------------------------------------------ reporters


def _reporter_conflicts(texts: Mapping[int, str], entities: Sequence[ValueMention], clauses: _Clauses,
                        letters: Mapping[int, str]) -> list[Conflict]:
    """Who reported the news: people or organisations named as the reporting source."""
    names = _names(entities, clauses)
    reporters = []
    for e in entities:
        if e.entity_type == "place":
            continue
        text = texts[e.article]
        before, after = text[max(0, e.start - 40):e.start], text[e.end:e.end + 80]
        if not (_REPORTED_BY.search(before) or _REPORTER_BEFORE.match(after)):
            continue
        paragraph = (text.rfind("\n", 0, e.start) + 1, _line_end(text, e.end))
        others = {key for (article, (start, _end)), keys in names.items() if article == e.article
                  and paragraph[0] <= start < paragraph[1] for key in keys} - {e.key}
        if others:
            continue  # "Bloomberg ... reported the layoffs" of another company named in the paragraph
        if text[max(0, e.start - 4):e.start] == "The ":  # "The Register" as written
            e = ValueMention(e.article, e.start - 4, e.end, text[e.start - 4:e.end], e.kind, e.value, e.key,
                             entity_type=e.entity_type)
        reporters.append(e)
    if len({r.key for r in reporters}) < 2 or len({r.article for r in reporters}) < 2:
        return []
    return [make_conflict("Who reported the news", reporters, "entity", PRECISION, letters)]


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end
