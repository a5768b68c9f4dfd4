"""Hand-made expectations for the bundled story and how a comparison is scored against them.

Used by the matching tests and by benchmarks/matching_quality.py.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

LABELS = Path(__file__).parents[1] / "data" / "bundled_story_labels.json"


def load_labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def sentence_of(article_text: str, sentences, snippet: str) -> int:
    """Index of the sentence that contains the snippet's first character."""
    offset = article_text.index(snippet)
    for i, s in enumerate(sentences):
        if s.start <= offset < s.end:
            return i
    raise ValueError(f"snippet not inside any sentence: {snippet!r}")


def gold_pairs(labels: dict, texts: dict[str, str], sentences: dict[str, list]) -> set[frozenset]:
    pairs = set()
    for group in labels["same_fact"]:
        refs = {(a, sentence_of(texts[a], sentences[a], s)) for a, s in group["mentions"]}
        pairs |= {frozenset(p) for p in combinations(sorted(refs), 2) if p[0][0] != p[1][0]}
    return pairs


def labelled_sentences(labels: dict, texts, sentences) -> set[tuple[str, int]]:
    refs = {(a, sentence_of(texts[a], sentences[a], s)) for g in labels["same_fact"] for a, s in g["mentions"]}
    refs |= {(a, sentence_of(texts[a], sentences[a], s)) for a, s in labels["exclusive"]}
    return refs


def score_links(predicted: set[frozenset], gold: set[frozenset], judged: set) -> dict[str, float]:
    """Precision and recall of cross-source sentence links. ``judged`` precision counts only
    predicted links whose two sentences were labelled (the labels do not cover every sentence)."""
    hits = predicted & gold
    judged_pred = {p for p in predicted if all(ref in judged for ref in p)}
    return {
        "precision": len(hits) / len(predicted) if predicted else 1.0,
        "judged_precision": len(hits & judged_pred) / len(judged_pred) if judged_pred else 1.0,
        "recall": len(hits) / len(gold) if gold else 1.0,
        "predicted": len(predicted),
        "gold": len(gold),
    }
