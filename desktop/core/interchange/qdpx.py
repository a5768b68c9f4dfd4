"""Annotations as a REFI-QDA project (.qdpx) for QualCoder, MAXQDA, NVivo, ATLAS.ti; out and back in.

A ``.qdpx`` is a zip holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0`` namespace,
valid against REFI-QDA's Project.xsd) and ``sources/<guid>.txt``, the UTF-8 text of each article.

* Every annotated article is a ``TextSource`` (``plainTextPath="internal://<guid>.txt"``) with its
  outlet, date, URL, author and our article identity as ``Variables`` (QualCoder shows them as file
  attributes).
* Every tag is a ``Code`` (colour ``#RRGGBB`` when the tag has one, its memo as the code's
  ``Description``), nested as the tags are ("people/spokesperson" is a code "spokesperson" inside
  the code "people", which is written too); each highlight is a ``PlainTextSelection`` with one
  ``Coding`` per tag. On the way in, a code inside another one becomes the tag of the path. Untagged highlights get no code: a selection
  without a coding is what QualCoder and MAXQDA import as an annotation (memo), which is what it is.
* A note is both the selection's ``Description`` (read by QualCoder and MAXQDA as the coding memo
  or annotation text) and a ``Note`` in ``Notes`` that the selection points to with ``NoteRef``.
* Links between highlights are ``Link``s between selections, named by their kind.
* Orphaned highlights (their words are no longer in the article) cannot sit in the article's text:
  each article with orphans gets one more source, "Orphaned passages", holding each orphan's
  prefix, quote and suffix, separated by blank lines, with the selection on the quote.

Positions: ``startPosition``/``endPosition`` are half-open character offsets ``[start, end)`` into
the source's text as decoded from UTF-8, counted in Unicode code points (an emoji is 1, not 2 as in
UTF-16 nor 4 as in UTF-8 bytes; CRLF is 2), exactly Python's ``text[start:end]``.

What the format cannot carry, and is lost on the way back in: highlight colours (imported as
yellow) and the offsets of orphans (they come back as orphans with their quote and context, at
offsets into the "Orphaned passages" text). XML 1.0 cannot hold control characters other than tab,
newline and carriage return: in notes and tag names they become U+FFFD.

Import (``parse_qdpx``) reads our projects and other programs' ones: text sources with their
selections, codings (tags), notes (``NoteRef`` to a ``Note``, else the ``Description``), links, and
QualCoder-style annotations (a source's ``NoteRef`` to a ``Note`` that holds a ``PlainTextSelection``).

An archive from elsewhere is read within bounds (``ArchiveReader``): at most ``MAX_ARCHIVE_MEMBERS``
members and ``MAX_ARCHIVE_BYTES`` unpacked in all, each source text within the article limit
(``readers.MAX_FILE_BYTES``); declared sizes are checked before unpacking and the real bytes are
counted while unpacking, in chunks (a zip bomb can declare any size). Only stored and deflated
members are read (bzip2 and LZMA would unpack a chunk without a bound). Nothing is ever written to
disk, so member names such as ``../../x`` reach nothing; a text path with ``..`` is refused. The XML
is parsed with defusedxml: entity declarations (billion laughs, external entities that read local
files) and external DTDs are refused, with the reason.

This module writes projects (:func:`annotations_qdpx`); they are read back in
:mod:`~desktop.core.interchange.qdpx_reader`, archives are opened within bounds in
:mod:`~desktop.core.interchange.qdpx_archive`, and what both directions share is in
:mod:`~desktop.core.interchange.qdpx_format`.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import uuid
import zipfile
from datetime import UTC, datetime

from desktop import __version__
from desktop.core.interchange.qdpx_archive import MAX_ARCHIVE_BYTES, MAX_ARCHIVE_MEMBERS, ArchiveReader
from desktop.core.interchange.qdpx_format import (
    CURRENT_TEXT,
    NS,
    ORPHANED_PASSAGES,
    PASSAGE_SEPARATOR,
    VARIABLES,
    code_color,
    utc_moment,
)
from desktop.core.interchange.qdpx_reader import parse_qdpx
from desktop.core.interchange.records import annotation_groups
from desktop.core.interchange.web_annotation import article_identity, links_between
from desktop.core.library.store import Store
from desktop.core.models import Annotation, Article
from desktop.core.notes.anchoring import content_hash

NAMESPACE = uuid.UUID("0b7a4f0e-5d0c-4b8e-9a55-3c2e1f7d6a90")  # for stable GUIDs
LINK_DIRECTIONS = {"same fact": "Associative", "supports": "OneWay", "contradicts": "OneWay"}
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _guid(*parts) -> str:
    """``str(uuid.uuid5(NAMESPACE, name))`` for the parts joined by newlines, a few times faster."""
    name = "\n".join(str(p) for p in parts).encode("utf-8", "replace")
    digest = hashlib.sha1(NAMESPACE.bytes + name).hexdigest()
    variant = "89ab"[int(digest[16], 16) & 3]
    return f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-{variant}{digest[17:20]}-{digest[20:32]}"


def _text(value: str) -> str:
    """Element text: escaped, carriage returns kept (a parser would turn a bare CR into LF)."""
    value = _ILLEGAL_XML.sub("\ufffd", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(value: str) -> str:
    """Attribute value: also quotes, and whitespace that attribute normalisation would flatten."""
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


@functools.lru_cache(maxsize=4096)
def _xsd_time(value: str | None, fallback: str) -> str:
    moment = utc_moment(value)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else fallback


def _source_name(article: Article, used: set[str], suffix: str = "") -> str:
    """A readable name QualCoder can also use as a file name (it writes ``documents/<name>.txt``)."""
    label = f"{article.source} - {article.display_title}" if article.source else article.display_title
    base = _UNSAFE_NAME.sub("-", label).strip(" .-")[:120] or "Article"
    name, number = base + suffix, 2
    while name.casefold() in used:
        name, number = f"{base} ({number}){suffix}", number + 1
    used.add(name.casefold())
    return name


# ------------------------------------------------------------------------- export


class _Writer:
    """Collects the XML pieces and the source files of one project."""

    def __init__(self, store: Store, groups: list, now: str):
        self.store, self.groups, self.now = store, groups, now
        self.user = _guid("user", "Parallax")
        self.stamp = f'creatingUser="{self.user}" creationDateTime="{now}" modifyingUser="{self.user}" ' \
                     f'modifiedDateTime="{now}"'
        self.variables = {name: _guid("variable", name) for name in VARIABLES}
        tags = {t for _, _, found in groups for a in found for t in a.tags}
        self.tag_info = {t.name: t for t in store.tags()} if tags else {}
        for name in list(tags):  # the tags the used ones sit in, for the tree
            parent = self.tag_info[name].parent if name in self.tag_info else None
            while parent and parent not in tags:
                tags.add(parent)
                parent = self.tag_info[parent].parent if parent in self.tag_info else None
        # keyed by the exact name: the store tells tags apart that differ in non-ASCII case
        self.codes = {t: _guid("code", t) for t in sorted(tags, key=str.casefold)}
        self.selection = {a.id: _guid("selection", article_identity(article), a.id, a.created)
                          for _, article, found in groups for a in found}
        self.sources: list[str] = []
        self.notes: list[str] = []
        self.files: list[tuple[str, str]] = []

    def _selection(self, a: Annotation, start: int, end: int, out: list[str]) -> None:
        created = _xsd_time(a.created, self.now)
        stamp = f'creatingUser="{self.user}" creationDateTime="{created}" modifyingUser="{self.user}" ' \
                f'modifiedDateTime="{_xsd_time(a.updated, created)}"'
        out.append(f'<PlainTextSelection guid="{self.selection[a.id]}" startPosition="{start}" '
                   f'endPosition="{end}" {stamp}>')
        if a.note:
            out.append(f"<Description>{_text(a.note)}</Description>")
        for tag in a.tags:
            out.append(f'<Coding guid="{_guid("coding", a.id, tag)}" creatingUser="{self.user}" '
                       f'creationDateTime="{created}"><CodeRef targetGUID="{self.codes[tag]}"/></Coding>')
        if a.note:
            note = _guid("note", self.selection[a.id])
            out.append(f'<NoteRef targetGUID="{note}"/>')
            label = "Note on \u201c" + a.exact[:40].replace("\n", " ") + "\u201d"
            self.notes.append(f'<Note guid="{note}" name="{_attr(label)}" {stamp}>'
                              f"<PlainTextContent>{_text(a.note)}</PlainTextContent></Note>")
        out.append("</PlainTextSelection>")

    def _source(self, article: Article, name: str, text: str, kind: str, spans: list) -> None:
        guid = _guid("source", article_identity(article), content_hash(text), kind)
        out = [(f'<TextSource guid="{guid}" name="{_attr(name)}" plainTextPath="internal://{guid}.txt" '
                f"{self.stamp}>")]
        about = " · ".join(p for p in (article.source, article.published, article.url) if p)
        if about:
            out.append(f"<Description>{_text(about)}</Description>")
        for a, start, end in spans:
            self._selection(a, start, end, out)
        values = zip(VARIABLES, (article.title, article.source, article.published, article.url, article.author,
                                 article_identity(article), kind))
        for variable, value in values:
            if value:
                out.append(f'<VariableValue><VariableRef targetGUID="{self.variables[variable]}"/>'
                           f"<TextValue>{_text(value)}</TextValue></VariableValue>")
        out.append("</TextSource>")
        self.sources.append("\n".join(out))
        self.files.append((guid, text))

    def write_sources(self) -> None:
        used: set[str] = set()
        for _, article, found in self.groups:
            current = [(a, a.start, a.end) for a in found if not a.orphaned]
            self._source(article, _source_name(article, used), article.text, CURRENT_TEXT, current)
            orphans = [a for a in found if a.orphaned]
            if orphans:
                passages, spans = [], []
                for a in orphans:
                    offset = sum(len(p) + len(PASSAGE_SEPARATOR) for p in passages)
                    passages.append(a.prefix + a.exact + a.suffix)
                    spans.append((a, offset + len(a.prefix), offset + len(a.prefix) + len(a.exact)))
                name = _source_name(article, used, " (orphaned passages)")
                self._source(article, name, PASSAGE_SEPARATOR.join(passages), ORPHANED_PASSAGES, spans)

    def _codes(self, children: dict, parent: str | None, out: list[str]) -> None:
        """The codes inside ``parent`` (None: the top), each with its colour, memo and children."""
        for tag in children.get(parent, ()):
            info = self.tag_info.get(tag)
            color = code_color(info.color) if info is not None else None
            leaf = tag[len(parent) + 1:] if parent else tag
            opening = (f'<Code guid="{self.codes[tag]}" name="{_attr(leaf)}" isCodable="true"'
                       + (f' color="{color}"' if color else ""))
            memo = info.memo if info is not None else ""
            if not memo and tag not in children:
                out.append(opening + "/>")
                continue
            out.append(opening + ">")
            if memo:
                out.append(f"<Description>{_text(memo)}</Description>")
            self._codes(children, tag, out)
            out.append("</Code>")

    def project(self, title: str) -> str:
        out = ['<?xml version="1.0" encoding="utf-8"?>',
               (f'<Project xmlns="{NS}" name="{_attr(title)}" origin="Parallax {__version__}" '
                f'creatingUserGUID="{self.user}" creationDateTime="{self.now}" '
                f'modifyingUserGUID="{self.user}" modifiedDateTime="{self.now}">'),
               f'<Users><User guid="{self.user}" name="Parallax"/></Users>']
        if self.codes:
            out.append("<CodeBook><Codes>")
            children: dict[str | None, list[str]] = {}
            for tag in self.codes:
                info = self.tag_info.get(tag)
                parent = info.parent if info is not None and info.parent in self.codes else None
                children.setdefault(parent, []).append(tag)
            self._codes(children, None, out)
            out.append("</Codes></CodeBook>")
        out.append("<Variables>" + "".join(
            f'<Variable guid="{guid}" name="{_attr(name)}" typeOfVariable="Text"/>'
            for name, guid in self.variables.items()) + "</Variables>")
        if self.sources:
            out += ["<Sources>", *self.sources, "</Sources>"]
        if self.notes:
            out += ["<Notes>", *self.notes, "</Notes>"]
        links = links_between(self.store, set(self.selection))
        if links:
            out.append("<Links>")
            for from_id, to_id, kind in links:
                out.append(f'<Link guid="{_guid("link", from_id, to_id, kind)}" name="{_attr(kind)}" '
                           f'direction="{LINK_DIRECTIONS.get(kind, "Associative")}" '
                           f'originGUID="{self.selection[from_id]}" targetGUID="{self.selection[to_id]}"/>')
            out.append("</Links>")
        out.append("<Description>Exported from Parallax. Positions are half-open offsets in Unicode code "
                   "points. Highlight colours are not part of REFI-QDA and are left out.</Description>")
        out.append("</Project>\n")
        return "\n".join(out)


def annotations_qdpx(store: Store, story_id: int | None = None, tag: str | None = None) -> bytes:
    """The annotations as a REFI-QDA project: the bytes of a .qdpx zip archive."""
    groups = list(annotation_groups(store, story_id, tag))
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    writer = _Writer(store, groups, now)
    writer.write_sources()
    title = "Parallax annotations" + (f": {store.story(story_id).name}" if story_id is not None else "")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", writer.project(title).encode("utf-8", "replace"))
        for guid, text in writer.files:
            archive.writestr(f"sources/{guid}.txt", text.encode("utf-8", "surrogatepass"))
    return buffer.getvalue()


__all__ = ["MAX_ARCHIVE_BYTES", "MAX_ARCHIVE_MEMBERS", "ArchiveReader", "annotations_qdpx", "parse_qdpx"]
