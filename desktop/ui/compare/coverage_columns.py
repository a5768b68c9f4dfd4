"""What the coverage matrix shows, without painting it: its columns (``MatrixColumn``: the shared
facts and the conflicts, with who reports them and in which words, built by ``matrix_columns``)
and the rich-text tooltips of its cells and outlet rows."""

from __future__ import annotations

import html
from dataclasses import dataclass

from desktop.core.matching.comparison import CLAIM, QUOTE, Comparison
from desktop.ui.compare.facts_rows import CONFLICT_COLOR, FactRow, fact_rows, trim


@dataclass(frozen=True)
class MatrixColumn:
    """One fact or conflict of the matrix."""

    id: str
    label: str
    kind: str  # "claim", "quote" or "conflict"
    verbatim: bool
    reported: tuple[bool, ...]  # per outlet: reports it (takes part in it, for a conflict)
    said: tuple[tuple[tuple[str, str], ...], ...]  # per outlet: its (wording, value) pairs; () when it omits it
    tooltip: str  # the header's: rich text from the facts panel
    less_sure: bool = False  # a shared fact whose link Parallax is less sure of (Fact.weak)

    @property
    def is_conflict(self) -> bool:
        return self.kind == "conflict"

    @property
    def sources(self) -> int:
        return sum(self.reported)


def matrix_columns(comparison: Comparison | None, kinds=(CLAIM, QUOTE), min_sources: int = 2) -> list[MatrixColumn]:
    """The shared facts of these kinds, most widely reported first, then the conflicts."""
    if comparison is None:
        return []
    rows = {row.id: row for row in fact_rows(comparison)}
    position = {article.id: i for i, article in enumerate(comparison.articles)}
    count = len(comparison.articles)

    def said(mentions):
        words: dict[int, list] = {}  # only the few outlets that state it: 400 empty lists per column was slow
        for m in mentions:
            if m.article in position:
                words.setdefault(position[m.article], []).append((" ".join(m.text.split()), m.value or ""))
        result = [()] * count
        for at, found in words.items():
            result[at] = tuple(dict.fromkeys(found))
        return tuple(result)

    def column(item, row: FactRow, kind: str, verbatim: bool) -> MatrixColumn:
        return MatrixColumn(id=item.id, label=row.label, kind=kind, verbatim=verbatim, reported=row.reported,
                            said=said(item.mentions), tooltip=row.tooltip,
                            less_sure=kind != "conflict" and row.weak)

    facts = [f for f in comparison.facts if f.kind in kinds and f.sources >= min_sources]
    facts.sort(key=lambda f: -f.sources)  # stable: ties keep the comparison's order
    columns = [column(f, rows[f.id], f.kind, f.verbatim or f.kind == QUOTE) for f in facts]
    columns += [column(c, rows[c.id], "conflict", False) for c in comparison.conflicts]
    return columns


def cell_tooltip(c: MatrixColumn, row: int, outlet: str) -> str:
    """What the outlet at ``row`` (named ``outlet``, "A1 · Outlet") says of this column, or that it
    leaves it out."""
    who = f"<b>{html.escape(outlet)}</b>"
    label = html.escape(trim(c.label, 160))
    if c.is_conflict:
        if c.reported[row]:
            values = "; ".join(
                f"“{html.escape(trim(text, 80))}”" + (f" ({html.escape(value)})" if value and value != text else "")
                for text, value in c.said[row])
            return (f"{who} takes part in a conflict, says: {values}"
                    f"<br><span style='color:{CONFLICT_COLOR}'>⚠ {label}</span>")
        return f"{who} leaves this out<br>⚠ {label}"
    if c.reported[row]:
        how = ("reports word for word" if c.kind == QUOTE else "reports") + \
            (" (a link Parallax is less sure of)" if c.less_sure else "")
        first = c.said[row][0][0] if c.said[row] else ""
        more = f" (and {len(c.said[row]) - 1} more)" if len(c.said[row]) > 1 else ""
        return f"{who} {how}: “{html.escape(trim(first, 240))}”{more}"
    return f"{who} leaves this out<br><i>{label}</i><br>reported by {c.sources} of {len(c.reported)}"


def row_tooltip(columns: list[MatrixColumn], row: int, outlet: str, article=None,
                exclusive: int | None = None) -> str:
    """An outlet row's summary: its title, how many of the shared facts it reports, the conflicts
    it takes part in and (when known) how many facts only it reports."""
    facts = [c for c in columns if not c.is_conflict]
    reports = sum(1 for c in facts if c.reported[row])
    conflicts = sum(1 for c in columns if c.is_conflict and c.reported[row])
    lines = [f"<b>{html.escape(outlet)}</b>"]
    if article is not None:
        lines.append(html.escape(trim(article.display_title, 120)))
    lines.append(f"reports {reports} of these {len(facts)} shared facts, leaves out {len(facts) - reports}")
    if conflicts:
        lines.append(f"takes part in {conflicts} conflict{'s' if conflicts != 1 else ''}")
    if exclusive is not None:
        lines.append(f"{exclusive} facts only it reports")
    return "<br>".join(lines)
