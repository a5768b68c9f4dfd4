"""extract_article: main-content extraction and metadata from saved web pages."""

import pytest

from desktop.core.library.html_extract import extract_article, sniff_charset

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Flood waters rise in the valley | The Daily Planet</title>
<meta property="og:site_name" content="The Daily Planet">
<meta property="og:title" content="Flood waters rise in the valley | The Daily Planet">
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2024-07-16T10:00:00Z">
<link rel="canonical" href="https://planet.example/news/flood">
<style>p { color: red }</style>
<script>var tracking = "Do not show this";</script>
</head>
<body>
<header><a href="/">The Daily Planet</a><nav><ul><li>World</li><li>Sport</li></ul></nav></header>
<div class="cookie-banner">We use cookies</div>
<main>
<article>
<h1>Flood   waters rise
  in the valley</h1>
<div class="share-tools">Share on Facebook</div>
<p>The river rose <b>two metres</b> overnight, officials said &mdash; the highest since 1998.</p>
<p>About 1,200 residents were evacuated &amp; moved to shelters.</p>
<ul><li>Schools closed</li><li>Roads blocked</li></ul>
<div id="relatedStories"><p>Read more: last year's drought</p></div>
<aside>Advertisement</aside>
<form><input name="email"> Sign up</form>
<section class="comments"><p>First comment!</p></section>
</article>
</main>
<footer>© 2024 The Daily Planet</footer>
</body></html>
"""


def test_extracts_article_paragraphs_only() -> None:
    article = extract_article(PAGE, "/tmp/flood.html")
    assert article.text == (
        "Flood waters rise in the valley\n\n"
        "The river rose two metres overnight, officials said — the highest since 1998.\n\n"
        "About 1,200 residents were evacuated & moved to shelters.\n\n"
        "Schools closed\n\n"
        "Roads blocked"
    )
    assert article.origin == "/tmp/flood.html"


def test_extracts_metadata() -> None:
    article = extract_article(PAGE, "x.html")
    assert article.title == "Flood waters rise in the valley"  # " | The Daily Planet" stripped
    assert article.source == "The Daily Planet"
    assert article.author == "Lois Lane"
    assert article.published == "2024-07-16"
    assert article.url == "https://planet.example/news/flood"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="og:title" content="OG"><title>T</title>', "OG"),
        ('<meta name="twitter:title" content="TW"><title>T</title>', "TW"),
        ("<title>Just the title</title>", "Just the title"),
        ("", "First heading"),
        # the suffix is kept when it does not name the site
        ('<title>Big news | Opinion</title><meta property="og:site_name" content="Planet">',
         "Big news | Opinion"),
        ('<title>Big news - Planet</title><meta property="og:site_name" content="Planet">',
         "Big news"),
        ("<title>Big news | Planet</title>", "Big news | Planet"),  # no og:site_name: kept
    ],
)
def test_title_sources_in_order(head: str, expected: str) -> None:
    html = f"<html><head>{head}</head><body><h1>First heading</h1><p>Body text.</p></body></html>"
    assert extract_article(html, "x.html").title == expected


def test_metadata_from_json_ld() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "Site"},
      {"@type": "NewsArticle", "headline": "LD headline",
       "datePublished": "2024-07-16T08:00:00+01:00",
       "author": [{"@type": "Person", "name": "Ann Smith"}, {"@type": "Person", "name": "Bo Li"}],
       "publisher": {"@type": "Organization", "name": "LD Times"}}]}
    </script></head><body><p>Text.</p></body></html>"""
    article = extract_article(html, "x.html")
    assert (article.title, article.author, article.published, article.source) == (
        "LD headline", "Ann Smith, Bo Li", "2024-07-16", "LD Times")
    assert article.text == "Text."  # JSON-LD script content is not article text


def test_broken_json_ld_is_ignored() -> None:
    html = '<script type="application/ld+json">{not json</script><p>Still read.</p>'
    article = extract_article(html, "x.html")
    assert article.text == "Still read." and article.author is None


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<meta name="author" content="Meta Name">', "Meta Name"),
        ('<meta property="article:author" content="Article Author">', "Article Author"),
        ('<meta property="article:author" content="https://facebook.com/x">', None),
        ('<p>By <a rel="author" href="/staff/jo">Jo Reporter</a></p>', "Jo Reporter"),
    ],
)
def test_author(markup: str, expected: str | None) -> None:
    html = f"<html><head></head><body>{markup}<p>Story.</p></body></html>"
    assert extract_article(html, "x.html").author == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<meta name="date" content="July 16, 2024">', "2024-07-16"),
        ('<meta name="pubdate" content="20240716">', None),  # not a form parse_date reads
        ('<article><time datetime="2024-07-16T09:00">9am</time><p>x</p></article>', "2024-07-16"),
        ('<header><time datetime="2030-01-01">today</time></header>'
         '<article><time datetime="2024-07-16">x</time><p>x</p></article>', "2024-07-16"),
        ('<meta name="date" content="not a date"><time datetime="2024-07-15">x</time>',
         "2024-07-15"),
        ("", None),
    ],
)
def test_published(markup: str, expected: str | None) -> None:
    html = f"<html><head></head><body>{markup}<p>Story.</p></body></html>"
    assert extract_article(html, "x.html").published == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<link rel="canonical" href="https://a.example/1">', "https://a.example/1"),
        ('<meta property="og:url" content="https://a.example/og">', "https://a.example/og"),
        # a relative canonical is resolved against og:url
        ('<meta property="og:url" content="https://a.example/x/og">'
         '<link rel="canonical" href="/x/1">', "https://a.example/x/1"),
        ('<link rel="canonical" href="/relative/only">', None),
        ('<meta property="og:url" content="javascript:alert(1)">', None),
    ],
)
def test_url(head: str, expected: str | None) -> None:
    html = f"<html><head>{head}</head><body><p>Story.</p></body></html>"
    assert extract_article(html, "x.html").url == expected


def test_missing_metadata_stays_none() -> None:
    article = extract_article("<p>Only a paragraph.</p>", "x.html")
    assert article == type(article)(text="Only a paragraph.", origin="x.html")


def test_without_article_or_main_takes_the_densest_block() -> None:
    html = """<body>
    <div class="menu-wrap"><p>Home</p><p>About</p></div>
    <div class="teaser"><p>Short teaser.</p></div>
    <div class="story"><p>The first long paragraph of the real story goes here.</p>
    <p>And a second one, with more detail about what happened.</p></div>
    </body>"""
    assert extract_article(html, "x.html").text == (
        "The first long paragraph of the real story goes here.\n\n"
        "And a second one, with more detail about what happened."
    )


def test_longest_article_wins_over_teasers() -> None:
    html = """<body><article><p>Teaser one.</p></article>
    <article><p>The real story, which is much longer than any teaser on the page.</p></article>
    <article><p>Teaser two.</p></article></body>"""
    assert extract_article(html, "x.html").text == (
        "The real story, which is much longer than any teaser on the page."
    )


def test_dense_block_beats_a_small_article() -> None:
    html = """<body><article class="card"><p>A card.</p></article>
    <div><p>A long paragraph of the actual story, longer than the card.</p></div></body>"""
    assert extract_article(html, "x.html").text == (
        "A long paragraph of the actual story, longer than the card."
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p>One<p>Two<p>Three",  # unclosed paragraphs
        "<div><p>One</div><p>Two</span><p>Three</b>",  # stray end tags
        "<html><body><p>One<div>Two<p>Three",  # nothing closed, no </html>
        "<p>One</p><!-- a comment <p>hidden</p> --><p>Two<br>Three",
    ],
)
def test_malformed_html_still_yields_text(html: str) -> None:
    assert extract_article(html, "x.html").text == "One\n\nTwo\n\nThree"


def test_deeply_nested_unclosed_tags() -> None:
    html = "<font>" * 5000 + "<p>Deep text.</p>"
    assert extract_article(html, "x.html").text == "Deep text."


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>alert(1)</script><style>p{}</style></head><body></body></html>",
        "<nav><a href=/>Home</a></nav><footer>© 2024</footer>",
        "",
    ],
)
def test_no_readable_text_gives_empty_text(html: str) -> None:
    assert extract_article(html, "x.html").text == ""


def test_entities_and_whitespace() -> None:
    html = "<p>Caf&eacute;&nbsp;&#8220;open&#x201D;\n\t  now &lt;3</p>"
    assert extract_article(html, "x.html").text == "Café “open” now <3"


def test_hidden_and_role_navigation_are_dropped() -> None:
    html = """<p>Kept.</p><div hidden>Hidden.</div><div role="navigation">Links.</div>
    <div class="shared-content">Also kept.</div>"""  # 'shared' is not 'share'
    assert extract_article(html, "x.html").text == "Kept.\n\nAlso kept."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<meta charset="windows-1251">', "windows-1251"),
        (b"<META CHARSET=koi8-r>", "koi8-r"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "shift_jis"),
        (b'<meta charset="ISO-8859-1">', "cp1252"),  # as browsers read it
        (b"<p>no declaration</p>", None),
    ],
)
def test_sniff_charset(data: bytes, expected: str | None) -> None:
    assert sniff_charset(data) == expected


@pytest.mark.parametrize(
    "html",
    [
        # ASP.NET WebForms wraps the whole page in a <form>
        '<body><form id="aspnetForm"><div class="menu">Home</div>'
        "<p>The whole story lives inside the form element.</p><p>Second paragraph.</p></form></body>",
        # a layout wrapper whose class mentions the sidebar, around an <article>
        '<body><div class="layout with-sidebar"><aside>Ads</aside><article>'
        "<p>The whole story lives inside the form element.</p><p>Second paragraph.</p>"
        "</article></div></body>",
        # the same wrapper without an <article>, holding most of the page's paragraphs
        '<body><div id="page-sidebar-layout"><p>The whole story lives inside the form element.</p>'
        '<p>Second paragraph.</p><div class="sidebar"><p>Popular now</p></div></div></body>',
    ],
    ids=["aspnet-form", "wrapper-with-article", "wrapper-with-most-text"],
)
def test_boilerplate_looking_wrappers_around_the_story_are_kept(html: str) -> None:
    assert extract_article(html, "x.html").text == (
        "The whole story lives inside the form element.\n\nSecond paragraph."
    )


def test_long_comment_section_does_not_displace_the_article() -> None:
    comments = "".join(f"<p>Comment {n}: {'I disagree with this take. ' * 5}</p>" for n in range(20))
    html = (
        "<body><article><p>The story itself, in one reasonably long paragraph of news.</p>"
        f'<p>And a second paragraph.</p></article><section id="comments">{comments}</section></body>'
    )
    assert extract_article(html, "x.html").text == (
        "The story itself, in one reasonably long paragraph of news.\n\nAnd a second paragraph."
    )


def test_list_heavy_page_without_paragraphs_keeps_every_section() -> None:
    html = """<body><h1>Release notes</h1><h2>Fixes</h2><ul><li>Fixed the crash on start.</li>
    <li>Fixed the slow search.</li></ul><h2>Features</h2><ul><li>Added dark mode.</li></ul></body>"""
    assert extract_article(html, "x.html").text == (
        "Release notes\n\nFixes\n\nFixed the crash on start.\n\nFixed the slow search.\n\n"
        "Features\n\nAdded dark mode."
    )
