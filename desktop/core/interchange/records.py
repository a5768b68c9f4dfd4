"""What the annotation formats share: the records a file is read into (``Incoming*``), the error a
bad file raises, and the annotations grouped by story and article that every exporter writes.

The formats import this module; it imports none of them (no circles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.errors import ParallaxError
from desktop.core.library.store import Store
from desktop.core.models import Annotation


class AnnotationFileError(ParallaxError):
    """An annotations file cannot be imported (malformed, unreadable). Names the file and why."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}; nothing was imported.")
        self.name = name
        self.reason = reason


@dataclass
class IncomingArticle:
    """The article an annotation in a file belongs to, as far as the file tells."""

    key: str  # unique within the file (the source IRI, or the QDPX source guid)
    identity: str | None = None  # our article identity: the URL, else where it was imported from
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    text: str | None = None  # QDPX: the source's text
    content_hash: str | None = None  # of its current text, when the file tells (to find the article)


@dataclass
class IncomingAnnotation:
    ref: str  # its id in the file, for links
    article: IncomingArticle
    exact: str | None
    start: int | None = None
    end: int | None = None
    prefix: str = ""
    suffix: str = ""
    content_hash: str | None = None  # of the text the offsets refer to
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str | None = None
    orphaned: bool = False
    created: str | None = None
    updated: str | None = None


@dataclass
class IncomingFile:
    format: str
    annotations: list[IncomingAnnotation] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (from ref, to ref, kind)
    tag_colors: dict[str, str] = field(default_factory=dict)
    tag_memos: dict[str, str] = field(default_factory=dict)  # a tag's description (QDPX: the code's)
    warnings: list[str] = field(default_factory=list)  # what was repaired on the way in


def annotation_groups(store: Store, story_id: int | None, tag: str | None):
    """(story name, article, annotations) in story, pane and text order; each article once.

    One query for the annotations (not one per article), then one per annotated article."""
    stories = [store.story(story_id)] if story_id is not None else store.stories()
    by_article: dict[int, list[Annotation]] = {}
    for annotation in store.annotations(story_id=story_id, tag=tag):
        by_article.setdefault(annotation.article_id, []).append(annotation)
    seen: set[int] = set()
    for story in stories:
        for article_id in story.article_ids:
            found = by_article.get(article_id)
            if found and article_id not in seen:
                seen.add(article_id)
                yield story.name, store.article(article_id), found
    if story_id is None:  # annotated articles that are in no story
        for article_id, found in by_article.items():
            if article_id not in seen:
                yield "Not in a story", store.article(article_id), found
