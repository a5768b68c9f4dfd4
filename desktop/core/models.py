"""Plain data passed between core, UI and CLI. Frozen dataclasses, read by field name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class ParsedArticle:
    """What a reader found in a file, before it is stored.

    ``origin`` identifies where it came from (a path, plus ``#N`` for the N-th record of a
    JSON Lines file); the store uses ``url`` as the article's identity when there is one,
    else ``origin``. Unknown metadata stays ``None``: never guessed.
    """

    text: str
    origin: str
    title: str | None = None
    source: str | None = None  # the outlet, e.g. "The Guardian"
    author: str | None = None
    published: str | None = None  # ISO 8601 date ("2024-07-16") or datetime
    url: str | None = None


@dataclass(frozen=True)
class BoilerplateSpan:
    """A stretch of an article's text that is not the article (promo, teaser, share widget...).

    Half-open character offsets into the article text. ``active`` False means the user
    toggled it back into the article.
    """

    start: int
    end: int
    kind: str
    active: bool = True
    id: int = 0  # the store's row id; 0 until stored


UNKNOWN_OUTLET = "Unknown outlet"


class Displayed:
    """How an article is named on screen, shared by the full article and its summary.
    Subclasses have ``title`` and ``source`` and say what their opening words are."""

    title: str | None
    source: str | None

    def _opening(self) -> str:
        raise NotImplementedError

    @property
    def display_title(self) -> str:
        """The title, or the opening words of the text when the capture has no headline."""
        return self.title or self._opening() or "(untitled)"

    @property
    def display_source(self) -> str:
        return self.source or UNKNOWN_OUTLET


@dataclass(frozen=True)
class ArticleSummary(Displayed):
    """An article as the library lists it: metadata without the text."""

    id: int
    title: str | None
    source: str | None
    author: str | None
    published: str | None
    url: str | None
    word_count: int
    version: int
    opening: str = ""  # first words of the text, shown when there is no title

    def _opening(self) -> str:
        return self.opening


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result; ``snippet`` marks each match between ``MATCH_OPEN`` and
    ``MATCH_CLOSE`` (private-use characters: any the article's text holds are left out of the
    snippet); ``plain_snippet`` without them."""

    article_id: int
    title: str
    source: str | None
    snippet: str

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(MATCH_OPEN, "").replace(MATCH_CLOSE, "")


MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"  # around a match in ``SearchHit.snippet``


@dataclass(frozen=True)
class Article(Displayed):
    """A stored article at its current version."""

    id: int
    title: str | None
    source: str | None
    author: str | None
    published: str | None
    url: str | None
    origin: str | None
    text: str
    version: int  # 1 for the first import, +1 for each changed re-import
    version_id: int
    content_hash: str
    word_count: int
    boilerplate: tuple[BoilerplateSpan, ...] = ()

    def _opening(self) -> str:
        return opening_words(self.text)

    @property
    def body_text(self) -> str:
        """The text with active boilerplate blanked out (same length, so offsets stay valid)."""
        return mask_spans(self.text, [s for s in self.boilerplate if s.active])


@dataclass(frozen=True)
class Story:
    """A named, ordered set of articles about one event."""

    id: int
    name: str
    article_ids: tuple[int, ...] = ()
    kind: str = "reader"  # "reader" (made or accepted by the reader) or "suggested" (found by clustering)
    label: str | None = None  # a suggestion's label as clustering wrote it


@dataclass(frozen=True)
class Changes:
    """What a mutating store call changed, so views refresh only what cares (like Anki's OpChanges)."""

    tables: frozenset[str] = frozenset()
    ids: frozenset[int] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables, self.ids | other.ids)

    def touches(self, table: str) -> bool:
        return table in self.tables

    @staticmethod
    def union(many: Iterable[Changes]) -> Changes:
        """All of ``many`` in one: ``a | b | c ...`` copies the growing id set at every step."""
        tables: set[str] = set()
        ids: set[int] = set()
        for changes in many:
            tables |= changes.tables
            ids |= changes.ids
        return Changes(frozenset(tables), frozenset(ids))


@dataclass
class ImportReport:
    """Outcome of importing a batch of files: one failure does not stop the rest."""

    added: list[int] = field(default_factory=list)  # article ids new to the library
    updated: list[int] = field(default_factory=list)  # existing articles given a new version
    unchanged: list[int] = field(default_factory=list)  # identical content already stored
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): links out of a folder...
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, what was repaired or left out)
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    @property
    def article_ids(self) -> list[int]:
        return self.added + self.updated + self.unchanged

    @property
    def ok(self) -> bool:
        return not self.failures and not self.cancelled


def opening_words(text: str, count: int = 10) -> str:
    words = text.split(None, count)
    opening = " ".join(words[:count])
    return opening + ("…" if len(words) > count else "")


def mask_spans(text: str, spans) -> str:
    """Replace each span's characters with spaces (newlines kept) so offsets stay valid."""
    if not spans:
        return text
    parts, last = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        parts.append(text[last:span.start])
        masked = text[span.start:span.end]
        parts.append(" " * len(masked) if "\n" not in masked
                     else "\n".join([" " * len(line) for line in masked.split("\n")]))
        last = max(last, span.end)
    parts.append(text[last:])
    return "".join(parts)


def count_words(text: str) -> int:
    """The article's words as the reader counts them: runs of text between white space ("U.S.-based",
    "1,200" and "$5.3bn" are one word each; ``word_spans`` finds the same words). Every word count
    shown (library list, pane header, Compare Versions, ``parallax diff``) is this one."""
    return len(text.split())


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word ``count_words`` counts, in order."""
    return [m.span() for m in _WORD.finditer(text)]


def body_word_count(text: str, boilerplate) -> int:
    """``count_words`` of the text without its active boilerplate spans (what the library lists)."""
    return count_words(mask_spans(text, [s for s in boilerplate if s.active]))


@dataclass(frozen=True)
class Annotation:
    """A highlight, with an optional note and tags, on a stretch of an article.

    ``start``/``end`` are half-open Python character offsets into the text of the article
    version ``version_id``; ``exact`` is that text and ``prefix``/``suffix`` the context
    around it, so the annotation can be re-attached when the text changes. ``orphaned``
    means it could not be: it is kept and listed for the user to place or discard.
    ``changed`` means it was re-attached to words that differ from its quote (an edited
    article: "more than 170" became "more than 260"): ``exact`` keeps the words the reader
    highlighted, ``start..end`` the passage now, until the reader accepts the new words.
    """

    id: int
    article_id: int
    version_id: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str
    note: str
    tags: tuple[str, ...]
    created: str
    updated: str
    orphaned: bool
    changed: bool = False

    @property
    def needs_review(self) -> bool:
        return self.orphaned or self.changed


@dataclass(frozen=True)
class TagInfo:
    """A tag with its colour (None: the default) and ``count``, the annotations that carry it;
    ``articles`` and ``stories`` count the whole articles and stories tagged with it.

    Tags form a tree: ``name`` is the whole path ("people/spokesperson"), ``parent`` the path
    of the tag it sits in (None at the top), ``memo`` the reader's description of the tag.

    The id tuples are filled only by ``Store.tag_assignments`` (a snapshot to restore the
    tag exactly, e.g. on undo); ``Store.tags()`` leaves them empty.
    """

    name: str
    color: str | None
    count: int
    articles: int = 0
    stories: int = 0
    annotation_ids: tuple[int, ...] = ()
    article_ids: tuple[int, ...] = ()
    story_ids: tuple[int, ...] = ()
    parent: str | None = None
    memo: str = ""

    @property
    def leaf(self) -> str:
        """The last part of the path: "spokesperson" of "people/spokesperson"."""
        if self.parent and self.name[:len(self.parent) + 1].casefold() == (self.parent + TAG_PATH_SEPARATOR).casefold():
            return self.name[len(self.parent) + 1:]
        return self.name


TAG_PATH_SEPARATOR = "/"  # "people/spokesperson": the tag "spokesperson" inside "people"


@dataclass(frozen=True)
class ArticleVersion:
    """One stored version of an article: ``number`` counts from 1 (the first import);
    ``text`` is filled by ``Store.article_version`` and left empty by ``Store.article_versions``."""

    id: int
    article_id: int
    number: int
    content_hash: str
    imported: str
    words: int = 0
    text: str = ""


@dataclass(frozen=True)
class AnnotationLink:
    """A typed link between two annotations: "same fact", "supports" or "contradicts"."""

    id: int
    from_id: int
    to_id: int
    kind: str
    created: str
