"""A claim's anchors (the dates, figures and people inside it, an input of the claim-link model) are
keyed as the story groups its dates: an undated article's "September 29" is the "Sept. 29" of a dated
one; people stay as each article names them."""

from __future__ import annotations

from desktop.core.matching import align
from desktop.core.matching.claims import claim_units
from tests.core.fact_labels import _article

UNDATED = ("After September 29, Kaspersky will no longer be allowed to push software or security updates "
           "to customers in the country, reporter Zetter wrote.")
DATED = ("Kaspersky can still provide updates and technical support to customers until Sept. 29, when the "
         "ban officially takes effect, according to journalist Kim Zetter of Zero Day.")


def _anchors() -> tuple[frozenset[str], frozenset[str]]:
    articles = [_article(1, UNDATED), _article(2, DATED, published="2024-07-16")]
    prepared = align.prepare({a.id: a.body_text for a in articles}, align.anchor_finder(articles))
    first = next(n for n, u in enumerate(prepared.units) if u.article == 1)
    second = next(n for n, u in enumerate(prepared.units) if u.article == 2)
    return prepared.scorer.anchors[first], prepared.scorer.anchors[second]


def test_a_yearless_date_of_an_undated_article_is_the_dated_one_of_another():
    first, second = _anchors()
    assert "date:2024-09-29" in first and "date:2024-09-29" in second
    assert not any(key.startswith("date:--") for key in first)


def test_a_yearless_date_stays_yearless_when_no_article_gives_its_year():
    articles = [_article(1, UNDATED), _article(2, UNDATED.replace("Kaspersky", "The company"))]
    anchors = align.anchor_finder(articles)
    _sentences, units = claim_units(1, UNDATED)
    assert "date:--09-29" in anchors(next(u for u in units if u.linkable))


def test_people_stay_as_each_article_names_them():
    # joined across articles ("Zetter" as "Kim Zetter"), a shared name made more links between claims
    # that share nothing else: 10 of the 14 judged links it added were wrong
    articles = [_article(1, "Zetter broke the story of the layoffs in her newsletter on Monday morning."),
                _article(2, "Security journalist Kim Zetter broke the story of the layoffs in her newsletter.")]
    prepared = align.prepare({a.id: a.body_text for a in articles}, align.anchor_finder(articles))
    first, second = (prepared.scorer.anchors[n] for n in range(2))
    assert "entity:person:kim zetter" in second and "entity:person:kim zetter" not in first
