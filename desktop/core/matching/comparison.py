"""What a comparison of N articles found: plain frozen data, read by field name.

Offsets are half-open Python character offsets into the article's full text (boilerplate
included, so they index ``Article.text`` directly).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Fact kinds, as in the JSON contract of ``parallax compare``.
CLAIM, QUOTE, DATE, NUMBER, MONEY, PERCENT, ENTITY = (
    "claim", "quote", "date", "number", "money", "percent", "entity")
FACT_KINDS = (CLAIM, QUOTE, DATE, NUMBER, MONEY, PERCENT, ENTITY)


@dataclass(frozen=True)
class Attribution:
    """Who a claim is attributed to in its sentence: "the company said", "according to The Register"."""

    start: int
    end: int
    text: str
    source: str
    verb: str


@dataclass(frozen=True)
class Mention:
    """Where one article states a fact. ``value`` is the normalised value, where there is one
    (an ISO date, an interval such as ``[0, 50) employees``, ``USD 721000000``). For a claim the
    span is the claim without its attribution, which is kept in ``attribution``."""

    article: int
    start: int
    end: int
    text: str
    value: str | None = None
    attribution: Attribution | None = None


@dataclass(frozen=True)
class Fact:
    """One fact as reported across the articles: a cluster of mentions, at most a few per article."""

    id: str  # stable across runs for the same input: kind + digest of its key
    kind: str  # one of FACT_KINDS
    label: str  # short, human: a representative sentence, the date, the number, the name
    mentions: tuple[Mention, ...]
    key: str = ""  # what the mentions share (normalised value or claim signature)
    verbatim: bool = False  # a passage copied word for word (kind "quote", or a claim mostly copied)
    restatements: tuple[Mention, ...] = ()  # the same fact again in an article already among the mentions

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({m.article for m in self.mentions}))

    @property
    def sources(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class Conflict:
    """The same fact slot given incompatible values by different articles; each mention has a value."""

    id: str
    label: str  # the slot, e.g. "When the ban takes effect"
    mentions: tuple[Mention, ...]
    kind: str = ""  # the value kind: date, number, entity ...
    severity: str = "contradiction"  # or "discrepancy": the values overlap but differ

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({m.article for m in self.mentions}))

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.value or m.text for m in self.mentions))


@dataclass(frozen=True)
class ArticleSummaryFacts:
    """Per-article figures for pane headers and reports."""

    article: int
    shared: int  # facts this article reports with at least one other
    exclusive: int  # facts only this article reports
    conflicts: int  # conflicts this article takes part in
    omitted: tuple[str, ...] = ()  # ids of facts most other articles report and this one does not


@dataclass(frozen=True)
class Comparison:
    articles: tuple  # the Article objects compared, in order
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...]
    summaries: tuple[ArticleSummaryFacts, ...] = ()
    timings: dict = field(default_factory=dict, compare=False)

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    def summary(self, article_id: int) -> ArticleSummaryFacts:
        return next(s for s in self.summaries if s.article == article_id)
