"""Fetching a web page for import: one GET with limits, and a one-line reason when it fails.

The client is urllib3 (MIT): trafilatura depends on it already, so it adds nothing to install,
and it gives what a careful fetch needs without a framework around it: connect and read
timeouts, no automatic redirects (each hop is checked here: scheme, loops, a cap), and a
streamed body that is cut off at ``MAX_PAGE_BYTES``. httpx would do the same with four more
packages (httpcore, h11, anyio, sniffio).

Limits: ``CONNECT_TIMEOUT_S`` to connect, ``READ_TIMEOUT_S`` between two reads and
``TOTAL_TIMEOUT_S`` for the whole page (a server that trickles bytes never stalls an import),
``MAX_REDIRECTS`` hops, ``MAX_PAGE_BYTES``. Only http and https URLs are fetched; ``file:``,
``javascript:``, ``ftp:``, ``data:`` and malformed URLs are refused before any connection.
The page's charset comes from the Content-Type header, else its ``<meta charset>``; bytes that
are valid UTF-8 are read as UTF-8 whatever is declared (``decoding``).
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from desktop.core.errors import ReadError
from desktop.core.library.decoding import decode_report
from desktop.core.library.html_extract import sniff_charset

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 20.0
TOTAL_TIMEOUT_S = 60.0
MAX_REDIRECTS = 10
MAX_PAGE_BYTES = 25 * 1024 * 1024
USER_AGENT = "Mozilla/5.0 (compatible; Parallax news reader)"  # many sites refuse an empty or library agent
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# a URL-like argument: a scheme of two letters or more (so "C:\\file" stays a path) and a colon
_LOOKS_LIKE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:(?!\\)")
_TYPE_NAMES = {
    "application/pdf": "a PDF document", "application/json": "JSON data", "text/plain": "plain text",
    "application/zip": "a zip archive", "text/xml": "an XML document", "application/xml": "an XML document",
    "application/rss+xml": "an RSS feed", "application/atom+xml": "an Atom feed",
}


class FetchCancelled(Exception):
    """The import was cancelled while the page was downloading."""


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page: where it was asked for, where it ended up, and its decoded HTML."""

    requested: str
    url: str  # after redirects
    html: str
    raw: bytes
    content_type: str
    warnings: tuple[str, ...] = ()


def looks_like_url(item: str) -> bool:
    """Whether a command-line argument names a URL rather than a file ("https://…", "ftp:…",
    "javascript:…"); a Windows drive ("C:\\…") is a path."""
    return bool(_LOOKS_LIKE_URL.match(item.strip()))


def check_url(url: str) -> str:
    """The URL, trimmed, if Parallax may fetch it; else ``ReadError`` saying why."""
    url = url.strip()
    scheme = _SCHEME.match(url)
    if scheme is None:
        raise ReadError(url, "not a web address (it should start with https://)")
    name = scheme.group(1).lower()
    if name not in ("http", "https"):
        raise ReadError(url[:200], f"{name}: addresses are not fetched; only http:// and https:// pages")
    if any(c.isspace() for c in url) or any(ord(c) < 32 for c in url):
        raise ReadError(url, "malformed web address: it contains spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError as exc:
        raise ReadError(url, f"malformed web address ({exc})") from None
    if not parts.hostname or not parts.netloc or parts.netloc.startswith(("@", ":")):
        raise ReadError(url, "malformed web address: no host name")
    if port == 0:
        raise ReadError(url, "malformed web address: port 0")
    return url


def fetch(url: str, *, is_cancelled: Callable[[], bool] | None = None,
          timeout: float = TOTAL_TIMEOUT_S, read_timeout: float = READ_TIMEOUT_S,
          max_bytes: int = MAX_PAGE_BYTES, max_redirects: int = MAX_REDIRECTS) -> FetchedPage:
    """GET ``url`` and follow its redirects; ``ReadError`` (with ``url`` and a one-line reason)
    for anything that is not an HTML page within the limits."""
    import urllib3

    requested = check_url(url)
    deadline = time.monotonic() + timeout
    seen = [requested]
    pool = urllib3.PoolManager(
        retries=False, timeout=urllib3.Timeout(connect=min(CONNECT_TIMEOUT_S, timeout), read=read_timeout),
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                 "Accept-Language": "en;q=0.9,*;q=0.5"},
    )
    try:
        current = requested
        while True:
            response = _request(pool, current, requested, deadline)
            try:
                location = response.headers.get("Location")
                if response.status in (301, 302, 303, 307, 308) and location:
                    target = urljoin(current, location.strip())
                    _check_redirect(requested, target, seen, max_redirects)
                    seen.append(target)
                    current = target
                    continue
                _check_status(requested, response.status)
                content_type = response.headers.get("Content-Type", "")
                raw = _read_body(response, requested, content_type, deadline, max_bytes, is_cancelled)
            finally:
                response.release_conn()
            return _page(requested, current, raw, content_type)
    finally:
        pool.clear()


def _request(pool, url: str, requested: str, deadline: float):
    import urllib3

    left = deadline - time.monotonic()
    if left <= 0:
        raise ReadError(requested, _timed_out(deadline))
    try:
        return pool.request("GET", url, redirect=False, preload_content=False, decode_content=True,
                            timeout=urllib3.Timeout(connect=min(CONNECT_TIMEOUT_S, left),
                                                    read=min(pool.connection_pool_kw["timeout"].read_timeout, left)))
    except urllib3.exceptions.HTTPError as exc:
        raise ReadError(requested, _network_reason(exc, url)) from None


def _timed_out(_deadline: float) -> str:
    return "timed out: the server did not send the page in time"


def _network_reason(exc: Exception, url: str) -> str:
    """One line for a failed connection: DNS, refused, timeout, TLS."""
    import urllib3

    host = urlsplit(url).hostname or url
    reason = getattr(exc, "reason", None) or exc
    text = str(reason)
    if isinstance(exc, urllib3.exceptions.NameResolutionError) or isinstance(reason, socket.gaierror) \
            or "Name or service not known" in text or "nodename nor servname" in text \
            or "getaddrinfo failed" in text or "Failed to resolve" in text:
        return f"cannot find the server {host} (DNS lookup failed): check the address or your connection"
    if isinstance(exc, (urllib3.exceptions.TimeoutError,)) or "timed out" in text.lower():
        return "timed out: the server did not answer in time"
    if isinstance(exc, urllib3.exceptions.SSLError):
        return f"secure connection to {host} failed (certificate or TLS error)"
    if "refused" in text.lower():
        return f"the server {host} refused the connection"
    if isinstance(exc, urllib3.exceptions.ProtocolError):
        return f"the connection to {host} broke off"
    return f"cannot reach {host}: {text.splitlines()[0][:120]}"


def _check_redirect(requested: str, target: str, seen: list[str], max_redirects: int) -> None:
    if target in seen:
        raise ReadError(requested, f"the page redirects in a loop ({len(seen)} steps back to {target[:120]})")
    if len(seen) > max_redirects:
        raise ReadError(requested, f"too many redirects (more than {max_redirects})")
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        raise ReadError(requested, f"the page redirects to a {scheme or 'relative'}: address, which is not fetched")


def _check_status(requested: str, status: int) -> None:
    if 200 <= status < 300:
        return
    reasons = {
        401: "the page needs a login (HTTP 401)", 403: "the server refused access (HTTP 403)",
        404: "page not found (HTTP 404)", 410: "the page was removed (HTTP 410 Gone)",
        429: "the server is limiting requests (HTTP 429): try again later",
        451: "the page is unavailable for legal reasons (HTTP 451)",
    }
    if status in reasons:
        raise ReadError(requested, reasons[status])
    if status >= 500:
        raise ReadError(requested, f"the server failed (HTTP {status}): try again later")
    raise ReadError(requested, f"the server answered HTTP {status} instead of the page")


def _read_body(response, requested: str, content_type: str, deadline: float, max_bytes: int,
               is_cancelled: Callable[[], bool] | None) -> bytes:
    import urllib3

    media = content_type.split(";")[0].strip().lower()
    if media and media not in _HTML_TYPES:
        raise ReadError(requested, f"not a web page: the server sent {_TYPE_NAMES.get(media, media)}")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise ReadError(requested, _too_large(int(length), max_bytes))
    chunks, size = [], 0
    try:
        while True:
            if is_cancelled is not None and is_cancelled():
                raise FetchCancelled(requested)
            if time.monotonic() > deadline:
                raise ReadError(requested, _timed_out(deadline))
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise ReadError(requested, _too_large(size, max_bytes, at_least=True))
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as exc:
        raise ReadError(requested, _network_reason(exc, requested)) from None
    return b"".join(chunks)


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"the page is too large ({more}{size / 1024 / 1024:.0f} MB; the limit is {limit // 1024 // 1024} MB)"


def _page(requested: str, url: str, raw: bytes, content_type: str) -> FetchedPage:
    if not raw.strip():
        raise ReadError(requested, "the server sent an empty page")
    media = content_type.split(";")[0].strip().lower()
    if not media and not re.match(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)", raw[:2048],
                                  re.IGNORECASE | re.DOTALL):
        raise ReadError(requested, "not a web page: the server did not say what it sent, and it is not HTML")
    charset = re.search(r"charset\s*=\s*[\"']?([-\w.:]+)", content_type, re.IGNORECASE)
    declared = charset.group(1) if charset else sniff_charset(raw)
    if declared and declared.lower() in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        declared = "cp1252"  # as browsers read them (WHATWG Encoding)
    html, warnings = decode_report(raw, requested, declared=declared)
    return FetchedPage(requested, url, html, raw, content_type, tuple(warnings))


__all__ = ["MAX_PAGE_BYTES", "MAX_REDIRECTS", "FetchCancelled", "FetchedPage", "check_url", "fetch",
           "looks_like_url"]
