"""Conflicts: the same fact given incompatible values by different articles.

Values are compared only where the claims are the same:

1. **Between mentions of one fact**: both values sit in claim units of one aligned fact
   (a :class:`~desktop.core.matching.align.Claim` of two or more articles) and speak of the same
   moment (a tally "on Tuesday" and the same tally told without a day may be two counts), or
2. **between claims with the same subject and predicate**: the clauses around the values share
   a predicate word (a verb or event noun such as "laid off", "ban", "effect", read through one
   lemma table: "laid" = "lay" = "layoffs"), their contexts agree (the story-weighted cosine of
   the words around each value clears ``SLOT_THRESHOLD``), they name no different people or
   organisations, and they speak of no different moments ("around midnight" / "Wednesday
   morning").

A value is never compared when it is a forecast, an expectation, a comparison baseline, a
historical figure, a period or a hypothetical ("would have hired", "will need to show", "in
some cases") (:mod:`desktop.core.matching.value_roles`). Durations, percentages and margins in
points are compared only inside one fact: a share or a poll margin is of some group, in some poll
or state, which subject and predicate do not tell. An article writing the very numeral of
another's count of a thousand or more does not dispute it, whatever it counts. Relative dates ("Monday", "this week") are
read against the article's publication date (:mod:`desktop.core.matching.relative_dates`);
without one they are never compared; one relative day written alike in one fact ("Obama today
offered", quoted on two days) is the sentence restated, never a contradiction.

Slots are built by complete linkage: a value joins a slot only when it may be compared with
every value of it, so a slot never chains across unrelated claims (at 200 articles no slot grows
beyond the articles that share the claim). A slot is a conflict when two articles' values
disagree: disjoint values are a ``contradiction`` ("July 20" / "Sept. 29"), overlapping ones a
difference in ``precision`` ("dozens" / "fewer than 50", "all" / "fewer than 50"); a value that
refines another ("June" / "June 12", "at least 15" / "18") is no conflict.

A date, an amount of money, "who reported the news", or contradicting counts that no verb of theirs
ties together (labelled "Number of states": "29 states" where one thing is legal against "37 states"
where another is), that no one aligned fact holds, is a conflict Parallax is less sure of
(``Conflict.weak``); :func:`desktop.core.matching.compare.compare` shows one only when three
articles or more give its values.

Each conflict is labelled in words: the slot ("Employees laid off", "Ban takes effect") and its
values as the outlets wrote them with the articles giving each ("fewer than 50 (A2, A3, A5)").

The context of each value (clauses, predicates, subjects, context vectors) is read in
:mod:`desktop.core.matching.conflict_context`, the slot labels are worded in
:mod:`desktop.core.matching.conflict_labels`, and the values themselves are compared in
:mod:`desktop.core.matching.conflict_values`.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

import numpy as np

from desktop.core.matching import kept
from desktop.core.matching.comparison import CONTRADICTION, LESS_SURE_KINDS, PRECISION, Conflict
from desktop.core.matching.conflict_context import (
    CONTEXT_WORDS,
    TALLY,
    WHEN_AFTER,
    WORD_RE,
    Candidate,
    Clauses,
    ContextVectors,
    Subjects,
    context_words,
    crowded_values,
    is_announced,
    months_named,
    own_verb,
    places_by_sentence,
    predicates_near,
    tallies_named,
    unshared_names,
    value_bucket,
    with_hedge,
)
from desktop.core.matching.conflict_labels import COUNT_WITHOUT_VERB, slot_label
from desktop.core.matching.conflict_values import (
    MAGNITUDE_APART,
    ValueMention,
    conflict_label,
    date_range,
    date_span_days,
    disagreement,
    letters_order,
    magnitude_ratio,
    make_conflict,
    rounds_to,
    written_amount,
    written_value,
)
from desktop.core.matching.counted_nouns import canonical_unit
from desktop.core.matching.numbers import read_amount
from desktop.core.matching.text_units import singular
from desktop.core.matching.value_roles import time_marks, value_role

__all__ = ["ValueMention", "conflict_label", "disagreement", "find_conflicts", "written_value"]

SLOT_THRESHOLD = 0.2
UNNAMED_THRESHOLD = 0.3
UNIT_THRESHOLD = 0.08  # counts of one unit ("employees") with one predicate usually share a slot
FACT_THRESHOLD = 0.05  # two values of one aligned fact need only a trace of shared context...
FACT_ALONE = 0.25  # ... with a shared predicate, or this much without
VALUE_KINDS = ("date", "number", "money", "percent")
SHARE_UNITS = frozenset({"point", "percent"})  # "leads by 4 points", "Sixty five percent" (in words): a share
DURATIONS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade"})
# who reported the news: "(first) reported by X", "X first reported", "X reported the news"; never
# a trailing "..., Fox News reported." (that cites a source for one detail)
_REPORTED_BY = re.compile(
    r"(?:(?:first|originally|initially)\s+)?reported\s+by\s+(?:the\s+)?$|(?:first|originally)\s+reported\s*$",
    re.I)
_REPORTER_BEFORE = re.compile(r"^\s*(?:,[^,]{0,60},\s*)?(?:(?:first|originally|initially)\s+reported|"
                              r"reported\s+the\s+(?:news|story)|broke\s+the\s+(?:news|story)|"
                              r"was\s+the\s+first\s+to\s+report)\b", re.I)


# ------------------------------------------------------------------------------ finding


def find_conflicts(
    texts: Mapping[int, str],
    values: Sequence[ValueMention],
    sentences_of: Mapping[int, Sequence] | None = None,
    units_of: Mapping[int, Sequence] | None = None,
    facts_of: Mapping[tuple[int, int], int] | None = None,
    published: Mapping[int, str | None] | None = None,
    letters: Mapping[int, str] | None = None,
    same_event: Callable[[int, int], bool] | None = None,
    keep: bool = False,
) -> list[Conflict]:
    """The conflicts among ``values`` (see the module docstring).

    ``sentences_of``: each article's sentences (``start``/``end``), cut already; ``units_of``:
    its claim units; ``facts_of``: (article, unit start) -> the aligned fact (two articles or
    more) the unit belongs to; ``published``: ISO publication dates; ``letters``: article id ->
    "A1"... for the labels (by default the order of ``texts``); ``same_event(a, b)``: whether two
    articles report one event (values of articles about different events never conflict). ``keep``:
    keep what the values' contexts say for the next comparison of the same texts (``kept``)."""
    published = published or {}
    letters = dict(letters) if letters else {a: f"A{i}" for i, a in enumerate(texts, 1)}
    clauses = Clauses(texts, sentences_of, units_of, facts_of)
    key = (tuple(texts.items()), tuple(values), tuple(published.items()),
           tuple((a, tuple((u.start, u.end) for u in units)) for a, units in (units_of or {}).items()))
    read = kept.reuse("conflict values", key, lambda: _read_values(texts, values, clauses, published), keep)
    # the aligned fact of each value's clause: what the reader's word on links changes
    candidates = [replace(c, fact=clauses.fact(c.value.article, c.bounds)) for c in read.candidates]
    allowed = _allowed_pairs(candidates, read.vectors, read.ubiquitous, same_event, read.stated)
    conflicts = []
    for members in _slots(allowed, candidates):
        severities = {allowed[p][1] for p in _pairs(members) if p in allowed} - {None}
        if not severities:
            continue
        severity = CONTRADICTION if CONTRADICTION in severities else PRECISION
        mentions = [candidates[i].value for i in members]
        slot = slot_label([candidates[i] for i in members], texts)
        facts = {candidates[i].fact for i in members}
        unverbed = severity == CONTRADICTION and mentions[0].kind == "number" and slot.startswith(COUNT_WITHOUT_VERB)
        weak = (mentions[0].kind in LESS_SURE_KINDS or unverbed) and (None in facts or len(facts) > 1)
        conflicts.append(make_conflict(slot, mentions, mentions[0].kind, severity, letters, weak))
    conflicts.extend(_reporter_conflicts(texts, [v for v in values if v.kind == "entity"], clauses, letters))
    conflicts.sort(key=lambda c: (min(letters_order(letters, m.article) for m in c.mentions),
                                  c.mentions[0].article, c.mentions[0].start))
    return conflicts


@dataclass(frozen=True)
class _ReadValues:
    """What the values' contexts say, before the aligned facts are known (kept with the story)."""

    candidates: tuple[Candidate, ...]  # each with fact None
    vectors: ContextVectors
    ubiquitous: frozenset[str]
    stated: _StatedFigures


def _read_values(texts: Mapping[int, str], values: Sequence[ValueMention], clauses: Clauses,
                 published: Mapping[int, str | None]) -> _ReadValues:
    names_by_sentence = unshared_names(values, clauses)
    places_of = places_by_sentence(values, clauses)
    subjects = Subjects(values)
    candidates: list[Candidate] = []
    contexts = []
    crowded = crowded_values([v for v in values if v.kind in VALUE_KINDS], clauses)
    for v in values:
        if v.kind not in VALUE_KINDS or (v.kind == "date" and not v.value):
            continue
        text = texts[v.article]
        v = with_hedge(text, v)
        sentence = clauses.sentence(v.article, v.start)
        if value_role(text, v.start, v.end, v.kind, v.unit, v.value, sentence, published.get(v.article)):
            continue
        bounds = clauses.clause(v.article, v.start, v.end)
        context = context_words(text, bounds, v.start, v.end)
        when = WHEN_AFTER.match(text[v.end:bounds[1]]) if v.kind == "date" else None
        if when:  # "until Sept. 29, when the ban takes effect": the date is the time of that event
            context = [(w, i + 1) for i, w in enumerate(WORD_RE.findall(when.group(1))[:CONTEXT_WORDS])]
        contexts.append(context)
        predicates, head = predicates_near(context, v.unit)
        candidates.append(Candidate(v, bounds, None, predicates,
                                    time_marks(text, bounds) - {v.text.lower()},
                                    names_by_sentence.get((v.article, sentence), frozenset()),
                                    subjects.within(v.article, bounds), head, is_announced(context),
                                    (v.article, v.end) in crowded, places_of.get((v.article, sentence), frozenset()),
                                    own_verb(text, v.end, min(len(text), v.end + 160)) if v.kind == "number" else None,
                                    months_named(text, bounds, v) if v.kind != "date" else frozenset(),
                                    tallies_named(text, sentence, v) if v.kind == "number" else frozenset()))
    return _ReadValues(tuple(candidates), ContextVectors(contexts), subjects.ubiquitous,
                       _StatedFigures(texts, [v for v in values if v.kind in VALUE_KINDS]))


def _allowed_pairs(candidates: Sequence[Candidate], vectors: ContextVectors, ubiquitous: frozenset[str],
                   same_event: Callable[[int, int], bool] | None,
                   stated: _StatedFigures) -> dict[tuple[int, int], tuple[float, str | None]]:
    """(i, j) -> (score, disagreement) for every pair of values that may be compared.

    Beyond :func:`_comparable`: two values an article states both ("hiring 10,000 ICE agents"
    and "5,000 Border Patrol agents") are two real figures about different things, so another
    article giving one of them does not contradict it; and values an article lists for one
    predicate ("21 people were arrested" and "45 people were arrested": two places, two nights)
    are compared only inside one aligned fact."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        buckets[value_bucket(c.value)].append(i)
    listed = _listed(candidates, buckets)
    allowed: dict[tuple[int, int], tuple[float, str | None]] = {}
    article = np.array([c.value.article for c in candidates], dtype=np.int64)
    for bucket in buckets.values():
        first, second = _context_pairs(bucket, vectors)
        keep = article[first] != article[second]
        first, second = first[keep], second[keep]
        if same_event is not None and len(first):  # asked once per pair of articles
            pair_articles = np.stack([article[first], article[second]], axis=1)
            seen, where = np.unique(pair_articles, axis=0, return_inverse=True)
            same = np.array([same_event(a, b) for a, b in seen.tolist()], dtype=bool)
            keep = same[where.reshape(-1)]
            first, second = first[keep], second[keep]
        for i, j in zip(first.tolist(), second.tolist()):
            a, b = candidates[i], candidates[j]
            score = _comparable(a, b, vectors.cosine(i, j), ubiquitous)
            if score is None:
                continue
            if (i in listed or j in listed) and not (a.fact is not None and a.fact == b.fact):
                continue
            if stated.same_tally(a.value, b.value):
                continue  # "failed 183-233" / "failed by a vote of 233-183": one tally, both orders
            severity = None if _restated_day(a, b) or _same_weekday(a.value, b.value) or \
                _weekday_fits(a.value, b.value) or _weekday_fits(b.value, a.value) else disagreement(a.value, b.value)
            if severity == CONTRADICTION and (magnitude_ratio(a.value, b.value) or 0.0) >= MAGNITUDE_APART:
                continue  # "four" killed in one place / "17" in all the attacks: two different counts
            if severity == CONTRADICTION and (stated.states(a.value.article, b.value, a.value)
                                              or stated.states(b.value.article, a.value, b.value)):
                continue
            if severity is not None and stated.both_give(a.value, b.value):
                continue  # each article gives both figures ("39 percent approve" and "48% for Clinton"): two things
            allowed[(i, j)] = (score, severity)
    return allowed


class _StatedFigures:
    """The counts each article gives, as written (hedges left out), by unit: "52 Senate seats"
    is 52 seats; a count the extractor missed ("Hiring 10,000 Immigration and Customs
    Enforcement agents") is found in the text as the numeral followed by the counted noun."""

    def __init__(self, texts: Mapping[int, str], values: Sequence[ValueMention]):
        self._texts = texts
        self._figures: dict[tuple[int, tuple], set] = defaultdict(set)
        self._raw: dict[tuple[int, int], tuple] = {}
        self._rounded: dict[tuple[int, tuple], list[tuple[float, float, int]]] = defaultdict(list)
        for v in values:
            figure = _figure(v)
            self._figures[(v.article, value_bucket(v))].add(figure)
            self._raw[(v.article, v.end)] = figure
            amount = written_amount(v)
            if amount is not None:
                self._rounded[(v.article, value_bucket(v))].append((amount.value, amount.step, v.end))
            whole = _whole_of(v)
            if whole is not None:  # "Three of the nine justices" gives nine justices too
                self._figures[(v.article, value_bucket(v))].add((whole, whole + 1))

    def states(self, article: int, value: ValueMention, own: ValueMention | None = None) -> bool:
        """Whether ``article`` itself gives the figure of ``value`` (another article's): a count,
        a sum or a share it states too is no figure it disputes ("22 percent" in an article that
        also gives the "25 percent duty"). An equal percentage elsewhere may be a coincidence,
        which costs a conflict shown, never a false one. A date counts only as the same day
        ("Sunday" when a senator spoke, in an article that gives the hearing's "Tuesday" too:
        on the found-story pools and fresh rounds this took away 7 false alarms and no real
        conflict); the looser readings below are for figures only.
        Asked of contradictions only: a difference in precision ("dozens" / "fewer than 50") is
        shown even where an article gives both."""
        figure = self._raw.get((value.article, value.end), _figure(value))
        if figure in self._figures.get((article, value_bucket(value)), ()):
            return True
        if value.kind == "date":
            return False
        if self._numeral_written(article, value, own) or self._rounded_given(article, value, own):
            return True
        if value.kind != "number" or not value.unit or value.low is None or not math.isfinite(value.low) \
                or value.high != value.low + 1:
            return False  # below: a count of a named thing the extractor missed ("10,000 ... agents")
        numeral = f"{int(value.low):,}".replace(",", ",?")
        for match in re.finditer(rf"(?<![\w.,]){numeral}(?![\w.,]\d)((?:\s+[\w’'-]+){{1,6}})", self._texts[article]):
            if any(value.unit in (canonical_unit(w.lower()), singular(w.lower())) for w in match.group(1).split()):
                return True
        return False

    def _rounded_given(self, article: int, value: ValueMention, own: ValueMention | None) -> bool:
        """Whether ``article`` gives the figure of ``value`` rounded ("Harvard's $41 billion" in the
        article whose "$28 billion" is Stanford's, against another's "$40.9 billion"): the figure
        it states, written less precisely, is no figure it disputes. The article's ``own`` value
        being compared is left out."""
        amount = written_amount(value)
        if amount is None:
            return False
        for figure, step, end in self._rounded.get((article, value_bucket(value)), ()):
            if rounds_to(figure, step, amount.value, amount.step) and \
                    (own is None or own.article != article or end != own.end):
                return True
        return False

    def _numeral_written(self, article: int, value: ValueMention, own: ValueMention | None) -> bool:
        """Whether ``article`` writes the very numeral of a count of a thousand or more, whatever
        it counts ("Employers hired 130,000 people" against "130,000 jobs"; "it had swelled to more
        than 9,000" against "more than 9,000 evacuees"): a figure that large written alike is the
        same figure, which the article gives, not one it disputes. Years are left out, and so is
        the article's ``own`` value being compared ("fewer than 200,000" against "more than
        200,000" disagree)."""
        if value.kind != "number":
            return False
        written = re.search(r"\d{1,3}(?:,\d{3})+|\d{4,}", value.text)
        if not written or re.fullmatch(r"(?:19|20)\d\d", written.group()) or int(written.group().replace(",", "")) < 1000:
            return False
        for match in re.finditer(rf"(?<![\w.,]){re.escape(written.group())}(?![\w]|[.,]\d)", self._texts[article]):
            if own is None or own.article != article or not own.start <= match.start() < own.end:
                return True
        return False

    def both_give(self, a: ValueMention, b: ValueMention) -> bool:
        """Whether each article gives the other's figure too, of any kind: two figures about two
        things that both articles report, never one figure they disagree on."""
        fa, fb = self._raw.get((a.article, a.end), _figure(a)), self._raw.get((b.article, b.end), _figure(b))
        return fa != fb and fb in self._figures.get((a.article, value_bucket(b)), ()) and \
            fa in self._figures.get((b.article, value_bucket(a)), ())

    def tally(self, value: ValueMention) -> frozenset[float]:
        """The two numbers of the tally or score ("183-233", "49 to 47") ``value`` is one side of."""
        text = self._texts[value.article]
        lo = max(0, value.start - TALLY_REACH)
        for match in TALLY.finditer(text, lo, min(len(text), value.end + TALLY_REACH)):
            if match.start() <= value.start and value.end <= match.end() + 1:
                return frozenset(float(n.replace(",", "")) for n in match.group(1, 2))
        return frozenset()

    def same_tally(self, a: ValueMention, b: ValueMention) -> bool:
        """Whether the two values are sides of one tally both articles give (in either order)."""
        if a.kind != "number" or b.kind != "number":
            return False
        ta = self.tally(a)
        return bool(ta) and ta == self.tally(b)


TALLY_REACH = 16


_OF_WHOLE = re.compile(r"\s(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?(\S.*)$", re.I)


def _whole_of(v: ValueMention) -> float | None:
    """The total a count is a part of, when its mention writes both ("Three of the nine justices":
    9; "18 of its 25 active judges": 25)."""
    if v.kind != "number":
        return None
    of = _OF_WHOLE.search(v.text)
    amount = read_amount(of.group(1)) if of else None
    if amount is None or amount.vague is not None or amount.step != 1.0:
        return None
    return amount.value


def _figure(v: ValueMention) -> tuple:
    return (v.low, v.high) if v.low is not None else (v.key,)


def _listed(candidates: Sequence[Candidate], buckets: Mapping[tuple, list[int]]) -> set[int]:
    """Values of an article that contradict another value it gives with the same head verb:
    the article lists counts of different things ("15 arrested in Boston ... 21 in Atlanta")."""
    listed: set[int] = set()
    for members in buckets.values():
        by_article: dict[int, list[int]] = defaultdict(list)
        for i in members:
            if candidates[i].head is not None:
                by_article[candidates[i].value.article].append(i)
        for own in by_article.values():
            for x, i in enumerate(own):
                for j in own[x + 1:]:
                    a, b = candidates[i], candidates[j]
                    if a.head == b.head and disagreement(a.value, b.value) == CONTRADICTION:
                        listed.update((i, j))
    return listed


def _restated_day(a: Candidate, b: Candidate) -> bool:
    """One relative day written alike in one aligned fact ("President Obama today offered no
    defense", quoted by two outlets on different days): the sentence restated, its day read
    against two publication dates, never two days of one event."""
    if a.value.kind != "date" or a.fact is None or a.fact != b.fact:
        return False
    written = a.value.text.strip().lower()
    return written == b.value.text.strip().lower() and not any(ch.isdigit() for ch in written)


_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def _same_weekday(a: ValueMention, b: ValueMention) -> bool:
    """One weekday named by two articles without a date ("Sunday" / "Sunday morning"), read a week
    apart against their publication dates: the same day to a reader (which week a bare weekday means
    is the reader's guess from the publication date, and outlets of one story name the same day)."""
    if a.kind != "date" or not (_relative(a) and _relative(b)):
        return False
    wa, wb = _WEEKDAY.search(a.text), _WEEKDAY.search(b.text)
    if not wa or not wb or wa.group(1).lower() != wb.group(1).lower():
        return False
    return not re.search(r"\b(?:last|next|previous|following)\b", f"{a.text} {b.text}", re.I)


def _weekday_fits(a: ValueMention, b: ValueMention) -> bool:
    """A weekday written without a date ("Friday", "last Monday morning") that falls on a day of
    ``b``'s date, or would a week before or after: which week a bare weekday means is read from the
    publication date and the tense ("a rocket attack on Friday that killed" in a Tuesday's article
    may be three days ahead or four back; "last Monday" the day before or a week earlier), so
    "Friday" against "last week" that holds a Friday, or "last Monday" against "March 12" (a
    Monday), is one day told two ways, never a contradiction."""
    if a.kind != "date" or b.kind != "date" or any(ch.isdigit() for ch in a.text) or not _WEEKDAY.search(a.text):
        return False
    own, other = date_range(a), date_range(b)
    if own is None or other is None or own[0] != own[1]:
        return False
    return any(other[0] <= own[0] + timedelta(days=shift) <= other[1] for shift in (-7, 0, 7))


def _relative(v: ValueMention) -> bool:
    """A date written without a number ("this week", "Monday", "tonight"), read against the
    publication date."""
    return bool(v.first) or not any(ch.isdigit() for ch in v.text)


def _day_against_year(a: ValueMention, b: ValueMention) -> bool:
    """A relative day or week ("this weekend", "Monday") against a whole year ("2020", "next
    year"): the day something happens and the year it belongs to, never one fact's two values."""
    if a.kind != "date" or not (_relative(a) or _relative(b)):
        return False
    spans = sorted(s for s in (date_span_days(a), date_span_days(b)) if s is not None)
    return len(spans) == 2 and spans[0] <= 7 and spans[1] >= 365


def _comparable(a: Candidate, b: Candidate, cosine: float, ubiquitous: frozenset[str] = frozenset()) -> float | None:
    """A score when the two values may be compared (same fact, or same subject and predicate).

    Whatever the path, never: "remained in hospital" against "were injured" (their nearest
    verbs differ), a sentence weighing two values of a kind against each other ("Cruz 48% to
    Trump's 35%"), relative days and durations of different claims, two dates at which
    different things happen, or claims about different people, companies or indexes."""
    if _apart(a, b):
        return None
    if a.head and b.head and (a.head not in b.predicates or b.head not in a.predicates):
        return None
    if (a.own or b.own) and a.own != b.own and (a.own or a.head) != (b.own or b.head):
        return None  # "six people ... were injured" (whatever stands before it) / "14 people killed"
    if a.crowded or b.crowded:
        return None
    if a.months and b.months and not a.months & b.months:
        return None  # "103,000 jobs in March" / "164,000 in April": figures of two months' reports
    if a.value.kind == "date" and (a.head is None or a.head != b.head or _day_against_year(a.value, b.value)):
        return None
    if a.subjects and b.subjects and not a.subjects & b.subjects:
        return None
    shared = a.predicates & b.predicates
    if a.times != b.times:
        return None  # one speaks of "Wednesday", the other of another or no moment: even in one fact
    if a.fact is not None and a.fact == b.fact:
        if cosine >= FACT_THRESHOLD and (shared or cosine >= FACT_ALONE):
            return 1.0 + cosine
        return None
    if a.value.kind == "percent" or a.value.unit in SHARE_UNITS:
        return None  # a share or a poll margin: of whom, in which poll or state, only one fact tells
    if a.names or b.names:
        return None  # a sentence naming someone only its article names is about something else
    if a.places and b.places and not a.places & b.places:
        return None  # "arrested in Boston" / "arrested in Atlanta"
    own_a, own_b = a.subjects - ubiquitous, b.subjects - ubiquitous
    if (own_a or own_b) and not own_a & own_b and cosine < UNNAMED_THRESHOLD:
        return None  # one names who it is about, the other does not: its context must say more
    if a.value.unit in DURATIONS or (a.value.kind == "date" and (a.value.first or b.value.first)):
        return None  # durations and relative days only inside one fact
    if not shared:
        return None
    if cosine < (UNIT_THRESHOLD if a.value.kind == "number" and a.value.unit else SLOT_THRESHOLD):
        return None
    return cosine


def _apart(a: Candidate, b: Candidate) -> bool:
    """Two values that must never share a slot: about different people or organisations, of
    different moments, one announced and the other not, or two values of one article that
    disagree (one article does not contradict itself: those are two slots)."""
    if a.value.article == b.value.article:
        return disagreement(a.value, b.value) == CONTRADICTION
    if a.times and b.times and not a.times & b.times:
        return True
    if _groups_differ(a.value, b.value):
        return True
    if a.tallies and b.tallies and not a.tallies & b.tallies:
        return True  # "in the 244-185 vote" / "voted 245-to-189": two votes
    return a.announced != b.announced


def _counted_group(v: ValueMention) -> frozenset[str] | None:
    """The names that say which of the counted a count is of, between its figure and its noun
    ("Israeli" in "two Israeli civilians", "EU" in "14 EU countries", "Democratic" in "51
    Democratic delegates"), lower case; None for a vague count ("hundreds") or anything else. A
    word in lower case ("confirmed cases", "internal documents") names no group of its own."""
    if v.kind != "number" or not v.unit:
        return None
    amount = written_amount(v)  # the figure as written, hedge left out; None for a vague count
    if amount is None:
        return None
    words = amount.rest.split()
    return frozenset(w.lower() for w in words[:-1] if w[:1].isupper()) if words else None


def _groups_differ(a: ValueMention, b: ValueMention) -> bool:
    """Two counts in figures of one noun, one of a named part of it the other does not name ("14 EU
    countries" / "more than 20 countries", "51 Democratic delegates" / "109 delegates", "five
    London hospitals" / "eight hospitals"): counts of two groups, not two counts of one (on the
    found-story pools such pairs were almost always false alarms). "546 confirmed cases" / "564
    cases" still compare."""
    ga, gb = _counted_group(a), _counted_group(b)
    return ga is not None and gb is not None and ga != gb


PROBE_WORDS = 4  # each value looks up the mentions that share one of its strongest context words


def _context_pairs(bucket: list[int], vectors: ContextVectors) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of a bucket whose contexts share one of their strongest words, in order
    (by i, then j), as two arrays: every pair when the bucket is small, an inverted index when it
    is large (hundreds of articles)."""
    members = np.array(bucket, dtype=np.int64)
    if len(bucket) <= 60:
        x, y = np.triu_indices(len(bucket), 1)
        return members[x], members[y]
    ids: dict[str, int] = {}
    entry_word, entry_member, strong_word, strong_member = [], [], [], []
    for i in bucket:
        vector = vectors.vectors[i]
        for word, _ in heapq.nlargest(PROBE_WORDS, vector.items(), key=lambda w_v: (w_v[1], w_v[0])):
            strong_word.append(ids.setdefault(word, len(ids)))
            strong_member.append(i)
        for word in vector:
            entry_word.append(ids.setdefault(word, len(ids)))
            entry_member.append(i)
    words = np.array(entry_word, dtype=np.int64)
    posting = np.array(entry_member, dtype=np.int64)[np.argsort(words, kind="stable")]
    size = np.bincount(words, minlength=len(ids))
    start = np.cumsum(size) - size
    strong, probe = np.array(strong_word, dtype=np.int64), np.array(strong_member, dtype=np.int64)
    lengths = size[strong]
    ends = np.cumsum(lengths)
    found = posting[np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(start[strong] - (ends - lengths), lengths)]
    probe = np.repeat(probe, lengths)
    other = found != probe
    found, probe = found[other], probe[other]
    width = int(members.max()) + 1
    keys = np.unique(np.minimum(found, probe) * width + np.maximum(found, probe))
    return keys // width, keys % width


def _pairs(members: list[int]):
    for x, i in enumerate(members):
        for j in members[x + 1:]:
            yield (min(i, j), max(i, j))


def _slots(allowed: Mapping[tuple[int, int], tuple[float, str | None]],
           candidates: Sequence[Candidate]) -> list[list[int]]:
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


# ------------------------------------------------------------------------------ reporters


def _reporter_conflicts(texts: Mapping[int, str], entities: Sequence[ValueMention], clauses: Clauses,
                        letters: Mapping[int, str]) -> list[Conflict]:
    """Who reported the news: people or organisations named as the reporting source."""
    names = unshared_names(entities, clauses)
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
    keys = {r.key for r in reporters}
    if len(keys) < 2 or len({r.article for r in reporters}) < 2:
        return []
    named = defaultdict(set)  # the last word of each name an article gives ("Post" of "The Washington Post")
    for e in entities:
        named[e.article].add(_last_word(e.key))
    if all({_last_word(k) for k in keys} <= named[r.article] for r in reporters):
        return []  # every article names every source ("the Post and the Guardian broke the story"): no disagreement
    # who reported the news is never one aligned fact: always a conflict to check
    return [make_conflict("Who reported the news", reporters, "entity", PRECISION, letters, weak=True)]


def _last_word(key: str) -> str:
    words = re.findall(r"\w+", key.casefold())
    return words[-1] if words else key


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end
