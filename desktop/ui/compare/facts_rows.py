"""The rows of the facts table: one per fact and one per conflict of a comparison.

Owns what a row is (``FactRow``: kind, label, which outlets report it, the conflicts it takes
part in, its tooltip built on first hover), how rows are built from a ``Comparison`` (``fact_rows``,
shared by the facts panel and the coverage matrix), the filters a row passes (``row_passes``),
the kind and coverage vocabularies, and the outlet letters and colours the chips use. No widgets.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtGui import QColor

from desktop.core.labels import article_label, letter_names
from desktop.core.matching.comparison import FACT_KINDS, Comparison, Conflict, Fact, Mention
from desktop.ui.compare.possible_lines import LESS_SURE_CONFLICT_NOTE, WEAK_NOTE, possible_lines

CONFLICT = "conflict"  # the kind of a conflict row

KIND_NAMES = {  # singular, for the Kind column
    "claim": "Claim", "quote": "Quote", "date": "Date", "number": "Number", "money": "Money",
    "percent": "Percentage", "entity": "Name", CONFLICT: "Conflict",
}
KIND_PLURALS = {  # for the kind filter
    "claim": "Claims", "quote": "Quotes", "date": "Dates", "number": "Numbers", "money": "Money",
    "percent": "Percentages", "entity": "Names", CONFLICT: "Conflicts",
}
KIND_ORDER = {kind: i for i, kind in enumerate((*FACT_KINDS, CONFLICT))}

# coverage filters: (name, button text, tooltip)
COVERAGES = (
    ("any", "Any", "Every fact and conflict"),
    ("all", "All", "Facts every outlet reports"),
    ("some", "Several", "Facts two or more outlets report, but not all"),
    ("one", "One", "Facts only one outlet reports (exclusives)"),
    ("conflicts", "Conflicts", "Conflicts, and the facts that take part in them"),
    ("unsure", "Less sure", "Shared claims and conflicts Parallax is less sure of (in italics): check these "
                            "first, or settle the links one by one with Story > Review Links"),
)
COVERAGE_NAMES = tuple(name for name, _text, _tip in COVERAGES)

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies); vermilion is
# kept for conflicts. Chips always carry the outlet's letter too, so colour is never the only cue.
OUTLET_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#7F7F7F")
CONFLICT_COLOR = "#D55E00"


def outlet_letter(position: int) -> str:
    """A1, A2 ... for the article at this position (0-based) of the comparison."""
    return f"A{position + 1}"


def outlet_name(article, position: int, peers=()) -> str:
    """ "A2 · Bitdefender", or where the outlet is unknown "A4 · Russian cybersecurity firm…": the
    headline's first words, told apart from those of ``peers`` (the other compared articles)."""
    return f"{outlet_letter(position)} · {article_label(article, peers)}"


def outlet_color(position: int) -> QColor:
    return QColor(OUTLET_COLORS[position % len(OUTLET_COLORS)])


def text_color_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on this background."""
    r, g, b = background.redF(), background.greenF(), background.blueF()
    return QColor("#000000") if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else QColor("#ffffff")


def trim(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def overlaps(a: Mention, b: Mention) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


@dataclass(frozen=True)
class FactRow:
    """What the table shows of one fact or conflict."""

    id: str
    kind: str  # a fact kind, or "conflict"
    label: str
    reported: tuple[bool, ...]  # per outlet (comparison order): does it report this
    conflict_ids: tuple[str, ...]  # conflicts it takes part in (itself, for a conflict row)
    make_tooltip: Callable[[], str] = field(repr=False, compare=False)  # built on first hover
    haystack: str = ""  # casefolded label and wording, for the search
    verbatim: bool = False
    possible: tuple[bool, ...] = ()  # per outlet: may state it in other words (a hint, not coverage)
    weak: bool = False  # a link or conflict Parallax is less sure of (Fact.weak, Conflict.weak)
    # the tooltips built so far, shared by the rows of one build (``fact_rows``) and by no other:
    # a fact id carries over to the next comparison, its tooltip (coverage, wording) may not
    tooltips: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def tooltip(self) -> str:
        """Rich text: who reports it and in which words (cached: thousands of rows, few hovers)."""
        cached = self.tooltips.get(self.id)
        if cached is None:
            cached = self.tooltips[self.id] = self.make_tooltip()
        return cached

    @cached_property
    def sources(self) -> int:  # read for every row by each filter: counted once
        return sum(self.reported)

    @property
    def total(self) -> int:
        return len(self.reported)

    @property
    def is_conflict(self) -> bool:
        return self.kind == CONFLICT

    @property
    def in_conflict(self) -> bool:
        return bool(self.conflict_ids)

    @property
    def outlets(self) -> str:
        return " ".join(outlet_letter(i) for i, yes in enumerate(self.reported) if yes)


# (comparison, rows): the panel and the matrix share one build. Built in a worker thread while
# the GUI thread reads it, so it is replaced whole and read once, never changed in place.
_ROWS_CACHE: tuple = (None, [])


def fact_rows(comparison: Comparison | None) -> list[FactRow]:
    """The facts, in comparison order, then the conflicts, as table rows."""
    global _ROWS_CACHE
    if comparison is None:
        return []
    cached, rows = _ROWS_CACHE
    if cached is comparison:
        return rows
    rows = _build_rows(comparison)
    _ROWS_CACHE = (comparison, rows)
    return rows


def _build_rows(comparison: Comparison) -> list[FactRow]:
    articles = list(comparison.articles)
    position = {article.id: i for i, article in enumerate(articles)}
    names = letter_names(articles)
    tooltips: dict[str, str] = {}  # this build's own: the rows shown meanwhile keep theirs

    def reported(mentions) -> tuple[bool, ...]:
        present = {position[m.article] for m in mentions if m.article in position}
        return tuple(i in present for i in range(len(articles)))

    def by_article(mentions) -> dict[int, list[Mention]]:
        grouped: dict[int, list[Mention]] = {}
        for m in mentions:
            grouped.setdefault(m.article, []).append(m)
        return dict(sorted(grouped.items(), key=lambda item: position.get(item[0], 0)))

    conflict_spans: dict[int, list[tuple[Mention, str]]] = {}  # per article: the conflicts' mentions
    for c in comparison.conflicts:
        for n in c.mentions:
            conflict_spans.setdefault(n.article, []).append((n, c.id))
    rows = []
    for fact in comparison.facts:
        hit = {cid for m in fact.mentions for n, cid in conflict_spans.get(m.article, ()) if overlaps(m, n)}
        conflicts = tuple(c.id for c in comparison.conflicts if c.id in hit)
        rows.append(FactRow(
            id=fact.id,
            kind=fact.kind,
            label=" ".join(fact.label.split()),
            reported=reported(fact.mentions),
            conflict_ids=conflicts,
            make_tooltip=lambda fact=fact, conflicts=conflicts: _fact_tooltip(
                fact, by_article(fact.mentions), names, len(articles), comparison, conflicts),
            haystack=" ".join([fact.label, *(m.text for m in fact.mentions)]).casefold(),
            verbatim=fact.verbatim,
            possible=reported([p.mention for p in fact.possible]) if fact.possible else (),
            weak=fact.weak,
            tooltips=tooltips,
        ))
    for conflict in comparison.conflicts:
        rows.append(FactRow(
            id=conflict.id,
            kind=CONFLICT,
            label=" ".join(conflict.label.split()),
            reported=reported(conflict.mentions),
            conflict_ids=(conflict.id,),
            make_tooltip=lambda conflict=conflict: _conflict_tooltip(
                conflict, by_article(conflict.mentions), names),
            haystack=" ".join(
                [conflict.label, *(m.text for m in conflict.mentions), *(m.value or "" for m in conflict.mentions)]
            ).casefold(),
            weak=conflict.weak,
            tooltips=tooltips,
        ))
    return rows


def _fact_tooltip(fact: Fact, grouped, names, total: int, comparison, conflicts) -> str:
    kind = KIND_NAMES.get(fact.kind, fact.kind)
    if fact.verbatim and fact.kind != "quote":
        kind += ", copied word for word"
    lines = [f"<b>{html.escape(trim(fact.label, 160))}</b>",
             f"{kind} · reported by {len(grouped)} of {total}"]
    for article, mentions in grouped.items():
        words = "; ".join(f"“{html.escape(trim(m.text, 200))}”" for m in mentions[:2])
        more = f" (+{len(mentions) - 2} more)" if len(mentions) > 2 else ""
        lines.append(f"<b>{html.escape(names.get(article, str(article)))}</b>: {words}{more}")
    if fact.weak:
        lines.append(f"<i>{WEAK_NOTE}</i>")
    lines += possible_lines(fact, names)
    for conflict_id in conflicts:
        conflict = next(c for c in comparison.conflicts if c.id == conflict_id)
        lines.append(f"<span style='color:{CONFLICT_COLOR}'>⚠ In conflict: {html.escape(conflict.label)}</span>")
    return "<br>".join(lines)


def _conflict_tooltip(conflict: Conflict, grouped, names) -> str:
    severity = ("precision: the values overlap but are given more or less precisely"
                if conflict.severity == "precision" else "contradiction: the values cannot both be true")
    lines = [f"<b>⚠ {html.escape(conflict.label)}</b>", f"Conflict · {severity}"]
    if conflict.weak:
        lines.append(f"<i>{LESS_SURE_CONFLICT_NOTE}</i>")
    for v in conflict.values:
        if v.normalized and v.normalized != v.text:
            lines.append(f"{html.escape(v.text)} = <span style='color:gray'>{html.escape(v.normalized)}</span>")
    for article, mentions in grouped.items():
        said = "; ".join(
            f"“{html.escape(trim(m.text, 80))}”" + (f" ({html.escape(m.value)})" if m.value and m.value != m.text else "")
            for m in mentions)
        lines.append(f"<b>{html.escape(names.get(article, str(article)))}</b>: {said}")
    return "<br>".join(lines)


def row_passes(row: FactRow, total: int, kinds=frozenset(), coverage: str = "any", needle: str = "") -> bool:
    """Whether a row passes the filters. Coverage: "all" reported by every outlet, "some" by two
    or more but not all, "one" by exactly one (conflict rows are none of these: a conflict is a
    disagreement, not coverage), "conflicts" conflict rows and the facts taking part in one,
    "unsure" the shared claims whose links Parallax is less sure of and the conflicts it is less sure of."""
    if kinds and row.kind not in kinds:
        return False
    if coverage == "conflicts":
        if not row.in_conflict:
            return False
    elif coverage == "unsure":
        if not row.weak:
            return False
    elif coverage != "any":
        if row.is_conflict:
            return False
        if coverage == "all" and row.sources != total:
            return False
        if coverage == "some" and not 2 <= row.sources < total:
            return False
        if coverage == "one" and row.sources != 1:
            return False
    return not needle or needle in row.haystack
