"""Citations formatted in APA (7th edition) and Chicago (author-date) by citeproc-py, a CSL processor,
with the two CSL styles shipped in ``styles/`` (CC BY-SA 3.0: see ``styles/README.md``).

``formatted(item, "apa", quote, paragraph)`` gives the reference-list entry of a CSL item
(``citations.csl_item``); for a quote, first
“the quote” with its in-text citation and the paragraph it stands in (``(Doe, 2024, para. 3)``),
then a blank line and the entry. ``html=True`` gives the same with the style's italics as HTML.

Two repairs of what citeproc-py leaves out of CSL 1.0.2, applied to its output and tested:
``punctuation-in-quote`` (American English moves a period or comma after a closing quotation mark
inside it: “Title.” not “Title”.), and the suppression of a title that a style puts in the
author's place when there is no author, which citeproc-py prints a second time.
"""

from __future__ import annotations

import functools
import html as html_module
import re
import warnings
from importlib import resources

STYLE_FILES = {"apa": "apa.csl", "chicago": "chicago-author-date-16th-edition.csl"}
_QUOTE_PUNCTUATION = re.compile(r"”([.,])")


@functools.cache
def _style(name: str):
    from citeproc import CitationStylesStyle

    path = resources.files("desktop.core.interchange").joinpath("styles", STYLE_FILES[name])
    with resources.as_file(path) as file, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(file), validate=False)


def formatted(item: dict, style: str, quote: str | None = None, paragraph: int | None = None,
              html: bool = False) -> str:
    """The CSL item (``citations.csl_item``) cited in ``style`` ("apa" or "chicago"), plain text or
    HTML; with a ``quote``, “the quote” and its in-text citation (``paragraph`` as the locator) first."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    if style not in STYLE_FILES:
        raise ValueError(f"Unknown citation style {style!r}; choose one of: {', '.join(STYLE_FILES)}.")
    # the reference alone: no note, no access date (neither style prints it for dated news)
    item = {k: v for k, v in item.items() if k not in ("annote", "accessed", "keyword")} | {"id": "item"}
    output = formatter.html if html else formatter.plain
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it does not support
        bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), output)
        bibliography.register(Citation([CitationItem("item")]))
        entry = _repair(str(bibliography.bibliography()[0]), item, html)
        if not (quote and quote.strip()):
            return entry
        locator = {"locator": Locator("paragraph", str(paragraph))} if paragraph else {}
        in_text = CitationStylesBibliography(_style(style), CiteProcJSON([item]), output)
        citation = Citation([CitationItem("item", **locator)])
        in_text.register(citation)
        reference = _repair(str(in_text.cite(citation, lambda _item: None)), item, html)
    words = " ".join(quote.split())
    if html:
        return f"<p>“{html_module.escape(words)}” {reference}</p><p>{entry}</p>"
    return f"“{words}” {reference}\n\n{entry}"


def _repair(text: str, item: dict, html: bool = False) -> str:
    text = _QUOTE_PUNCTUATION.sub(r"\1”", text)  # punctuation-in-quote (en-US)
    if "author" not in item:
        # the style put the title in the author's place: "Title. (2024). Title. Outlet." (APA),
        # "“Title.” n.d. “Title.”" (Chicago); the second one goes, with its quotes and punctuation
        title = html_module.escape(item["title"], quote=False) if html else item["title"]
        lower = text.lower()
        first = lower.find(title.lower())
        second = lower.find(title.lower(), first + len(title)) if first >= 0 else -1
        if second >= 0:
            start, end = second, second + len(title)
            if start and text[start - 1] == "“":
                start -= 1
            while end < len(text) and text[end] in ".,”":
                end += 1
            text = (text[:start] + text[end:].lstrip()).rstrip()
    return text


__all__ = ["STYLE_FILES", "formatted"]
