"""Compare N articles: shared claims, verbatim passages, atomic facts, exclusives, conflicts.

``compare(articles)`` is the one entry point the GUI, the CLI and reports use. It is pure
and deterministic: the same articles give the same ``Comparison`` (and byte-identical JSON).
Boilerplate spans that are active never take part.
"""

from __future__ import annotations

import gc
import hashlib
import math
import threading
import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from itertools import accumulate

from desktop.core.library.dates import readable_date
from desktop.core.matching import kept
from desktop.core.matching.align import Claim, align, anchors_from_atomic
from desktop.core.matching.atomic import extract_atomic, group_atomic
from desktop.core.matching.attributions import find_attributions
from desktop.core.matching.claims import ClaimUnit
from desktop.core.matching.comparison import (
    CLAIM,
    QUOTE,
    ArticleSummaryFacts,
    Attribution,
    Comparison,
    Conflict,
    Fact,
    Mention,
    Possible,
)
from desktop.core.matching.conflicts import ValueMention, find_conflicts
from desktop.core.matching.dismissals import split_dismissed
from desktop.core.matching.meaning import packaged as meaning_vectors
from desktop.core.matching.possible import POSSIBLE_PER_FACT
from desktop.core.matching.quotes import find_quotes
from desktop.core.matching.timeline import build_timeline, relative_values
from desktop.core.matching.verbatim import find_verbatim, within_paragraphs
from desktop.core.models import Article

Progress = Callable[[int, int, str], None]
LABEL_CHARS = 160
HEADING_MAX_WORDS = 8  # a line this short without final punctuation is a heading, not a claim
VERBATIM_COVER = 0.5  # a claim is [verbatim] when copied passages cover this much of every mention


#: Two articles whose whole-text meaning vectors are less alike than this report different events
#: (a 200-article month of election coverage: median 0.27; one event's reports: 0.6-0.85), and their
#: values are never compared. Set on the conflicts judged by hand (tests/data/conflict_judgements.json).
SAME_EVENT_COSINE = 0.55
SAME_MOMENT_DAYS = 7


def _day_number(iso: str | None) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal() if iso else None
    except ValueError:
        return None


@lru_cache(maxsize=1024)  # articles: comparing again reads only the texts that changed
def _text_vector(text: str):
    return meaning_vectors().sentence_vector(text)  # read, never written to


def shown_conflict(conflict: Conflict) -> bool:
    """Whether a conflict is shown: not one Parallax is less sure of (``Conflict.weak``: a date, an
    amount, "who reported the news" or counts no verb ties together, outside one shared claim)
    given by two articles only. One outlet's value against one other's there was a false alarm four
    times in five on the stories Parallax found itself (tests/data/fresh_judgements/conflict_pool*.json,
    read to choose the rule: 6 of 30 real, and 5 of 25 of the counts) and on the judged fresh rounds
    (1 of 7; 5 of 24); with a third outlet it is shown, as a conflict to check."""
    return not (conflict.weak and len({m.article for m in conflict.mentions}) == 2)


def same_event(texts: dict[int, str], dated: Mapping[int, str | None] | None = None) -> Callable[[int, int], bool]:
    """Whether two articles of ``texts`` report one event, judged on their whole text's meaning, and
    one moment of it: two articles published more than ``SAME_MOMENT_DAYS`` apart (``dated``: ISO
    publication dates, None when unknown) tell of different moments (on stories Parallax found, all
    six conflicts between articles eight days apart or more were false alarms: another lawsuit, the
    next jobs report, a later vote)."""
    unit = {article: _text_vector(text) for article, text in texts.items()}
    days = {a: _day_number(d) for a, d in (dated or {}).items()}
    cache: dict[tuple[int, int], bool] = {}

    def check(a: int, b: int) -> bool:
        key = (a, b) if a < b else (b, a)
        if key not in cache:
            va, vb = unit[a], unit[b]
            da, db = days.get(a), days.get(b)
            cache[key] = (da is None or db is None or abs(da - db) <= SAME_MOMENT_DAYS) and \
                (not va.any() or not vb.any() or float(va @ vb) >= SAME_EVENT_COSINE)
        return cache[key]

    return check


def compare(
    articles: Sequence[Article],
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    pause_collector: bool = True,
    same_facts: Sequence[tuple[tuple[int, int, int], tuple[int, int, int]]] = (),
    different_facts: Sequence[tuple[tuple[int, int, int], tuple[int, int, int]]] = (),
    dismissed_conflicts: Sequence[tuple[tuple[int, int, int], tuple[int, int, int]]] = (),
    keep_story: bool = False,
) -> Comparison:
    """Compare the articles. ``pause_collector=False`` leaves Python's garbage collector alone:
    for the window's own process, where the deferred collection would land on the GUI thread.
    ``same_facts``: pairs of spans ((article, start, end) twice) the reader marked as stating one
    fact (``Store.same_fact_pairs``); the claims they fall on are linked whatever their score.
    ``different_facts``: pairs the reader set apart (``Store.different_fact_pairs``, "Not the Same
    Fact"); the claims they fall on never share a fact, whatever their score or a "same fact" mark.
    ``dismissed_conflicts``: pairs of values the reader said do not conflict
    (``Store.dismissed_conflict_pairs``, "Not a Conflict"); a conflict whose every pair of differing
    values is among them moves to ``Comparison.dismissed`` (see ``dismissals``).
    ``keep_story``: keep this story's claims, candidates and link scores (about 45 MB for 200
    articles) so that comparing the same texts again with the reader's new word is quick."""
    overrides = (same_facts, different_facts, dismissed_conflicts, keep_story)
    if not pause_collector:
        return _compare(articles, progress, is_cancelled, *overrides)
    with _collector_paused():
        return _compare(articles, progress, is_cancelled, *overrides)


_collector_lock = threading.Lock()
_collector_pauses = [0, False]  # comparisons running, whether the collector was on before the first


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while comparing.

    A comparison builds hundreds of thousands of small objects (tokens, mentions, term
    dicts, pairs) that are not garbage, so each full collection walks them all for nothing:
    a fifth of the time of 200 articles. Reference counting still frees memory as usual.
    Concurrent or nested comparisons leave it off until the last one ends.
    """
    with _collector_lock:
        if _collector_pauses[0] == 0:
            _collector_pauses[1] = gc.isenabled()
            gc.disable()
        _collector_pauses[0] += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses[0] -= 1
            if _collector_pauses[0] == 0 and _collector_pauses[1]:
                gc.enable()


def _compare(
    articles: Sequence[Article],
    progress: Progress | None,
    is_cancelled: Callable[[], bool] | None,
    same_facts: Sequence = (),
    different_facts: Sequence = (),
    dismissed_conflicts: Sequence = (),
    keep_story: bool = False,
) -> Comparison:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    articles = list(articles)
    skips = {a.id: [(s.start, s.end) for s in a.boilerplate if s.active] for a in articles}
    texts = {a.id: a.text for a in articles}
    if progress:
        progress(0, 4, "Finding dates, numbers and names")
    dated = {a.id: readable_date(a.published) for a in articles}  # a placeholder date is no date
    atomic = {a.id: extract_atomic(a.text, dated[a.id], skips[a.id]) for a in articles}
    groups = group_atomic(atomic)
    lap("atomic")

    anchors_of = anchors_from_atomic(atomic)
    if progress:
        progress(1, 4, "Aligning claims")
    split, claims = align({a.id: a.body_text for a in articles}, anchors_of, None, is_cancelled, same_facts,
                          different_facts, keep=keep_story)
    lap("align")
    if progress:
        progress(2, 4, "Finding copied passages")
    documents = [(a.id, a.text, tuple(skips[a.id])) for a in articles]
    passages = kept.reuse("copied passages", tuple(documents),
                          lambda: within_paragraphs(find_verbatim(documents), texts), keep_story)
    lap("verbatim")
    if progress:
        progress(3, 4, "Finding conflicts")
    values = _value_mentions(groups, dated, texts, skips)
    story_date = max((d[:10] for d in dated.values() if d), default=None)
    published = {a.id: dated[a.id] or story_date for a in articles}  # undated: the story's latest date
    letters = {a.id: f"A{i}" for i, a in enumerate(articles, 1)}
    facts_of = {(u.article, u.start): n for n, claim in enumerate(claims) if len(claim.articles) >= 2
                for u in claim.units + claim.restatements}
    conflicts = find_conflicts(texts, values, {article: units.sentences for article, units in split.items()},
                               {article: units.units for article, units in split.items()}, facts_of,
                               published, letters, same_event=same_event(texts, dated), keep=keep_story)
    conflicts = [c for c in conflicts if shown_conflict(c)]
    conflicts, dismissed = split_dismissed(conflicts, dismissed_conflicts)
    lap("conflicts")
    quotes = find_quotes(articles, skips, atomic)
    attributions = find_attributions(articles, split, atomic)
    timeline = build_timeline(articles, values, split, facts_of, conflicts)
    lap("quotes, attributions, timeline")

    facts = _facts(claims, split, passages, groups)
    summaries = _summaries([a.id for a in articles], facts, conflicts)
    lap("assemble")
    if progress:
        progress(4, 4, "Comparison finished")
    return Comparison(tuple(articles), tuple(facts), tuple(conflicts), summaries, timings, quotes=quotes,
                      attributions=attributions, timeline=timeline,
                      separated=_separated(different_facts, texts), dismissed=tuple(dismissed))


def _separated(pairs: Sequence, texts: dict[int, str]) -> tuple[tuple[Mention, Mention], ...]:
    """The reader's "Not the Same Fact" pairs on these articles, as mentions (their spans as given)."""
    found = []
    for pair in pairs:
        if all(article in texts and 0 <= start < end <= len(texts[article]) for article, start, end in pair):
            first, second = (Mention(article, start, end, texts[article][start:end]) for article, start, end in pair)
            found.append((first, second))
    return tuple(found)


def _value_mentions(groups, dated, texts, skips) -> list[ValueMention]:
    """Every dated, counted or named value of the story, relative dates ("Monday") included."""
    values = [
        ValueMention(article=article, start=m.start, end=m.end, text=m.text, kind=m.kind, value=m.value,
                     key=m.key, unit=m.unit, low=m.low, high=m.high, entity_type=m.entity_type)
        for group in groups for article, m in group.mentions
    ]
    return values + relative_values(texts, dated, skips)


def _facts(claims, split, passages, groups) -> list[Fact]:
    """The comparison's facts: shared claims, copied passages, then dates, numbers and names."""
    verbatim_spans = defaultdict(list)
    for passage in passages:
        for m in passage.mentions:
            verbatim_spans[m.article].append((m.start, m.end))
    facts: list[Fact] = []
    facts += _claim_facts(claims, split, verbatim_spans)
    facts += [
        Fact(id=_fact_id(QUOTE, passage.normalized), kind=QUOTE, label=_trim(passage.mentions[0].text),
             mentions=tuple(passage.mentions), key=passage.normalized, verbatim=True)
        for passage in passages
    ]
    facts += [
        Fact(
            id=_fact_id(group.kind, group.key),
            kind=group.kind,
            label=group.label,
            key=group.key,
            mentions=tuple(Mention(article, m.start, m.end, m.text, m.value) for article, m in group.mentions),
        )
        for group in groups
    ]
    return facts


def _mention(unit) -> Mention:
    """A claim unit as a mention: the claim's span (without its attribution), and its attribution."""
    attribution = None
    if unit.attribution is not None:
        a = unit.attribution
        attribution = Attribution(a.start, a.end, a.text, a.source, a.verb)
    return Mention(unit.article, unit.start, unit.end, unit.text, attribution=attribution)


def _claim_facts(claims: Sequence[Claim], split, verbatim_spans) -> list[Fact]:
    """Shared claims from multi-article facts; exclusives are whole sentences no other article
    states any part of (headings, questions and fragments are never exclusives). Each keeps its
    possible matches in other articles (below the link threshold)."""
    facts = []
    copied = _SpanIndex(verbatim_spans, merged=True)
    linked_sentences = set()
    maybe_of: dict[tuple[int, int], list[tuple[ClaimUnit, float]]] = {}  # a lone claim's sentence
    for claim in claims:
        if len(claim.articles) < 2:
            unit = claim.units[0]
            maybe_of.setdefault((unit.article, unit.sentence), []).extend(claim.possible)
            continue
        for unit in claim.units + claim.restatements:
            linked_sentences.add((unit.article, unit.sentence))
        mentions = tuple(_mention(u) for u in claim.units)
        label = min((u.text for u in claim.units), key=lambda t: (len(t) < 40, len(t)))
        key = "|".join(f"{m.article}:{m.start}:{m.end}" for m in mentions)
        verbatim = all(copied.covered(m.article, m.start, m.end) >= VERBATIM_COVER * (m.end - m.start)
                       for m in mentions)
        facts.append(Fact(id=_fact_id(CLAIM, key), kind=CLAIM, label=_trim(label), mentions=mentions,
                          key=key, verbatim=verbatim, restatements=tuple(_mention(u) for u in claim.restatements),
                          possible=_possible(claim.possible), score=round(claim.score, 4)))
    for article, units in split.items():
        claim_sentences = {u.sentence for u in units.units if u.kind == "claim"}
        for index, sentence in enumerate(units.sentences):
            if (article, index) in linked_sentences or index not in claim_sentences or _is_heading(sentence.text):
                continue
            key = f"{article}:{sentence.start}:{sentence.end}"
            facts.append(Fact(
                id=_fact_id(CLAIM, key), kind=CLAIM, label=_trim(sentence.text),
                mentions=(Mention(article, sentence.start, sentence.end, sentence.text),), key=key,
                possible=_possible(maybe_of.get((article, index), ()))))
    return facts


def _possible(found: Sequence[tuple[ClaimUnit, float]]) -> tuple[Possible, ...]:
    """The best claim of each other article, best first, at most ``POSSIBLE_PER_FACT``."""
    best: dict[int, tuple[ClaimUnit, float]] = {}
    for unit, score in found:
        held = best.get(unit.article)
        if held is None or (score, -unit.start) > (held[1], -held[0].start):
            best[unit.article] = (unit, score)
    ranked = sorted(best.values(), key=lambda us: (-us[1], us[0].article, us[0].start))[:POSSIBLE_PER_FACT]
    return tuple(Possible(_mention(unit), round(score, 3)) for unit, score in ranked)


class _SpanIndex:
    """Half-open spans per article, for "does [start, end) share a character with one?" and
    "how many of its characters do they cover?" (``merged``: overlapping spans joined first)."""

    def __init__(self, spans: dict[int, list[tuple[int, int]]], merged: bool = False) -> None:
        self._starts: dict[int, list[int]] = {}
        self._reach: dict[int, list[int]] = {}  # the furthest end among the spans so far
        self._spans: dict[int, list[tuple[int, int]]] = {}
        for article, found in spans.items():
            ordered = sorted(found)
            if merged:
                joined: list[tuple[int, int]] = []
                for start, end in ordered:
                    if joined and start <= joined[-1][1]:
                        joined[-1] = (joined[-1][0], max(joined[-1][1], end))
                    else:
                        joined.append((start, end))
                ordered = joined
            self._spans[article] = ordered
            self._starts[article] = [start for start, _end in ordered]
            self._reach[article] = list(accumulate((end for _start, end in ordered), max))

    def covered(self, article: int, start: int, end: int) -> int:
        """Characters of [start, end) inside the (merged) spans."""
        spans = self._spans.get(article, [])
        first = max(0, bisect_left(self._starts.get(article, []), start) - 1)
        total = 0
        for s, e in spans[first:]:
            if s >= end:
                break
            total += max(0, min(e, end) - max(s, start))
        return total

    def overlaps(self, article: int, start: int, end: int) -> bool:
        # the spans starting before ``end`` overlap when one of them ends after ``start``
        before = bisect_left(self._starts.get(article, ()), end)
        return before > 0 and self._reach[article][before - 1] > start


def _is_heading(text: str) -> bool:
    words = text.split()
    return len(words) < 4 or (len(words) <= HEADING_MAX_WORDS and text.rstrip()[-1:] not in ".!?”\"’»")


def _summaries(article_ids: list[int], facts: Sequence[Fact], conflicts) -> tuple[ArticleSummaryFacts, ...]:
    """Per article: claims shared with others, claims only it makes, conflicts it is part of,
    and the claims most others make that it leaves out."""
    claims = [(f, set(f.articles)) for f in facts if f.kind == CLAIM]
    conflict_articles = [set(c.articles) for c in conflicts]
    quorum = max(2, math.ceil(len(article_ids) / 2))
    shared, exclusive, maybe = defaultdict(int), defaultdict(int), defaultdict(int)
    for fact, articles in claims:
        for article in articles:
            if len(articles) > 1:
                shared[article] += 1
            else:
                exclusive[article] += 1
                maybe[article] += bool(fact.possible)
    widely_reported = [(f, articles) for f, articles in claims if len(articles) >= quorum]
    out = []
    for article in article_ids:
        in_conflict = sum(1 for articles in conflict_articles if article in articles)
        omitted = tuple(f.id for f, articles in widely_reported if article not in articles)
        out.append(ArticleSummaryFacts(article, shared[article], exclusive[article], in_conflict, omitted,
                                       maybe[article]))
    return tuple(out)


def _fact_id(kind: str, key: str) -> str:
    return f"{kind}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def _trim(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def warm_up() -> None:
    """Load what a comparison needs (lexer, model, IDF table) so the first real one is quick:
    called in a fresh worker process."""
    from desktop.core.models import Article

    text = "Officials said 50 people attended on July 20. The mayor praised the turnout."
    compare([Article(id=i, title=None, source=None, author=None, published=None, url=None, origin=None,
                     text=text, version=1, version_id=0, content_hash="", word_count=0) for i in (1, 2)])
