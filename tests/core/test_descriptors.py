"""What a claim says about someone is read without the title it names them with: two outlets
describe "the US special envoy to the anti-ISIS coalition Brett McGurk" alike whatever they report
him saying (issue #12: links between claims that share a person and nothing else)."""

from __future__ import annotations

import pytest

from desktop.core.matching.descriptors import without_descriptors
from desktop.core.matching.linking import FEATURES, PairScorer, predicate_terms


@pytest.mark.parametrize("text, gone, kept", [
    ("Only last week, the US special envoy to the anti-ISIS coalition Brett McGurk said US forces would remain.",
     ["special", "envoy", "coalition", "anti-ISIS"], ["said", "forces", "would", "remain", "last", "week"]),
    ("Last week, the administration’s special envoy for the anti-ISIS coalition, Brett McGurk, characterized it.",
     ["envoy", "coalition", "administration’s"], ["characterized", "week"]),
    ("Trump fired FBI director James Comey on Tuesday.", ["director"], ["fired", "on", "Tuesday"]),
    ("the lawsuit filed by the state attorney general Josh Shapiro", ["attorney", "general", "state"],
     ["lawsuit", "filed", "by"]),
    ("A victory by Ossoff, a 30-year-old documentary filmmaker and former congressional aide, would send a message.",
     ["filmmaker", "aide", "documentary"], ["victory", "would", "send", "message"]),
    # a place described the same way by two outlets (round 14: two different facts linked on it)
    ("The fire destroyed 200 homes and sent hundreds fleeing from Yarnell, a town of about 700 residents.",
     ["town", "residents", "700"], ["destroyed", "homes", "fleeing"]),
])
def test_the_title_or_apposition_of_a_named_person_is_left_out(text, gone, kept):
    words = [w.strip(".") for w in without_descriptors(text).split()]
    for word in gone:
        assert word not in words
    for word in kept:
        assert word in words


@pytest.mark.parametrize("text", [
    "He met with the families of the victims and Governor Abbott.",  # no title before the name
    "The council, a body of nine elected members, voted on Tuesday.",  # an apposition of no named person
    "Schumer, the leader who said the bill was dead, spoke on Tuesday.",  # an apposition that says something
    "Paris, the city where the deal was signed, hosted the talks.",  # a clause of its own
    "The leader said the talks would resume.",  # a role with no name: the claim's subject
])
def test_words_that_say_something_stay(text):
    assert without_descriptors(text).split() == text.replace(",", " ,").split()


def test_two_claims_sharing_only_a_person_and_his_title_share_no_predicate():
    """The round-20 false link: one envoy, two different statements of his."""
    a = ("Last week, the administration’s special envoy for the anti-ISIS coalition, Brett McGurk, characterized "
         "a hypothetical withdrawal as “reckless.”")
    b = ("Only last week, the US special envoy to the anti-ISIS coalition Brett McGurk said US forces would remain "
         "in Syria even after the terror group was defeated.")
    shared = set(predicate_terms(a)) & set(predicate_terms(b))
    assert not shared & set(predicate_terms("special envoy coalition"))


def test_a_claim_restated_keeps_its_predicate_cover():
    """Two wordings of one statement still share what they say of the person."""
    from desktop.core.matching import align
    from tests.core.fact_labels import _article

    first = "The US special envoy Brett McGurk said American forces would remain in Syria after the defeat of the group."
    second = "Special envoy Brett McGurk said that US forces would remain in Syria even after the group's defeat."
    articles = [_article(1, first), _article(2, second)]
    prepared = align.prepare({a.id: a.body_text for a in articles}, align.anchor_finder(articles))
    scorer: PairScorer = prepared.scorer
    features = dict(zip(FEATURES, scorer.features(0, 1)))
    assert features["predicate_cover"] > 0.5
