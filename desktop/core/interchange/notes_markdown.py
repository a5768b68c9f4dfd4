"""Notes as Markdown for notes apps (Obsidian, Zotero): grouped by story and article, each quote a
blockquote with outlet, title, date and URL, then the note and the tags.

Everything that came from outside (titles, outlets, quotes, notes, URLs) is literal Markdown text
(``escaping``): no raw HTML, no ``javascript:`` links; only http(s) URLs become links; a quote's
lines all stay inside its blockquote.
"""

from __future__ import annotations

import re

from desktop.core.interchange.escaping import http_url, md_escape, md_escape_lines, md_link, neutralize_bidi
from desktop.core.interchange.records import annotation_groups
from desktop.core.library.store import Store
from desktop.core.models import Article


def _tag(name: str) -> str:
    """An Obsidian/Zotero-friendly hashtag: spaces become hyphens, other punctuation is dropped.
    A name that would lose its letters that way ("🔥", "!!!") or be cut short ("C++") is kept
    whole in backticks instead, so no tag is lost or merged with another."""
    cleaned = re.sub(r"[^\w/-]", "", re.sub(r"\s+", "-", name.strip()))
    if re.search(r"[^\W\d_]", cleaned) and cleaned == re.sub(r"\s+", "-", name.strip()):
        return "#" + cleaned
    return "`" + neutralize_bidi(name).replace("`", "'") + "`"


def _blockquote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in md_escape_lines(text))


def _header(article: Article) -> str:
    """Title (linked only to an http(s) URL), outlet, date and author, all escaped: text from a
    web page can hold raw HTML, ``javascript:`` links or Markdown that would run or restyle."""
    parts = [md_escape(article.display_source)]
    if article.published:
        parts.append(md_escape(article.published))
    linked = md_link(md_escape(article.display_title), article.url)
    shown_url = "" if http_url(article.url) or not article.url else f" · {md_escape(article.url)}"
    author = f" · by {md_escape(article.author)}" if article.author else ""
    return f"### {linked}\n\n*{' · '.join(parts)}*{author}{shown_url}"


def annotations_markdown(store: Store, story_id: int | None = None, tag: str | None = None) -> str:
    out = ["# Parallax notes", ""]
    current_story = None
    for story, article, found in annotation_groups(store, story_id, tag):
        if story != current_story:
            out += [f"## {story}", ""]
            current_story = story
        out += [_header(article), ""]
        for a in found:
            out.append(_blockquote(a.exact))
            if a.orphaned:
                out.append(">\n> *(this passage is no longer in the current version of the article)*")
            out.append("")
            if a.note.strip():
                out += ["\n".join(md_escape_lines(a.note.strip())), ""]
            if a.tags:
                out += [" ".join(_tag(t) for t in a.tags), ""]
    if len(out) == 2:
        out.append("No annotations" + (f" tagged {tag!r}" if tag else "") + ".")
    return "\n".join(out).rstrip() + "\n"
