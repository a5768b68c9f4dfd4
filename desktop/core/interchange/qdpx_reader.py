"""A REFI-QDA project (.qdpx) read back into import records: :func:`parse_qdpx`.

Reads our projects and other programs' ones: text sources with their selections, codings (tags),
notes, links and QualCoder-style annotations; the XML is parsed with defusedxml and the archive
through :class:`~desktop.core.interchange.qdpx_archive.ArchiveReader`. See
:mod:`desktop.core.interchange.qdpx` for the format.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as parse_xml

from desktop.core.interchange.qdpx_archive import MAX_ARCHIVE_BYTES, ArchiveReader
from desktop.core.interchange.qdpx_format import NS, ORPHANED_PASSAGES, PASSAGE_SEPARATOR, code_color, utc_moment
from desktop.core.interchange.records import (
    AnnotationFileError,
    IncomingAnnotation,
    IncomingArticle,
    IncomingFile,
)
from desktop.core.library.readers import MAX_FILE_BYTES as MAX_SOURCE_BYTES
from desktop.core.library.schema import ANNOTATION_LINK_KINDS
from desktop.core.notes.anchoring import content_hash, make_anchor

__all__ = ["MAX_POSITION_DIGITS", "parse_qdpx"]

MAX_POSITION_DIGITS = 15  # far beyond any text; Python refuses int() of over 4,300 digits


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
            if name and code_color(code.get("color")):
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
    moment = utc_moment(value)
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
