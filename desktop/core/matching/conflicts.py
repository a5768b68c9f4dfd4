"""Conflicts: one fact slot, incompatible values from different articles.

A *slot* is what a value is about ("when the ban takes effect", "how many are laid off").
Two value mentions of the same kind (for numbers, of the same counted unit) from different
articles fill the same slot when the words around them agree: the story-weighted cosine
of their context windows, values left out, clears ``SLOT_THRESHOLD``. Slots are the
connected groups of such pairs; a slot is a conflict when it holds values that disagree:

* dates: different days (a date without a year matches any year);
* numbers, money, percentages: intervals of which neither contains the other; disjoint
  intervals are a ``contradiction`` ("fewer than 50" / "around 300"), overlapping ones a
  ``discrepancy`` ("dozens" / "fewer than 50");
* people and organisations as the source of a report ("first reported by ..."): different
  entities named as who reported it.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.matching.comparison import Conflict, Mention
from desktop.core.matching.segment import segment_sentences
from desktop.core.matching.similarity import normalise, weighted_terms

CONTEXT_WORDS = 10  # words on each side of a value, within its sentence, that say what it is about
SLOT_THRESHOLD = 0.2
UNIT_SLOT_THRESHOLD = 0.08  # counts of one unit ("employees") in one story usually share a slot
VALUE_KINDS = ("date", "number", "money", "percent")
_WORD_RE = re.compile(r"\w[\w’'.-]*")
_REPORTED_BY = re.compile(
    r"(?:(?:first|originally|initially)\s+)?reported\s+by\s+(?:the\s+)?$|(?:first|originally)\s+reported\s*$",
    re.I)
_REPORTER_BEFORE = re.compile(r"^\s*(?:,[^,]{0,60},\s*)?(?:first\s+|originally\s+)?reported\b", re.I)


@dataclass(frozen=True)
class ValueMention:
    """An atomic value in one article, with what the conflict finder needs to compare it."""

    article: int
    start: int
    end: int
    text: str
    kind: str  # date, number, money, percent, entity
    value: str  # normalised, for display
    key: str  # equal keys mean equal values
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    entity_type: str | None = None


class _Sentences:
    """Sentence bounds per article, to keep a value's context inside its sentence."""

    def __init__(self, texts: Mapping[int, str], known: Mapping[int, Sequence] | None = None):
        known = known or {}
        self._bounds = {
            a: [(s.start, s.end) for s in (known[a] if a in known else segment_sentences(t))]
            for a, t in texts.items()
        }

    def around(self, article: int, offset: int) -> tuple[int, int]:
        for start, end in self._bounds[article]:
            if start <= offset < end:
                return start, end
        return offset, offset


def _context_words(text: str, bounds: tuple[int, int], start: int, end: int) -> list[tuple[str, int]]:
    """(word, distance in words from the value) for the words around a value in its sentence."""
    before = _WORD_RE.findall(text[bounds[0]:start])[-CONTEXT_WORDS:]
    after = _WORD_RE.findall(text[end:bounds[1]])[:CONTEXT_WORDS]
    return [(w, len(before) - i) for i, w in enumerate(before)] + [(w, i + 1) for i, w in enumerate(after)]


@lru_cache(maxsize=65536)
def _context_term(word: str) -> tuple[str, float] | None:
    """One context word as sentence similarity indexes it (synonyms, then the engine's one
    stemmer, :mod:`desktop.core.matching.stemming`) and its IDF in news; None for a word
    that leaves no term."""
    weights = weighted_terms(word)  # its terms in order, with their IDF (one normalise() call)
    if not weights:
        return None
    stem = next(iter(weights))
    return stem, weights[stem]


def _sparse_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit-length sparse vectors, iterating over the shorter."""
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
        story_idf = {stem: math.log((n + 1) / count) for stem, count in df.items()}  # once per stem
        self.vectors = []
        for c in stemmed:
            vector: dict[str, float] = defaultdict(float)
            for stem, general, distance in c:
                vector[stem] += story_idf[stem] * general / (1 + distance / 4)
            norm = math.sqrt(sum([v * v for v in vector.values()])) or 1.0
            self.vectors.append({w: v / norm for w, v in vector.items()})

    def cosine(self, i: int, j: int) -> float:
        return _sparse_cosine(self.vectors[i], self.vectors[j])


def _interval(m: ValueMention) -> tuple[float, float] | None:
    if m.low is None or m.high is None:
        return None
    return m.low, m.high


def disagreement(a: ValueMention, b: ValueMention) -> str | None:
    """"contradiction", "discrepancy" or None (the values agree, or one refines the other)."""
    if a.key == b.key:
        return None
    if a.kind == "date":
        pa, pb = _date_parts(a.value), _date_parts(b.value)
        if pa is None or pb is None:
            return None
        # a part one of them leaves out (no year, no day) never disagrees
        return None if all(x is None or y is None or x == y for x, y in zip(pa, pb)) else "contradiction"
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return None if a.value == b.value else "discrepancy"
    (la, ha), (lb, hb) = ia, ib
    if (la <= lb and hb <= ha) or (lb <= la and ha <= hb):
        return None  # one contains the other: the narrower one is just more precise
    overlap = min(ha, hb) > max(la, lb)
    return "discrepancy" if overlap else "contradiction"


def _date_parts(value: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of "2024-07-20", "2024-07", "2024", "--07-20" or "--07"."""
    match = re.fullmatch(r"(\d{4}|-)-?(\d{2})?(?:-(\d{2}))?", value)
    if not match:
        return None
    year, month, day = match.groups()
    return (int(year) if year != "-" else None, int(month) if month else None, int(day) if day else None)


def _slot_bucket(v: ValueMention) -> tuple:
    if v.kind == "number":
        return (v.kind, v.unit)
    if v.kind == "money":
        return (v.kind, v.value.split()[0])
    return (v.kind,)


def _same_slot_kind(a: ValueMention, b: ValueMention) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "number":
        return a.unit is not None and a.unit == b.unit
    if a.kind == "money":
        return a.value.split()[0] == b.value.split()[0]  # same currency
    return True


def find_conflicts(
    texts: Mapping[int, str], values: Sequence[ValueMention], sentences_of: Mapping[int, Sequence] | None = None
) -> list[Conflict]:
    """Pair up value mentions that fill one slot and report the slots whose values disagree.
    ``sentences_of`` may pass each article's sentences (with ``start``/``end``) already cut."""
    sentences = _Sentences(texts, sentences_of)
    candidates = [v for v in values if v.kind in VALUE_KINDS]
    bounds = [sentences.around(v.article, v.start) for v in candidates]
    contexts = [_context_words(texts[v.article], b, v.start, v.end) for v, b in zip(candidates, bounds)]
    vectors = _ContextVectors(contexts)
    subjects = _subjects(values, sentences)

    buckets: dict[tuple, list[int]] = defaultdict(list)  # only like values can share a slot
    for i, v in enumerate(candidates):
        buckets[_slot_bucket(v)].append(i)
    disagreeing, agreeing = [], []
    for bucket in buckets.values():
        for i, j in _context_pairs(bucket, vectors):
            a, b = candidates[i], candidates[j]
            if a.article == b.article or not _same_slot_kind(a, b):
                continue
            if subjects.get((a.article, bounds[i])) != subjects.get((b.article, bounds[j])):
                continue  # the sentences are about different things (Salesforce's layoffs, not Kaspersky's)
            threshold = UNIT_SLOT_THRESHOLD if a.kind == "number" else SLOT_THRESHOLD
            if vectors.cosine(i, j) < threshold:
                continue
            severity = disagreement(a, b)
            (disagreeing if severity else agreeing).append((i, j, severity))

    # slots are built from disagreements only, so agreeing pairs cannot chain unrelated slots
    parent = {i: i for edge in disagreeing for i in edge[:2]}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _severity in disagreeing:
        parent[find(j)] = find(i)
    slots: dict[int, set[int]] = defaultdict(set)
    severities: dict[int, set[str]] = defaultdict(set)
    for i, j, severity in disagreeing:
        root = find(i)
        slots[root] |= {i, j}
        severities[root].add(severity)
    for i, j, _ in agreeing:  # an outlet agreeing with one side joins that side
        for member, other in ((i, j), (j, i)):
            if member in parent and other not in parent:
                slots[find(member)].add(other)
    slots = _merge_overlapping(slots, severities)
    best_edge = {}
    for i, j, _severity in disagreeing:
        root = next(r for r, members in slots.items() if i in members)
        score = vectors.cosine(i, j)
        if score > best_edge.get(root, (-1.0,))[0]:
            best_edge[root] = (score, i, j)
    conflicts = []
    for root, members in slots.items():
        mentions = [candidates[i] for i in sorted(members)]
        severity = "contradiction" if "contradiction" in severities[root] else "discrepancy"
        _, i, j = best_edge[root]
        label = _slot_label(candidates[i], contexts[i], contexts[j])
        conflicts.append(_conflict(label, mentions, mentions[0].kind, severity))
    conflicts.extend(_reporter_conflicts(texts, [v for v in values if v.kind == "entity"], subjects, sentences))
    conflicts.sort(key=lambda c: (c.mentions[0].article, c.mentions[0].start))
    return conflicts


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


def _merge_overlapping(slots: dict[int, set[int]], severities: dict[int, set[str]]) -> dict[int, set[int]]:
    """Slots that share a mention (an outlet agreeing with both) are one slot."""
    merged: list[tuple[int, set[int]]] = []
    for root, members in sorted(slots.items()):
        for other_root, other in merged:
            if other & members:
                other |= members
                severities[other_root] |= severities[root]
                break
        else:
            merged.append((root, set(members)))
    return dict(merged)


def _subjects(values: Sequence[ValueMention], sentences: _Sentences) -> dict:
    """Per sentence, the names in it that only its own article uses: a sentence naming
    "Salesforce" in a story about Kaspersky is about something else."""
    entities = [v for v in values if v.kind == "entity" and v.entity_type != "place"]
    articles_of: dict[str, set[int]] = defaultdict(set)
    for e in entities:
        articles_of[e.key].add(e.article)
    subjects: dict[tuple[int, tuple[int, int]], frozenset[str]] = defaultdict(frozenset)
    for e in entities:
        if len(articles_of[e.key]) == 1:
            where = (e.article, sentences.around(e.article, e.start))
            subjects[where] = subjects[where] | {e.key}
    return subjects


LABEL_MIN_IDF = 4.5  # rarer than "that", "will", "it": the words that say what the slot is


def _slot_label(first: ValueMention, context_a, context_b) -> str:
    """The kind of value and the rarer words both contexts share, in the first's wording:
    "Date: ban, effect", "Number of employees: laid, off"."""
    stems_b = {stem for word, _ in context_b for stem in normalise(word)}
    words: list[str] = []
    for word, _distance in sorted(context_a, key=lambda wd: wd[1]):
        stems = normalise(word)
        if (stems and stems[0] in stems_b and weighted_terms(word).get(stems[0], 0.0) >= LABEL_MIN_IDF
                and word.lower() not in words):
            words.append(word.lower())
    noun = {"date": "Date", "number": "Number", "money": "Amount", "percent": "Share"}[first.kind]
    if first.kind == "number" and first.unit:
        noun = f"Number of {first.unit}s"
    return f"{noun}: {', '.join(words[:3])}" if words else noun


def _reporter_conflicts(
    texts: Mapping[int, str], entities: Sequence[ValueMention], subjects: Mapping, sentences: _Sentences
) -> list[Conflict]:
    """Who reported the news first: people or organisations named as the reporting source."""
    by_article: dict[int, list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for (article, (start, _end)), keys in subjects.items():
        by_article[article].append((start, keys))
    reporters = []
    for e in entities:
        if e.entity_type == "place":
            continue
        text = texts[e.article]
        before, after = text[max(0, e.start - 40):e.start], text[e.end:e.end + 80]
        if not (_REPORTED_BY.search(before) or _REPORTER_BEFORE.match(after)):
            continue
        paragraph = (text.rfind("\n", 0, e.start) + 1, _line_end(text, e.end))
        others = {
            key for start, keys in by_article[e.article] for key in keys
            if paragraph[0] <= start < paragraph[1]
        } - {e.key}
        if others:
            continue  # "Bloomberg ... reported the layoffs" of another company named in the paragraph
        reporters.append(e)
    if len({r.key for r in reporters}) < 2 or len({r.article for r in reporters}) < 2:
        return []
    return [_conflict("Who reported the news", reporters, "entity", "discrepancy")]


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _conflict(label: str, mentions: Sequence[ValueMention], kind: str, severity: str) -> Conflict:
    ordered = sorted(mentions, key=lambda m: (m.article, m.start))
    digest = hashlib.sha1(
        "|".join(f"{m.article}:{m.start}:{m.end}" for m in ordered).encode()).hexdigest()[:10]
    return Conflict(
        id=f"conflict-{digest}",
        label=label,
        mentions=tuple(Mention(m.article, m.start, m.end, m.text, m.value) for m in ordered),
        kind=kind,
        severity=severity,
    )
