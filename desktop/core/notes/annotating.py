"""Annotating articles by quote, and keeping annotations attached when an article's text changes.

Also: placing or discarding orphans (``orphan_candidate``, ``confirm_orphan``), the links of a
page of annotations (``linked_notes``) and grouping a list by article or by tag. What the CLI's
``annotate`` and the GUI both call. Offsets are half-open Python character
offsets; anchors follow the W3C/Hypothesis model (position, quote with context, version).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.errors import NotFound
from desktop.core.library.schema import ANNOTATION_LINK_KINDS
from desktop.core.library.store import Store
from desktop.core.models import Annotation, AnnotationLink, Changes
from desktop.core.notes.anchoring import (
    CANDIDATE_MIN_SIMILARITY,
    Anchor,
    make_anchor,
    quote_similarity,
    reattach,
)

# Highlight colours by name: number keys 1-9 pick them in order in the reader.
COLORS = ("yellow", "green", "blue", "pink", "purple", "orange", "red", "teal", "grey")
# Light tints of the highlight colours: pleasant behind text in lists and reports.
TINTS = {
    "yellow": "#fff1a8",
    "green": "#c9efc4",
    "blue": "#c7ddff",
    "pink": "#ffd0e6",
    "purple": "#e1d2ff",
    "orange": "#ffd8ad",
    "red": "#ffc4c4",
    "teal": "#bfeae5",
    "grey": "#dedede",
}


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
    same words in the current text; where the words there differ from its quote, keep the quote
    and flag it ``changed`` for review; else mark it orphaned (kept, never dropped).
    (The store does it: an import calls it for every article that got a new text.)"""
    return store.reanchor_annotations(article_id)


def accept_changed_words(store: Store, annotation_id: int) -> Changes:
    """The reader's OK for a ``changed`` note: its quote becomes the words now at its place."""
    annotation = store.annotation(annotation_id)
    if not annotation.changed:
        return Changes()
    return confirm_orphan(store, annotation_id, annotation.start, annotation.end)


def changed_words(store: Store, annotation: Annotation) -> str | None:
    """The words now at a ``changed`` note's place (None for any other note)."""
    if not annotation.changed:
        return None
    return store.article(annotation.article_id).text[annotation.start:annotation.end]


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
        "changed": annotation.changed,
        "created": annotation.created,
        "updated": annotation.updated,
    }


# ------------------------------------------------------------------ orphans


@dataclass(frozen=True)
class Candidate:
    """Where an orphan's words most likely went in the article's current text."""

    start: int
    end: int
    text: str
    similarity: float  # of ``text`` to the orphan's quote, 0..1
    before: str = ""  # a little of the text around it, to judge it by
    after: str = ""


def orphan_candidate(store: Store, annotation: Annotation) -> Candidate | None:
    """The nearest match for an orphan's quote in its article's current text, or None."""
    text = store.article(annotation.article_id).text
    attachment = reattach(anchor_of(store, annotation), text)
    if attachment.status in ("exact", "moved"):
        span = (attachment.start, attachment.end)
    else:
        span = attachment.candidate
    if span is None:
        return None
    start, end = _trimmed(text, *span)
    wide = _as_many_words(text, start, end, annotation.exact)
    if quote_similarity(annotation.exact, text[wide[0]:wide[1]]) >= CANDIDATE_MIN_SIMILARITY:
        start, end = wide
    found = text[start:end]
    return Candidate(start, end, found, quote_similarity(annotation.exact, found),
                     before=text[max(0, start - 60):start], after=text[end:end + 60])


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space at its edges (unless that leaves nothing)."""
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if s < e else (start, end)


_NEXT_WORD = re.compile(r"[ \t]+\S+")
_PREVIOUS_WORD = re.compile(r"\S+[ \t]+$")


def _as_many_words(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Widen the span word by word (on its line; forward first) until it holds as many words
    as the quote: the closest match by similarity alone tends to drop the changed word
    ("Sept." for "Sept. 29" where the text now says "Sept. 30"), a reader would keep it."""
    missing = len(quote.split()) - len(text[start:end].split())
    old_end = end
    while missing > 0:
        forward = _NEXT_WORD.match(text, end)
        backward = _PREVIOUS_WORD.search(text, max(0, start - 200), start)
        if forward:
            end = forward.end()
        elif backward:
            start = backward.start()
        else:
            break
        missing -= 1
    if quote and quote[-1].isalnum():  # "30," -> "30" when the quote ends in a letter or digit
        while end > old_end and not text[end - 1].isalnum():
            end -= 1
    return start, end


def confirm_orphan(store: Store, annotation_id: int, start: int, end: int) -> Changes:
    """Attach the annotation to ``start``..``end`` of its article's current text: a fresh anchor
    on the current version, no longer orphaned or changed (its note, tags and links stay). For a
    ``changed`` note at its own place, this is the reader accepting the new words."""
    annotation = store.annotation(annotation_id)
    article = store.article(annotation.article_id)
    fresh = make_anchor(article.text, start, end)
    return store.update_annotation(
        annotation_id, start=fresh.start, end=fresh.end, exact=fresh.exact, prefix=fresh.prefix,
        suffix=fresh.suffix, version_id=article.version_id, orphaned=False, changed=False)


# -------------------------------------------------------------------- links

LINK_KINDS = ANNOTATION_LINK_KINDS


@dataclass(frozen=True)
class LinkedNote:
    """One link seen from one of its ends: the link, which way it points, and the other end."""

    link: AnnotationLink
    outgoing: bool  # this annotation is the link's ``from`` end
    other: Annotation

    @property
    def verb(self) -> str:
        """How the row reads: "same fact", "contradicts", "supports" or "supported by"."""
        if self.link.kind == "supports" and not self.outgoing:
            return "supported by"
        return self.link.kind


def linked_notes(store: Store, annotation_ids: Iterable[int]) -> dict[int, list[LinkedNote]]:
    """The links of each of these annotations (oldest first), with the annotation at the other end."""
    wanted = set(annotation_ids)
    links = store.links_of(wanted)
    others = {a.id: a for a in store.annotations_by_ids({e for l in links for e in (l.from_id, l.to_id)})}
    found: dict[int, list[LinkedNote]] = {}
    for link in links:
        for here, there, outgoing in ((link.from_id, link.to_id, True), (link.to_id, link.from_id, False)):
            if here in wanted and there in others:
                found.setdefault(here, []).append(LinkedNote(link, outgoing, others[there]))
    return found


def link_candidates(store: Store, annotation: Annotation, query: str | None = None,
                    story_article_ids: Sequence[int] = ()) -> list[tuple[int, int]]:
    """(annotation id, article id) of what ``annotation`` may be linked to: annotations in other
    articles, those of ``story_article_ids`` first (in that order), matching ``query`` if given."""
    keys = store.annotation_keys(query=query or None, exclude_article_id=annotation.article_id)
    return order_by_articles(keys, story_article_ids)


# ----------------------------------------------------------------- grouping


@dataclass(frozen=True)
class NoteGroup:
    """A run of a list: ``key`` is the article id, the tag name, or None for the untagged ones."""

    key: int | str | None
    ids: tuple[int, ...]


def order_by_articles(keys: list[tuple[int, int]], article_order: Sequence[int]) -> list[tuple[int, int]]:
    """``keys`` (annotation id, article id) with the articles of ``article_order`` first, in that
    order, the others after them as they were (the order inside an article is kept)."""
    if not article_order:
        return keys
    rank = {article_id: n for n, article_id in enumerate(article_order)}
    first = sorted((k for k in keys if k[1] in rank), key=lambda k: rank[k[1]])
    return first + [k for k in keys if k[1] not in rank]


def group_by_article(keys: list[tuple[int, int]]) -> list[NoteGroup]:
    """Runs of consecutive keys on the same article (keys come ordered by article)."""
    groups: list[NoteGroup] = []
    run: list[int] = []
    current = None
    for annotation_id, article_id in keys:
        if article_id != current and run:
            groups.append(NoteGroup(current, tuple(run)))
            run = []
        current = article_id
        run.append(annotation_id)
    if run:
        groups.append(NoteGroup(current, tuple(run)))
    return groups


def group_by_tag(keys: list[tuple[int, int]], tag_pairs: Iterable[tuple[int, str]]) -> list[NoteGroup]:
    """One group per tag (by name, ignoring case), an annotation under each of its tags, keeping
    the order of ``keys`` inside a group; the untagged ones last (key None)."""
    listed = {annotation_id for annotation_id, _ in keys}
    tags_of: dict[int, list[str]] = {}
    for annotation_id, name in tag_pairs:
        if annotation_id in listed:
            tags_of.setdefault(annotation_id, []).append(name)
    members: dict[str, list[int]] = {}
    untagged: list[int] = []
    for annotation_id, _ in keys:
        names = tags_of.get(annotation_id)
        if names is None:
            untagged.append(annotation_id)
            continue
        for name in names:
            members.setdefault(name, []).append(annotation_id)
    groups = [NoteGroup(name, tuple(members[name])) for name in sorted(members, key=lambda n: (n.casefold(), n))]
    if untagged:
        groups.append(NoteGroup(None, tuple(untagged)))
    return groups
