"""A real HTTP server on 127.0.0.1 (port chosen by the OS) serving saved pages for URL-import tests.

Never any other address: the server binds the loopback interface, and tests only fetch the URLs
it hands out. Routes are path -> ``Route``; special behaviours: a slow answer (timeout), a body
streamed to any size (size cap), redirects (chains, loops), any status and Content-Type.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    stream_bytes: int = 0  # send this many bytes of filler after ``body`` (no Content-Length)


class LocalWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        routes, requests = self.routes, self.requests

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                requests.append(self.path)
                route = routes.get(self.path) or routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route(b"<html><body><h1>Not found</h1></body></html>", status=404)
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    if route.content_type:
                        self.send_header("Content-Type", route.content_type)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if not route.stream_bytes:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                    sent, chunk = 0, b"<p>" + b"x" * 65_000 + b"</p>\n"
                    while sent < route.stream_bytes:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (a size cap, a timeout)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def page(self, path: str, html: str | bytes, **kwargs) -> str:
        """Serve ``html`` at ``path``; returns its URL."""
        self.routes[path] = Route(html.encode("utf-8") if isinstance(html, str) else html, **kwargs)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Route(b"", status=status, content_type=None, headers={"Location": to})
        return self.url(path)


@contextmanager
def local_web() -> Iterator[LocalWeb]:
    web = LocalWeb()
    web.thread.start()
    try:
        yield web
    finally:
        web.server.shutdown()
        web.server.server_close()


PARAGRAPH = (
    "The city council voted on Tuesday to expand the tram network by twelve kilometres, "
    "a project the mayor said would cost 480 million euros and take five years to build. "
    "Opponents argued that buses would serve the outer districts faster and at a fraction of the price."
)


def article_html(title: str = "Council approves tram extension", *, paragraphs: int = 6, site: str | None = "The Daily Tram",
                 canonical: str | None = None, author: str | None = "Jane Reporter",
                 published: str | None = "2024-07-16", lang: str = "en", extra_head: str = "",
                 charset_meta: str | None = "utf-8", body_prefix: str = "") -> str:
    """A news page in the shape real ones have: meta tags, a header menu, the article, a footer."""
    head = [f'<meta charset="{charset_meta}">' if charset_meta else "", f"<title>{title} | {site or 'News'}</title>",
            f'<meta property="og:title" content="{title}">']
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if author:
        head.append(f'<meta name="author" content="{author}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}T09:30:00Z">')
    body = "\n".join(f"<p>{PARAGRAPH} (Paragraph {n + 1}.)</p>" for n in range(paragraphs))
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(head)}{extra_head}</head><body>'
            '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
            '<li><a href="/sport">Sport</a></li></ul></nav></header>'
            f'<main><article><h1>{title}</h1>{body_prefix}{body}</article></main>'
            "<footer><p>© 2024 The Daily Tram. All rights reserved.</p></footer></body></html>")
