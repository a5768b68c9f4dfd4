"""A quoted passage with where it came from, ready to paste into notes: "Copy as citation".

``citation_markdown`` gives the quote as a Markdown blockquote (every line inside it) and a
source line ``— Outlet, "Title", 16 July 2024, <URL>``; ``citation_plain`` and
``citation_html`` say the same for plain-text fields and rich-text editors. Parts the
article does not know (date, URL) are left out rather than shown as blanks.
"""

from __future__ import annotations

import html
import re

from desktop.core.interchange.escaping import clean_line, http_url, md_escape, md_url, neutralize_bidi
from desktop.core.models import Article

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")


def citation_date(published: str | None) -> str:
    """"2024-07-16" (or a datetime that day) -> "16 July 2024"; "2024-07" -> "July 2024".
    Anything else is given back as it is, stripped; None or blank gives ""."""
    value = (published or "").strip()
    match = _ISO_DATE.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year if month is None else value
    if day is None:
        return f"{MONTHS[int(month) - 1]} {year}"
    if not 1 <= int(day) <= 31:
        return value
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def _url(article: Article) -> str:
    """The article's http(s) URL, with what would end a Markdown autolink early encoded; "" for
    any other kind of URL (never a ``javascript:`` link in a pasted citation)."""
    url = http_url(article.url)
    return md_url(url) if url else ""


def _lines(quote: str) -> list[str]:
    """The quote's lines, without the blank lines or spaces around the whole passage."""
    text = quote.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").strip()
    return [line.rstrip() for line in text.split("\n")]


def source_line(article: Article, markdown: bool = True) -> str:
    """``— Outlet, "Title", 16 July 2024, <URL>`` (the URL bare when not ``markdown``)."""
    escape = md_escape if markdown else clean_line
    title = escape(article.display_title)
    parts = [escape(article.display_source), f'"{title}"' if title else ""]
    parts.append(citation_date(article.published))
    url = _url(article)
    if url:
        parts.append(f"<{url}>" if markdown else url)
    return "— " + ", ".join(p for p in parts if p)


def citation_markdown(article: Article, quote: str) -> str:
    """The quote as a Markdown blockquote, then the source line; ends with a newline."""
    # the reader's own selection, as they saw it (bidirectional controls made visible)
    quoted = "\n".join("> " + line if line.strip() else ">" for line in _lines(neutralize_bidi(quote)))
    return f"{quoted}\n\n{source_line(article)}\n"


def citation_plain(article: Article, quote: str) -> str:
    """The quote in quotation marks, then the source line; ends with a newline."""
    return f"“{chr(10).join(_lines(quote))}”\n{source_line(article, markdown=False)}\n"


def citation_html(article: Article, quote: str) -> str:
    """A ``<blockquote>`` (one paragraph per blank-line-separated part) and a source paragraph
    with the title linked to the URL, for pasting into rich-text editors."""
    paragraphs, current = [], []
    for line in _lines(quote) + [""]:
        if line.strip():
            current.append(html.escape(line))
        elif current:
            paragraphs.append("<p>" + "<br>".join(current) + "</p>")
            current = []
    title = html.escape(article.display_title.strip())
    url = _url(article)
    if url:
        title = f'<a href="{html.escape(url, quote=True)}">{title}</a>'
    parts = [html.escape(article.display_source.strip()), f"“{title}”",
             html.escape(citation_date(article.published))]
    source = "— " + ", ".join(p for p in parts if p)
    return f"<blockquote>{''.join(paragraphs)}</blockquote><p>{source}</p>"
