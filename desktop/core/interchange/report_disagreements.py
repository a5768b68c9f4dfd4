"""The quotes, who-cites-whom and timeline sections every report shows, as plain items.

Each section is a heading and a list of items (a line, and sub-lines under it); the text,
Markdown and HTML reports each format these items their own way, so the three agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.interchange.escaping import clean_line
from desktop.core.matching.comparison import Comparison

DRIFT_WORDS = {"truncated": "truncated", "words dropped": "words dropped", "words added": "words added",
               "words changed": "words changed", "paraphrase": "paraphrase presented as a quote",
               "another excerpt": "another excerpt of the statement"}


@dataclass
class Item:
    line: str
    sub: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    items: list[Item]
    empty: str


def _letters(comparison: Comparison) -> dict[int, str]:
    return {a.id: f"A{i}" for i, a in enumerate(comparison.articles, 1)}


def _who(letters: dict, articles) -> str:
    return ", ".join(letters.get(a, f"#{a}") for a in articles)


def _cut(text: str, limit: int | None) -> str:
    """``text`` whole when it fits, else cut at the last word boundary before ``limit`` with "…",
    so a long quotation never reads as complete when it is not."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def quotes_section(comparison: Comparison, limit: int = 60, width: int | None = 300) -> Section:
    """Quotations several outlets give first, with each outlet's drift; then the others. A quotation
    longer than ``width`` characters is cut at a word with "…" (None: always whole)."""
    letters = _letters(comparison)
    items = []
    for group in comparison.quotes[:limit]:
        speaker = group.speaker or "speaker not named"
        line = f"{speaker}: “{_cut(clean_line(group.text), width)}” ({_who(letters, group.articles)})"
        sub = []
        if len(group.articles) > 1:
            for m in group.mentions:
                drift = DRIFT_WORDS.get(m.drift, "same words") if m.drift else "same words"
                changes = "; ".join(
                    (f"“{a}” → “{b}”" if op == "replace" else f"dropped “{a}”" if op == "delete" else f"added “{b}”")
                    for op, a, b in m.changes[:4] if len(a) + len(b) < 160)
                sub.append(f"{letters.get(m.article, m.article)}: {drift}" + (f" — {changes}" if changes and
                                                                             m.drift != "truncated" else ""))
        items.append(Item(line, sub))
    return Section(f"Quotes ({len(comparison.quotes)})", items, "No direct quotations.")


def attributions_section(comparison: Comparison) -> Section:
    letters = _letters(comparison)
    graph = comparison.attributions
    items = []
    if graph.origin:
        items.append(Item(f"The story traces back to {graph.origin} ({_who(letters, graph.origin_articles)})."))
    for c in graph.citations:
        note = "" if c.about_story else " — about something else in the story"
        items.append(Item(f"{letters.get(c.article, c.article)} → {c.source} ({c.source_kind}, “{c.verb}”){note}",
                          [f"“{clean_line(c.text)}”"]))
    return Section(f"Who cites whom ({len(graph.citations)})", items, "No outlet names a source.")


def timeline_section(comparison: Comparison) -> Section:
    letters = _letters(comparison)
    items = []
    for e in comparison.timeline:
        flag = " ⚠ dates conflict" if e.conflict else ""
        inferred = " (year from the story's other dates)" if e.year_inferred else ""
        items.append(Item(f"{e.display}{inferred} — {clean_line(e.label)} ({_who(letters, e.articles)}){flag}"))
    return Section(f"Timeline ({len(comparison.timeline)})", items, "No dated events.")


def sections(comparison: Comparison) -> list[Section]:
    return [quotes_section(comparison), attributions_section(comparison), timeline_section(comparison)]
