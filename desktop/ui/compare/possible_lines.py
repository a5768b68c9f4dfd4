"""The "possibly also in" lines of a fact's tooltips (pane hover and Facts tab): claims of other
articles the link model scored below its threshold, shown for the reader to judge."""

from __future__ import annotations

import html
from collections.abc import Mapping

from desktop.core.matching.comparison import Fact

# the tooltip note of a link Parallax is less sure of (Fact.weak)
WEAK_NOTE = ("A link Parallax is less sure of: about half such links were wrong on stories it had not seen. "
             "Check the wordings, or Story > Review Links.")

# the tooltip note of a conflict Parallax is less sure of (Conflict.weak)
LESS_SURE_CONFLICT_NOTE = ("A conflict to check: dates, amounts and sources given outside one shared claim were "
                           "seldom a real disagreement on stories Parallax had not seen (about 1 in 6); often they "
                           "are of different events. Right-click > Not a Conflict if these differ.")

HEADING = "Possibly also in (worded differently: check before relying on it):"


def possible_lines(fact: Fact, names: Mapping[int, str], limit: int = 160) -> list[str]:
    """Rich-text lines, empty when the fact has no possible match: a heading, then one line per
    article, "<b>A3 · Outlet</b> (33% match): “its words”"."""
    if not fact.possible:
        return []
    lines = [f"<i>{HEADING}</i>"]
    for p in fact.possible:
        words = " ".join(p.mention.text.split())
        if len(words) > limit:
            words = words[: limit - 1].rstrip() + "…"
        name = names.get(p.mention.article) or f"Article {p.mention.article}"
        lines.append(f"<b>{html.escape(name)}</b> ({p.score:.0%} match): “{html.escape(words)}”")
    return lines


def possible_choices(comparison, fact_id: str, article_id: int, names: Mapping[int, str],
                     limit: int = 60) -> tuple[tuple[int, int] | None, list[tuple[str, int, int, int]]]:
    """For the pane menu's "Mark as Same Fact": the fact's first mention in ``article_id`` and its
    possible matches as (menu text "A2 · Outlet (29% match): “words…”", article id, start, end)."""
    fact = next((f for f in comparison.facts if f.id == fact_id), None)
    mine = [m for m in fact.mentions if m.article == article_id] if fact is not None else []
    if not mine or not fact.possible:
        return None, []
    here = min(mine, key=lambda m: m.start)
    options = []
    for p in fact.possible:
        words = " ".join(p.mention.text.split())
        words = words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
        name = names.get(p.mention.article) or f"Article {p.mention.article}"
        # "&" would mark a shortcut letter in a menu entry
        options.append((f"{name} ({p.score:.0%} match): “{words}”".replace("&", "&&"),
                        p.mention.article, p.mention.start, p.mention.end))
    return (here.start, here.end), options
