"""The "possibly also in" lines of a fact's tooltips (pane hover and Facts tab): claims of other
articles the link model scored below its threshold, shown for the reader to judge."""

from __future__ import annotations

import html
from collections.abc import Mapping

from desktop.core.matching.comparison import Fact

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
