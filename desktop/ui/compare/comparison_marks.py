"""What the comparison area draws over its panes, worked out from the comparison without widgets:
the overview strip's marks of a pane, the fact ribbons and the reader's link ribbons between two
neighbouring panes, the scroll anchors that keep the panes level, a fact's first mention in
each pane and the order a pane's reader steps through the facts in.

The panes are read through ``article_id`` and ``view`` (its ``offsets`` and ``article``) only;
``comparison_area`` owns the panes and hands what these return to its widgets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor

from desktop.core.matching.comparison import Conflict, Fact
from desktop.ui.compare.fact_highlights import CONFLICT, ONE, FactPalette, as_shown
from desktop.ui.compare.link_map import AnnotationRibbon, Link
from desktop.ui.compare.overview_strip import Mark


def span_colour(palette: FactPalette, span) -> QColor:
    """The colour of a fact span's mark on the overview strip and of its ribbon."""
    if span.agreement == CONFLICT:
        return QColor(palette.conflict_colour)
    if span.colour >= 0:
        return palette.colour_for(span.colour)
    return QColor(palette.exclusive_colour)


def overview_marks(spans, article_id: int, visible: set[str] | None, to_qt: Callable[[int], int],
                   colour_of: Callable[..., QColor], palette: FactPalette | None = None) -> list[Mark]:
    """The overview strip's marks of one article: its fact spans the filter leaves visible (a
    less sure link as an exclusive while ``palette`` hides less sure links)."""
    shown = (lambda span: span) if palette is None else (lambda span: as_shown(span, palette))
    return [
        Mark(to_qt(span.start), to_qt(span.end), colour_of(span),
             "conflict" if span.agreement == CONFLICT else "exclusive" if span.agreement == ONE else "shared")
        for span in map(shown, spans.spans(article_id)) if visible is None or span.id in visible
    ]


def fact_links(spans, visible: set[str] | None, left, right, colour_of: Callable[..., QColor],
               palette: FactPalette | None = None) -> list[Link]:
    """The ribbons between two neighbouring panes: one per shared fact the filter leaves
    visible, from its first mention in the left pane to its first mention in the right (none
    for a less sure link while ``palette`` hides less sure links)."""
    links = []
    for span in spans.spans(left.article_id):
        if palette is not None:
            span = as_shown(span, palette)
        if span.agreement == ONE or (visible is not None and span.id not in visible):
            continue
        other = spans.first_mention(span.id, right.article_id)
        if other is None or spans.first_mention(span.id, left.article_id) != (span.start, span.end):
            continue  # one ribbon per fact: first mention to first mention
        links.append(Link(span.id, (left.view.offsets.to_qt(span.start), left.view.offsets.to_qt(span.end)),
                          (right.view.offsets.to_qt(other[0]), right.view.offsets.to_qt(other[1])),
                          colour_of(span), span.id in spans.weak))
    return links


def annotation_ribbons(panes: list, annotations: dict[int, list],
                       annotation_links: list[tuple]) -> dict[int, list[AnnotationRibbon]]:
    """Pane index -> the reader's links drawn in the link map at its left: those joining a
    highlight in that pane and one in the pane before. ``annotations`` (article id -> the
    highlights the panes show now) win over the ends the links were handed with."""
    index_of = {pane.article_id: index for index, pane in enumerate(panes)}
    # the highlights the panes show now (positions re-anchored after an edit) win
    current = {a.id: a for shown in annotations.values() for a in shown}
    ribbons: dict[int, list[AnnotationRibbon]] = {}
    for link, one, other in annotation_links:
        if any(end.id not in current and end.article_id in annotations for end in (one, other)):
            continue  # deleted since the links were handed over
        one, other = current.get(one.id, one), current.get(other.id, other)
        if one.orphaned or other.orphaned:
            continue
        first, second = index_of.get(one.article_id), index_of.get(other.article_id)
        if first is None or second is None or abs(first - second) != 1:
            continue
        if first > second:
            one, other, first, second = other, one, second, first
        left, right = panes[first].view, panes[second].view
        if left.article is None or right.article is None:  # text not loaded yet
            continue
        ribbons.setdefault(second, []).append(AnnotationRibbon(
            link.id, link.kind, (left.offsets.to_qt(one.start), left.offsets.to_qt(one.end)),
            (right.offsets.to_qt(other.start), right.offsets.to_qt(other.end)), one.exact, other.exact))
    return ribbons


def scroll_anchors(comparison, article_id: int, to_qt: Callable[[int], int]) -> dict[str, int]:
    """Fact id -> Qt position of its first mention in this article, for every claim and quote
    two or more articles report: where linked scrolling keeps the panes level."""
    positions = {}
    for fact in comparison.facts:
        if fact.sources > 1 and fact.kind in ("claim", "quote"):
            first = min((m for m in fact.mentions if m.article == article_id),
                        key=lambda m: m.start, default=None)
            if first is not None:
                positions[fact.id] = to_qt(first.start)
    return positions


def first_mentions(comparison, fact_id: str, article_ids: list[int],
                   with_possible: bool = False) -> dict[int, tuple[int, int]]:
    """Index in ``article_ids`` -> (start, end) Python offsets of the fact's (or conflict's)
    first mention in that article; ``with_possible``: in articles that do not state it, its
    possible match there (a claim worded differently, scored below the link threshold)."""
    item = next((f for f in comparison.facts if f.id == fact_id), None) or next(
        (c for c in comparison.conflicts if c.id == fact_id), None)
    if item is None:
        return {}
    mentions = list(item.mentions)
    if with_possible and isinstance(item, Fact):
        stated = {m.article for m in mentions}
        mentions += [p.mention for p in item.possible if p.mention.article not in stated]
    found = {}
    for index, article_id in enumerate(article_ids):
        mine = [m for m in mentions if m.article == article_id]
        if mine:
            first = min(mine, key=lambda m: m.start)
            found[index] = (first.start, first.end)
    return found


def navigable_facts(comparison, article_id: int, visible: set[str] | None = None,
                    less_sure: bool = True) -> list[str]:
    """Shared facts and conflicts in reading order of this article (Meld's chunk order);
    ``less_sure`` False: not the shared facts whose links Parallax is less sure of."""
    ordered = []
    for item in list(comparison.facts) + list(comparison.conflicts):
        if not isinstance(item, Conflict) and (item.sources < 2 or item.kind not in ("claim", "quote")
                                               or (item.weak and not less_sure)):
            continue
        if visible is not None and item.id not in visible:
            continue
        starts = [m.start for m in item.mentions if m.article == article_id]
        if starts:
            ordered.append((min(starts), item.id))
    return [fact_id for _start, fact_id in sorted(ordered)]
