"""Annotations back into a library from W3C Web Annotation JSON-LD (.json, .jsonld) or REFI-QDA (.qdpx).

``import_annotations(store, path_or_bytes, story_id=None)`` reads the whole file first (the format
modules turn it into ``IncomingAnnotation`` records, raising ``AnnotationFileError`` on anything
malformed), then writes everything in one transaction: a file either imports or leaves the library
as it was. The new notes and their links are written with one bulk call each
(``Store.add_annotations``, ``Store.add_annotation_links``), after every note has been placed.

Each annotation finds its article in this order: the article identity the file names (our
``urn:parallax:article:`` IRI or the URL), then an article whose current text has the same content
hash; for a QDPX source that names no article (another program's project), then the article
holding most of the source's quotes. Failing that, a QDPX source's text is imported as a new
article (identity from the file, else ``qdpx:<source guid>``). JSON-LD carries no text: an
annotation whose article is not in the library is counted as *unplaced* and not imported.

On the article the span is found by its quote (``anchoring.reattach``: the position is only a
hint); an annotation whose quote cannot be placed is kept as an orphan (with the file's offsets
and quote). An annotation already in the library (same article, start, end, quote, note, tags and
colour, where the file gives colours) is skipped as a duplicate (for an orphan the file gives no
offsets for: same article, quote, note, tags and colour),
so importing a file twice changes nothing. ``story_id``: the articles the
annotations land on (found or created) are also added to that story.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path

from desktop.core.interchange.records import (
    AnnotationFileError,
    IncomingAnnotation,
    IncomingArticle,
    IncomingFile,
)
from desktop.core.library.schema import ANNOTATION_LINK_KINDS
from desktop.core.library.store import Store
from desktop.core.library.store.tags import tag_name
from desktop.core.models import Article, Changes, ParsedArticle
from desktop.core.notes.anchoring import CONTEXT_CHARS, Anchor, reattach
from desktop.core.notes.annotating import COLORS

FORMATS = ("jsonld", "qdpx")
_SUFFIXES = {".json": "jsonld", ".jsonld": "jsonld", ".qdpx": "qdpx"}
MAX_FILE_BYTES = 200 * 1024 * 1024  # 100,000 notes in JSON-LD are 90 MB; parsing 200 MB takes ~2 GB


@dataclass
class AnnotationImportReport:
    """What an import did; ``summary()`` is the line the CLI and the window show."""

    format: str
    attached: int = 0  # imported and placed on their words
    orphaned: int = 0  # imported, quote not found in the article's text
    duplicates: int = 0  # already in the library: skipped
    unplaced: int = 0  # no article for them: not imported (see ``problems``)
    links: int = 0
    articles_added: list[int] = field(default_factory=list)
    annotation_ids: list[int] = field(default_factory=list)  # the notes this import created
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # repaired on the way in (IncomingFile.warnings)
    changes: Changes = field(default_factory=Changes)

    @property
    def imported(self) -> int:
        return self.attached + self.orphaned

    def summary(self) -> str:
        text = (f"{self.attached} attached, {self.orphaned} orphaned, {self.duplicates} duplicates skipped, "
                f"{self.unplaced} unplaced")
        if self.links:
            text += f", {self.links} links"
        if self.articles_added:
            text += f"; {len(self.articles_added)} articles added"
        return text

    def as_dict(self) -> dict:
        return {
            "format": self.format, "attached": self.attached, "orphaned": self.orphaned,
            "duplicates": self.duplicates, "unplaced": self.unplaced, "links": self.links,
            "articles_added": list(self.articles_added), "problems": list(self.problems),
        }


# ------------------------------------------------------------------------- reading


def read_annotation_file(source: str | os.PathLike | bytes) -> IncomingFile:
    """Parse a file (path or its bytes) into records, without touching a library.

    Whatever the file holds, a failure is an ``AnnotationFileError`` naming it and the reason."""
    if isinstance(source, (bytes, bytearray)):
        data, name, suffix = bytes(source), "the annotations file", ""
    else:
        path = Path(source).expanduser()
        name, suffix = str(path), path.suffix.lower()
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise AnnotationFileError(name, "is a folder, not a file")
            if not stat.S_ISREG(info.st_mode):
                raise AnnotationFileError(name, "is not a regular file")
            if info.st_size > MAX_FILE_BYTES:
                raise AnnotationFileError(name, f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
            data = path.read_bytes()
        except OSError as exc:
            raise AnnotationFileError(name, f"cannot read it ({exc.strerror or exc})") from exc
    if not data.strip():
        raise AnnotationFileError(name, "the file is empty" if not data else "the file holds only blank space")
    fmt = _SUFFIXES.get(suffix) or ("qdpx" if data[:4] == b"PK\x03\x04" else "jsonld")
    try:
        if fmt == "qdpx":
            from desktop.core.interchange.qdpx import parse_qdpx

            return parse_qdpx(data, name)
        from desktop.core.interchange.web_annotation import parse_jsonld

        incoming = parse_jsonld(data, name)
        if _SURROGATE_ESCAPE.search(data):  # JSON can escape half a character: "\ud800"
            _repair_surrogates(incoming)
        return incoming
    except AnnotationFileError:
        raise
    except RecursionError:
        raise AnnotationFileError(name, "nested too deeply to read") from None
    except MemoryError:
        raise AnnotationFileError(name, "not enough memory to read it") from None
    except Exception as exc:  # a bug of ours, but still one bad file: say which
        raise AnnotationFileError(name, f"unexpected error: {type(exc).__name__}: {exc}") from None


_SURROGATE_ESCAPE = re.compile(rb"\\[uU][dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _repair_surrogates(incoming: IncomingFile) -> None:
    """Unpaired surrogates (not characters: neither UTF-8 nor SQLite can hold them) become U+FFFD."""
    count = 0

    def fix(value):
        nonlocal count
        if isinstance(value, str) and _SURROGATE.search(value):
            count += len(_SURROGATE.findall(value))
            return _SURROGATE.sub("\ufffd", value)
        if isinstance(value, tuple):
            return tuple(fix(part) for part in value)
        return value

    seen: set[int] = set()
    for item in incoming.annotations:
        for record in (item, item.article):
            if id(record) not in seen:
                seen.add(id(record))
                for name in (f.name for f in fields(record)):
                    if name != "article":
                        setattr(record, name, fix(getattr(record, name)))
    incoming.links = [fix(link) for link in incoming.links]
    incoming.tag_colors = {fix(key): fix(value) for key, value in incoming.tag_colors.items()}
    incoming.tag_memos = {fix(key): fix(value) for key, value in incoming.tag_memos.items()}
    if count:
        what = "an unpaired surrogate" if count == 1 else f"{count} unpaired surrogates"
        incoming.warnings.append(f"{what} (as in \\ud800, not a character) shown as \ufffd")


# ------------------------------------------------------------------------- articles


class _Library:
    """Finds the library's articles by URL, identity, content hash or quotes.

    Only ids, URLs, origins and content hashes are read up front; an article's text is read when a
    note lands on it (or, for a foreign QDPX source, when every text must be searched for quotes).
    Where several articles fit, the first in the order the articles were first looked at wins."""

    def __init__(self, store: Store):
        self.store = store
        self.by_url = {url: article_id for article_id, url, _, _ in store.article_identities() if url}
        self._articles: dict[int, Article] = {}
        self._seen: dict[int, None] = {}  # ids in the order first looked at (the search order)
        self._identities: dict[str, int] = {}  # url or origin -> the first such article seen
        self._hashes: dict[str, int] = {}  # content hash -> the first such article seen
        self._full = False

    def _see(self, article_id: int, url: str | None, origin: str | None, content_hash: str) -> None:
        if article_id not in self._seen:
            self._seen[article_id] = None
            self._identities.setdefault(url or origin or "", article_id)
            self._hashes.setdefault(content_hash, article_id)

    def article(self, article_id: int) -> Article:
        if article_id not in self._articles:
            article = self._articles[article_id] = self.store.article(article_id)
            self._see(article_id, article.url, article.origin, article.content_hash)
        return self._articles[article_id]

    def _see_all(self) -> None:
        if not self._full:
            for row in self.store.article_identities():
                self._see(*row)
            self._full = True

    def by_identity(self, identity: str) -> int | None:
        if identity in self.by_url:
            return self.by_url[identity]
        self._see_all()
        return self._identities.get(identity)

    def by_hash(self, content_hash: str) -> int | None:
        self._see_all()
        return self._hashes.get(content_hash)

    def by_quotes(self, quotes: list[str]) -> int | None:
        """The article holding more than half of the quotes, and more of them than any other."""
        self._see_all()
        articles = [self.article(article_id) for article_id in list(self._seen)]
        # an article holding more than half of the quotes holds one of any len // 2 + 1 of them: a cheap filter
        longest = sorted(quotes, key=len, reverse=True)[:len(quotes) // 2 + 1]
        candidates = [a for a in articles if any(q in a.text for q in longest)]
        scores = sorted(((sum(q in a.text for q in quotes), a.id) for a in candidates), reverse=True)
        if not scores or scores[0][0] * 2 <= len(quotes):
            return None
        if len(scores) > 1 and scores[1][0] == scores[0][0]:
            return None  # two articles fit as well: do not guess
        return scores[0][1]

    def added(self, article_id: int) -> None:
        article = self.article(article_id)
        if article.url:
            self.by_url[article.url] = article_id


def _find_article(library: _Library, incoming: IncomingArticle, quotes: list[str]) -> int | None:
    for key in (incoming.identity, incoming.url):
        if key:
            found = library.by_identity(key)
            if found is not None:
                return found
    if incoming.content_hash:
        found = library.by_hash(incoming.content_hash)
        if found is not None:
            return found
    if incoming.text is not None and quotes and not incoming.identity:  # another program's source
        return library.by_quotes(quotes)
    return None


def _create_article(store: Store, incoming: IncomingArticle) -> tuple[str, int, Changes]:
    from desktop.core.library import save_parsed

    url = incoming.url or (incoming.identity if (incoming.identity or "").startswith(("http://", "https://"))
                           else None)
    origin = incoming.identity if incoming.identity and incoming.identity != url else f"qdpx:{incoming.key}"
    parsed = ParsedArticle(text=incoming.text or "", origin=origin, title=incoming.title, source=incoming.outlet,
                           author=incoming.author, published=incoming.published, url=url)
    return save_parsed(store, parsed)


# ------------------------------------------------------------------------- placing


def _place(article: Article, item: IncomingAnnotation) -> tuple[int, int, str, str, str, bool] | None:
    """(start, end, exact, prefix, suffix, orphaned) on the article, or None when nothing says where."""
    text = article.text
    start, end = item.start, item.end
    if not item.exact:  # a position without a quote: trust it only inside the text
        if start is None or end is None or not 0 <= start < end <= len(text):
            return None
        return _attached(text, start, end)
    in_range = start is not None and end is not None and 0 <= start < end <= len(text)
    if not (in_range and text[start:end] == item.exact):  # else reattach would keep it there: no search
        anchor = Anchor(start or 0, end or 0, item.exact, item.prefix, item.suffix, item.content_hash or "")
        attachment = reattach(anchor, text)
        if attachment.status == "orphan":
            start = 0 if start is None else start
            end = start + len(item.exact) if end is None else end
            return start, end, item.exact, item.prefix, item.suffix, True
        start, end = attachment.start, attachment.end
    return _attached(text, start, end)


def _attached(text: str, start: int, end: int) -> tuple[int, int, str, str, str, bool]:
    """The span with its quote and context as ``make_anchor`` gives them, without its hash of the
    whole text (once per note, that hash cost more than the rest of placing it)."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"empty or out-of-range span {start}:{end} in a text of {len(text)} characters")
    prefix, suffix = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]
    return start, end, text[start:end], prefix, suffix, False


# ------------------------------------------------------------------------- importing


def import_annotations(store: Store, source: str | os.PathLike | bytes,
                       story_id: int | None = None) -> AnnotationImportReport:
    """Import a JSON-LD or QDPX annotations file (path or bytes) into the library, all or nothing."""
    incoming = read_annotation_file(source)
    if story_id is not None:
        store.story(story_id)  # raises NotFound before anything is written
    report = AnnotationImportReport(format=incoming.format, warnings=list(incoming.warnings))
    with store.batch():
        _import(store, incoming, story_id, report)
    return report


@dataclass(frozen=True)
class _New:
    """A note of the file that is not in the library yet: its place among the records to add."""

    index: int


def _tag_set(names) -> frozenset[str]:
    """Tags as the library tells them apart: stored names, case not counted ("Verify" is "verify")."""
    found = set()
    for name in names:
        try:
            found.add(tag_name(name).casefold())
        except ValueError:
            found.add(name.casefold())
    return frozenset(found)


def _import(store: Store, incoming: IncomingFile, story_id: int | None, report: AnnotationImportReport) -> None:
    library = _Library(store)
    quotes: dict[str, list[str]] = {}
    for item in incoming.annotations:
        if item.exact:
            quotes.setdefault(item.article.key, []).append(item.exact)
    resolved: dict[str, int | None] = {}
    existing: dict[int, dict[tuple, list[tuple[str, int | _New]]]] = {}  # key -> (colour, note) each
    refs: dict[str, int | _New] = {}  # file ref -> the library's annotation id (a duplicate), or a new one
    records: list[dict] = []  # the notes to add, in file order: added at once after the loop
    touched: list[int] = []
    for item in incoming.annotations:
        key = item.article.key
        if key not in resolved:
            resolved[key] = _resolve(store, library, item.article, quotes.get(key, []), report)
        article_id = resolved[key]
        if article_id is None:
            report.unplaced += 1
            report.problems.append(f"{_describe(item)}: its article is not in the library")
            continue
        article = library.article(article_id)
        placed = _place(article, item)
        if placed is None:
            report.unplaced += 1
            report.problems.append(f"{_describe(item)}: no quote, and its position is not in the article's text")
            continue
        start, end, exact, prefix, suffix, orphaned = placed
        if article_id not in existing:
            existing[article_id] = {}
            for a in store.annotations(article_id=article_id):
                look = (a.note, frozenset(t.casefold() for t in a.tags))
                existing[article_id].setdefault((a.start, a.end, a.exact, *look), []).append((a.color, a.id))
                if a.orphaned:
                    existing[article_id].setdefault((a.exact, *look), []).append((a.color, a.id))
            touched.append(article_id)
        # the same note is the same words with the same note, tags and colour (when the file gives
        # colours: REFI-QDA does not): a red #conflict and a yellow #verify on one passage are two notes
        look = (item.note, _tag_set(item.tags))
        wanted = None if item.color is None else item.color if item.color in COLORS else "yellow"  # as stored
        # an orphan the file gives no offsets for (QDPX) is the same as an orphan with its quote and note
        unknown_span = orphaned and item.start is None
        key = (exact, *look) if unknown_span else (start, end, exact, *look)
        same = next((found for color, found in existing[article_id].get(key, ())
                     if wanted is None or color == wanted), None)
        if same is not None:
            report.duplicates += 1
            refs[item.ref] = same
            continue
        color = item.color if item.color in COLORS else "yellow"
        new = _New(len(records))
        records.append({
            "article_id": article_id, "start": start, "end": end, "exact": exact, "prefix": prefix,
            "suffix": suffix, "color": color, "note": item.note,
            "tags": item.tags, "orphaned": orphaned, "created": _iso(item.created), "updated": _iso(item.updated),
        })
        existing[article_id].setdefault((start, end, exact, *look), []).append((color, new))
        if orphaned:
            existing[article_id].setdefault((exact, *look), []).append((color, new))
        refs[item.ref] = new
        if orphaned:
            report.orphaned += 1
        else:
            report.attached += 1
    new_ids, changes = store.add_annotations(records)
    report.annotation_ids += new_ids
    report.changes |= changes
    ids = {ref: new_ids[found.index] if isinstance(found, _New) else found for ref, found in refs.items()}
    _link(store, incoming, ids, report)
    _color_tags(store, incoming, report)
    if story_id is not None and touched:
        report.changes |= store.add_to_story(story_id, touched)


def _resolve(store: Store, library: _Library, incoming: IncomingArticle, quotes: list[str],
             report: AnnotationImportReport) -> int | None:
    found = _find_article(library, incoming, quotes)
    if found is not None or incoming.text is None or not incoming.text.strip():
        return found
    status, article_id, changes = _create_article(store, incoming)
    library.added(article_id)
    report.changes |= changes
    if status == "added":
        report.articles_added.append(article_id)
    return article_id


def _link(store: Store, incoming: IncomingFile, ids: dict[str, int], report: AnnotationImportReport) -> None:
    wanted = []
    for from_ref, to_ref, kind in incoming.links:
        a, b = ids.get(from_ref), ids.get(to_ref)
        if a is None or b is None or a == b or kind not in ANNOTATION_LINK_KINDS:
            continue
        wanted.append((a, b, kind))
    created, changes = store.add_annotation_links(wanted)
    report.links += len(created)
    report.changes |= changes


def _color_tags(store: Store, incoming: IncomingFile, report: AnnotationImportReport) -> None:
    """Give tags the file's colours and memos, where the library's tag has none yet."""
    if not (incoming.tag_colors or incoming.tag_memos):
        return
    current = {t.name.casefold(): t for t in store.tags()}
    for name, color in incoming.tag_colors.items():
        tag = current.get(name.strip().casefold())
        if tag is not None and tag.color is None and color:
            report.changes |= store.set_tag_color(tag.name, color)
    for name, memo in incoming.tag_memos.items():
        tag = current.get(name.strip().casefold())
        if tag is not None and not tag.memo and memo and memo.strip():
            report.changes |= store.set_tag_memo(tag.name, memo)


def _iso(value: str | None) -> str | None:
    """The file's time if it is an ISO 8601 time (kept as written), else None (the store uses now)."""
    try:
        datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return value


def _describe(item: IncomingAnnotation) -> str:
    quote = (item.exact or "").replace("\n", " ")
    quote = quote[:40] + ("…" if len(quote) > 40 else "")
    where = item.article.title or item.article.url or item.article.identity or item.article.key
    return f"\u201c{quote}\u201d ({where})"


__all__ = [
    "AnnotationFileError",
    "AnnotationImportReport",
    "IncomingAnnotation",
    "IncomingArticle",
    "IncomingFile",
    "import_annotations",
    "read_annotation_file",
]
