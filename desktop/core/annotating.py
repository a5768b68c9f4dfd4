"""Annotating articles by quote, and keeping annotations attached when an article's text changes.

What the CLI's ``annotate`` and the GUI both call. Offsets are half-open Python character
offsets; anchors follow the W3C/Hypothesis model (position, quote with context, version).
"""

from __future__ import annotations

from desktop.core.anchoring import Anchor, make_anchor, reattach
from desktop.core.errors import NotFound
from desktop.core.models import Annotation, Changes
from desktop.core.store import Store

# Highlight colours by name: number keys 1-9 pick them in order in the reader.
COLORS = ("yellow", "green", "blue", "pink", "purple", "orange", "red", "teal", "grey")


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th (1-based) exact occurrence of ``quote`` in ``text``."""
    if not quote:
        raise ValueError("The quote is empty.")
    if occurrence < 1:
        raise ValueError("--occurrence counts from 1.")
    found, start = 0, -1
    while found < occurrence:
        start = text.find(quote, start + 1)
        if start < 0:
            if found == 0:
                raise NotFound(f"The quote {quote!r} does not occur in the article.")
            raise NotFound(f"The quote occurs {found} time{'s' if found != 1 else ''}, "
                           f"so there is no occurrence {occurrence}.")
        found += 1
    return start, start + len(quote)


def annotate(
    store: Store,
    article_id: int,
    quote: str,
    occurrence: int = 1,
    note: str = "",
    tags: tuple[str, ...] | list[str] = (),
    color: str = "yellow",
) -> tuple[int, Changes]:
    """Highlight the quote's ``occurrence``-th occurrence in the article, with a note and tags."""
    if color not in COLORS:
        raise ValueError(f"Unknown colour {color!r}; choose one of: {', '.join(COLORS)}.")
    article = store.article(article_id)
    start, end = find_quote(article.text, quote, occurrence)
    anchor = make_anchor(article.text, start, end)
    return store.add_annotation(article_id, start, end, anchor.exact, anchor.prefix, anchor.suffix,
                                color=color, note=note, tags=tuple(tags))


def anchor_of(store: Store, annotation: Annotation) -> Anchor:
    return Anchor(annotation.start, annotation.end, annotation.exact, annotation.prefix, annotation.suffix,
                  store.version_content_hash(annotation.version_id))


def reanchor_article(store: Store, article_id: int) -> Changes:
    """After the article's text changed, move each annotation made on an older version to the
    same words in the current text, or mark it orphaned (kept, never dropped)."""
    article = store.article(article_id)
    changes = Changes()
    with store.batch():
        for annotation in store.annotations(article_id=article_id):
            if annotation.version_id == article.version_id:
                continue
            attachment = reattach(anchor_of(store, annotation), article.text)
            if attachment.status in ("exact", "moved"):
                fresh = make_anchor(article.text, attachment.start, attachment.end)
                changes |= store.update_annotation(
                    annotation.id, start=fresh.start, end=fresh.end, exact=fresh.exact, prefix=fresh.prefix,
                    suffix=fresh.suffix, version_id=article.version_id, orphaned=False)
            elif not annotation.orphaned:
                changes |= store.update_annotation(annotation.id, orphaned=True)
    return changes


def annotation_dict(annotation: Annotation) -> dict:
    """The JSON form the CLI prints (``parallax annotations --json``)."""
    return {
        "id": annotation.id,
        "article": annotation.article_id,
        "start": annotation.start,
        "end": annotation.end,
        "exact": annotation.exact,
        "prefix": annotation.prefix,
        "suffix": annotation.suffix,
        "note": annotation.note,
        "tags": list(annotation.tags),
        "color": annotation.color,
        "orphaned": annotation.orphaned,
        "created": annotation.created,
        "updated": annotation.updated,
    }
