"""Fit the sentence-similarity model shipped in desktop/core/.

    .venv/bin/pip install numpy        # for this script only; the app never imports it
    .venv/bin/python benchmarks/train_similarity.py

1. IDF table: document frequency of each normalised stem over the sentences of the
   AllSides news sample (``../shared/data/allsides-sample/articles.jsonl``), written to
   ``desktop/core/matching/idf.json`` (stems seen in at least two sentences; the raw text is not
   shipped).
2. Model: L2-regularised logistic regression over ``desktop.core.matching.similarity.features`` on
   MSRP train (``../shared/data/msrp/msr_paraphrase_train.txt``), leaving out the last
   ``HELD_OUT`` pairs, which tests/core/test_similarity.py scores as unseen data.
3. Threshold: the cut that maximises accuracy on out-of-fold predictions of a 10-fold
   cross-validation over the same training pairs.

Weights, bias and threshold go to ``desktop/core/matching/similarity_weights.json``.
"""

from __future__ import annotations

import importlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.core.matching.segment import segment_sentences  # noqa: E402

# The module, not the function desktop.core re-exports under the same name.
sim = importlib.import_module("desktop.core.matching.similarity")

SHARED = ROOT.parent / "shared" / "data"
if not SHARED.exists():
    SHARED = Path("/work/shared/data")
MSRP = SHARED / "msrp" / "msr_paraphrase_train.txt"
ALLSIDES = SHARED / "allsides-sample" / "articles.jsonl"
IDF_PATH = ROOT / "desktop" / "core" / "matching" / "idf.json"
WEIGHTS_PATH = ROOT / "desktop" / "core" / "matching" / "similarity_weights.json"
HELD_OUT = 500  # the last pairs of MSRP train, never used for fitting the shipped model
L2 = 10.0  # ridge penalty on standardised weights
MIN_DF = 2


def load_msrp(path: Path = MSRP) -> list[tuple[int, str, str]]:
    """(label, sentence 1, sentence 2) per pair. Read as plain tab-separated lines: the
    sentences contain unbalanced quotes, and one line of the file lacks its line break."""
    pairs = []
    lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]
    for line in lines:
        fields = line.split("\t")
        while len(fields) >= 5:
            label, _, _, first, second = fields[:5]
            rest = fields[5:]
            if rest and second[-1:] in "01" and len(rest) >= 4:  # two records on one line
                rest = [second[-1]] + rest
                second = second[:-1]
            pairs.append((int(label), first, second))
            fields = rest
    return pairs


def build_idf() -> dict:
    documents = 0
    df: Counter[str] = Counter()
    for line in ALLSIDES.read_text(encoding="utf-8").splitlines():
        text = json.loads(line).get("content_original") or ""
        for sentence in segment_sentences(text):
            documents += 1
            df.update(set(sim.normalise(sentence.text)))
    kept = {word: count for word, count in sorted(df.items()) if count >= MIN_DF}
    return {"documents": documents, "min_df": MIN_DF, "df": kept}


def feature_matrix(pairs: list[tuple[int, str, str]]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([sim.features(a, b) for _, a, b in pairs], dtype=float)
    y = np.array([label for label, _, _ in pairs], dtype=float)
    return x, y


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method on standardised features; weights returned
    for the raw features."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    weights = w[1:] / scale
    bias = w[0] - float((w[1:] * mean / scale).sum())
    return weights, bias


def predict(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ weights + bias)))


def folds(n: int, k: int = 10, seed: int = 13) -> list[np.ndarray]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [np.array(sorted(order[i::k])) for i in range(k)]


def out_of_fold(x: np.ndarray, y: np.ndarray, k: int = 10) -> np.ndarray:
    """Each pair scored by a model fitted on the other folds."""
    scores = np.zeros(len(y))
    for test in folds(len(y), k):
        train = np.setdiff1d(np.arange(len(y)), test)
        weights, bias = fit(x[train], y[train])
        scores[test] = predict(x[test], weights, bias)
    return scores


def roc_auc(scores, labels) -> float:
    """Rank-based ROC-AUC (ties count half)."""
    ranked = sorted(zip(scores, labels))
    rank_sum, i, n = 0.0, 0, len(ranked)
    while i < n:
        j = i
        while j < n and ranked[j][0] == ranked[i][0]:
            j += 1
        average_rank = (i + j + 1) / 2
        rank_sum += average_rank * sum(1 for _, label in ranked[i:j] if label == 1)
        i = j
    positives = sum(1 for _, label in ranked if label == 1)
    negatives = n - positives
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(threshold, accuracy) maximising accuracy of ``score >= threshold``; the threshold is
    put midway between neighbouring scores."""
    order = np.argsort(scores)
    s, ordered = scores[order], labels[order]
    positives_above = np.concatenate([np.cumsum(ordered[::-1])[::-1], [0]])
    negatives_below = np.concatenate([[0], np.cumsum(1 - ordered)])
    correct = positives_above + negatives_below  # cut before index i
    best = int(np.argmax(correct))
    if best == 0:
        threshold = float(s[0])
    elif best == len(s):
        threshold = float(s[-1]) + 1e-9
    else:
        threshold = float((s[best - 1] + s[best]) / 2)
    return threshold, float(correct[best] / len(s))


def main() -> None:
    idf = build_idf()
    IDF_PATH.write_text(json.dumps(idf, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"idf.json: {len(idf['df'])} stems from {idf['documents']} sentences")
    sim._idf.cache_clear()
    sim._profile.cache_clear()

    pairs = load_msrp()
    train_pairs = pairs[:-HELD_OUT]
    x, y = feature_matrix(train_pairs)
    scores = out_of_fold(x, y)
    threshold, accuracy = best_threshold(scores, y)
    print(f"MSRP train pairs used: {len(train_pairs)} (last {HELD_OUT} held out)")
    print(f"10-fold CV on them: AUC {roc_auc(scores, y):.4f}, accuracy {accuracy:.4f}")
    print(f"threshold maximising CV accuracy: {threshold:.3f}")

    weights, bias = fit(x, y)
    model = {
        "features": list(sim.FEATURE_NAMES),
        "weights": [round(float(w), 6) for w in weights],
        "bias": round(float(bias), 6),
        "threshold": round(threshold, 3),
        "trained_on": f"MSRP train, first {len(train_pairs)} pairs; L2 {L2} on standardised "
        "features; threshold from 10-fold CV accuracy",
    }
    WEIGHTS_PATH.write_text(json.dumps(model, indent=1) + "\n")
    for name, weight in zip(sim.FEATURE_NAMES, weights):
        print(f"  {name:22s} {weight:+.3f}")
    print(f"  {'bias':22s} {bias:+.3f}")


if __name__ == "__main__":
    main()
