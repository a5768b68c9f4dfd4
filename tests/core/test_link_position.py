"""Where two claims stand in their articles is one input of the claim-link model: outlets tell a
story's main facts in their first sentences, each in its own words (issue #12, central facts)."""

from __future__ import annotations

from desktop.core.matching import align
from desktop.core.matching.linking import FEATURES, LEDE, SHORT_ARTICLE, UNPLACED, link_model, sentence_ranks

FILLER = [
    "The county fair opened its gates to visitors from three neighbouring states on a warm afternoon.",
    "Local farmers showed prize cattle, heritage pigs and rare breeds of chickens in the long barns.",
    "A brass band from the high school played marches near the entrance until the evening.",
    "Organisers sold more funnel cakes than in any earlier year, a vendor told the local paper.",
    "The livestock auction drew bidders from as far away as the coastal cities of the region.",
    "Children rode the small ferris wheel while their parents queued for lemonade and corn dogs.",
    "A tractor pull on the final evening filled the grandstand with families from the valley.",
    "Volunteers from the church cleaned the grounds each night after the crowds had gone home.",
]
LEAD_A = "The city council voted on Tuesday to close the old Riverside bridge to all traffic for repairs."
LEAD_B = "Riverside bridge will shut to cars and trucks for repair work after a council decision this week."


def _article(n: int, sentences: list[str]):
    from tests.core.fact_labels import _article as make

    return make(n, " ".join(sentences))


def _prepared(first: list[str], second: list[str]):
    articles = [_article(1, first), _article(2, second)]
    prepared = align.prepare({a.id: a.body_text for a in articles}, align.anchor_finder(articles))
    prepared.scorer.model = link_model()
    return prepared


def _score_of(prepared, a_text: str, b_text: str) -> tuple[float, dict]:
    units = prepared.units
    i = next(n for n, u in enumerate(units) if u.article == 1 and u.text.startswith(a_text[:30]))
    j = next(n for n, u in enumerate(units) if u.article == 2 and u.text.startswith(b_text[:30]))
    i, j = min(i, j), max(i, j)
    return prepared.scorer.score(i, j), dict(zip(FEATURES, prepared.scorer.features(i, j)))


def test_ranks_count_claim_sentences_from_the_top_of_each_article():
    prepared = _prepared([LEAD_A, *FILLER], [*FILLER[:5], LEAD_B, *FILLER[5:]])
    ranks = dict(zip(((u.article, u.text[:30]) for u in prepared.units), prepared.scorer.ranks))
    assert ranks[(1, LEAD_A[:30])] == 0
    assert ranks[(2, LEAD_B[:30])] == 5
    assert ranks[(2, FILLER[0][:30])] == 0


def test_an_article_too_short_to_have_a_lede_has_no_position():
    prepared = _prepared([LEAD_A, FILLER[0]], [LEAD_B, *FILLER])
    assert len({u.sentence for u in prepared.units if u.article == 1}) < SHORT_ARTICLE
    by_article = {}
    for unit, rank in zip(prepared.units, sentence_ranks(prepared.units)):
        by_article.setdefault(unit.article, []).append(rank)
    assert set(by_article[1]) == {UNPLACED}
    assert by_article[2][0] == 0
    _score, features = _score_of(prepared, LEAD_A, LEAD_B)
    assert features["lede"] == 0.0  # the longer article's lede does not make the pair a lede pair


def test_the_same_two_claims_score_higher_as_ledes_than_deep_in_their_articles():
    ledes = _prepared([LEAD_A, *FILLER], [LEAD_B, *FILLER[::-1]])
    deep = _prepared([*FILLER, LEAD_A], [*FILLER[::-1], LEAD_B])
    lede_score, lede_features = _score_of(ledes, LEAD_A, LEAD_B)
    deep_score, deep_features = _score_of(deep, LEAD_A, LEAD_B)
    assert lede_features["lede"] == 1.0 and deep_features["lede"] == 0.0
    assert deep_features["position"] > lede_features["position"]
    assert lede_score > deep_score
    # only the position differs: the words, vectors and anchors of the pair are the same
    for name in ("meaning_cosine", "rare_cover", "anchors_shared", "min_mass", "predicate_cover"):
        assert lede_features[name] == deep_features[name]


def test_the_lede_is_the_first_few_claim_sentences():
    prepared = _prepared([*FILLER[:LEDE], LEAD_A, *FILLER[LEDE:]], [LEAD_B, *FILLER])
    _score, features = _score_of(prepared, LEAD_A, LEAD_B)
    assert features["lede"] == 0.0  # LEAD_A is the (LEDE + 1)th claim sentence of its article


def test_a_shared_figure_is_an_amount_a_share_or_a_count_of_ten_or_more():
    from desktop.core.matching.linking import specific_figure

    assert specific_figure("number:employee:[0,50)")  # "fewer than 50 employees"
    assert specific_figure("number::[100000,100001)") and specific_figure("money:USD:721000000")
    assert specific_figure("percent:10")
    assert not specific_figure("number:person:[2,3)")  # "two people": outlets share it by chance
    assert not specific_figure("number:employee:all") and not specific_figure("date:2024-07-20")
    assert not specific_figure("entity:person:kim zetter")
