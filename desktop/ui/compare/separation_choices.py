"""The pane menu's overrulings: "Not the Same Fact ▸" and "Link Again ▸" (which claims a reader
can set apart from the claim under the mouse, which separations of it they can take back), "Not a
Conflict" and "Show as a Conflict Again" (the conflicts of the value under the mouse)."""

from __future__ import annotations

from collections.abc import Mapping

Span = tuple[int, int, int]  # (article id, start, end)


QUOTE_MARKS = "\"“”„«»‘’'"


def menu_text(name: str, words: str, limit: int) -> str:
    """"A2 · Outlet: “words…”"; quotation marks around the claim itself are dropped (the entry quotes it)."""
    words = " ".join(words.split()).strip(QUOTE_MARKS).strip()
    words = words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
    return f"{name}: “{words}”".replace("&", "&&")  # "&" would mark a shortcut letter in a menu entry


THIS_CLAIM = "This Claim (take it out of the fact)"


def linked_choices(comparison, fact_id: str, article_id: int | None, names: Mapping[int, str],
                   limit: int = 60) -> list[tuple[str, list[tuple[Span, Span]]]]:
    """For a shared claim: the mentions a reader can take out of it, as (menu text "A2 · Outlet:
    “words…”", the pairs that take it out: it and each mention of another article). With
    ``article_id`` (the pane the reader is in), that pane's own claim comes first as "This Claim"
    (when the fact has more than two: of two, either entry would do the same) and the others
    follow; None offers every mention by its outlet."""
    fact = next((f for f in comparison.facts if f.id == fact_id), None)
    if fact is None or fact.kind != "claim" or fact.sources < 2:
        return []
    if article_id is not None and not any(m.article == article_id for m in fact.mentions):
        return []

    def span(m) -> Span:
        return (m.article, m.start, m.end)

    def pairs(m) -> list:
        return [(span(m), span(o)) for o in fact.mentions if o.article != m.article]

    own = []
    if article_id is not None and fact.sources > 2:  # of two, taking either out is the same
        mine = min((m for m in fact.mentions if m.article == article_id), key=lambda m: m.start)
        own = [(THIS_CLAIM, pairs(mine))]
    return own + [(menu_text(names.get(m.article) or f"Article {m.article}", m.text, limit), pairs(m))
                  for m in fact.mentions if m.article != article_id]


def separated_choices(comparison, article_id: int, offset: int, names: Mapping[int, str],
                      limit: int = 60) -> list[tuple[str, list[tuple[Span, Span]]]]:
    """The reader's separations with one end in ``article_id`` around ``offset``, as (menu text
    naming the other end, [the pair]); first, when there are several (a wording taken out of a
    fact is set apart from each of its other wordings), "All of These" with every pair, which
    puts the fact back as it was."""
    found = []
    for first, second in comparison.separated:
        for here, there in ((first, second), (second, first)):
            if here.article == article_id and here.start <= offset < here.end:
                name = names.get(there.article) or f"Article {there.article}"
                found.append((menu_text(name, there.text, limit), [(
                    (here.article, here.start, here.end), (there.article, there.start, there.end))]))
    if len(found) > 1:
        found.insert(0, (f"All of These ({len(found)})", [pair for _text, pairs in found for pair in pairs]))
    return found


def _short(label: str, limit: int) -> str:
    label = " ".join(label.split())
    return (label if len(label) <= limit else label[: limit - 1].rstrip() + "…").replace("&", "&&")


def conflict_choices(conflicts, article_id: int, offset: int, limit: int = 90) -> list[tuple[str, list]]:
    """The conflicts with a value of ``article_id`` at ``offset``, as (menu text naming the
    conflict, its pairs of differing values) for "Not a Conflict" or "Show as a Conflict Again"."""
    from desktop.core.matching.dismissals import conflict_pairs

    return [(_short(c.label, limit), conflict_pairs(c)) for c in conflicts
            if any(m.article == article_id and m.start <= offset < m.end for m in c.mentions)]
