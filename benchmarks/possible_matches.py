"""How often a "possibly also in" suggestion is right, against the hand labels of claim_quality.py.

For every fact (shared or exclusive) and each of its possible matches, the suggestion is *right*
when the fact's mention and the suggested claim overlap mentions of one labelled fact, and
*judged* when both overlap labelled spans at all (unlabelled sentences are neither right nor
wrong). Also printed: how many labelled pairs the links miss and how many of those a suggestion
points to (what a reader can recover by checking the suggestions).

Splits: the bundled story (held out), the AllSides dev groups (the floor was chosen on these) and
the held-out AllSides groups (read once the floor was fixed).

Run: python benchmarks/possible_matches.py   (needs ../shared for the AllSides groups)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.matching.compare import compare
from desktop.core.matching.possible import POSSIBLE_FLOOR
from tests.core.fact_labels import _overlaps, bundled_story, news_stories


def evaluate(stories) -> dict[str, int]:
    counts = {"shown": 0, "judged": 0, "right": 0, "missed": 0, "pointed": 0}
    for story in stories:
        comparison = compare(story.articles)
        labelled = story.labelled_spans()

        def span(m):
            return (m.article, m.start, m.end)

        def same_fact(u, v, facts=story.facts) -> bool:
            return any(any(_overlaps(u, g) for g in gf) and any(_overlaps(v, g) for g in gf) for gf in facts)

        linked, suggested = [], []
        for fact in comparison.facts:
            if fact.kind != "claim":
                continue
            if fact.sources > 1:
                linked.append([span(m) for m in fact.mentions])
            for p in fact.possible:
                counts["shown"] += 1
                pairs = [(span(m), span(p.mention)) for m in fact.mentions]
                suggested += pairs
                if any(any(_overlaps(u, s) for s in labelled) and any(_overlaps(v, s) for s in labelled)
                       for u, v in pairs):
                    counts["judged"] += 1
                    counts["right"] += any(same_fact(u, v) for u, v in pairs)
        for in_a, in_b in story.gold_pairs():
            if any(any(_overlaps(u, g) for u in fact for g in in_a) and any(_overlaps(u, g) for u in fact for g in in_b)
                   for fact in linked):
                continue
            counts["missed"] += 1
            counts["pointed"] += any((any(_overlaps(u, g) for g in in_a) and any(_overlaps(v, g) for g in in_b))
                                     or (any(_overlaps(u, g) for g in in_b) and any(_overlaps(v, g) for g in in_a))
                                     for u, v in suggested)
    return counts


def main() -> None:
    print(f"possible matches at floor {POSSIBLE_FLOOR}")
    for name, stories in (("bundled story (held out)", [bundled_story()]),
                          ("AllSides dev (floor chosen here)", news_stories("dev")),
                          ("AllSides held out", news_stories("test"))):
        c = evaluate(stories)
        precision = c["right"] / c["judged"] if c["judged"] else float("nan")
        print(f"{name:<34} {c['shown']} suggestions, {c['judged']} judged, right {c['right']} = {precision:.2f}; "
              f"labelled pairs the links miss: {c['missed']}, a suggestion points to {c['pointed']}")


if __name__ == "__main__":
    main()
