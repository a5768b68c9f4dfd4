"""Claim matching quality against hand labels: the bundled story (held out), the AllSides dev groups
(tuned on) and the held-out AllSides groups, as precision / recall / F1 of cross-article mention pairs.

Run: python benchmarks/claim_quality.py [-v]   (needs ../shared for the AllSides groups)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.matching.compare import compare
from tests.core.fact_labels import Score, bundled_story, news_stories, predicted_facts, score


def evaluate(stories, verbose: bool = False) -> Score:
    total = Score()
    for story in stories:
        result = score(story, predicted_facts(compare(story.articles)))
        total += result
        if verbose:
            print(f"  {story.name}: P {result.precision:.2f} (judged {result.judged_precision:.2f}) "
                  f"R {result.recall:.2f}  ({result.predicted} predicted, {result.gold} labelled)")
    return total


def line(label: str, result: Score) -> str:
    return (f"{label:<28} precision {result.precision:.2f} (judged {result.judged_precision:.2f})  "
            f"recall {result.recall:.2f}  F1 {result.f1:.2f}   [{result.predicted} pairs predicted, "
            f"{result.gold} labelled]")


def main() -> None:
    verbose = "-v" in sys.argv
    started = time.perf_counter()
    print(line("bundled story (held out)", evaluate([bundled_story()], verbose)))
    print(line("AllSides dev (22 groups)", evaluate(news_stories("dev"), verbose)))
    print(line("AllSides held out (9 groups)", evaluate(news_stories("test"), verbose)))
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
