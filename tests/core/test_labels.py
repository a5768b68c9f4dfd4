"""Labels a reader can tell articles apart by (desktop.core.labels)."""

from __future__ import annotations

from desktop.core.labels import article_label, article_labels, letter_names
from desktop.core.library import open_library
from desktop.core.models import Article, ArticleSummary


def _article(article_id, text="Some text here.", title=None, source=None):
    return Article(id=article_id, title=title, source=source, author=None, published=None, url=None,
                   origin=None, text=text, version=1, version_id=article_id, content_hash="h",
                   word_count=len(text.split()))


def test_known_outlets_are_the_labels():
    labels = article_labels([_article(1, source="Reuters"), _article(2, source="  The   Guardian ")])
    assert labels == {1: "Reuters", 2: "The Guardian"}


def test_unknown_outlet_is_named_by_the_headline_first_words():
    labels = article_labels([
        _article(1, title="Kaspersky to lay off dozens of US staff after ban"),
        _article(2, source="Bitdefender"),
    ])
    assert labels[1] == "Kaspersky to lay off…"
    assert "Unknown" not in labels[1]


def test_without_a_headline_the_text_first_words_name_it():
    labels = article_labels([_article(1, text="Russian cybersecurity firm Kaspersky will lay off dozens.")])
    assert labels[1] == "Russian cybersecurity firm…"


def test_headlines_that_start_alike_get_words_until_they_differ():
    labels = article_labels([
        _article(1, title="Kaspersky will close its US office and lay off staff"),
        _article(2, title="Kaspersky will close its US office, sources say"),
        _article(3, title="Kaspersky leaves"),
    ])
    assert len({label.casefold() for label in labels.values()}) == 3
    assert labels[1].startswith("Kaspersky will close its US office") and labels[1] != labels[2]
    assert labels[3] == "Kaspersky leaves"  # short: whole, no ellipsis


def test_identical_texts_still_get_different_labels():
    labels = article_labels([_article(i, text="Same words in every one of them.") for i in (1, 2, 3)])
    assert len(set(labels.values())) == 3
    assert labels[2].endswith("(2)") and labels[3].endswith("(3)")


def test_a_fallback_never_reads_like_an_outlet_of_another_article():
    labels = article_labels([_article(1, source="Breaking news"), _article(2, text="Breaking news")])
    assert labels[1] == "Breaking news" and labels[2] != "Breaking news"


def test_article_label_and_letter_names():
    one, two = _article(1, text="Alpha beta gamma delta epsilon"), _article(2, text="Alpha beta gamma zeta eta")
    assert article_label(one, [one, two]) != article_label(two, [one, two])
    assert letter_names([two, one])[2].startswith("A1 · Alpha beta gamma")


def test_summaries_use_their_opening_words():
    summary = ArticleSummary(id=7, title=None, source=None, author=None, published=None, url=None,
                             word_count=9, version=1, opening="Kaspersky, a prominent name in the…")
    assert article_labels([summary])[7] == "Kaspersky, a prominent…"


def test_bundled_story_has_five_different_labels_and_no_placeholder():
    store = open_library(memory=True)
    try:
        articles = [store.article(i) for i in store.stories()[0].article_ids]
        summaries = store.articles()
    finally:
        store.close()
    names = letter_names(articles)
    assert len(set(names.values())) == 5
    assert not any("unknown" in name.casefold() for name in names.values())
    assert names[articles[1].id] == "A2 · Bitdefender"
    assert len(set(article_labels(summaries).values())) == len(summaries)


def test_boilerplate_is_not_a_label():
    from dataclasses import replace

    from desktop.core.models import BoilerplateSpan

    text = "2 min read\nRussian cybersecurity firm Kaspersky will lay off dozens."
    article = replace(_article(1, text=text), boilerplate=(BoilerplateSpan(0, 10, "reading-time"),))
    assert article_labels([article])[1] == "Russian cybersecurity firm…"
