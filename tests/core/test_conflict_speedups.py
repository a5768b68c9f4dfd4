"""Shortcuts of the conflict finder that must give what the plain way gives: the word filters in front
of value_roles' patterns (``_Needled``) never hide a match, and Clauses finds the span a walk finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.matching import value_roles
from desktop.core.matching.value_roles import _Needled

NEEDLED = {name: p for name, p in vars(value_roles).items() if isinstance(p, _Needled)}

# one phrase or more for each alternative of each filtered pattern: before (searched) or after (matched)
BEFORE = [
    "analysts had expected", "Economists forecast", "the projected", "a projection of", "predictions of",
    "an estimated", "anticipated", "the consensus was", "the target of", "he hoped for", "hoping for", "aims for",
    "the goal of", "plans to hire", "would reach", "could rise to", "economists surveyed by Reuters expected",
    "polled by Bloomberg", "had been looking for", "called for", "the outlook is", "guidance of", "predicts",
    "compared with", "compared to the", "up from", "down from", "from an earlier", "versus", "vs.", "than the previous",
    "revised up to", "revised down from", "previously", "previous", "prior", "an average of", "the average",
    "a record of", "the most since", "the worst since", "rose 3 percent from", "fell sharply from",
    "the prior", "a year earlier", "a year ago the", "from", "since the", "since", "revised", "revisions of",
    "on average", "averaged", "would have hired", "could not have been won", "will need to", "’ll have to",
    "'ll need to", "if he wins", "unless they take", "in some cases, by", "in many places", "the margin of error",
    "a margin of sampling error of",
]
AFTER = [
    " than expected", " forecast by economists", " predicted", " as projected", " estimated in March",
    " anticipated", " economists had expected", " analysts predicted", " had been expecting",
    " a year ago", " the month before", " last quarter", " in the same period", " the previous week",
    " earlier this year", " before the recession", " at the start of the year", ", down from an earlier estimate",
    " on average", " margin of error", " sampling error",
]


BEFORE += [text + " " for text in BEFORE]  # as they stand before a value


def _agree(pattern: _Needled, text: str) -> None:
    assert bool(pattern.search(text)) == bool(pattern.pattern.search(text)), text
    assert bool(pattern.match(text)) == bool(pattern.pattern.match(text)), text


def test_every_filtered_pattern_is_exercised():
    hits = {name for name, p in NEEDLED.items() for text in BEFORE + AFTER
            if p.pattern.search(text) or p.pattern.match(text)}
    assert hits == set(NEEDLED)


@pytest.mark.parametrize("name", sorted(NEEDLED))
def test_filter_keeps_every_match_of_the_phrases(name):
    for text in BEFORE + AFTER + [t.upper() for t in BEFORE + AFTER] + [t.title() for t in BEFORE + AFTER]:
        _agree(NEEDLED[name], text)


def test_filter_keeps_every_match_on_the_bundled_story():
    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[2] / "corpus").glob("*"))
             if p.is_file()]
    assert texts
    checked = 0
    for text in texts:
        for at in range(0, len(text), 5):
            for window in (text[max(0, at - 120):at], text[at:at + 120]):
                for pattern in NEEDLED.values():
                    _agree(pattern, window)
                    checked += 1
    assert checked > 10_000


def test_filter_skips_text_without_its_words():
    assert NEEDLED["_BASELINE_BEFORE"].search("the company said on Tuesday it will lay off") is None
    assert NEEDLED["_BASELINE_BEFORE"].search("the company said it was up 3 percent from") is not None


def test_spans_find_what_a_walk_finds():
    """Clauses finds a value's sentence and clause by bisection; the answer is the first span holding it."""
    import random

    from desktop.core.matching.conflict_context import _Spans

    rng = random.Random(7)
    for _ in range(300):
        cuts = sorted(rng.sample(range(200), 12))
        ordered = list(zip(cuts[::2], cuts[1::2]))
        jumbled = [(s, s + rng.randrange(0, 60)) for s in sorted(rng.sample(range(200), 6))]
        for spans in (ordered, jumbled):
            found = _Spans(spans)
            for start in range(0, 200, 3):
                for end in (start, start + 1, start + 7):
                    walk = next(((s, e) for s, e in spans if s <= start and end <= e), None)
                    assert found.holding(start, end) == walk, (spans, start, end)
    assert _Spans([(0, 10), (10, 20)]).ordered and not _Spans([(0, 10), (5, 20)]).ordered
    assert _Spans([(0, 10), (10, 20)]).holding(10, 10) == (0, 10)  # an empty range at a shared edge: the first
    assert _Spans([(0, 10), (10, 20)]).holding(10, 11) == (10, 20)
