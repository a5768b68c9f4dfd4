"""Pull the article text and its metadata out of a saved web page, with the standard library.

The page is parsed into a small tree (``html.parser`` is forgiving of unclosed tags), page
furniture is pruned (scripts, navigation, share bars, comment sections...), and the text is
taken from ``<article>``, else ``<main>``, else the smallest element holding nearly all of the
paragraph text.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from desktop.core.library.dates import publication_date
from desktop.core.models import ParsedArticle

_DROPPED_TAGS = frozenset(
    ["script", "style", "noscript", "iframe", "svg", "template", "button", "select", "canvas", "dialog", "nav", "header", "footer", "aside"]
)
# Dropped unless they wrap the story: ASP.NET pages put the whole page inside one <form>,
# and layout wrappers get classes like "page-with-sidebar".
_SUSPECT_TAGS = frozenset({"form"})
_VOID_TAGS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
# Starting one of these closes an open <p>, as browsers do.
_CLOSES_P = frozenset(
    ["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"]
)
# Elements whose text is a paragraph of its own in the output.
_BLOCK_TAGS = _CLOSES_P | frozenset(["li", "dd", "dt", "td", "th", "tr", "caption", "summary", "br", "body"])
_BOILERPLATE_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|share|sharing|comments?|related|promo|promos"
    r"|sidebar|footer|cookies?|newsletter|breadcrumbs?)(?:[-_\s]|$)"
)
_BOILERPLATE_ROLES = frozenset(["navigation", "banner", "contentinfo", "complementary"])
_NEVER_PRUNED = frozenset(["html", "body", "article", "main"])
_PARAGRAPH_TAGS = frozenset({"p", "li", "pre"})
_MIN_ARTICLE_SHARE = 0.25  # of the page's paragraph text, for an <article> to be the story
_DESCEND_SHARE = 0.8
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ")


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)

    # Iterative rather than recursive: broken pages can nest thousands of unclosed tags.
    def iter(self, tag: str | None = None) -> Iterator[_Node]:
        """This node and its descendants in document order, optionally only those named ``tag``."""
        stack: list[_Node] = [self]
        while stack:
            node = stack.pop()
            if tag is None or node.tag == tag:
                yield node
            stack.extend(child for child in reversed(node.children) if isinstance(child, _Node))

    def text(self) -> str:
        """All text inside, whitespace collapsed."""
        strings: list[str] = []
        stack: list[_Node | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                strings.append(item)
            else:
                stack.extend(reversed(item.children))
        return _collapse(" ".join(strings))


class _TreeBuilder(HTMLParser):
    """Builds a _Node tree, closing elements the way a browser would when tags are left open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {})
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied_by(tag)
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self._stack[-1].children.append(node)
        if tag not in _VOID_TAGS:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:  # <div/> is not self-closing in HTML, but the author meant it
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return
        # A stray end tag with nothing to close: ignored, as browsers do.

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)

    def _close_implied_by(self, tag: str) -> None:
        top = self._stack[-1].tag
        if (tag in _CLOSES_P and top == "p") or (tag, top) in {("li", "li"), ("dt", "dd"), ("dd", "dt"), ("dt", "dt"), ("dd", "dd"),
                            ("tr", "tr"), ("td", "td"), ("th", "th"), ("td", "th"), ("th", "td"),
                            ("option", "option")}:
            self._stack.pop()


def extract_article(html: str, origin: str) -> ParsedArticle:
    """Return the article in ``html``; its ``text`` is empty when the page has no readable text."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    metadata = _metadata(root)  # before pruning: the headline and byline often sit in <header>
    _prune(root)
    text = "\n\n".join(_paragraphs(_main_container(root)))
    return ParsedArticle(text=text, origin=origin, **metadata)


# --- Content -------------------------------------------------------------------------------


def _prune(root: _Node) -> None:
    """Remove page furniture from the tree, keeping anything that wraps the story itself."""
    weights = _paragraph_weights(root)
    total, page_has_article = weights[root]

    def keep(node: _Node) -> bool:
        if node.tag in _NEVER_PRUNED:
            return True
        if node.tag in _DROPPED_TAGS or "hidden" in node.attrs:
            return False
        if node.attrs.get("role", "").lower() in _BOILERPLATE_ROLES:
            return False
        if node.tag in _SUSPECT_TAGS or _named_like_boilerplate(node):
            length, holds_main = weights[node]
            # Without an <article> to point at the story, "most of the text" is the best guess.
            return holds_main or (not page_has_article and length > total / 2)
        return True

    stack = [root]
    while stack:
        node = stack.pop()
        node.children = [child for child in node.children if isinstance(child, str) or keep(child)]
        stack.extend(child for child in node.children if isinstance(child, _Node))


def _named_like_boilerplate(node: _Node) -> bool:
    names = f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}"
    names = re.sub(r"([a-z])([A-Z])", r"\1-\2", names).lower()  # relatedLinks -> related-links
    return bool(_BOILERPLATE_NAME.search(names))


def _paragraph_weights(root: _Node) -> dict[_Node, tuple[int, bool]]:
    """For each node: the length of paragraph text inside it, and whether it holds <article>/<main>.

    Paragraph text is that of <p>, <li> and <pre> elements, counted once when they nest.
    """
    weights: dict[_Node, tuple[int, bool]] = {}
    for node in reversed(list(root.iter())):  # children before their parents
        below = [weights[child] for child in node.children if isinstance(child, _Node)]
        length = sum(weight[0] for weight in below)
        if node.tag in _PARAGRAPH_TAGS and not length:
            length = len(node.text())
        holds_main = node.tag in ("article", "main") or any(weight[1] for weight in below)
        weights[node] = (length, holds_main)
    return weights


def _main_container(root: _Node) -> _Node:
    """<article>, else <main>, else the smallest element holding nearly all paragraph text."""
    weights = _paragraph_weights(root)
    total = weights[root][0]
    for tag in ("article", "main"):
        # A page may hold several <article>s (teasers, a live blog's entries): take the longest,
        # unless it is a small card beside the real story.
        candidates = [node for node in root.iter(tag) if node.text()]
        if candidates:
            longest = max(candidates, key=lambda node: (weights[node][0], len(node.text())))
            if weights[longest][0] >= _MIN_ARTICLE_SHARE * total:
                return longest
    node = next(root.iter("body"), root)
    while weights[node][0]:
        # Step into a child only if it holds nearly all the text, so that nothing is lost when
        # the story's paragraphs are spread over several siblings.
        inner = [child for child in node.children
                 if isinstance(child, _Node) and child.tag not in _PARAGRAPH_TAGS
                 and weights[child][0] >= _DESCEND_SHARE * weights[node][0]]  # fmt: skip
        if not inner:
            break
        node = inner[0]
    return node


_FLUSH = object()  # marks the end of a block element while walking the tree


def _paragraphs(container: _Node) -> list[str]:
    """The text of ``container``, one entry per paragraph, heading, list item or other block."""
    paragraphs: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        paragraph = _collapse("".join(pieces))
        if paragraph:
            paragraphs.append(paragraph)
        pieces.clear()

    stack: list[object] = list(reversed(container.children))
    while stack:
        item = stack.pop()
        if item is _FLUSH:
            flush()
        elif isinstance(item, str):
            pieces.append(item)
        elif isinstance(item, _Node) and item.tag not in ("head", "title"):
            if item.tag in _BLOCK_TAGS:
                flush()
                stack.append(_FLUSH)
            stack.extend(reversed(item.children))
    flush()
    return paragraphs


def _collapse(text: str) -> str:
    return " ".join(text.split())


# --- Metadata ------------------------------------------------------------------------------


def _metadata(root: _Node) -> dict[str, str | None]:
    """The page's own statements about the article: meta tags, links, JSON-LD, headings."""
    meta: dict[str, str] = {}
    for node in root.iter("meta"):
        attrs = node.attrs
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = _collapse(attrs.get("content", ""))
        if key and content:
            meta.setdefault(key, content)
    json_ld = list(_json_ld_articles(root))

    def ld(key: str) -> object:
        return next((item[key] for item in json_ld if item.get(key)), None)

    site_name = meta.get("og:site_name")
    title = (
        meta.get("og:title")
        or meta.get("twitter:title")
        or _name(ld("headline"))
        or _first_text(root, "title")
        or _first_text(root, "h1")
    )
    return {
        "title": _strip_site_name(title, site_name) if title else None,
        "source": site_name or _name(ld("publisher")),
        "author": _author(root, meta) or _name(ld("author")),
        "published": _published(root, meta, ld("datePublished")),
        "url": _canonical_url(root, meta.get("og:url")),
    }


def _author(root: _Node, meta: dict[str, str]) -> str | None:
    for value in (meta.get("author"), meta.get("article:author")):
        if value and not _looks_like_url(value):  # article:author is often a profile URL
            return value
    for node in root.iter("a"):
        if "author" in node.attrs.get("rel", "").lower().split() and node.text():
            return node.text()
    return None


def _published(root: _Node, meta: dict[str, str], json_ld_date: object) -> str | None:
    candidates: list[object] = [
        meta.get(key)
        for key in ("article:published_time", "date", "pubdate", "publishdate", "datepublished",
                    "dc.date", "dc.date.issued")
    ]  # fmt: skip
    # A <time> inside the article before any elsewhere (a site header may show today's date).
    for scope in [*root.iter("article"), root]:
        candidates.extend(node.attrs.get("datetime") for node in scope.iter("time"))
    candidates.append(json_ld_date)
    for candidate in candidates:
        if isinstance(candidate, str) and (iso := publication_date(candidate)):
            return iso
    return None


def _canonical_url(root: _Node, og_url: str | None) -> str | None:
    for node in root.iter("link"):
        if "canonical" in node.attrs.get("rel", "").lower().split():
            canonical = urljoin(og_url or "", node.attrs.get("href", "").strip())
            if _looks_like_url(canonical):  # a relative canonical with no og:url to resolve it
                return canonical
    return og_url if og_url and _looks_like_url(og_url) else None


def _json_ld_articles(root: _Node) -> Iterator[dict]:
    """Objects in ``<script type="application/ld+json">`` that describe an article."""
    for node in root.iter("script"):
        if node.attrs.get("type", "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads("".join(child for child in node.children if isinstance(child, str)))
        except (ValueError, RecursionError):  # RecursionError: nested thousands of levels deep
            continue  # broken JSON-LD is common and not worth failing the page for
        stack = deque([data])
        while stack:
            item = stack.popleft()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.append(item.get("@graph"))
                if "headline" in item or "datePublished" in item or "articleBody" in item:
                    yield item


def _name(value: object) -> str | None:
    """A person or organisation from JSON-LD: a string, {"name": ...}, or a list of those."""
    if isinstance(value, str):
        return _collapse(value) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [name for name in map(_name, value) if name]
        return ", ".join(names) or None
    return None


def _first_text(root: _Node, tag: str) -> str | None:
    return next((text for node in root.iter(tag) if (text := node.text())), None)


def _strip_site_name(title: str, site_name: str | None) -> str:
    """'Headline | The Guardian' -> 'Headline', only when the page names its site as such."""
    if site_name:
        for separator in _TITLE_SEPARATORS:
            suffix = separator + site_name
            if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
                return title[: -len(suffix)].rstrip()
    return title


def _looks_like_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB (``<meta charset>`` or http-equiv)."""
    head = data[:4096].decode("ascii", errors="replace")
    match = re.search(r"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", head, re.IGNORECASE)
    if not match:
        return None
    charset = match.group(1).lower()
    # Browsers read pages labelled latin-1 or ASCII as windows-1252 (WHATWG Encoding).
    if charset in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        return "cp1252"
    return charset
