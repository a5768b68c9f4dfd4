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
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
import zlib
from datetime import UTC, datetime

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as parse_xml

from desktop import __version__
from desktop.core.interchange.records import (
    AnnotationFileError,
    IncomingAnnotation,
    IncomingArticle,
    IncomingFile,
    annotation_groups,
)
from desktop.core.interchange.web_annotation import article_identity, links_between
from desktop.core.library.readers import MAX_FILE_BYTES as MAX_SOURCE_BYTES
from desktop.core.library.schema import ANNOTATION_LINK_KINDS
from desktop.core.library.store import Store
from desktop.core.models import Annotation, Article
from desktop.core.notes.anchoring import content_hash, make_anchor

NS = "urn:QDA-XML:project:1.0"
NAMESPACE = uuid.UUID("0b7a4f0e-5d0c-4b8e-9a55-3c2e1f7d6a90")  # for stable GUIDs
VARIABLES = ("Title", "Outlet", "Published", "URL", "Author", "Parallax article", "Parallax text")
CURRENT_TEXT, ORPHANED_PASSAGES = "current", "orphaned passages"
PASSAGE_SEPARATOR = "\n\n"
LINK_DIRECTIONS = {"same fact": "Associative", "supports": "OneWay", "contradicts": "OneWay"}
# the highlight colours' tints (as in the reader), for tags whose colour is a highlight colour's name
HIGHLIGHT_HEX = {"yellow": "#FFF1A8", "green": "#C9EFC4", "blue": "#C7DDFF", "pink": "#FFD0E6",
                 "purple": "#E1D2FF", "orange": "#FFD8AD", "red": "#FFC4C4", "teal": "#BFEAE5", "grey": "#DEDEDE"}
MAX_ARCHIVE_MEMBERS = 10_000
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # unpacked, all that is read from one archive
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024  # the archive's table of contents
MAX_POSITION_DIGITS = 15  # far beyond any text; Python refuses int() of over 4,300 digits
_CHUNK = 64 * 1024
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


def _utc(value: str | None) -> datetime | None:
    """An ISO 8601 time (xsd:dateTime) in UTC (a time without zone is taken as UTC); None if not one."""
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


@functools.lru_cache(maxsize=4096)
def _xsd_time(value: str | None, fallback: str) -> str:
    moment = _utc(value)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else fallback


def _hex(color: str | None) -> str | None:
    if color and re.fullmatch(r"#(?:[0-9A-Fa-f]{3}){1,2}", color):
        return color
    return HIGHLIGHT_HEX.get((color or "").lower())


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
            color = _hex(info.color) if info is not None else None
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


# ------------------------------------------------------------------------- import


class _Reader:
    """Turns one project.qde (and the archive around it) into import records."""

    def __init__(self, archive: ArchiveReader, root: ET.Element, ns: str, name: str):
        self.archive, self.root, self.ns, self.name = archive, root, ns, name
        self.members = {m.lower(): m for m in archive.zip.namelist()}
        self.out = IncomingFile(format="qdpx")

    def fail(self, reason: str):
        raise AnnotationFileError(self.name, reason)

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}"

    def children(self, parent: ET.Element | None, tag: str) -> list[ET.Element]:
        return [] if parent is None else parent.findall(self.q(tag))

    def content(self, element: ET.Element, what: str) -> str | None:
        """The element's PlainTextContent, else the text its plainTextPath points to in the archive."""
        inline = element.find(self.q("PlainTextContent"))
        if inline is not None:
            return inline.text or ""
        path = element.get("plainTextPath") or ""
        if not path.startswith("internal://"):
            return None  # outside the archive: not ours to read
        member = path[len("internal://"):].lstrip("/")
        if ".." in re.split(r"[/\\]", member):
            self.fail(f"{what}: its text path {path[:200]!r} points outside the archive's sources")
        found = self.members.get(f"sources/{member}".lower()) or self.members.get(member.lower())
        if found is None:
            self.fail(f"{what}: its text sources/{member[:200]} is not in the archive")
        data = self.archive.read(found, MAX_SOURCE_BYTES, f"{what}: its text")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.fail(f"{what}: its text {found} is not UTF-8")

    def read(self) -> IncomingFile:
        self.codes: dict[str, str] = {}  # guid -> tag path ("" for a code without a usable name)
        book = self.root.find(self.q("CodeBook"))
        codes = book.find(self.q("Codes")) if book is not None else None
        self.read_codes(codes if codes is not None else self.root, "")
        self.variables = {v.get("guid"): v.get("name") for v in self.root.iter(self.q("Variable"))}
        self.notes: dict[str, ET.Element] = {}
        for note in self.children(self.root.find(self.q("Notes")), "Note"):
            self.notes[note.get("guid") or ""] = note
        sources = self.children(self.root.find(self.q("Sources")), "TextSource")
        current: dict[str, IncomingArticle] = {}
        later = []
        for source in sources:
            values = self.values(source)
            if values.get("Parallax text") == ORPHANED_PASSAGES:
                later.append((source, values))
            else:
                article = self.source_article(source, values)
                if article.identity:
                    current.setdefault(article.identity, article)
                self.selections(source, article, article.text, orphaned=False)
        for source, values in later:  # orphans belong to the article of the same identity
            own = self.source_article(source, values)
            article = current.get(own.identity or "") or IncomingArticle(key=own.key, identity=own.identity,
                                                                        url=own.url, title=own.title)
            self.selections(source, article, own.text, orphaned=True)
        for link in self.children(self.root.find(self.q("Links")), "Link"):
            kind = link.get("name") or ""
            if kind in ANNOTATION_LINK_KINDS and link.get("originGUID") and link.get("targetGUID"):
                self.out.links.append((link.get("originGUID"), link.get("targetGUID"), kind))
        return self.out

    def read_codes(self, parent: ET.Element, path: str) -> None:
        """The codes inside ``parent``, a code inside another one named by the path of both."""
        for code in self.children(parent, "Code"):
            name = (code.get("name") or "").strip()
            own = f"{path}/{name}" if path and name else name or path
            self.codes[code.get("guid") or ""] = own if name else ""
            if name and _hex(code.get("color")):
                self.out.tag_colors[own] = code.get("color")
            description = code.find(self.q("Description"))
            if name and description is not None and (description.text or "").strip():
                self.out.tag_memos[own] = description.text.strip()
            self.read_codes(code, own)

    def values(self, source: ET.Element) -> dict[str, str]:
        found = {}
        for value in self.children(source, "VariableValue"):
            ref = value.find(self.q("VariableRef"))
            text = value.find(self.q("TextValue"))
            name = self.variables.get(ref.get("targetGUID")) if ref is not None else None
            if name and text is not None and text.text:
                found[name] = text.text
        return found

    def source_article(self, source: ET.Element, values: dict[str, str]) -> IncomingArticle:
        guid = source.get("guid") or ""
        text = self.content(source, f"source {source.get('name') or guid}")
        url = values.get("URL")
        return IncomingArticle(
            key=guid, identity=values.get("Parallax article") or url, url=url,
            title=values.get("Title") or (None if values.get("Parallax article") else source.get("name")),
            outlet=values.get("Outlet"), published=values.get("Published"), author=values.get("Author"),
            text=text, content_hash=content_hash(text) if text is not None else None)

    def selections(self, source: ET.Element, article: IncomingArticle, text: str | None, orphaned: bool) -> None:
        for selection in self.children(source, "PlainTextSelection"):
            self.selection(selection, text, article, orphaned, note=self.note_of(selection))
        for ref in self.children(source, "NoteRef"):  # QualCoder: an annotation as a Note with a selection
            note = self.notes.get(ref.get("targetGUID") or "")
            inner = note.find(self.q("PlainTextSelection")) if note is not None else None
            if inner is not None:
                memo = note.find(self.q("PlainTextContent"))
                self.selection(inner, text, article, orphaned, note=(memo.text or "") if memo is not None else "")

    def note_of(self, selection: ET.Element) -> str:
        texts = []
        for ref in self.children(selection, "NoteRef"):
            note = self.notes.get(ref.get("targetGUID") or "")
            if note is not None:
                texts.append(self.content(note, f"note {ref.get('targetGUID')}") or "")
        if texts:
            return "\n\n".join(texts)
        description = selection.find(self.q("Description"))
        return (description.text or "") if description is not None else ""

    def selection(self, selection: ET.Element, text: str | None, article: IncomingArticle,
                  orphaned: bool, note: str) -> None:
        guid = selection.get("guid") or ""
        start, end = _position(selection.get("startPosition")), _position(selection.get("endPosition"))
        if start is None or end is None:
            shown = ", ".join(f"{name}={_shown(selection.get(name))}" for name in ("startPosition", "endPosition"))
            self.fail(f"selection {guid}: invalid offset ({shown}): startPosition and endPosition must be "
                      "whole numbers")
        if start == end:
            return  # an empty selection marks nothing
        if start < 0 or end < start or end > (len(text) if text is not None else 2**31):
            size = "" if text is None else f" of {len(text)} characters"
            self.fail(f"selection {guid}: positions {start}..{end} are not a stretch of its source's text{size}")
        tags = []
        for coding in self.children(selection, "Coding"):
            ref = coding.find(self.q("CodeRef"))
            target = ref.get("targetGUID") if ref is not None else None
            if target not in self.codes:
                self.fail(f"selection {guid}: a coding refers to a code that is not in the CodeBook")
            if self.codes[target]:
                tags.append(self.codes[target])
        exact = prefix = suffix = None
        if text is not None:
            anchor = make_anchor(text, start, end)
            exact, prefix, suffix = anchor.exact, anchor.prefix, anchor.suffix
            if orphaned:  # the context stops at the blank lines between passages
                prefix = prefix.rpartition(PASSAGE_SEPARATOR)[2]
                suffix = suffix.partition(PASSAGE_SEPARATOR)[0]
        created = _our_time(selection.get("creationDateTime"))
        self.out.annotations.append(IncomingAnnotation(
            ref=guid, article=article, exact=exact, start=None if orphaned else start,
            end=None if orphaned else end, prefix=prefix or "", suffix=suffix or "",
            content_hash=None if orphaned else article.content_hash, note=note, tags=tuple(tags),
            orphaned=orphaned, created=created, updated=_our_time(selection.get("modifiedDateTime")) or created))


def _position(value: str | None) -> int | None:
    """A selection's position attribute as a number; None unless it is a plausible whole number."""
    value = (value or "").strip()
    return int(value) if re.fullmatch(rf"[+-]?\d{{1,{MAX_POSITION_DIGITS}}}", value) else None


def _shown(value: str | None) -> str:
    if value is None:
        return "missing"
    digits = value.strip()
    if len(digits) > 24:
        return f"a {len(digits):,}-character value"
    return repr(digits)


def _our_time(value: str | None) -> str | None:
    """An xsd:dateTime as the library writes times (ISO 8601, seconds, UTC offset)."""
    moment = _utc(value)
    return moment.isoformat(timespec="seconds") if moment else None


def parse_qdpx(data: bytes, name: str) -> IncomingFile:
    """A .qdpx archive (its bytes) into import records; AnnotationFileError when it is malformed."""
    def fail(reason: str):
        raise AnnotationFileError(name, reason)

    with ArchiveReader(data, name) as archive:
        entries = [m for m in archive.zip.namelist() if m.lower().endswith(".qde") and "/" not in m.strip("/")]
        if not entries:
            fail("no project.qde inside the archive, so it is not a REFI-QDA project")
        entry = next((m for m in entries if m.lower() == "project.qde"), entries[0])
        root = _parse_project(archive.read(entry, MAX_ARCHIVE_BYTES, entry), entry, fail)
        match = re.fullmatch(r"\{(urn:QDA-XML:project:[^}]+)\}Project", root.tag)
        if match is None:
            fail(f"{entry} is not a REFI-QDA project (its root is {root.tag[:200]!r}, not Project in {NS!r})")
        return _Reader(archive, root, match.group(1), name).read()


def _parse_project(xml: bytes, entry: str, fail) -> ET.Element:
    """The project's XML, parsed without expanding entities or fetching anything."""
    try:
        try:
            return parse_xml(xml, forbid_dtd=True)
        except DTDForbidden as exc:
            if exc.sysid or exc.pubid:
                fail(f"{entry} refers to an external DTD ({_shown_id(exc)}), which Parallax does not fetch; "
                     "REFI-QDA projects use none")
            return parse_xml(xml, forbid_dtd=False)  # an inline DTD: still no entities
    except EntitiesForbidden as exc:
        what = f"an external entity ({_shown_id(exc)})" if exc.sysid or exc.pubid else f"the entity &{exc.name};"
        fail(f"{entry} declares {what}; Parallax does not expand XML entities (they can read files on this "
             "computer, or grow into gigabytes: an entity bomb)")
    except ExternalReferenceForbidden as exc:
        fail(f"{entry} refers to an outside resource ({_shown_id(exc)}), which Parallax does not fetch")
    except ET.ParseError as exc:
        fail(f"{entry} is not well-formed XML ({exc})")
    except RecursionError:
        fail(f"{entry} is nested too deeply to read")


def _shown_id(exc) -> str:
    return str(exc.sysid or exc.pubid)[:200]


class ArchiveReader:
    """A zip archive (its bytes) read within bounds; every failure is an ``AnnotationFileError``.

    Before the archive is opened, its end record must declare at most ``MAX_ARCHIVE_MEMBERS``
    members and a table of contents within ``MAX_DIRECTORY_BYTES``; the text members (.qde,
    .txt) must declare at most ``MAX_ARCHIVE_BYTES`` in all. ``read`` unpacks one member in
    chunks, counting the real bytes against its own limit and what is left of the archive's.
    """

    def __init__(self, data: bytes, name: str):
        self.name = name
        self.left = MAX_ARCHIVE_BYTES
        count, directory = _declared_directory(data)
        if count > MAX_ARCHIVE_MEMBERS:
            self.fail(f"the archive holds {count:,} members; Parallax reads archives of up to "
                      f"{MAX_ARCHIVE_MEMBERS:,}")
        if directory > MAX_DIRECTORY_BYTES:
            self.fail(f"the archive's table of contents is {directory / 2**20:.0f} MB, more than "
                      f"{MAX_DIRECTORY_BYTES // 2**20} MB")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            reason = "" if isinstance(exc, zipfile.BadZipFile) and "not a zip" in str(exc) else f" ({exc})"
            self.fail(f"not a QDPX project (a .qdpx is a zip archive, and this is not one{reason})")
        members = self.zip.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            self.fail(f"the archive holds {len(members):,} members; Parallax reads archives of up to "
                      f"{MAX_ARCHIVE_MEMBERS:,}")
        text = sum(m.file_size for m in members if m.filename.lower().endswith((".qde", ".txt")))
        if text > MAX_ARCHIVE_BYTES:
            self.fail(f"its project and texts would unpack to {text / 2**20:,.0f} MB; Parallax reads up to "
                      f"{MAX_ARCHIVE_BYTES // 2**20} MB from one archive")

    def fail(self, reason: str):
        raise AnnotationFileError(self.name, reason)

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *exc) -> None:
        zip_file = getattr(self, "zip", None)
        if zip_file is not None:
            zip_file.close()

    def read(self, member: str, limit: int, what: str) -> bytes:
        """The unpacked bytes of ``member``, at most ``limit`` of them (and what the archive has left);
        ``what`` names the member in messages ("source X: its text")."""
        info = self.zip.getinfo(member)
        label = member if what == member else f"{what} ({member})"
        cap = min(limit, self.left)
        if info.flag_bits & 0x1:
            self.fail(f"{label} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            self.fail(f"{label} is packed with compression method {info.compress_type}; "
                      "Parallax reads stored and deflated members, as REFI-QDA programs write them")
        if info.file_size > cap:
            self.too_large(label, info.file_size, limit)
        chunks, size = [], 0
        try:
            with self.zip.open(info) as file:
                while chunk := file.read(_CHUNK):
                    size += len(chunk)
                    if size > cap:  # the declared size lied
                        self.too_large(label, size, limit)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError,
                NotImplementedError) as exc:
            self.fail(f"cannot unpack {member} ({exc})")
        self.left -= size
        return b"".join(chunks)

    def too_large(self, label: str, size: int, limit: int):
        if size > limit:
            self.fail(f"{label} unpacks to more than {limit // 2**20} MB, the limit")
        self.fail(f"the archive unpacks to more than {MAX_ARCHIVE_BYTES // 2**20} MB, the limit "
                  f"(reached at {label})")


def _declared_directory(data: bytes) -> tuple[int, int]:
    """(members, size of the table of contents) as the zip's end record declares them, read
    before ``zipfile`` builds an object per member; (0, 0) when there is no end record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return 0, 0
    count = int.from_bytes(data[end + 10:end + 12], "little")
    directory = int.from_bytes(data[end + 12:end + 16], "little")
    locator = end - 20
    if (count == 0xFFFF or directory == 0xFFFFFFFF) and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        offset = int.from_bytes(data[locator + 8:locator + 16], "little")
        if data[offset:offset + 4] == b"PK\x06\x06":  # the Zip64 end record
            count = int.from_bytes(data[offset + 32:offset + 40], "little")
            directory = int.from_bytes(data[offset + 40:offset + 48], "little")
    return count, directory


__all__ = ["ArchiveReader", "annotations_qdpx", "parse_qdpx"]
