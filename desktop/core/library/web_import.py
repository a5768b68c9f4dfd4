"""A URL to an article: fetch the page, extract it, and refuse what is not an article.

``read_url`` is what ``import_paths`` does for each URL and what ``parallax extract URL`` shows.
A page is refused (``ReadError`` with a one-line reason) when it has no article text (a page of
navigation: menus, link lists), or too little (``MIN_WORDS``: a paywall, a page that needs
JavaScript, a cookie wall), saying "paywall" when the page says so itself (schema.org
``isAccessibleForFree: false``).

``refresh_outlets`` recomputes the library-level boilerplate signal (``outlet_lines``) for the
outlets an import touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from desktop.core.errors import ReadError
from desktop.core.library.fetching import fetch
from desktop.core.library.outlet_lines import KIND, recurring_lines
from desktop.core.library.page_extract import Page, extract_page
from desktop.core.models import Changes

MIN_WORDS = 60  # fewer words of article text: not an article (a paywall, a teaser, an app shell)
NAVIGATION_SHARE = 0.6  # of the words in short lines (menus, link lists): a page of navigation
_SHORT_LINE_WORDS = 6
_PAYWALLED = re.compile(r"[\"']isAccessibleForFree[\"']\s*:\s*(?:false|[\"']false[\"'])", re.IGNORECASE)


@dataclass(frozen=True)
class WebArticle:
    """A fetched and extracted page: the article, its language, the page's HTML, repairs made."""

    page: Page
    raw_html: str
    fetched_url: str
    warnings: tuple[str, ...] = ()


def read_url(url: str, is_cancelled: Callable[[], bool] | None = None, **limits) -> WebArticle:
    """Fetch and extract the article at ``url``; ``ReadError`` when there is none to import."""
    fetched = fetch(url, is_cancelled=is_cancelled, **limits)
    page = extract_page(fetched.html, fetched.requested, fetched.url)
    check_article(page, fetched.requested, fetched.html)
    return WebArticle(page, fetched.html, fetched.url, fetched.warnings)


def check_article(page: Page, origin: str, html: str) -> None:
    """Refuse a page whose extracted text is not an article."""
    text = page.article.text
    words = len(text.split())
    if not words:
        raise ReadError(origin, "no article text on this page (only menus, links or scripts)")
    lines = [line.split() for line in text.split("\n") if line.strip()]
    short = sum(len(line) for line in lines if len(line) <= _SHORT_LINE_WORDS)
    if len(lines) >= 5 and short >= NAVIGATION_SHARE * words:
        raise ReadError(origin, "the page is all navigation (menus and link lists), not an article")
    if words < MIN_WORDS:
        if _PAYWALLED.search(html):
            raise ReadError(origin, f"behind a paywall: only {words} words of the article are on the page")
        raise ReadError(origin, f"too little text ({words} words): a paywall, a page that needs JavaScript, "
                                "or not an article")


#: An import compares its new articles with this many of the outlet's latest others: a
#: publisher's widget lines recur in nearly every article, so they are found among the latest
#: (comparing with all 20,000 articles of a big outlet made adding 100 articles take 10 s).
RECENT_ARTICLES = 60


def refresh_outlets(store, article_ids: Iterable[int], known: Mapping[str, list] | None = None) -> Changes:
    """Mark the lines the outlets of these (new or changed) articles repeat (kind ``repeated``):
    each outlet's new articles are compared with each other and with its ``RECENT_ARTICLES``
    latest others, and the spans of those articles are stored as boilerplate. All outlets in one
    write: one commit, not one per outlet (an import of 4,000 articles touches some 170).
    ``known``: text -> its ``outlet_lines.line_keys``, as an import's preparing found them."""
    ids = list(dict.fromkeys(article_ids))
    changes = []
    with store.batch():
        for source_id in sorted(store.source_ids_of(ids)):
            texts = store.outlet_texts(source_id, ids=ids, latest=RECENT_ARTICLES)
            within = [article_id for article_id, _text in texts]
            changes.append(store.set_outlet_lines(source_id, recurring_lines(texts, known), KIND, within=within))
    return Changes.union(changes)


def refresh_sources(store, source_ids: Iterable[int]) -> Changes:
    """``refresh_outlets`` for outlets given by their source ids."""
    changes = []
    for source_id in sorted(set(source_ids)):
        texts = store.outlet_texts(source_id)
        changes.append(store.set_outlet_lines(source_id, recurring_lines(texts), KIND))
    return Changes.union(changes)


__all__ = ["MIN_WORDS", "RECENT_ARTICLES", "WebArticle", "check_article", "read_url", "refresh_outlets", "refresh_sources"]
