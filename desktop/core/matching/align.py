"""Claim alignment: which claims of N articles state the same fact.

1. Each article's body (boilerplate blanked, offsets kept) is cut into sentences and claim units
   (``claims``: attribution apart; headings, questions and low-content pieces never link).
2. Candidate pairs of linkable claims of different articles come from a rare-stem index and
   from the nearest neighbours by meaning vector (``linking``); never all pairs.
3. Each candidate is scored by the learned link model (``linking.PairScorer``); anchors (the
   same number, date, amount or person, from the atomic facts) are one of its inputs.
4. Links become facts without chaining (``clustering``): average linkage, one claim per article,
   most members must agree; restatements within an article are kept apart.

Long work reports ``progress(done, total, message)`` and stops early when ``is_cancelled()``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from desktop.core.library.dates import readable_date
from desktop.core.matching import kept
from desktop.core.matching.atomic import extract_atomic, yearless_date_keys
from desktop.core.matching.claims import ClaimUnit, claim_units
from desktop.core.matching.clustering import Group, cluster
from desktop.core.matching.linking import LinkModel, PairScorer, candidate_pairs, link_model, unit_matrix
from desktop.core.matching.possible import possible_matches

__all__ = ["ANCHOR_KINDS", "ArticleUnits", "Claim", "Prepared", "align", "anchor_finder", "anchors_from_atomic",
           "forced_pairs", "group", "prepare"]

# anchors that tie two claims together: values and people, not the ubiquitous organisations and places
ANCHOR_KINDS = ("date", "number", "money", "percent")
Anchors = Callable[[ClaimUnit], frozenset[str]]
SCORE_STEP = 1024  # candidate pairs scored together between progress reports and cancellation checks


@dataclass(frozen=True)
class ArticleUnits:
    article: int
    sentences: tuple  # segment.Sentence, over the body text
    units: tuple[ClaimUnit, ...]  # every claim unit, linkable or not


@dataclass(frozen=True)
class Claim:
    """Claims of several articles (one each) that state one fact, or one claim alone."""

    units: tuple[ClaimUnit, ...]
    score: float  # mean link score inside the fact (1.0 for a single claim)
    restatements: tuple[ClaimUnit, ...] = ()  # the same fact again, in an article already in ``units``
    possible: tuple[tuple[ClaimUnit, float], ...] = ()  # below the link threshold: other articles' best

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({u.article for u in self.units}))


@dataclass
class Prepared:
    """One story's claims ready for linking: the per-story work done once."""

    split: dict[int, ArticleUnits]
    units: list[ClaimUnit]  # the linkable claims of every article
    matrix: np.ndarray  # their meaning vectors, one unit row each
    candidates: list[tuple[int, int]]
    scorer: PairScorer


def prepare(bodies: Mapping[int, str], anchors_of: Anchors = lambda unit: frozenset(),
            model: LinkModel | None = None, keep: bool = False) -> Prepared:
    """The per-story work before grouping. With ``keep``, kept for the next comparison of the same
    texts (about 45 MB for 200 articles, so only the window asks for it, in its worker process);
    a kept story is returned as it is when the texts and the anchors of their claims are equal."""
    split = {}
    for article, body in bodies.items():
        sentences, units = claim_units(article, body)
        split[article] = ArticleUnits(article, sentences, units)
    linkable = [u for a in split.values() for u in a.units if u.linkable]
    anchors = [anchors_of(u) for u in linkable]

    def build() -> Prepared:
        matrix = unit_matrix(linkable)
        scorer = PairScorer(linkable, anchors, matrix, model)
        return Prepared(split, linkable, matrix, candidate_pairs(linkable, matrix), scorer)

    # the Prepared keeps the model alive, so its id is not reused while kept
    return kept.reuse("prepare", (tuple(bodies.items()), tuple(anchors), id(model)), build, keep)


def group(prepared: Prepared, model: LinkModel,
          progress: Callable[[int, int, str], None] | None = None,
          is_cancelled: Callable[[], bool] | None = None,
          scored: list[tuple[float, int, int]] | None = None,
          forced: frozenset[tuple[int, int]] = frozenset(),
          apart: frozenset[tuple[int, int]] = frozenset()) -> list[Group]:
    """Score the candidates and cluster the claims into facts; every scored pair ``(score, i, j)``
    is added to ``scored`` when given. ``forced`` pairs (i < j, the reader's word) are joined once the
    model's facts are formed, and count as 1.0 inside a fact; ``apart`` pairs (the reader's "Not the
    Same Fact") are not scored (so never offered as possible matches either) and never share a fact."""
    scorer = prepared.scorer
    scorer.use_model(model)
    links = []
    candidates = [pair for pair in prepared.candidates if pair not in forced and pair not in apart]
    total = len(candidates)
    for done in range(0, total, SCORE_STEP):  # many pairs at once: the same scores as scorer.score
        if is_cancelled and is_cancelled():
            break
        if progress:
            progress(done, total, "Comparing claims")
        step = candidates[done:done + SCORE_STEP]
        links.extend((s, i, j) for s, (i, j) in zip(scorer.score_pairs(step), step))
    scorer.release_blocks()  # every candidate is scored and cached: the story is kept lighter
    if scored is not None:
        scored.extend(links)
    score = scorer.score if not forced and not apart else (
        lambda i, j: 1.0 if (min(i, j), max(i, j)) in forced else 0.0 if (min(i, j), max(i, j)) in apart
        else scorer.score(i, j))
    return cluster(len(prepared.units), [u.article for u in prepared.units], links, score,
                   model.threshold, model.cluster_threshold, forced=forced, apart=apart)


def align(
    bodies: Mapping[int, str],
    anchors_of: Anchors = lambda unit: frozenset(),
    progress: Callable[[int, int, str], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    same_facts: Sequence[tuple[tuple[int, int, int], tuple[int, int, int]]] = (),
    different_facts: Sequence[tuple[tuple[int, int, int], tuple[int, int, int]]] = (),
    keep: bool = False,
) -> tuple[dict[int, ArticleUnits], list[Claim]]:
    """Split every body into claim units and group them into facts (shared and single), each with
    its possible matches in the other articles (``possible``). ``same_facts``: pairs of spans
    ((article, start, end) twice) the reader marked as one fact; the claims they fall on are linked.
    ``different_facts``: pairs the reader set apart ("Not the Same Fact"); their claims never share a
    fact and are not offered to each other as possible matches. ``keep``: keep the story's prepared
    claims and link scores for the next comparison of the same texts (see ``prepare``)."""
    prepared = prepare(bodies, anchors_of, keep=keep)
    units = prepared.units
    claims = []
    scored: list[tuple[float, int, int]] = []
    apart = forced_pairs(units, different_facts)
    forced = forced_pairs(units, same_facts) - apart
    groups = group(prepared, link_model(), progress, is_cancelled, scored, forced, apart)
    nearby = possible_matches(groups, [u.article for u in units], scored, apart=apart)
    for g, maybe in zip(groups, nearby):
        members = tuple(sorted((units[i] for i in g.members), key=lambda u: (u.article, u.start)))
        again = tuple(sorted((units[i] for i in g.restatements), key=lambda u: (u.article, u.start)))
        claims.append(Claim(members, g.score, again, tuple((units[i], score) for i, score in maybe)))
    claims.sort(key=lambda c: (-len(c.articles), c.units[0].article, c.units[0].start))
    return prepared.split, claims


def forced_pairs(units: Sequence[ClaimUnit],
                 same_facts: Sequence[tuple[tuple[int, int, int], tuple[int, int, int]]]) -> frozenset[tuple[int, int]]:
    """The unit pairs (i < j) the reader's spans fall on ("same fact" or "not the same fact"): for
    each span, the linkable claim of its article it overlaps most (a span on no claim, a heading
    say, counts for nothing)."""
    if not same_facts:
        return frozenset()
    by_article: dict[int, list[int]] = {}
    for n, unit in enumerate(units):
        by_article.setdefault(unit.article, []).append(n)

    def unit_of(article: int, start: int, end: int) -> int | None:
        best, most = None, 0
        for n in by_article.get(article, ()):
            shared = min(end, units[n].end) - max(start, units[n].start)
            if shared > most:
                best, most = n, shared
        return best

    pairs = set()
    for first, second in same_facts:
        i, j = unit_of(*first), unit_of(*second)
        if i is not None and j is not None and units[i].article != units[j].article:
            pairs.add((min(i, j), max(i, j)))
    return frozenset(pairs)


# ------------------------------------------------------------------------------ anchors


def anchors_from_atomic(atomic: Mapping[int, Sequence]) -> Anchors:
    """A unit's anchors: the keys of the atomic facts (values and people) inside its span; a yearless
    date of an undated article is the full date another article gives ("September 29" is
    "2024-09-29" when 2024 is the only year told for it, as ``group_atomic`` joins them). People
    stay as each article names them: joined across articles ("Zetter" as "Kim Zetter"), a name
    shared made more links between claims that share nothing else (measured on the judged links)."""
    dates = yearless_date_keys(m.key for mentions in atomic.values() for m in mentions)
    index = {}
    for article, mentions in atomic.items():
        items = sorted((m.start, m.end, dates.get(m.key, m.key)) for m in mentions
                       if m.kind in ANCHOR_KINDS or (m.kind == "entity" and m.entity_type == "person"))
        index[article] = ([i[0] for i in items], items)

    def anchors_of(unit: ClaimUnit) -> frozenset[str]:
        starts, items = index.get(unit.article, ([], []))
        found = set()
        for i in range(bisect_left(starts, unit.start), len(starts)):
            start, end, key = items[i]
            if start >= unit.end:
                break
            if end <= unit.end:
                found.add(key)
        return frozenset(found)

    return anchors_of


def anchor_finder(articles: Sequence) -> Anchors:
    """Anchors for these articles (``Article`` objects), from their atomic facts."""
    atomic = {a.id: extract_atomic(a.text, readable_date(a.published), [(s.start, s.end) for s in a.boilerplate if s.active])
              for a in articles}
    return anchors_from_atomic(atomic)
