"""Annotations out of Parallax: Markdown for notes apps, CSV for spreadsheets, and the dispatcher
``export_annotations`` over every format (JSON-LD, REFI-QDA and HTML live in their own modules).

All formats group or order by story, then article, then position. Text that could break the
format is escaped (``escaping``): in Markdown, titles, outlets, quotes and notes are literal text
and only http(s) URLs become links; Markdown quotes keep every line inside the blockquote; CSV cells that a
spreadsheet would run as a formula (=, +, -, @ at the start) are prefixed with an apostrophe.
PDF is drawn from the HTML report by Qt, so the window and the CLI make it, not core.
"""

from __future__ import annotations

import csv
import io
import re

from desktop.core.interchange.escaping import http_url, md_escape, md_escape_lines, md_link, neutralize_bidi
from desktop.core.models import Annotation, Article
from desktop.core.library.store import Store

FORMATS = ("markdown", "csv", "jsonld", "qdpx", "html", "pdf")
BINARY_FORMATS = ("qdpx", "pdf")  # written as bytes
CSV_COLUMNS = ("story", "article", "outlet", "date", "url", "quote", "note", "tags", "colour", "start", "end",
               "created", "orphaned")


def _groups(store: Store, story_id: int | None, tag: str | None):
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


annotation_groups = _groups  # the public name, for the other exporters


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
    for story, article, found in _groups(store, story_id, tag):
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


def _cell(value) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text  # never a formula in Excel, LibreOffice or Sheets
    return text


def annotations_csv(store: Store, story_id: int | None = None, tag: str | None = None, excel: bool = False) -> str:
    """One row per annotation; ``excel`` adds the byte-order mark Excel needs to read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for story, article, found in _groups(store, story_id, tag):
        for a in found:
            writer.writerow([_cell(v) for v in (
                story, article.display_title, article.source, article.published, article.url, a.exact, a.note,
                ", ".join(a.tags), a.color, a.start, a.end, a.created, "yes" if a.orphaned else "",
            )])
    return ("\ufeff" if excel else "") + buffer.getvalue()


def export_annotations(store: Store, fmt: str, story_id: int | None = None, tag: str | None = None,
                       excel: bool = False) -> str | bytes:
    """The annotations in ``fmt``: text for every format but ``qdpx`` (a zip archive, bytes).

    ``pdf`` is not made here (Qt draws it from the ``html`` report): ValueError."""
    if fmt == "markdown":
        return annotations_markdown(store, story_id, tag)
    if fmt == "csv":
        return annotations_csv(store, story_id, tag, excel)
    if fmt == "jsonld":
        from desktop.core.interchange.web_annotation import annotations_jsonld

        return annotations_jsonld(store, story_id, tag)
    if fmt == "qdpx":
        from desktop.core.interchange.qdpx import annotations_qdpx

        return annotations_qdpx(store, story_id, tag)
    if fmt == "html":
        from desktop.core.interchange.notes_html import annotations_html

        return annotations_html(store, story_id=story_id, tag=tag)
    if fmt == "pdf":
        raise ValueError("PDF is drawn from the HTML report by the window or the command line, not by core.")
    raise ValueError(f"Unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
