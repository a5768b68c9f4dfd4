"""Print how well ``desktop.core.matching.similarity`` separates paraphrases, and how fast it is.

    .venv/bin/pip install numpy        # for this script only
    .venv/bin/python benchmarks/similarity_quality.py

On all of MSRP train (``../shared/data/msrp/msr_paraphrase_train.txt``):

* 10-fold cross-validated ROC-AUC and accuracy: for each fold, the logistic regression is
  fitted on the other nine folds with the training script's settings and scores the held
  fold, so the shipped model's in-sample fit is not what is reported; accuracy at the
  threshold that maximises it over the pooled out-of-fold scores, and at the shipped
  ``MATCH_THRESHOLD``;
* the token-Jaccard baseline's AUC, for reference;
* the shipped model on the last ``HELD_OUT`` pairs, which it was not fitted on;
* the mean time of one ``similarity`` call: warm (sentences seen before, the aligner's
  case: it scores each sentence against many) and cold (per-sentence caches cleared).
"""

from __future__ import annotations

import importlib
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_similarity as training

sim = importlib.import_module("desktop.core.matching.similarity")  # the module, not the function

_WORD = re.compile(r"\w+")


def jaccard(a: str, b: str) -> float:
    words_a, words_b = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


def mean_microseconds(pairs: list[tuple[int, str, str]], cold: bool) -> float:
    sim.similarity("warm up", "the model")
    if not cold:
        for _, a, b in pairs:
            sim.similarity(a, b)
    if cold:
        sim._profile.cache_clear()
    start = time.perf_counter()
    for _, a, b in pairs:
        sim.similarity(a, b)
    return (time.perf_counter() - start) / len(pairs) * 1e6


def main() -> None:
    pairs = training.load_msrp()
    labels = [label for label, _, _ in pairs]
    x, y = training.feature_matrix(pairs)
    scores = training.out_of_fold(x, y)
    threshold, accuracy = training.best_threshold(scores, y)
    at_shipped = float(((scores >= sim.MATCH_THRESHOLD) == (y == 1)).mean())
    positives = sum(labels) / len(labels)
    print(f"MSRP train: {len(pairs)} pairs, {positives:.1%} paraphrases")
    print(f"similarity, 10-fold CV:  ROC-AUC {training.roc_auc(list(scores), labels):.4f}")
    print(f"  accuracy {accuracy:.4f} at the best threshold {threshold:.3f}")
    print(f"  accuracy {at_shipped:.4f} at MATCH_THRESHOLD {sim.MATCH_THRESHOLD}")
    print(f"  (always saying 'paraphrase': accuracy {positives:.4f})")

    baseline = [jaccard(a, b) for _, a, b in pairs]
    print(f"token Jaccard baseline:  ROC-AUC {training.roc_auc(baseline, labels):.4f}")

    held = pairs[-training.HELD_OUT :]
    held_scores = [sim.similarity(a, b) for _, a, b in held]
    held_labels = [label for label, _, _ in held]
    held_accuracy = np.mean(
        [
            (score >= sim.MATCH_THRESHOLD) == (label == 1)
            for score, label in zip(held_scores, held_labels)
        ]
    )
    print(
        f"shipped model on the last {len(held)} pairs (not fitted on): "
        f"ROC-AUC {training.roc_auc(held_scores, held_labels):.4f}, accuracy {held_accuracy:.4f}"
    )

    print(
        f"similarity(): {mean_microseconds(pairs, cold=False):.1f} µs per pair warm, "
        f"{mean_microseconds(pairs, cold=True):.1f} µs cold ({len(pairs)} pairs)"
    )


if __name__ == "__main__":
    main()
