"""Importing web pages: a real HTTP server on 127.0.0.1 (OS-chosen port) serves the pages.

Redirects, a slow answer, 404/410, a 30 MB page, a non-HTML type, a wrong declared charset, a
redirect loop, pages that are all navigation or too short, the same article under two URLs;
each bad page gets a one-line reason and leaves nothing half-written. No other address is ever
contacted (the DNS failure is simulated by the resolver refusing the name).
"""

from __future__ import annotations

import json
import socket

import pytest

from desktop.cli import main
from desktop.core.errors import ReadError
from desktop.core.library import import_paths
from desktop.core.library.fetching import check_url, fetch, looks_like_url
from desktop.core.library.store import Store
from desktop.core.library.web_import import read_url
from tests.local_web import PARAGRAPH, Route, article_html, local_web


@pytest.fixture
def web():
    with local_web() as server:
        yield server


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "library.sqlite") as s:
        yield s


def _counts(store: Store) -> tuple[int, int, int]:
    db = store.db
    return tuple(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                 for t in ("articles", "article_versions", "boilerplate_spans"))


def test_a_page_is_imported_with_its_metadata_and_raw_html(web, store):
    url = web.page("/2024/07/16/tram.html", article_html(author="Jane Reporter, Tom Writer"))
    report = import_paths(store, [url])
    assert report.failures == [] and len(report.added) == 1
    article = store.article(report.added[0])
    assert article.title == "Council approves tram extension"
    assert article.source == "The Daily Tram"
    assert article.author == "Jane Reporter, Tom Writer"
    assert article.published == "2024-07-16"
    assert article.url == url  # no canonical link: where it was fetched from
    assert PARAGRAPH in article.text and "Sport" not in article.text  # the menu is not the article
    raw = store.db.execute("SELECT raw_html FROM article_versions WHERE id = ?", [article.version_id]).fetchone()[0]
    assert raw.startswith("<!DOCTYPE html>") and "<nav>" in raw


def test_files_and_urls_mix_in_one_import(web, store, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("A captured article.\n\n" + PARAGRAPH, encoding="utf-8")
    url = web.page("/a", article_html())
    report = import_paths(store, [str(note), url, "https://", str(tmp_path / "missing.txt")], story="Trams")
    assert len(report.added) == 2
    assert [p for p, _ in report.failures] == ["https://", str(tmp_path / "missing.txt")]
    assert len(store.story_by_name("Trams").article_ids) == 2


def test_redirects_are_followed_to_the_page(web, store):
    final = web.page("/final", article_html())
    web.redirect("/one", web.url("/two"), 301)
    web.redirect("/two", "/final", 302)  # relative Location
    report = import_paths(store, [web.url("/one")])
    assert report.failures == [] and store.article(report.added[0]).url == final


@pytest.mark.parametrize(("setup", "reason"), [
    (lambda w: (w.redirect("/loop-a", w.url("/loop-b")), w.redirect("/loop-b", w.url("/loop-a"))),
     "redirects in a loop"),
    (lambda w: [w.redirect(f"/hop{n}", w.url(f"/hop{n + 1}")) for n in range(20)], "too many redirects"),
    (lambda w: w.page("/gone", article_html(), status=410), "removed (HTTP 410 Gone)"),
    (lambda w: w.page("/missing", article_html(), status=404), "page not found (HTTP 404)"),
    (lambda w: w.page("/error", "oops", status=503), "server failed (HTTP 503)"),
    (lambda w: w.page("/image", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png"),
     "not a web page: the server sent image/png"),
    (lambda w: w.page("/doc", b"%PDF-1.4", content_type="application/pdf"), "not a web page: the server sent a PDF"),
    (lambda w: w.page("/ftp-hop", "", status=302, content_type=None, headers={"Location": "ftp://example.org/x"}),
     "redirects to a ftp: address"),
    (lambda w: w.page("/menu", "<html><body><ul>" + "".join(
        f"<li><a href='/s{n}'>Section {n} news</a></li>" for n in range(60)) + "</ul></body></html>"),
     "navigation"),
    (lambda w: w.page("/teaser", article_html(paragraphs=0, body_prefix="<p>Subscribe to read the rest.</p>")),
     "too little text"),
    (lambda w: w.page("/paywall", article_html(paragraphs=0, body_prefix="<p>Only the first lines are free.</p>",
                                               extra_head='<script type="application/ld+json">{"@type": "NewsArticle",'
                                                          ' "isAccessibleForFree": false}</script>')),
     "behind a paywall"),
    (lambda w: w.page("/empty", ""), "empty page"),
])
def test_bad_pages_get_one_line_reasons_and_write_nothing(web, store, setup, reason):
    setup(web)
    path = next(iter(web.routes))
    before = _counts(store)
    report = import_paths(store, [web.url(path)])
    [(where, why)] = report.failures
    assert where == web.url(path) and reason in why and "\n" not in why
    assert _counts(store) == before and report.added == []


def test_a_slow_server_times_out(web):
    web.page("/slow", article_html(), delay=3)
    with pytest.raises(ReadError, match="timed out"):
        fetch(web.url("/slow"), timeout=1, read_timeout=0.5)


def test_a_30_mb_page_is_refused_without_reading_it_all(web, store):
    web.routes["/huge"] = Route(article_html().encode(), stream_bytes=30 * 1024 * 1024)
    web.page("/huge-declared", b"<html>" + b" " * (26 * 1024 * 1024))
    for path in ("/huge", "/huge-declared"):
        with pytest.raises(ReadError, match=r"too large .*limit is 25 MB"):
            fetch(web.url(path))
    assert _counts(store)[0] == 0


def test_a_wrong_declared_charset_is_overruled_by_valid_utf8(web):
    html = article_html(title="Café Zürich opens", charset_meta=None)
    url = web.page("/latin", html.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    article = read_url(url).page.article
    assert article.title == "Café Zürich opens" and "Ã" not in article.text


def test_a_declared_single_byte_charset_is_used(web):
    html = article_html(title="Café Zürich opens", charset_meta="windows-1252")
    url = web.page("/cp1252", html.encode("cp1252"), content_type="text/html")
    assert read_url(url).page.article.title == "Café Zürich opens"


def test_dns_failure_is_one_line(monkeypatch):
    def refuse(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    with pytest.raises(ReadError, match=r"cannot find the server no-such-host\.invalid \(DNS lookup failed\)"):
        fetch("https://no-such-host.invalid/news")


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "file: addresses are not fetched"),
    ("javascript:alert(1)", "javascript: addresses are not fetched"),
    ("ftp://example.org/article.html", "ftp: addresses are not fetched"),
    ("data:text/html,<p>hi</p>", "data: addresses are not fetched"),
    ("https://", "no host name"),
    ("http://exa mple.org/x", "spaces"),
    ("http://[::1/x", "malformed web address"),
    ("http://example.org:99999/x", "malformed web address"),
    ("example.org/news", "not a web address"),
])
def test_unsupported_and_malformed_urls_are_refused_before_any_connection(url, reason):
    with pytest.raises(ReadError, match=reason.replace("(", r"\(")):
        check_url(url)


def test_url_like_arguments_and_paths_are_told_apart(tmp_path):
    assert looks_like_url("https://example.org") and looks_like_url("javascript:alert(1)")
    assert not looks_like_url("C:\\news\\a.txt") and not looks_like_url("notes/a.txt")


def test_the_same_article_under_two_urls_is_stored_once(web, store):
    canonical = web.url("/news/tram")
    first = web.page("/news/tram", article_html(canonical=canonical))
    second = web.page("/amp/news/tram", article_html(canonical=canonical))
    tracked = web.url("/news/tram?utm_source=feed")
    report = import_paths(store, [first, second, tracked])
    assert report.failures == []
    assert len(report.added) == 1 and len(report.unchanged) == 2
    assert set(report.unchanged) == set(report.added)
    assert _counts(store)[:2] == (1, 1)


def test_a_page_that_changed_becomes_a_new_version_and_keeps_the_readers_edits(web, store):
    url = web.page("/story", article_html())
    [article_id] = import_paths(store, [url]).added
    store.edit_article(article_id, title="My title", source="Tram Weekly")
    web.page("/story", article_html(title="Council approves tram extension (updated)", paragraphs=7,
                                    site="The Daily Tram Online", author="Someone Else"))
    report = import_paths(store, [url])
    assert report.updated == [article_id]
    article = store.article(article_id)
    assert article.version == 2 and article.title == "My title" and article.source == "Tram Weekly"
    assert article.author == "Someone Else"  # not edited by the reader: the page's new byline


def test_extract_prints_exactly_six_keys_and_touches_no_library(web, capsys, tmp_path, monkeypatch):
    library = tmp_path / "untouched.sqlite"
    monkeypatch.setenv("PARALLAX_LIBRARY", str(library))
    url = web.page("/a", article_html(canonical=web.url("/canonical-a")))
    assert main(["extract", url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["title", "source", "author", "published", "url", "text"]
    assert data["url"] == web.url("/canonical-a") and data["published"] == "2024-07-16"
    assert main(["extract", url]) == 0
    out = capsys.readouterr().out
    assert "title:     Council approves tram extension" in out and "language:  en" in out
    assert not library.exists()


def test_extract_of_a_file_and_of_a_bad_url(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(article_html(), encoding="utf-8")
    assert main(["extract", str(page), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == "The Daily Tram"
    assert main(["extract", "ftp://example.org/a"]) == 1
    assert "ftp: addresses are not fetched" in capsys.readouterr().err


def test_cli_import_reports_each_url_on_one_line(web, capsys, tmp_path):
    good = web.page("/good", article_html())
    code = main(["--library", str(tmp_path / "lib.sqlite"), "import", good, web.url("/nope"), "javascript:x()"])
    out, err = capsys.readouterr()
    assert code == 1 and "1 added" in out
    lines = [line for line in err.splitlines() if line.startswith("parallax: cannot import")]
    assert lines == [f"parallax: cannot import {web.url('/nope')}: page not found (HTTP 404)",
                     "parallax: cannot import javascript:x(): javascript: addresses are not fetched; "
                     "only http:// and https:// pages"]


def test_cancelling_stops_between_urls_and_inside_a_download(web, store):
    web.routes["/big"] = Route(article_html().encode(), stream_bytes=5 * 1024 * 1024)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    report = import_paths(store, [web.url("/big"), web.page("/b", article_html())], is_cancelled=cancelled)
    assert report.cancelled and report.added == [] and _counts(store)[0] == 0
