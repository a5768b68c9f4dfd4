"""Annotations exported as W3C Web Annotation JSON-LD: the model's structure, selectors, bodies, escaping."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from desktop.core.interchange.web_annotation import annotations_jsonld
from desktop.core.models import ParsedArticle
from desktop.core.notes.annotating import annotate
from tests.core.test_import_annotations import NASTY_NOTE, build_varied

AWKWARD = [
    'comma, "quotes"', "new\nline", "tab\there", "emoji 😀🎉", "</script><script>alert(1)</script>",
    "**Markdown** _em_ [link](http://x) # heading", "=1+2", "+SUM(A1)", "-3", "@cmd", "CRLF\r\nnote\r",
]


@pytest.fixture
def varied(library):
    ids = build_varied(library)
    return library, ids


def items_of(text: str) -> list[dict]:
    doc = json.loads(text)
    assert doc["type"] == "AnnotationCollection" and doc["first"]["type"] == "AnnotationPage"
    assert doc["total"] == len(doc["first"]["items"])
    return doc["first"]["items"]


def test_collection_follows_the_web_annotation_model(varied):
    store, ids = varied
    doc = json.loads(annotations_jsonld(store))
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["@context"][1] == {"parallax": "urn:parallax:vocab:", "@vocab": "urn:parallax:vocab:"}
    assert doc["id"].startswith("urn:uuid:") and doc["first"]["id"].startswith("urn:uuid:")
    assert doc["first"]["partOf"] == doc["id"] and doc["total"] == len(ids)
    items = doc["first"]["items"]
    assert len({item["id"] for item in items}) == len(ids)
    for item in items:
        assert item["type"] == "Annotation" and item["created"] and item["modified"]
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert {"exact", "prefix", "suffix"} <= quote.keys() and position["end"] > position["start"]


def test_selectors_point_at_the_quote_in_code_points(varied):
    store, _ = varied
    by_note = {a.note: a for a in store.annotations()}
    emoji = by_note["emoji 😀\r\nCRLF note\r\n"]
    text = store.article(emoji.article_id).text
    [item] = [i for i in items_of(annotations_jsonld(store)) if i.get("body", [{}])[0].get("value") == emoji.note]
    quote, position = item["target"]["selector"]
    assert text[position["start"]:position["end"]] == quote["exact"] == "said 🎉 the ban"
    assert quote["prefix"] == text[:position["start"]][-32:] and quote["suffix"] == text[position["end"]:][:32]
    utf16_start = len(text[:position["start"]].encode("utf-16-le")) // 2
    assert utf16_start == position["start"] + 1  # the 😀 before it: 1 code point, 2 UTF-16 units
    assert item["target"]["parallax:contentHash"] == store.article(emoji.article_id).content_hash


def test_notes_are_commenting_bodies_and_tags_tagging_bodies(varied):
    store, _ = varied
    items = {i["body"][0]["value"] if "body" in i else None: i for i in items_of(annotations_jsonld(store))}
    nasty = items[NASTY_NOTE]
    assert nasty["motivation"] == "commenting"
    assert nasty["body"][0] == {"type": "TextualBody", "value": NASTY_NOTE, "format": "text/markdown",
                                "purpose": "commenting"}
    assert [b["value"] for b in nasty["body"][1:]] == ["ban date", "conflict, maybe"]
    assert {b["purpose"] for b in nasty["body"][1:]} == {"tagging"}
    plain = items[None]
    assert plain["motivation"] == "highlighting" and plain["parallax:color"] == "grey"


def test_extension_keeps_colour_orphan_state_article_and_links(varied):
    store, ids = varied
    items = items_of(annotations_jsonld(store))
    by_exact = {i["target"]["selector"][0]["exact"]: i for i in items}
    orphan = by_exact["A passage that will be cut away"]
    assert orphan["parallax:orphaned"] is True and orphan["parallax:color"] == "purple"
    assert orphan["target"]["parallax:contentHash"] != store.article(store.annotation(ids["orphan"]).article_id) \
        .content_hash  # the hash of the version the orphan was made on
    assert by_exact["said 🎉 the ban"]["parallax:orphaned"] is False
    article = orphan["target"]["parallax:article"]
    assert article == {"identity": "test:emoji-article.txt", "title": "Emoji 😀 article", "outlet": "Test Outlet",
                       "published": "2024-07-20"}
    assert orphan["target"]["source"] == "urn:parallax:article:test%3Aemoji-article.txt"
    assert unquote(orphan["target"]["source"].rpartition(":")[2]) == "test:emoji-article.txt"
    nasty = by_exact["Sept. 29"]
    assert nasty["parallax:links"] == [{"type": "supports", "target": by_exact["$721 million"]["id"]}]
    assert by_exact["said 🎉 the ban"]["parallax:links"] == [{"type": "same fact", "target": nasty["id"]}]
    doc = json.loads(annotations_jsonld(store))
    assert {"name": "ban date", "color": "#FF8800"} in doc["parallax:tags"]


def test_source_is_the_url_when_the_article_has_one(library):
    _, article_id, _ = library.save_article(ParsedArticle(
        text="Words on the web.", origin="/tmp/page.html", url="https://example.org/news?id=1&x=2"))
    annotate(library, article_id, "on the web")
    [item] = items_of(annotations_jsonld(library))
    assert item["target"]["source"] == "https://example.org/news?id=1&x=2"


@pytest.mark.parametrize("awkward", AWKWARD)
def test_awkward_notes_and_tags_come_back_unchanged(library, awkward):
    article = library.article(library.stories()[0].article_ids[0])
    annotate(library, article.id, article.text.split()[4], note=awkward, tags=[awkward.strip() or "x", "plain"])
    text = annotations_jsonld(library)
    assert "<" not in text  # safe to embed in an HTML <script> element as is
    [item] = items_of(text)
    assert item["body"][0]["value"] == awkward
    assert awkward.strip() in [b["value"] for b in item["body"][1:]]


def test_filters_and_an_empty_export(varied):
    store, _ = varied
    tagged = items_of(annotations_jsonld(store, tag="ban date"))
    assert {i["target"]["selector"][0]["exact"] for i in tagged} == {"Sept. 29", "said 🎉 the ban"}
    by_exact = {i["target"]["selector"][0]["exact"]: i for i in tagged}
    assert "parallax:links" not in by_exact["Sept. 29"]  # its link leads out of the export: left out
    assert by_exact["said 🎉 the ban"]["parallax:links"] == [
        {"type": "same fact", "target": by_exact["Sept. 29"]["id"]}]
    story = store.stories()[0]
    in_story = items_of(annotations_jsonld(store, story_id=story.id))
    assert len(in_story) == 4  # the emoji article is in no story
    doc = json.loads(annotations_jsonld(store, tag="no such tag"))
    assert doc["total"] == 0 and doc["first"]["items"] == []
