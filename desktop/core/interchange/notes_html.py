"""Annotations as a self-contained HTML report: each annotated article with its highlights
in colour, numbered markers, and the notes and tags in the margin beside their passage.

Grouped by story, then article, like the Markdown and CSV exports. The text goes through the
comparison report's Pygments pipeline (:mod:`desktop.core.interchange.report_html`): ``NewsLexer`` tokens
formatted by an ``HtmlFormatter``, the highlights wrapped around them as marks cut at every
boundary, so overlapping highlights nest and never break the markup. Two layouts:

* default, for browsers: CSS grid, one row per paragraph, its text beside the notes of the
  highlights that start in it; inline CSS, no script, no external resource;
* ``for_print=True``: tables and inline styles only, for ``QTextDocument`` and so the PDF
  (:mod:`desktop.rendering.pdf`).

Only paragraphs with a highlight are shown, with ``context`` paragraphs around them; longer
unannotated runs become one "… N paragraphs without annotations …" line. Highlights whose
passage is gone are listed after their article. Notes are plain text, line breaks kept (CRLF
and CR read as LF, as a browser would)."""

from __future__ import annotations

import bisect
import colorsys
import re
from dataclasses import dataclass
from typing import ClassVar

from pygments.formatters import HtmlFormatter
from pygments.style import Style
from pygments.token import Text, Token

from desktop.core.interchange.escaping import html_escape
from desktop.core.interchange.records import annotation_groups
from desktop.core.interchange.report_html import Span, lexer_tokens, nest_spans
from desktop.core.interchange.report_plan import article_date, clean
from desktop.core.library.store import Store
from desktop.core.matching.news_lexer import CLOSE_QUOTE, OPEN_QUOTE, QUOTE
from desktop.core.models import Annotation, Article
from desktop.core.notes.anchoring import reattach
from desktop.core.notes.annotating import TINTS, anchor_of

EXCERPT = 90  # characters of the quote shown for a highlight without note or tags
_LINE = re.compile(r"[^\r\n]+")
_STYLED = (QUOTE, OPEN_QUOTE, CLOSE_QUOTE)
ROW_CHARS = 1200  # a longer paragraph is cut into rows, so that notes stay near their passage
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


class AnnotationStyle(Style):
    """Plain text with quotations in italics: the reader's highlights carry the colour."""

    name = "parallax-annotations"
    background_color = "#ffffff"
    styles: ClassVar[dict] = {Token: "", **{kind: "italic" for kind in _STYLED}}


def _edge(tint: str) -> str:
    """A dark shade of a tint for markers and borders: same hue, readable on white."""
    r, g, b = (int(tint[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, _, saturation = colorsys.rgb_to_hls(r, g, b)
    r, g, b = colorsys.hls_to_rgb(hue, 0.32, min(saturation, 0.75))
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


EDGES = {name: _edge(tint) for name, tint in TINTS.items()}


def color_name(annotation: Annotation) -> str:
    """The annotation's colour name, grey for a name this version does not know."""
    name = (annotation.color or "").lower()
    return name if name in TINTS else "grey"


def _esc(text: str | None) -> str:
    return html_escape(text)


def _lines(text: str | None) -> str:
    """Escaped user text with line breaks normalised to LF (shown with white-space: pre-wrap)."""
    return _esc((text or "").replace("\r\n", "\n").replace("\r", "\n"))


def _excerpt(text: str) -> str:
    text = clean(text)
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1].rstrip() + "…"


@dataclass(frozen=True)
class _Placed:
    """An annotation where it is shown: its number in the article and its span in the text."""

    number: int
    annotation: Annotation
    start: int
    end: int


def place_annotations(store: Store, article: Article, found: list[Annotation]):
    """(placed, orphans): highlights at their place in ``article.text`` in text order, then
    the ones whose passage is gone, numbered 1.. across both. A highlight made on an older
    version that was never re-anchored is placed where its quote re-attaches, if it does."""
    text = article.text
    spans: list[tuple[Annotation, int, int]] = []
    gone: list[Annotation] = []
    for a in found:
        if not a.orphaned and 0 <= a.start < a.end <= len(text) and text[a.start:a.end] == a.exact:
            spans.append((a, a.start, a.end))
            continue
        if not a.orphaned:
            attachment = reattach(anchor_of(store, a), text)
            if attachment.status != "orphan":
                spans.append((a, attachment.start, attachment.end))
                continue
        gone.append(a)
    spans.sort(key=lambda s: (s[1], -s[2], s[0].id))
    placed = [_Placed(i + 1, a, start, end) for i, (a, start, end) in enumerate(spans)]
    orphans = [_Placed(len(placed) + i + 1, a, a.start, a.end) for i, a in enumerate(gone)]
    return placed, orphans


def _styled_tokens(text: str) -> list[tuple[int, int, object]]:
    """The lexer's tokens, those the style leaves plain turned to Text (no empty <span>s)."""
    return [(start, end, kind if any(kind in styled for styled in _STYLED) else Text)
            for start, end, kind in lexer_tokens(text)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each row of the report: a non-blank line, a long one cut in pieces."""
    rows = []
    for match in _LINE.finditer(text):
        if not match.group().strip():
            continue
        start, end = match.span()
        while end - start > ROW_CHARS:
            cut = _cut(text, start, start + ROW_CHARS)
            rows.append((start, cut))
            start = cut
        rows.append((start, end))
    return rows


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of a long paragraph: after the last sentence in its second half,
    else after its last space, else at ``limit``."""
    window = text[start + (limit - start) // 2:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        return limit - len(window) + ends[-1]
    space = max(window.rfind(" "), window.rfind("\t"))
    return limit - len(window) + space + 1 if space >= 0 else limit


def _shown(count: int, hit: set[int], context: int | None) -> list[bool]:
    """Which paragraphs to show: the hit ones and ``context`` around each; a run of one
    hidden paragraph is shown too (an ellipsis line would be no shorter)."""
    if context is None:
        return [True] * count
    shown = [False] * count
    for i in hit:
        for j in range(max(0, i - context), min(count, i + context + 1)):
            shown[j] = True
    for i in range(count):
        if not shown[i] and (i == 0 or shown[i - 1]) and (i + 1 == count or shown[i + 1]):
            shown[i] = True
    return shown


class _Report:
    def __init__(self, store: Store, for_print: bool, context: int | None):
        self.store = store
        self.for_print = for_print
        self.context = context
        if for_print:  # QTextDocument: inline styles only
            self.formatter = HtmlFormatter(nowrap=True, noclasses=True, style=AnnotationStyle)
        else:
            self.formatter = HtmlFormatter(nowrap=True, classprefix="tok-", style=AnnotationStyle)

    # -- pieces that differ between the layouts

    def mark_tags(self, p: _Placed) -> tuple[str, str]:
        """(opening tag with the number marker, opening tag without) of a highlight."""
        name, n = color_name(p.annotation), p.number
        if self.for_print:
            mark = f'<span style="background-color:{TINTS[name]}">'
            marker = (f'<span style="background-color:{EDGES[name]}; color:#ffffff; font-size:7.5pt; '
                      f'vertical-align:top"><b>&nbsp;{n}&nbsp;</b></span>&#8202;')
            return marker + mark, mark
        title = f' title="{_esc(_excerpt(p.annotation.note))}"' if p.annotation.note.strip() else ""
        mark = f'<mark class="ann c-{name}" data-ann="{p.annotation.id}" data-n="{n}"{title}>'
        return f'<sup class="marker c-{name}">{n}</sup>' + mark, mark

    def badge(self, p: _Placed) -> str:
        name = color_name(p.annotation)
        if self.for_print:
            return (f'<span style="background-color:{EDGES[name]}; color:#ffffff">'
                    f"<b>&nbsp;{p.number}&nbsp;</b></span>")
        return f'<span class="n">{p.number}</span>'

    def note_and_tags(self, p: _Placed, with_excerpt: bool) -> str:
        a = p.annotation
        parts = []
        if a.note.strip():
            note = _lines(a.note.strip("\r\n"))
            parts.append(note.replace("\n", "<br>") if self.for_print else f'<div class="note">{note}</div>')
        if a.tags:
            if self.for_print:
                parts.append(" ".join(f'<span style="background-color:#ececec; color:#333333">'
                                      f"&nbsp;{_esc(t)}&nbsp;</span>" for t in a.tags))
            else:
                parts.append('<ul class="tags">' + "".join(f'<li class="tag">{_esc(t)}</li>' for t in a.tags)
                             + "</ul>")
        if not parts and with_excerpt:
            excerpt = f"“{_esc(_excerpt(a.exact))}”"
            parts.append(f'<i style="color:#666666">{excerpt}</i>' if self.for_print
                         else f'<div class="excerpt">{excerpt}</div>')
        return ("<br>" if self.for_print else "").join(parts)

    def card(self, p: _Placed) -> str:
        name = color_name(p.annotation)
        if self.for_print:
            return (f'<p style="margin-top:0; margin-bottom:6px">{self.badge(p)} '
                    f"{self.note_and_tags(p, True)}</p>")
        return (f'<div class="card c-{name}" id="ann-{p.annotation.id}">{self.badge(p)}'
                f"{self.note_and_tags(p, True)}</div>")

    def row(self, text_html: str, cards: list[str]) -> str:
        if self.for_print:
            return (f'<tr><td width="64%" valign="top" style="padding-right:8px">{text_html}</td>'
                    f'<td width="36%" valign="top" bgcolor="#f6f6f6">{"".join(cards)}</td></tr>')
        return (f'<div class="row"><div class="text">{text_html}</div>'
                f'<aside class="margin">{"".join(cards)}</aside></div>')

    def gap(self, count: int) -> str:
        words = f"… {count} paragraph{'s' if count != 1 else ''} without annotations …"
        if self.for_print:
            return f'<tr><td colspan="2"><i style="color:#777777">{words}</i></td></tr>'
        return f'<p class="gap">{words}</p>'

    # -- an article

    def header(self, article: Article, count: int) -> str:
        meta = [_esc(m) for m in (article_date(article), f"by {clean(article.author)}" if article.author else "")
                if m]
        url = (article.url or "").strip()
        if url:
            linkable = url.lower().startswith(("http://", "https://"))
            meta.append(f'<a class="url" href="{_esc(url)}">{_esc(url)}</a>' if linkable
                        else f'<span class="url">{_esc(url)}</span>')
        outlet, title = _esc(clean(article.display_source)), _esc(clean(article.display_title))
        counted = f"{count} annotation{'s' if count != 1 else ''}"
        if self.for_print:
            line = " · ".join([f"<b>{outlet}</b>", *meta, counted])
            return (f'<h3 style="margin-bottom:2px">{title}</h3>'
                    f'<p style="margin-top:0; color:#555555">{line}</p>')
        return ('<header class="article-head">'
                f'<p class="outlet">{outlet}</p><h3 class="title">{title}</h3>'
                + (f'<p class="meta">{" · ".join(meta)}</p>' if meta else "")
                + f'<p class="count">{counted}</p></header>')

    def body(self, article: Article, placed: list[_Placed]) -> str:
        text = article.text
        paragraphs = _paragraphs(text) or [(0, len(text))]
        ends = [end for _, end in paragraphs]
        covering: dict[int, list[_Placed]] = {}  # paragraph -> highlights crossing it
        starting: dict[int, list[_Placed]] = {}  # paragraph -> highlights whose note sits beside it
        for p in placed:
            first = bisect.bisect_right(ends, p.start)
            i = first
            while i < len(paragraphs) and paragraphs[i][0] < p.end:
                covering.setdefault(i, []).append(p)
                i += 1
            if i == first:  # only the line breaks between paragraphs: beside the nearest one
                first = min(first, len(paragraphs) - 1)
                covering.setdefault(first, [])
            starting.setdefault(first, []).append(p)
        shown = _shown(len(paragraphs), set(covering), self.context)
        rows, hidden = [], 0
        for i, (start, end) in enumerate(paragraphs):
            if not shown[i]:
                hidden += 1
                continue
            if hidden:
                rows.append(self.gap(hidden))
                hidden = 0
            starters = {id(p) for p in starting.get(i, ())}
            spans = []
            for p in covering.get(i, ()):
                with_marker, plain = self.mark_tags(p)
                spans.append(Span(max(p.start, start) - start, min(p.end, end) - start, 0, p.number,
                                   with_marker if id(p) in starters else plain, plain,
                                   "</span>" if self.for_print else "</mark>"))
            chunk = text[start:end]
            rows.append(self.row(nest_spans(chunk, spans, _styled_tokens(chunk), self.formatter),
                                 [self.card(p) for p in starting.get(i, ())]))
        if hidden:
            rows.append(self.gap(hidden))
        if self.for_print:
            return ('<table width="100%" cellspacing="0" cellpadding="5" style="border-collapse:collapse">'
                    + "".join(rows) + "</table>")
        return '<div class="passages">' + "".join(rows) + "</div>"

    def orphan_list(self, orphans: list[_Placed]) -> str:
        if not orphans:
            return ""
        heading = f"No longer in the text ({len(orphans)})"
        if self.for_print:
            items = "".join(
                f'<p style="margin-bottom:6px">{self.badge(p)} <i>“{_lines(p.annotation.exact)}”</i>'
                + (f"<br>{body}" if (body := self.note_and_tags(p, False)) else "") + "</p>"
                for p in orphans)
            return f'<h4 style="color:#8c0a1f">{heading}</h4>{items}'
        items = "".join(
            f'<li class="orphan c-{color_name(p.annotation)}" id="ann-{p.annotation.id}">{self.badge(p)}'
            f'<blockquote class="quote">{_lines(p.annotation.exact)}</blockquote>'
            f"{self.note_and_tags(p, False)}</li>" for p in orphans)
        return (f'<section class="orphans"><h4>{heading}</h4>'
                f'<p class="explain">These passages could not be found in the current text.</p>'
                f'<ol class="orphan-list">{items}</ol></section>')

    def article(self, article: Article, found: list[Annotation]) -> str:
        placed, orphans = place_annotations(self.store, article, found)
        parts = [self.header(article, len(found))]
        if placed:
            parts.append(self.body(article, placed))
        parts.append(self.orphan_list(orphans))
        if self.for_print:
            return "".join(parts) + "<hr>"
        return f'<article class="article" id="article-{article.id}">{"".join(parts)}</article>'

    # -- the page

    def render(self, story_id: int | None, tag: str | None) -> str:
        title = "Parallax annotations"
        if story_id is not None:
            title += f" — {clean(self.store.story(story_id).name)}"
        body, story, articles, total = [], None, 0, 0
        for story_name, article, found in annotation_groups(self.store, story_id, tag):
            if story_name != story:
                if story is not None and not self.for_print:
                    body.append("</section>")
                body.append(f"<h2>{_esc(story_name)}</h2>" if self.for_print
                            else f'<section class="story"><h2>{_esc(story_name)}</h2>')
                story = story_name
            body.append(self.article(article, found))
            articles, total = articles + 1, total + len(found)
        if story is not None and not self.for_print:
            body.append("</section>")
        filtered = f" tagged “{_esc(tag)}”" if tag else ""
        if total:
            summary = (f"{total} annotation{'s' if total != 1 else ''}{filtered} "
                       f"in {articles} article{'s' if articles != 1 else ''}")
        else:
            summary = f"No annotations{filtered}."
        summary_html = (f'<p style="color:#555555">{summary}</p>' if self.for_print
                        else f'<p class="summary">{summary}</p>')
        css = "" if self.for_print else f"<style>\n{self.css()}</style>\n"
        return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f'<meta name="generator" content="Parallax">\n<title>{_esc(title)}</title>\n{css}</head>\n'
                f'<body class="annotations">\n<h1>{_esc(title)}</h1>\n{summary_html}\n'
                + "\n".join(body) + "\n</body>\n</html>\n")

    def css(self) -> str:
        colours = "\n".join(f".annotations .c-{name} {{ --tint: {tint}; --edge: {EDGES[name]}; }}"
                            for name, tint in TINTS.items())
        return _CSS + colours + "\n" + self.formatter.get_style_defs(".annotations .text") + "\n"


_CSS = """\
.annotations { margin: 0 auto; max-width: 64rem; padding: 1.25rem 1.25rem 3rem; color: #1d1d1d;
  background: #fff; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
.annotations h1 { font-size: 1.4rem; margin: 0 0 .2rem; }
.annotations h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #333; }
.annotations .summary, .annotations .explain { color: #555; margin: 0 0 1rem; }
.annotations .article { margin: 1.25rem 0 2.25rem; }
.annotations .article-head { margin-bottom: .6rem; }
.annotations .outlet { margin: 0; font-weight: 600; color: #444; text-transform: uppercase;
  letter-spacing: .04em; font-size: .8rem; }
.annotations .title { font-size: 1.1rem; margin: .1rem 0; line-height: 1.3; }
.annotations .meta, .annotations .count { margin: 0; color: #555; font-size: .88rem; overflow-wrap: anywhere; }
.annotations .row { display: grid; grid-template-columns: minmax(0, 1fr) 17rem; gap: 1.5rem; margin: 0 0 .7rem; }
.annotations .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.annotations .margin { font-size: .85rem; line-height: 1.45; }
.annotations mark.ann { background: var(--tint); color: inherit; padding: 0 1px; border-radius: 2px;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.annotations mark.ann mark.ann { box-shadow: inset 0 -2px 0 var(--edge); }
.annotations sup.marker { background: var(--edge); color: #fff; font-weight: 700; font-size: .66em; line-height: 1;
  padding: 1px 4px; margin: 0 2px 0 1px; border-radius: 6px; }
.annotations .card, .annotations .orphan { border-left: 3px solid var(--edge); background: #f7f7f7;
  padding: .3rem .5rem; margin: 0 0 .5rem; border-radius: 0 4px 4px 0; overflow-wrap: anywhere; }
.annotations .n { display: inline-block; min-width: 1.3em; padding: 0 .3em; margin-right: .4em; border-radius: 8px;
  background: var(--edge); color: #fff; font-weight: 700; font-size: .8em; text-align: center; }
.annotations .card .note, .annotations .orphan .note { display: inline; white-space: pre-wrap; }
.annotations .excerpt { display: inline; color: #666; font-style: italic; }
.annotations .tags { list-style: none; margin: .25rem 0 0; padding: 0; }
.annotations .tag { display: inline-block; margin: 0 .25rem .15rem 0; padding: 0 .45em; border-radius: 9px;
  background: #e6e6e6; color: #333; font-size: .85em; white-space: pre-wrap; }
.annotations .gap { color: #777; font-style: italic; margin: .2rem 0 .8rem; }
.annotations .orphans h4 { margin: 1rem 0 .2rem; color: #8c0a1f; }
.annotations .orphan-list { list-style: none; padding: 0; margin: 0; max-width: 44rem; }
.annotations .orphan .quote { margin: .2rem 0; font-style: italic; white-space: pre-wrap; }
@media (max-width: 44rem) { .annotations .row { grid-template-columns: 1fr; gap: .3rem; } }
@media print { .annotations { max-width: none; } .annotations .row { break-inside: avoid; } }
"""


def annotations_html(store: Store, story_id: int | None = None, tag: str | None = None, *,
                     for_print: bool = False, context: int | None = 1) -> str:
    """The annotations (all, one story's, or those with ``tag``) as one self-contained HTML page.

    ``for_print``: the table layout with inline styles that ``QTextDocument`` renders (PDF).
    ``context``: unannotated paragraphs kept around each annotated one; None keeps all.
    """
    return _Report(store, for_print, context).render(story_id, tag)
