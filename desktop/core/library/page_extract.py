"""A web page to an article: trafilatura for the text, both extractors for the metadata.

Measured on 90 real pages with their true article bodies (benchmarks/extraction_quality.py):
trafilatura (Apache-2.0) finds the article text better than ``html_extract`` (word-shingle F1
0.95 against 0.87), and its dates (htmldate) agree with the date in the URL more often. So:

* text: trafilatura's (favouring precision); ``html_extract``'s when trafilatura finds nothing
  (or fails on a broken page);
* title, outlet, author, canonical URL: what the page states in its meta tags and JSON-LD
  (``html_extract``), gaps filled from trafilatura; an outlet still unknown is named after the
  domain (``outlet_from_domain``: "nytimes.com" is "The New York Times");
* date: trafilatura's, else the page's meta tags;
* language: ``<html lang>``, else ``content-language`` / ``og:locale``, else trafilatura's guess.

trafilatura is imported on first use: it pulls in lxml and htmldate, which a command that reads
no web page should not wait for.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from desktop.core.library.dates import publication_date
from desktop.core.library.html_extract import extract_article
from desktop.core.models import ParsedArticle

MIN_FALLBACK_WORDS = 12  # fewer words, where our extractor finds no article at all, are page furniture
# readable names for the domains of well-known outlets; others are named by their domain
OUTLETS = {
    "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal", "usatoday.com": "USA TODAY", "latimes.com": "Los Angeles Times",
    "cnn.com": "CNN", "foxnews.com": "Fox News", "nbcnews.com": "NBC News", "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News", "npr.org": "NPR", "apnews.com": "Associated Press", "reuters.com": "Reuters",
    "bloomberg.com": "Bloomberg", "politico.com": "Politico", "thehill.com": "The Hill", "axios.com": "Axios",
    "huffpost.com": "HuffPost", "huffingtonpost.com": "HuffPost", "breitbart.com": "Breitbart News",
    "dailycaller.com": "The Daily Caller", "washingtontimes.com": "The Washington Times",
    "nypost.com": "New York Post", "vox.com": "Vox", "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker", "slate.com": "Slate", "salon.com": "Salon", "reason.com": "Reason",
    "nationalreview.com": "National Review", "townhall.com": "Townhall", "newsmax.com": "Newsmax",
    "theblaze.com": "TheBlaze", "dailywire.com": "The Daily Wire", "thedailybeast.com": "The Daily Beast",
    "csmonitor.com": "The Christian Science Monitor", "time.com": "TIME", "newsweek.com": "Newsweek",
    "theguardian.com": "The Guardian", "bbc.co.uk": "BBC News", "bbc.com": "BBC News",
    "aljazeera.com": "Al Jazeera", "ft.com": "Financial Times", "economist.com": "The Economist",
    "independent.co.uk": "The Independent", "telegraph.co.uk": "The Telegraph", "thetimes.co.uk": "The Times",
    "dw.com": "Deutsche Welle", "france24.com": "France 24", "lemonde.fr": "Le Monde", "spiegel.de": "Der Spiegel",
    "cnbc.com": "CNBC", "marketwatch.com": "MarketWatch", "businessinsider.com": "Business Insider",
    "theverge.com": "The Verge", "wired.com": "Wired", "arstechnica.com": "Ars Technica",
    "techcrunch.com": "TechCrunch", "therecord.media": "The Record", "bleepingcomputer.com": "BleepingComputer",
    "propublica.org": "ProPublica", "motherjones.com": "Mother Jones", "msnbc.com": "MSNBC",
    "cbn.com": "CBN", "spectator.org": "The American Spectator", "theweek.com": "The Week",
}
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)", re.IGNORECASE)
_META_LANG = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)[^>]*?"
    r"content\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Page:
    """What a web page holds: the article as Parallax would import it, and its language."""

    article: ParsedArticle
    language: str | None = None


def extract_page(html: str, origin: str, url: str | None = None) -> Page:
    """The article in ``html`` (its text is empty when the page has none). ``url`` is where the
    page was fetched from: a relative canonical link is resolved against it, and the outlet is
    named after its domain when the page does not say."""
    ours = extract_article(html, origin)
    found = _trafilatura(html, url)
    text = (found or {}).get("text") or ""
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    if not ours.text.strip() and len(text.split()) < MIN_FALLBACK_WORDS:
        text = ""  # menus and a footer that trafilatura's own fallback scraped together
    text = text or ours.text
    canonical = ours.url or _http_url((found or {}).get("url")) or url
    article = replace(
        ours,
        text=text,
        title=ours.title or (found or {}).get("title"),
        source=ours.source or _site_name(found, canonical) or outlet_from_domain(canonical),
        author=ours.author or _authors((found or {}).get("author")),
        published=publication_date((found or {}).get("date") or "") or ours.published,
        url=canonical,
    )
    return Page(article, _language(html) or (found or {}).get("language"))


def outlet_from_domain(url: str | None) -> str | None:
    """A readable outlet name for the site at ``url``: a known outlet's name, else the bare domain."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host or host.replace(".", "").isdigit() or host in ("localhost", "127.0.0.1"):
        return None
    parts = host.split(".")
    for n in range(len(parts) - 1):
        if ".".join(parts[n:]) in OUTLETS:
            return OUTLETS[".".join(parts[n:])]
    return host


def _trafilatura(html: str, url: str | None) -> dict | None:
    """trafilatura's text and metadata, or None when it finds nothing or fails on the page."""
    try:
        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("htmldate").setLevel(logging.CRITICAL)
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, favor_precision=True, include_comments=False,
            include_tables=True, include_images=False, deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError, RecursionError, MemoryError, LookupError):
        return None  # a page it cannot parse: ours still may
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return {key: data.get(key) for key in ("text", "title", "author", "date", "url", "sitename", "hostname",
                                           "language")}


def _site_name(found: dict | None, canonical: str | None) -> str | None:
    """trafilatura's site name, unless it is only the domain made up again ("NYTimes")."""
    name = (found or {}).get("sitename")
    if not name:
        return None
    host = (urlsplit(canonical or "").hostname or "").lower().removeprefix("www.")
    squeezed = re.sub(r"\W", "", name).lower()
    if host and (squeezed == host.split(".")[0] or "." in name):
        return None
    return name


def _authors(value: str | None) -> str | None:
    if not value:
        return None
    return ", ".join(part.strip() for part in value.split(";") if part.strip()) or None


def _http_url(value: object) -> str | None:
    if isinstance(value, str):
        parts = urlsplit(value.strip())
        if parts.scheme in ("http", "https") and parts.netloc:
            return value.strip()
    return None


def _language(html: str) -> str | None:
    head = html[:20_000]
    match = _HTML_LANG.search(head) or _META_LANG.search(head)
    return match.group(1).replace("_", "-") if match else None


__all__ = ["OUTLETS", "Page", "extract_page", "outlet_from_domain"]
