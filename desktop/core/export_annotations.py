"""Annotations out of Parallax: Markdown for notes apps, CSV for spreadsheets.

Both group or order by story, then article, then position. Text that could break the
format is escaped: Markdown quotes keep every line inside the blockquote, CSV cells that a
spreadsheet would run as a formula (=, +, -, @ at the start) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import re

from desktop.core.models import Annotation, Article
from desktop.core.store import Store

FORMATS = ("markdown", "csv")
CSV_COLUMNS = ("story", "article", "outlet", "date", "url", "quote", "note", "tags", "colour", "start", "end",
               "created", "orphaned")


def _groups(store: Store, story_id: int | None, tag: str | None):
    """(story name, article, annotations) in story, pane and text order; each article once."""
    stories = [store.story(story_id)] if story_id is not None else store.stories()
    seen: set[int] = set()
    for story in stories:
        for article_id in story.article_ids:
            if article_id in seen:
                continue
            found = store.annotations(article_id=article_id, tag=tag)
            if found:
                seen.add(article_id)
                yield story.name, store.article(article_id), found
    if story_id is None:  # annotated articles that are in no story
        rest: dict[int, list[Annotation]] = {}
        for annotation in store.annotations(tag=tag):
            if annotation.article_id not in seen:
                rest.setdefault(annotation.article_id, []).append(annotation)
        for article_id, found in rest.items():
            yield "Not in a story", store.article(article_id), found


def _tag(name: str) -> str:
    """An Obsidian/Zotero-friendly hashtag: spaces become hyphens, other punctuation is dropped."""
    return "#" + re.sub(r"[^\w/-]", "", re.sub(r"\s+", "-", name.strip()))


def _blockquote(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join("> " + line if line.strip() else ">" for line in lines)


def _header(article: Article) -> str:
    title = article.display_title.replace("[", "\\[").replace("]", "\\]")
    parts = [article.display_source]
    if article.published:
        parts.append(article.published)
    linked = f"[{title}](<{article.url}>)" if article.url else title
    return f"### {linked}\n\n*{' · '.join(parts)}*" + (f" · by {article.author}" if article.author else "")


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
            if a.note:
                out += [a.note.strip(), ""]
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
                       excel: bool = False) -> str:
    if fmt == "markdown":
        return annotations_markdown(store, story_id, tag)
    if fmt == "csv":
        return annotations_csv(store, story_id, tag, excel)
    raise ValueError(f"Unknown export format {fmt!r}; choose {' or '.join(FORMATS)}.")
