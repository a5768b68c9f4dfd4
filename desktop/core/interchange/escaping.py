"""Text that came from outside (titles, outlets, authors, quotes, notes, URLs) made safe for the
formats Parallax writes for people: Markdown, HTML (and the PDF drawn from it), citations.

- Markdown: backslash escapes for everything CommonMark, GFM or Obsidian would read as markup
  (emphasis, code, links, raw HTML, tables, maths), and nothing at a line start can open a block.
- Links: only http(s) URLs become links; anything else (``javascript:``, ``file:``, ``data:``)
  is shown as escaped text.
- Bidirectional controls (U+202A-U+202E, U+2066-U+2069) can make text read differently from
  what it is ("Trojan source"); in every human-facing format they are replaced by a visible
  mark such as ``[U+202E]``. Machine formats (JSON-LD, QDPX, CSV) keep the text exact.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
# ASCII punctuation that CommonMark, GFM or Obsidian give a meaning inline; a backslash
# before any ASCII punctuation is always a literal in CommonMark, so escaping is safe.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~])")
# What a line may start with to become a block: heading, quote, list item, rule, setext.
_BLOCK_START = re.compile(r"^(\s*)([#>+=-])")
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def neutralize_bidi(text: str) -> str:
    """Bidirectional override and isolate characters replaced by a visible ``[U+202E]``."""
    return BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def clean_line(text: str | None) -> str:
    """One line of user text: whitespace runs (newlines included) collapsed, control
    characters dropped, bidirectional controls made visible."""
    if not text:
        return ""
    return " ".join(neutralize_bidi(_CONTROL.sub("", text)).split())


def md_escape(text: str | None) -> str:
    """User text as one line of literal Markdown, safe in a paragraph, list item or table cell.

    Newlines and whitespace runs become one space; ``\\ ` * _ [ ] < > | $ ~`` get a backslash;
    an ``&`` that would start an entity (``&amp;``) is escaped; a leading ``#``, ``>``,
    ``-``, ``+``, ``=`` or ``1.`` cannot start a block.
    """
    return _escape_line(clean_line(text))


def md_escape_lines(text: str | None) -> list[str]:
    """Multi-line user text (a quote, a note) as literal Markdown lines, line breaks kept."""
    if not text:
        return []
    lines = neutralize_bidi(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").split("\n")
    return [_escape_line(_CONTROL.sub("", line).rstrip()) for line in lines]


def _escape_line(text: str) -> str:
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _BLOCK_START.sub(r"\1\\\2", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


def http_url(url: str | None) -> str | None:
    """The URL if it is http(s), stripped; None for anything else (``javascript:``, ``file:``...)."""
    value = (url or "").strip()
    return value if re.match(r"(?i)https?://[^\s]", value) else None


def md_url(url: str) -> str:
    """An http(s) URL made safe inside ``<...>`` (no spaces, angle brackets or controls)."""
    return quote(BIDI_CONTROLS.sub("", url.strip()), safe=":/?#@!&'*+,;=%~-._()[]$")


def md_link(title_markdown: str, url: str | None) -> str:
    """``title_markdown`` (already escaped) as a link when ``url`` is http(s); else the title,
    followed by the URL as escaped text when there is one."""
    link = http_url(url)
    if link:
        return f"[{title_markdown}](<{md_url(link)}>)"
    return title_markdown


def html_escape(text: str | None) -> str:
    """Text for HTML element content or a quoted attribute, bidirectional controls made visible."""
    return html.escape(neutralize_bidi(text or ""), quote=True)


__all__ = ["BIDI_CONTROLS", "clean_line", "html_escape", "http_url", "md_escape", "md_escape_lines", "md_link",
           "md_url", "neutralize_bidi"]
