"""The HTML annotation report, parsed back: headers, highlights, notes, tags, orphans, escaping."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from desktop.core.interchange.notes_html import EDGES, TINTS, annotations_html
from desktop.core.library import import_paths, open_library
from desktop.core.library.store import Store
from desktop.core.models import ParsedArticle
from desktop.core.notes.annotating import COLORS, annotate

NASTY_NOTE = 'A note, with "quotes", \'single\', a\ttab,\r\nCRLF, emoji 😀, </script><b>bold?</b> & &amp; **md**'
NASTY_TAG = 'tag "<i>" & \'x\' </script> 😀'
VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self, skip=lambda node: False) -> str:
        return "".join(c if isinstance(c, str) else ("" if skip(c) else c.text(skip)) for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]


class TreeBuilder(HTMLParser):
    """A strict tree: every end tag must close the innermost open element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        assert tag == self.current.tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def is_marker(node: Node) -> bool:
    return node.tag == "sup" and "marker" in node.classes


def highlighted(tree: Node, annotation_id: int) -> str:
    """The text of an annotation's marks (cut into pieces when overlapping), markers left out."""
    return "".join(m.text(skip=is_marker) for m in tree.find_all("mark", data_ann=str(annotation_id)))


@pytest.fixture
def store(library_path):
    with open_library(library_path) as s:
        yield s


@pytest.fixture
def bitdefender(store):
    return next(store.article(a) for a in store.stories()[0].article_ids
                if store.article(a).source == "Bitdefender")


def add_text_article(store, tmp_path, text: str, story: str = "Own") -> int:
    path = tmp_path / f"{story}.txt"
    path.write_text(text, encoding="utf-8")
    [article_id] = import_paths(store, [path], story=story).added
    return article_id


def test_article_header_highlight_note_and_tags(store, bitdefender):
    annotation_id, _ = annotate(store, bitdefender.id, "Sept. 29", note="The ban date.\nSecond line",
                                tags=["ban date", "Übernahme"], color="red")
    page = annotations_html(store)
    tree = parse(page)
    assert tree.find("h1").text() == "Parallax annotations"
    assert tree.find("p", "summary").text() == "1 annotation in 1 article"
    assert tree.find("section", "story").find("h2").text() == "Kaspersky exits the US (July 2024)"
    [article] = tree.find_all("article")
    head = article.find("header")
    assert head.find("p", "outlet").text() == "Bitdefender"
    assert head.find("h3", "title").text() == "Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban"
    meta = head.find("p", "meta").text()
    assert "2024-07-16" in meta and "by Filip TRUȚĂ" in meta
    assert not head.find_all("a")  # the bundled articles have no URL
    assert highlighted(tree, annotation_id) == "Sept. 29"
    mark = article.find("mark", data_ann=str(annotation_id))
    assert "c-red" in mark.classes
    assert f".annotations .c-red {{ --tint: {TINTS['red']}; --edge: {EDGES['red']}; }}" in page
    assert "mark.ann { background: var(--tint)" in page
    # The number marker sits right before the highlight, and the card beside the same paragraph.
    row = next(r for r in article.find_all("div", "row") if r.find_all("mark", data_ann=str(annotation_id)))
    assert row.find("sup", "marker").text() == "1"
    card = row.find("aside", "margin").find("div", "card", id=f"ann-{annotation_id}")
    assert card.find("span", "n").text() == "1"
    assert card.find("div", "note").text() == "The ban date.\nSecond line"
    assert [t.text() for t in card.find_all("li", "tag")] == ["ban date", "Übernahme"]
    assert "c-red" in card.classes


def add_json_article(store, tmp_path, url: str, name: str = "linked") -> int:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"title": 'Title with <em> & "quotes"', "source": "The Outlet & Co",
                                "author": "A. Writer", "published": "2024-07-16T10:30:00Z", "url": url,
                                "text": f"Body text of the {name} article, long enough to annotate."}))
    [article_id] = import_paths(store, [path], story="Linked").added
    return article_id


def test_header_links_the_url_and_escapes_metadata(store, tmp_path):
    url = "https://example.org/a?x=1&y=\"2\"#<frag>"
    annotate(store, add_json_article(store, tmp_path, url), "linked article")
    # The readers keep only http(s) URLs, but the store takes any: the report must not trust it.
    _, scripted, _ = store.save_article(ParsedArticle(text="Text of a scripted one.", origin="scripted",
                                                      url="javascript:alert(1)"))
    annotate(store, scripted, "scripted one")
    tree = parse(annotations_html(store))
    first, second = tree.find_all("article")
    head = first.find("header")
    assert head.find("h3", "title").text() == 'Title with <em> & "quotes"'
    assert head.find("p", "outlet").text() == "The Outlet & Co"
    assert head.find("p", "meta").text().startswith("2024-07-16 · by A. Writer · ")
    link = head.find("a", "url")
    assert link.attrs["href"] == url and link.text() == url
    assert not second.find_all("a")  # only http(s) addresses become links
    assert second.find("span", "url").text() == "javascript:alert(1)"


def test_every_annotated_article_once_in_story_order_and_numbered_in_text_order(store):
    story = store.stories()[0]
    articles = [store.article(a) for a in story.article_ids]
    first, last = articles[0], articles[-1]
    later = annotate(store, first.id, first.text.split()[5])[0]
    earlier = annotate(store, first.id, first.text.split()[1])[0]
    annotate(store, last.id, last.text.split()[2])
    tree = parse(annotations_html(store))
    assert [a.attrs["id"] for a in tree.find_all("article")] == [f"article-{first.id}", f"article-{last.id}"]
    cards = tree.find("article").find_all("div", "card")
    assert [(c.attrs["id"], c.find("span", "n").text()) for c in cards] == [
        (f"ann-{earlier}", "1"), (f"ann-{later}", "2")]


@pytest.mark.parametrize("kind", ["note", "tag", "quote"])
def test_awkward_text_is_escaped_and_reads_back_exactly(store, tmp_path, kind):
    text = ('Plain start.\nHe wrote <script>alert("x")</script> & said \'hi\' 😀 at\ttab.\r\nEnd here.')
    article_id = add_text_article(store, tmp_path, text)
    quote = '<script>alert("x")</script> & said \'hi\' 😀 at\ttab.' if kind == "quote" else "Plain start"
    annotation_id, _ = annotate(store, article_id, quote, note=NASTY_NOTE if kind == "note" else "",
                                tags=[NASTY_TAG] if kind == "tag" else [])
    page = annotations_html(store)
    tree = parse(page)
    # Nothing the user wrote became markup: the only elements are the report's own.
    assert not tree.find_all("script") and not tree.find_all("b") and not tree.find_all("i")
    assert page.count("</script>") == 0
    assert highlighted(tree, annotation_id) == quote
    card = tree.find("div", "card", id=f"ann-{annotation_id}")
    if kind == "note":
        assert card.find("div", "note").text() == NASTY_NOTE.replace("\r\n", "\n")
        assert tree.find("mark", data_ann=str(annotation_id)).attrs["title"].startswith('A note, with "quotes"')
    if kind == "tag":
        assert [t.text() for t in card.find_all("li", "tag")] == [NASTY_TAG]
    if kind == "quote":  # no note, no tags: the card shows the quote's opening
        assert card.find("div", "excerpt").text() == f"“{quote}”".replace("\t", " ")


def test_overlapping_and_nested_annotations_keep_every_span_and_valid_markup(store, tmp_path):
    text = "Alpha beta gamma delta epsilon zeta eta theta.\nSecond paragraph starts here and goes on."
    article_id = add_text_article(store, tmp_path, text)
    quotes = {
        "outer": "Alpha beta gamma delta epsilon",
        "inner": "gamma delta",
        "crossing": "delta epsilon zeta eta",
        "same as inner": "gamma delta",
        "across paragraphs": "eta theta.\nSecond paragraph",
    }
    ids = {}
    for i, (name, quote) in enumerate(quotes.items()):
        ids[name] = annotate(store, article_id, quote, note=name,
                             color=("yellow", "green", "blue", "pink", "teal")[i])[0]
    tree = parse(annotations_html(store))  # strict parse: every mark closed in order
    for name, quote in quotes.items():  # paragraphs are rows: the line break between them is layout
        assert highlighted(tree, ids[name]) == quote.replace("\n", ""), name
    crossing = tree.find_all("mark", data_ann=str(ids["crossing"]))
    assert len(crossing) >= 2  # cut where the outer highlight ends, reopened after it
    assert [m.text() for m in tree.find_all("sup", "marker")] == ["1", "2", "3", "4", "5"]
    rows = tree.find_all("div", "row")
    assert len(rows) == 2
    # The note of a highlight spanning both paragraphs sits beside the one where it starts.
    assert {c.attrs["id"] for c in rows[0].find_all("div", "card")} == {f"ann-{i}" for i in ids.values()}
    assert not rows[1].find_all("div", "card")
    assert rows[1].find("mark", data_ann=str(ids["across paragraphs"])).text() == "Second paragraph"


def test_orphans_are_listed_after_the_article_with_their_quote(store, bitdefender):
    kept, _ = annotate(store, bitdefender.id, "Sept. 29", note="kept")
    orphan, _ = annotate(store, bitdefender.id, "$721 million", note="gone <now>", tags=["lost"])
    store.update_annotation(orphan, orphaned=True)
    tree = parse(annotations_html(store))
    article = tree.find("article")
    assert not article.find_all("mark", data_ann=str(orphan))
    assert highlighted(tree, kept) == "Sept. 29"
    section = article.find("section", "orphans")
    assert section.find("h4").text() == "No longer in the text (1)"
    item = section.find("li", "orphan", id=f"ann-{orphan}")
    assert item.find("blockquote", "quote").text() == "$721 million"
    assert item.find("div", "note").text() == "gone <now>"
    assert [t.text() for t in item.find_all("li", "tag")] == ["lost"]
    assert item.find("span", "n").text() == "2"  # numbered after the placed ones


def test_empty_library_and_empty_filters_say_so(store, bitdefender):
    with Store(memory=True) as empty:  # no articles at all
        assert parse(annotations_html(empty)).find("p", "summary").text() == "No annotations."
    tree = parse(annotations_html(store))  # articles, none annotated
    assert tree.find("p", "summary").text() == "No annotations."
    assert not tree.find_all("article")
    annotate(store, bitdefender.id, "Sept. 29", tags=["date"])
    summary = parse(annotations_html(store, tag="nope")).find("p", "summary")
    assert summary.text() == "No annotations tagged “nope”."


def test_story_and_tag_filters(store, bitdefender, tmp_path):
    own = add_text_article(store, tmp_path, "Our own article text, with words.")
    tagged, _ = annotate(store, bitdefender.id, "Sept. 29", tags=["date"])
    untagged, _ = annotate(store, bitdefender.id, "$721 million")
    elsewhere, _ = annotate(store, own, "own article", tags=["date"])
    story = store.stories()[0]
    tree = parse(annotations_html(store, story_id=story.id))
    assert tree.find("h1").text() == f"Parallax annotations — {story.name}"
    assert {m.attrs["data-ann"] for m in tree.find_all("mark")} == {str(tagged), str(untagged)}
    tree = parse(annotations_html(store, tag="date"))
    assert {m.attrs["data-ann"] for m in tree.find_all("mark")} == {str(tagged), str(elsewhere)}
    assert [h.text() for h in tree.find_all("h2")] == [story.name, "Own"]


def test_long_unannotated_stretches_collapse_unless_the_whole_text_is_asked_for(store, tmp_path):
    paragraphs = [f"Paragraph {i} says something." for i in range(12)]
    article_id = add_text_article(store, tmp_path, "\n\n".join(paragraphs))
    annotate(store, article_id, "Paragraph 6")
    tree = parse(annotations_html(store))
    shown = [r.find("div", "text").text(skip=is_marker) for r in tree.find_all("div", "row")]
    assert shown == paragraphs[5:8]  # the annotated paragraph and one either side
    assert [g.text() for g in tree.find_all("p", "gap")] == [
        "… 5 paragraphs without annotations …", "… 4 paragraphs without annotations …"]
    tree = parse(annotations_html(store, context=None))
    assert [r.find("div", "text").text(skip=is_marker) for r in tree.find_all("div", "row")] == paragraphs
    assert not tree.find_all("p", "gap")


def test_a_long_paragraph_is_cut_into_rows_so_notes_stay_near_their_passage(store, tmp_path):
    sentences = [f"Sentence number {i} goes on for a while here." for i in range(400)]
    text = " ".join(sentences)  # about 18,000 characters, no line break
    article_id = add_text_article(store, tmp_path, text)
    first, _ = annotate(store, article_id, "Sentence number 3 ")
    last, _ = annotate(store, article_id, "Sentence number 390 ")
    tree = parse(annotations_html(store, context=None))
    rows = tree.find_all("div", "row")
    assert len(rows) >= 10
    texts = [r.find("div", "text").text(skip=is_marker) for r in rows]
    assert "".join(texts) == text
    assert all(t.endswith(". ") for t in texts[:-1])  # cut after a sentence
    assert rows[0].find("div", "card", id=f"ann-{first}")
    assert rows[-1].find("div", "card", id=f"ann-{last}")


def test_a_highlight_of_only_a_line_break_still_shows_its_note(store, tmp_path):
    article_id = add_text_article(store, tmp_path, "First paragraph.\n\nSecond paragraph.")
    annotation_id, _ = annotate(store, article_id, "\n\n", note="between the two")
    tree = parse(annotations_html(store))
    assert tree.find("div", "card", id=f"ann-{annotation_id}").find("div", "note").text() == "between the two"


def test_every_colour_has_a_tint():
    assert set(COLORS) <= set(TINTS)


def test_self_contained_no_script_no_external_resource(store, bitdefender):
    annotate(store, bitdefender.id, "Sept. 29", note="n")
    page = annotations_html(store)
    tree = parse(page)
    assert not tree.find_all("script") and not tree.find_all("link") and not tree.find_all("img")
    assert not re.search(r"\b(src|srcset)=|url\(|@import", page)
    assert not tree.find_all("a")  # the only links are article URLs, and these have none


def test_print_layout_is_tables_and_inline_styles(store, bitdefender):
    annotate(store, bitdefender.id, "Sept. 29", note="Note <one>", tags=["t&g"], color="teal")
    orphan, _ = annotate(store, bitdefender.id, "$721 million", note="orphaned note")
    store.update_annotation(orphan, orphaned=True)
    page = annotations_html(store, for_print=True)
    tree = parse(page)
    assert not tree.find_all("style") and not tree.find_all("mark") and "display: grid" not in page
    table = tree.find("table")
    teal = f"background-color:{TINTS['teal']}"
    highlight = next(s for s in table.find_all("span") if s.attrs.get("style") == teal)
    assert highlight.text() == "Sept. 29"
    row = next(r for r in table.find_all("tr") if highlight in r.iter())
    text_cell, note_cell = row.find_all("td")
    assert "Note <one>" in note_cell.text() and "t&g" in note_cell.text()
    assert "Sept. 29" in text_cell.text()
    assert "“$721 million”" in tree.text() and "orphaned note" in tree.text()
    assert "No longer in the text (1)" in tree.text()


def test_bidirectional_overrides_are_shown_not_obeyed(store, tmp_path):
    """U+202E and its kin could make a note or title read backwards ("Trojan source")."""
    path = tmp_path / "bidi.txt"
    path.write_text("Pay \u202eyas eht\u202c plainly.\n", encoding="utf-8")
    [article_id] = import_paths(store, [path], story="Bidi").added
    annotate(store, article_id, "Pay \u202eyas eht\u202c plainly", note="\u2066isolated\u2069 note")
    page = annotations_html(store, story_id=store.story_by_name("Bidi").id)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", page)
    assert "[U+202E]yas eht[U+202C]" in page and "[U+2066]isolated[U+2069]" in page


def test_the_comparison_report_shows_bidirectional_controls_too(tmp_path):
    from desktop.core.interchange.reports import render
    from desktop.core.library import articles_from_files
    from desktop.core.matching.compare import compare

    for n in range(2):
        (tmp_path / f"{n}.md").write_text(f"---\ntitle: Evil \u202etitle {n}\n---\nThe ban starts on July 20, "
                                          f"officials said in report {n}.\n", encoding="utf-8")
    report = compare(articles_from_files([tmp_path / "0.md", tmp_path / "1.md"]))
    for fmt in ("html", "markdown"):
        text = render(report, fmt)
        assert "\u202e" not in text and "U+202E" in text
