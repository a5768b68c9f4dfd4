"""Quality of the comparison on the bundled story against hand-made labels.

Prints precision and recall of cross-source claim links (sentence level), and which of the
labelled conflicts were found. Labels: tests/data/bundled_story_labels.json.
Run: python benchmarks/matching_quality.py
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.library import open_library
from desktop.core.matching.compare import compare
from desktop.core.matching.segment import segment_sentences
from tests.core.story_labels import (
    gold_pairs,
    labelled_sentences,
    load_labels,
    score_links,
)


def evaluate(verbose: bool = False) -> dict:
    labels = load_labels()
    with open_library(memory=True) as store:
        articles = [store.article(a) for a in store.stories()[0].article_ids]
    key_of = {file: key for key, file in labels["articles"].items()}
    keys = {a.id: key_of[a.origin.rsplit("/", 1)[1]] for a in articles}
    texts = {keys[a.id]: a.text for a in articles}
    sentences = {keys[a.id]: segment_sentences(a.body_text) for a in articles}
    comparison = compare(articles)

    def ref(article: int, start: int) -> tuple[str, int]:
        key = keys[article]
        return key, next(i for i, s in enumerate(sentences[key]) if s.start <= start < s.end)

    predicted = set()
    for fact in comparison.facts:
        if fact.kind == "claim" and fact.sources > 1:
            refs = {ref(m.article, m.start) for m in fact.mentions}
            predicted |= {frozenset(p) for p in combinations(sorted(refs), 2) if p[0][0] != p[1][0]}
    gold = gold_pairs(labels, texts, sentences)
    scores = score_links(predicted, gold, labelled_sentences(labels, texts, sentences))

    found_conflicts = []
    for expected in labels["conflicts"]:
        wanted = {(a, texts[a].index(s) + s.index(v)) for a, s, v in expected["mentions"]}
        hit = any(
            len(wanted & {(keys[m.article], m.start) for m in c.mentions}) >= 2 for c in comparison.conflicts
        )
        found_conflicts.append((expected["label"], hit))
    scores["conflicts_found"] = sum(hit for _, hit in found_conflicts)
    scores["conflicts_labelled"] = len(found_conflicts)
    scores["conflicts_reported"] = len(comparison.conflicts)
    if verbose:
        for label, hit in found_conflicts:
            print(f"  conflict {'found ' if hit else 'MISSED'}: {label}")
        for pair in sorted(gold - predicted, key=sorted):
            a, b = sorted(pair)
            print(f"  missed link {a} {sentences[a[0]][a[1]].text[:60]!r} ~ {b} {sentences[b[0]][b[1]].text[:60]!r}")
    return scores


if __name__ == "__main__":
    result = evaluate(verbose="-v" in sys.argv)
    print(f"cross-source claim links: precision {result['precision']:.2f} "
          f"(on labelled sentences {result['judged_precision']:.2f}), recall {result['recall']:.2f} "
          f"({result['predicted']} predicted, {result['gold']} labelled)")
    print(f"conflicts: {result['conflicts_found']}/{result['conflicts_labelled']} labelled found, "
          f"{result['conflicts_reported']} reported")
