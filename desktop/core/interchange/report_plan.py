"""A comparison sorted into the sections every report shows, and the helpers they share.

The text, Markdown and HTML reports all start from :func:`plan_report`, so the three formats
always agree on what goes where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.interchange.escaping import clean_line
from desktop.core.matching.comparison import (
    CLAIM,
    DATE,
    ENTITY,
    MONEY,
    NUMBER,
    PERCENT,
    QUOTE,
    Comparison,
    Fact,
    Mention,
)

ATOMIC_KINDS = (DATE, NUMBER, MONEY, PERCENT, ENTITY)
# C0 and C1 control characters other than whitespace (Unicode category Cc).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")




@dataclass(frozen=True)
class ReportPlan:
    """A comparison sorted into report sections (facts in display order)."""

    letters: dict  # article id -> "A1", "A2"... by position in the comparison
    shared_by_all: tuple[Fact, ...]  # claims every article reports
    shared_by_several: tuple[Fact, ...]  # claims 2..N-1 articles report, strongest first
    verbatim: tuple[Fact, ...]  # passages copied word for word (kind quote)
    atomic: tuple[Fact, ...]  # dates, numbers, money, percentages, names with >= 2 sources
    exclusive: dict  # article id -> claims only that article reports
    omitted: dict  # article id -> facts most others report and it leaves out

    @property
    def count(self) -> int:
        return len(self.letters)


class Report:
    """What every report format starts from: the comparison, its plan, its articles by id."""

    def __init__(self, comparison: Comparison):
        self.comparison = comparison
        self.plan = plan_report(comparison)
        self.articles = {a.id: a for a in comparison.articles}


def plan_report(comparison: Comparison) -> ReportPlan:
    articles = comparison.articles
    count = len(articles)
    letters = {a.id: f"A{i}" for i, a in enumerate(articles, 1)}
    order = {f.id: i for i, f in enumerate(comparison.facts)}

    def strongest_first(facts) -> tuple[Fact, ...]:
        return tuple(sorted(facts, key=lambda f: (-f.sources, order[f.id])))

    claims = [f for f in comparison.facts if f.kind == CLAIM and _known(f, letters)]
    shared_by_all = [f for f in claims if count >= 2 and f.sources >= count]
    several = [f for f in claims if 2 <= f.sources < count]
    verbatim = [f for f in comparison.facts if f.kind == QUOTE and f.sources >= 2]
    atomic = [f for f in comparison.facts if f.kind in ATOMIC_KINDS and f.sources >= 2]
    exclusive: dict[int, list[Fact]] = {a.id: [] for a in articles}
    for fact in claims:
        if fact.sources == 1:
            exclusive[fact.articles[0]].append(fact)
    by_id = {f.id: f for f in comparison.facts}
    omitted: dict[int, list[Fact]] = {a.id: [] for a in articles}
    for summary in comparison.summaries:
        if summary.article in omitted:
            omitted[summary.article] = [by_id[i] for i in summary.omitted if i in by_id]
    return ReportPlan(
        letters=letters,
        shared_by_all=strongest_first(shared_by_all),
        shared_by_several=strongest_first(several),
        verbatim=strongest_first(verbatim),
        atomic=strongest_first(atomic),
        exclusive={k: tuple(v) for k, v in exclusive.items()},
        omitted={k: tuple(v) for k, v in omitted.items()},
    )


def _known(fact: Fact, letters: dict) -> bool:
    return bool(fact.mentions) and all(a in letters for a in fact.articles)


def clean(text: str | None) -> str:
    """One line of user text: whitespace runs (newlines included) collapsed, control
    characters (an ESC from a pasted terminal capture) dropped."""
    return clean_line(text)


def article_date(article) -> str:
    """The publication date as given (an ISO date; a datetime is cut to its date)."""
    published = (article.published or "").strip()
    return published[:10] if len(published) > 10 and published[10] in "T " else published


def article_words(article) -> int:
    """Words of the article without its active boilerplate."""
    return len(article.body_text.split())


def mention_context(article, mention: Mention, limit: int = 200) -> str:
    """The sentence around a mention, on one line, at most ``limit`` characters; shortened
    around the mention when longer."""
    text = article.text
    start, end = max(0, mention.start), min(len(text), mention.end)
    if start >= end:
        return clean(mention.text)[:limit]
    lo, hi = start, end
    for sentence in _sentences(text):
        if sentence.end <= start:
            continue
        if sentence.start >= end:
            break
        lo, hi = min(lo, sentence.start), max(hi, sentence.end)
    if hi - lo <= limit:
        return clean(text[lo:hi])
    # Too long: keep the mention and what fits around it, marked with ellipses.
    budget = max(1, limit - 2)  # room for the two ellipses
    room = max(0, budget - (end - start)) // 2
    lo2 = max(lo, min(start - room, hi - budget))
    hi2 = min(hi, max(end, lo2 + budget))
    # Cut at word boundaries, never inside the mention.
    while lo2 > lo and lo2 < start and not text[lo2 - 1].isspace():
        lo2 += 1
    while hi2 < hi and hi2 > end and not text[hi2].isspace():
        hi2 -= 1
    snippet = clean(text[lo2:hi2])[:budget].rstrip()
    return ("…" if lo2 > lo else "") + snippet + ("…" if hi2 < hi else "")


@lru_cache(maxsize=64)
def _sentences(text: str):
    from desktop.core.matching.segment import segment_sentences

    return tuple(segment_sentences(text))


def letters_of(fact_or_conflict, letters: dict) -> list[str]:
    return [letters[a] for a in fact_or_conflict.articles if a in letters]


def separation_lines(comparison, letters, limit: int = 70) -> list[str]:
    """One line per pair of claims the reader set apart ("Not the Same Fact"), in words, so a report
    never hides that judgement: "Set apart by the reader as not the same fact: A1 “…” · A3 “…”"."""
    def said(mention: Mention) -> str:
        text = clean(mention.text)
        return f"{letters.get(mention.article, '?')} “{text if len(text) <= limit else text[:limit - 1] + '…'}”"

    return [f"Set apart by the reader as not the same fact: {said(a)} · {said(b)}"
            for a, b in getattr(comparison, "separated", ())]
