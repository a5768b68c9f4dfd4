"""What the engine shows on fresh stories stays as good as it was judged (tests/data/fresh_judgements/):
a regression guard on rounds 2 to 5 and 14 to 20 of the judgements (held out when judged; figures in the README).
Needs ../shared (there in CI)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.core.fact_labels import CORPUS, fresh_groups

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/data/allsides-corpus")

# per round: links (judged at least, right share at least), central facts (article pairs, linked at
# least, linked or pointed to at least), quote speakers (judged at least, right share at least)
FLOORS = {
    # round 2: links 93 of 126 (0.74) when judged; central 24 linked, 62 linked or pointed to of 173;
    # speakers 310 of 434 when judged, 331 after rules written from its errors. With the position
    # features (2026-12-06; the links they made judged then): links 84 of 110, central 21 and 68
    2: {"links": (100, 0.74), "central": (173, 19, 62), "quotes": (420, 0.73)},
    # round 3: links 133 of 168 (0.79); central 15 linked, 67 linked or pointed to of 185;
    # speakers 365 of 478 when judged (0.76), 370 after rules from rounds 1 and 2. With the
    # position features: links 137 of 176, central 21 and 66
    3: {"links": (160, 0.76), "central": (185, 19, 62), "quotes": (470, 0.75)},
    # round 4: links 125 of 158 (0.79); central 10 linked, 55 linked or pointed to of 185;
    # speakers 408 of 556 (0.73), all judged on a5a8ccb (held out). With the position features
    # (chosen on dev and rounds 1-3; the new links judged after): links 110 of 140, central 12 and 60
    4: {"links": (130, 0.77), "central": (185, 11, 56), "quotes": (540, 0.71)},
    # round 5: links 53 of 65 (0.82); central 17 linked, 50 linked or pointed to of 134; speakers
    # 294 of 398 (0.74), all judged on 3d2eabd (held out)
    5: {"links": (60, 0.79), "central": (134, 15, 46), "quotes": (390, 0.72)},
    # round 14: links 98 of 140 (0.70; 129 links since the attribution after a quotation is cut off,
    # 2026-12-07 night); central 26 linked, 68 linked or pointed to of 202; speakers
    # 411 of 494 (0.83), all judged on 419cdc8 (held out)
    14: {"links": (125, 0.67), "central": (202, 23, 62), "quotes": (480, 0.80)},
    # round 15: links 69 of 105 (0.66); central 16 linked, 47 linked or pointed to of 148 (judged on
    # 0890a36, held out; no quotes judged)
    15: {"links": (95, 0.63), "central": (148, 14, 43)},
    # round 16: links 97 of 116 (0.84; 52 of its 53 links are of one group, f179, whose outlets
    # share the AP's copy: 45 of 63 without it); central 22 linked, 47 linked or pointed to of 110;
    # speakers 300 of 372 (0.81), all judged on 5a1feec (held out)
    16: {"links": (105, 0.80), "central": (110, 20, 44), "quotes": (360, 0.78)},
    # round 17: links 97 of 119 (0.82); central 17 linked, 66 linked or pointed to of 161; speakers
    # 356 of 465 (0.77), all judged on 62dab81, after the fragment and speaker rules of 2026-12-07 (held out)
    17: {"links": (110, 0.78), "central": (161, 15, 62), "quotes": (450, 0.74)},
    # round 18: links 104 of 130 (0.80; less sure 14 of 29, the others 90 of 101); central 37 linked, 91
    # linked or pointed to of 184; speakers 310 of 389 (0.80), all judged on 6cfbcf6 (held out)
    18: {"links": (120, 0.76), "central": (184, 33, 85), "quotes": (375, 0.77)},
    # round 19: speakers 390 of 509 (0.77), judged on ea05b79, after the speaker rules of 2026-12-07 late
    # evening (held out; no links judged)
    19: {"quotes": (490, 0.74)},
    # round 20: links 60 of 85 (0.71; less sure 14 of 20, the others 46 of 65); central 13 linked, 51 linked
    # or pointed to of 157; judged on 251c2aa (held out; links unchanged since round 18's engine)
    20: {"links": (80, 0.67), "central": (157, 11, 46)},
    # round 21: links 148 of 169 (0.88; less sure 9 of 17, the others 139 of 152); central 34 linked, 79
    # linked or pointed to of 183; judged on 6739bdf, after the titles rule (held out)
    21: {"links": (160, 0.84), "central": (183, 30, 72)},
    # round 22: links 70 of 94 (0.74; less sure 16 of 27, the others 54 of 67); central 19 linked, 71
    # linked or pointed to of 178; judged on dc1aaee, after every link change of 2026-12-07 night (held out)
    22: {"links": (88, 0.70), "central": (178, 16, 64)},
    # round 23: speakers 526 of 635 (0.83), judged on d5b7445, after the speaker fixes of 2026-12-07 night
    # (held out; no links judged)
    23: {"quotes": (610, 0.80)},
    # round 24: links 95 of 121 (0.79; less sure 21 of 34, the others 74 of 87); central 27 linked of 160
    # (0.38 linked or pointed to); speakers 415 of 564 (0.74); judged on 36729c7 (held out; its speaker
    # errors read since and rules written from them: 434 of 564)
    24: {"links": (110, 0.75), "central": (160, 24, 55), "quotes": (540, 0.71)},
    # round 25: links 123 of 149 (0.83; less sure 21 of 28, the others 102 of 121); central 23 linked of 166
    # (0.45 linked or pointed to); speakers 414 of 501 (0.83); judged on 757b65c (held out; its speaker
    # errors read since and rules written from them: 421 of 501)
    25: {"links": (135, 0.79), "central": (166, 20, 68), "quotes": (480, 0.79)},
    # round 26: links 100 of 131 (0.76; less sure 13 of 32, the others 87 of 99); central 15 linked of 156
    # (0.31 linked or pointed to); speakers 374 of 473 (0.79); judged on 05aa919 (held out; its speaker
    # errors read since and rules written from them: 380 of 473)
    26: {"links": (120, 0.72), "central": (156, 12, 44), "quotes": (450, 0.75)},
    # round 27: speakers 357 of 446 (0.80), judged on a54cc73, after the speaker rules written from rounds
    # 23-26 (held out; no links judged)
    27: {"quotes": (430, 0.76)},
    # round 28: speakers 440 of 521 (0.84), judged on 5b7ab2d, after every speaker rule of 2026-12-07 night
    # (held out; no links judged)
    28: {"quotes": (500, 0.80)},
    # round 29: speakers 438 of 543 (0.81), judged on 5c6f367, the final engine of 2026-12-07 night (held out;
    # its speaker errors read on 2026-12-08 and rules written from them: 456 of 543)
    29: {"quotes": (520, 0.80)},
    # round 30: links 50 of 73 (0.68; less sure 7 of 16, the others 43 of 57); central 24 linked of 114 (0.52
    # linked or pointed to); speakers 542 of 678 (0.80); judged on 0e80ce3 (held out; its speaker errors read
    # since and rules written from them: 547 of 678)
    30: {"links": (65, 0.63), "central": (114, 21, 54), "quotes": (650, 0.76)},
    # round 31: links 61 of 82 (0.74; less sure 16 of 26, the others 45 of 56); central 14 linked of 145 (0.36
    # linked or pointed to); speakers 417 of 516 (0.81); judged on 416f110 (held out; its speaker errors read since
    # and rules written from them: 429 of 516)
    31: {"links": (75, 0.69), "central": (145, 12, 47), "quotes": (495, 0.80)},
    # round 32: speakers 474 of 591 (0.80), judged on 9302616, the final engine of 2026-12-08 (held out)
    32: {"quotes": (570, 0.76)},
    # round 33: links 141 of 172 (0.82; less sure 22 of 38, the others 119 of 134); central 28 linked of 157 (0.46
    # linked or pointed to); speakers 290 of 370 (0.78); judged on the final engine of 2026-12-08 (held out)
    33: {"links": (160, 0.77), "central": (157, 25, 66), "quotes": (350, 0.74)},
}


@pytest.fixture(scope="module")
def judged_rounds():
    import fresh_quality

    names = {f"f{n:03d}" for r in FLOORS for n in (*fresh_quality.ROUNDS[r]["links"],
                                                   *fresh_quality.ROUNDS[r]["quotes"])}
    return fresh_quality.figures(fresh_groups(frozenset(names)))


@pytest.mark.parametrize("judging_round", sorted(r for r in FLOORS if "links" in FLOORS[r]))
def test_shared_fact_links_on_fresh_stories_stay_right(judged_rounds, judging_round):
    right, judged, unjudged = judged_rounds[0][judging_round]["links"]
    least, share = FLOORS[judging_round]["links"]
    # a lower share, or many links nobody judged, is a change to look at
    assert judged >= least and right / judged >= share and unjudged <= 10


@pytest.mark.parametrize("judging_round", sorted(r for r in FLOORS if "central" in FLOORS[r]))
def test_central_facts_on_fresh_stories_stay_linked_or_pointed_to(judged_rounds, judging_round):
    pairs, found, pointed = judged_rounds[1][judging_round]
    assert (pairs, found >= FLOORS[judging_round]["central"][1], pointed >= FLOORS[judging_round]["central"][2]) == \
        (FLOORS[judging_round]["central"][0], True, True)


@pytest.mark.parametrize("judging_round", sorted(r for r in FLOORS if "quotes" in FLOORS[r]))
def test_quote_speakers_on_fresh_stories_stay_right(judged_rounds, judging_round):
    right, judged, unjudged = judged_rounds[0][judging_round]["quotes"]
    least, share = FLOORS[judging_round]["quotes"]
    assert judged >= least and right / judged >= share and unjudged <= 15
