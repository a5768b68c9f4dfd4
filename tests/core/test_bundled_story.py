"""The bundled story: the five seed captures with their metadata, imported at first launch."""

from __future__ import annotations

import pytest

from desktop.core.library import BUNDLED_MARK, bundled_story, open_library
from tests.conftest import SEEDS, require_shared


def test_bundled_texts_are_the_seed_captures_byte_for_byte():
    name, articles = bundled_story()
    assert name == "Kaspersky exits the US (July 2024)"
    assert len(articles) == 5
    for article in articles:
        seed = require_shared(SEEDS) / article.origin.rsplit("/", 1)[1]
        assert article.text == seed.read_bytes().decode("utf-8")


def test_metadata_is_only_what_the_texts_tell():
    _, articles = bundled_story()
    by_file = {a.origin.rsplit("/", 1)[1][:3]: a for a in articles}
    bitdefender = by_file["001"]
    assert (bitdefender.source, bitdefender.author, bitdefender.published) == (
        "Bitdefender", "Filip TRUȚĂ", "2024-07-16")
    for key in ("000", "002", "003", "004"):
        assert by_file[key].author is None and by_file[key].published is None
    assert by_file["002"].title is None and by_file["003"].title is None
    for article in articles:
        if article.title:
            assert article.title in article.text  # a title is always quoted from the capture


def test_first_launch_imports_it_once_with_boilerplate_marked(library_path):
    with open_library(library_path) as store:
        [story] = store.stories()
        assert len(story.article_ids) == 5
        bitdefender = next(store.article(a) for a in story.article_ids if store.article(a).source == "Bitdefender")
        dimmed = "\n".join(bitdefender.text[s.start:s.end] for s in bitdefender.boilerplate)
        assert "2 min read" in dimmed and "Free 30-day trial" in dimmed and "You might also like" in dimmed
        assert "Stay protected" not in dimmed
    with open_library(library_path) as store:
        assert len(store.stories()) == 1 and len(store.articles()) == 5


def test_a_deleted_bundled_story_stays_deleted(library_path):
    with open_library(library_path) as store:
        store.delete_story(store.stories()[0].id)
        assert store.get_meta(BUNDLED_MARK) == "1"
    with open_library(library_path) as store:
        assert store.stories() == []


@pytest.mark.parametrize("index", range(5))
def test_seed_text_outside_boilerplate_keeps_its_opening_sentence(library, index):
    article = library.article(library.stories()[0].article_ids[index])
    body = article.body_text
    assert len(body.split()) > 250  # boilerplate never swallows the article
