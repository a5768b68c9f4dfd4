"""Annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/), out and back in.

Export: one ``AnnotationCollection`` whose ``first`` is an embedded ``AnnotationPage`` holding every
``Annotation``. Each target has a ``source`` (the article's URL, else ``urn:parallax:article:`` and
the article's identity, percent-encoded) and two selectors for the same span: a
``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector`` (start, end: half-open
offsets counted in Unicode code points, as the model requires, into the text of the annotated
article version). The note is a ``TextualBody`` with purpose ``commenting`` (format
``text/markdown``), each tag one with purpose ``tagging``.

What the model has no term for goes under the ``parallax:`` prefix (``urn:parallax:vocab:``), so
that our own import is lossless: on the annotation ``parallax:color``, ``parallax:orphaned`` and
``parallax:links`` (typed links to other annotations in the file); on the target
``parallax:article`` (identity, title, outlet, published, author) and ``parallax:contentHash`` (the
SHA-256 of the annotated version); on the collection ``parallax:tags`` (tag colours).

``<`` is written as ``\\u003c`` so the file can be embedded in an HTML ``<script>`` element as is;
any JSON parser reads it back unchanged.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from urllib.parse import quote, unquote

from desktop import __version__
from desktop.core.interchange.records import (
    AnnotationFileError,
    IncomingAnnotation,
    IncomingArticle,
    IncomingFile,
    annotation_groups,
)
from desktop.core.library.store import Store
from desktop.core.models import Annotation, Article

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:parallax:vocab:"
# "@vocab": the names inside our extension objects (article, links, tags) are IRIs under our
# vocabulary too, so a JSON-LD processor keeps them instead of dropping undefined terms
CONTEXT = [ANNO_CONTEXT, {"parallax": VOCAB, "@vocab": VOCAB}]
ARTICLE_IRI = "urn:parallax:article:"
# uuid5 namespace for stable annotation ids: the same annotation gets the same IRI in every export
NAMESPACE = uuid.UUID("6f0f6f3e-2c55-4d43-9d8c-7a1b3c5d9e21")


def article_identity(article: Article) -> str:
    """How the library names the article: its URL, else where it was imported from."""
    return article.url or article.origin or f"article-{article.id}"


def article_iri(article: Article) -> str:
    return article.url or ARTICLE_IRI + quote(article_identity(article), safe="")


def annotation_iri(identity: str, annotation: Annotation) -> str:
    """A stable IRI: the same annotation of the same article gets the same one in every export."""
    name = f"{identity}\n{annotation.id}\n{annotation.created}"
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


MAX_OFFSET = 2**31  # far beyond any article (imports stop at 25 MB), far below SQLite's limit


def links_between(store: Store, annotation_ids: set[int]) -> list[tuple[int, int, str]]:
    """(from id, to id, kind) of the links whose both ends are among ``annotation_ids``."""
    return sorted((link.from_id, link.to_id, link.kind) for link in store.links_of(annotation_ids)
                  if link.from_id in annotation_ids and link.to_id in annotation_ids)


# ------------------------------------------------------------------------- export


def _dumps(value, indent: int | None = 2) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent).replace("<", "\\u003c")


def _about(article: Article) -> dict:
    return {k: v for k, v in (
        ("identity", article_identity(article)), ("title", article.title), ("outlet", article.source),
        ("published", article.published), ("author", article.author)) if v}


def _annotation(source: str, about: dict, a: Annotation, iri: str, version_hash: str, links: list[dict]) -> dict:
    bodies = []
    if a.note:
        bodies.append({"type": "TextualBody", "value": a.note, "format": "text/markdown", "purpose": "commenting"})
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    item = {
        "id": iri,
        "type": "Annotation",
        "motivation": "commenting" if a.note else "tagging" if a.tags else "highlighting",
        "created": a.created,
        "modified": a.updated,
    }
    if bodies:
        item["body"] = bodies
    item["target"] = {
        "source": source,
        "selector": [
            {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix},
            {"type": "TextPositionSelector", "start": a.start, "end": a.end},
        ],
        "parallax:contentHash": version_hash,
        "parallax:article": about,
    }
    item["parallax:color"] = a.color
    item["parallax:orphaned"] = a.orphaned
    if links:
        item["parallax:links"] = links
    return item


def annotations_jsonld(store: Store, story_id: int | None = None, tag: str | None = None) -> str:
    """The annotations as one Web Annotation collection (JSON-LD text)."""
    groups = list(annotation_groups(store, story_id, tag))
    iris = {a.id: annotation_iri(article_identity(article), a) for _, article, found in groups for a in found}
    outgoing: dict[int, list[dict]] = {}
    for from_id, to_id, kind in links_between(store, set(iris)):
        outgoing.setdefault(from_id, []).append({"type": kind, "target": iris[to_id]})
    hashes: dict[int, str] = {}
    items = []
    for _, article, found in groups:
        hashes[article.version_id] = article.content_hash
        source, about = article_iri(article), _about(article)
        for a in found:
            if a.version_id not in hashes:
                hashes[a.version_id] = store.version_content_hash(a.version_id)
            item = _annotation(source, about, a, iris[a.id], hashes[a.version_id], outgoing.get(a.id, []))
            items.append("      " + _dumps(item, indent=None))  # one a line: compact, and fast (C encoder)
    used = {t for _, _, found in groups for a in found for t in a.tags}
    collection_id = f"urn:uuid:{uuid.uuid4()}"
    head = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Parallax annotations" + (f" tagged {tag}" if tag else ""),
        "total": len(items),
        "generator": {"id": "urn:parallax:app", "type": "Software", "name": f"Parallax {__version__}"},
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "parallax:tags": [{"name": t.name, "color": t.color} for t in store.tags() if t.name in used and t.color],
        "first": {"id": f"urn:uuid:{uuid.uuid5(NAMESPACE, collection_id)}", "type": "AnnotationPage",
                  "partOf": collection_id, "startIndex": 0, "items": "@ITEMS@"},
    }
    before, _, after = _dumps(head).rpartition('"@ITEMS@"')
    body = "[\n" + ",\n".join(items) + "\n    ]" if items else "[]"
    return before + body + after + "\n"


# ------------------------------------------------------------------------- import


def _types(node: dict) -> set[str]:
    kind = node.get("type", node.get("@type"))
    return {k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}


def _items(doc, fail) -> list:
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        fail("the file holds no Web Annotation object")
    kinds = _types(doc)
    if "Annotation" in kinds:
        return [doc]
    if "AnnotationPage" in kinds:
        items = doc.get("items")
        if not isinstance(items, list):
            fail("the AnnotationPage has no list of items")
        return items
    if "AnnotationCollection" not in kinds:
        fail("not a W3C Web Annotation document (no Annotation, AnnotationPage or AnnotationCollection)")
    out, page = [], doc.get("first")
    if page is None and not doc.get("total"):
        return out
    while page is not None:
        if not isinstance(page, dict):
            fail("the collection's pages are not in the file (only their addresses)")
        items = page.get("items")
        if not isinstance(items, list):
            fail("an AnnotationPage of the collection has no list of items")
        out += items
        page = page.get("next")
    return out


def _text(value, what: str, fail) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        fail(f"{what} must be a string")
    return value


def _selectors(target: dict, fail) -> tuple[dict | None, dict | None]:
    raw = target.get("selector") or []
    raw = raw if isinstance(raw, list) else [raw]
    quote_sel = next((s for s in raw if isinstance(s, dict) and "TextQuoteSelector" in _types(s)), None)
    position = next((s for s in raw if isinstance(s, dict) and "TextPositionSelector" in _types(s)), None)
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if not (type(start) is int and type(end) is int and 0 <= start < end <= MAX_OFFSET):
            fail(f"the TextPositionSelector needs whole numbers 0 <= start < end, not {start!r}..{end!r}")
    return quote_sel, position


def _article(target: dict, fail) -> IncomingArticle:
    source = target.get("source")
    if isinstance(source, dict):
        source = source.get("id", source.get("@id"))
    if not isinstance(source, str) or not source:
        fail("the target has no source")
    meta = target.get("parallax:article") if isinstance(target.get("parallax:article"), dict) else {}
    identity = meta.get("identity") if isinstance(meta.get("identity"), str) else None
    url = None
    if source.startswith(ARTICLE_IRI):
        identity = identity or unquote(source[len(ARTICLE_IRI):])
    else:
        url = source
    pick = {k: meta[k] for k in ("title", "outlet", "published", "author") if isinstance(meta.get(k), str)}
    return IncomingArticle(key=source, identity=identity or url, url=url, **pick)


def _annotation_in(node, number: int, articles: dict[str, IncomingArticle], out: IncomingFile) -> None:
    def fail(reason: str):
        raise ValueError(f"annotation {number}: {reason}")

    if not isinstance(node, dict) or "Annotation" not in _types(node):
        fail("is not an object of type Annotation")
    target = node.get("target")
    target = target[0] if isinstance(target, list) and target else target
    if not isinstance(target, dict):
        fail("has no target with selectors (a target that is only an address cannot be placed)")
    quote_sel, position = _selectors(target, fail)
    if quote_sel is None and position is None:
        fail("its target has no TextQuoteSelector or TextPositionSelector")
    incoming = _article(target, fail)
    article = articles.setdefault(incoming.key, incoming)
    notes, tags = [], []
    bodies = node.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if not isinstance(body, dict) or "value" not in body:
            continue  # a body that is only an address: nothing to keep
        value = _text(body.get("value"), "a body's value", fail)
        purpose = body.get("purpose")
        (tags if purpose == "tagging" else notes).append(value)
    if isinstance(node.get("bodyValue"), str):
        notes.append(node["bodyValue"])
    orphaned = node.get("parallax:orphaned") is True
    version_hash = target.get("parallax:contentHash")
    version_hash = version_hash if isinstance(version_hash, str) else None
    if version_hash and not orphaned and article.content_hash is None:
        article.content_hash = version_hash
    exact = _text(quote_sel.get("exact"), "exact", fail) if quote_sel else None
    if quote_sel is not None and not exact:
        fail("its TextQuoteSelector has an empty exact quote")
    ref = node.get("id", node.get("@id"))
    ref = ref if isinstance(ref, str) else f"#{number}"
    out.annotations.append(IncomingAnnotation(
        ref=ref, article=article, exact=exact,
        start=position["start"] if position else None, end=position["end"] if position else None,
        prefix=_text(quote_sel.get("prefix"), "prefix", fail) if quote_sel else "",
        suffix=_text(quote_sel.get("suffix"), "suffix", fail) if quote_sel else "",
        content_hash=version_hash, note="\n\n".join(notes), tags=tuple(t.strip() for t in tags if t.strip()),
        color=node.get("parallax:color") if isinstance(node.get("parallax:color"), str) else None,
        orphaned=orphaned,
        created=node.get("created") if isinstance(node.get("created"), str) else None,
        updated=node.get("modified") if isinstance(node.get("modified"), str) else None,
    ))
    links = node.get("parallax:links") or []
    for link in links if isinstance(links, list) else []:
        if isinstance(link, dict) and isinstance(link.get("target"), str) and isinstance(link.get("type"), str):
            out.links.append((ref, link["target"], link["type"]))


class _Huge:
    """A JSON integer too long to be anything here (Python refuses to convert over 4,300 digits)."""

    __slots__ = ("digits",)

    def __init__(self, digits: str):
        self.digits = len(digits.lstrip("-"))

    def __repr__(self) -> str:
        return f"a {self.digits:,}-digit number"


MAX_INT_DIGITS = 100


def _int(digits: str) -> int | _Huge:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else _Huge(digits)


def parse_jsonld(data: bytes, name: str) -> IncomingFile:
    """Web Annotation JSON-LD (a collection, a page, one annotation or a list) into records."""
    def fail(reason: str):
        raise AnnotationFileError(name, reason)

    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_int=_int)
    except UnicodeDecodeError:
        fail("not a UTF-8 text file, so not JSON-LD")
    except json.JSONDecodeError as exc:
        fail(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    except RecursionError:
        fail("the JSON is nested too deeply to read")
    out = IncomingFile(format="jsonld")
    articles: dict[str, IncomingArticle] = {}
    for number, node in enumerate(_items(doc, fail), start=1):
        try:
            _annotation_in(node, number, articles, out)
        except ValueError as exc:
            fail(str(exc))
    tags = doc.get("parallax:tags") if isinstance(doc, dict) else None
    for tag in tags if isinstance(tags, list) else []:
        if isinstance(tag, dict) and isinstance(tag.get("name"), str) and isinstance(tag.get("color"), str):
            out.tag_colors[tag["name"]] = tag["color"]
    return out


__all__ = ["annotations_jsonld", "article_identity", "article_iri", "links_between", "parse_jsonld"]
