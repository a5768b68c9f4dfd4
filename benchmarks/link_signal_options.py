"""Would another meaning signal help the claim-link model? (issue #12; printed, never asserted)

The shipped model (``desktop/core/matching/claim_links.json``) scores candidate claim pairs from
the features of ``desktop.core.matching.linking.FEATURES``. This script adds one more signal at a
time to those features and refits the same logistic regression (``train_claim_links.fit``) with
leave-one-group-out over the 22 dev groups of tests/data/news_facts:

* ``soft alignment``: each content word matched to its nearest word of the other claim in the
  shipped meaning vectors (cosine of the word rows), weighted by the rows' SIF weights, averaged
  both ways (a static-vector cousin of BERTScore);
* ``wordllama`` (only when ``wordllama`` is installed: ``pip install wordllama==0.4.0.post1``, MIT;
  its 256-dimension table ships in the wheel, 16 MB): the cosine of its sentence embeddings, and
  its five nearest claims of other articles as extra candidates.

Figures: ROC-AUC of the out-of-fold scores over the candidate pairs, and the share of all labelled
same-fact pairs (candidates or not) linked at the best cut whose out-of-fold precision reaches 0.85
and 0.75. Dev groups only: the held-out groups stay unread.

Run: python benchmarks/link_signal_options.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from train_claim_links import fit, gold_of, prepare  # noqa: E402

from desktop.core.matching.meaning import packaged  # noqa: E402
from tests.core.fact_labels import news_stories  # noqa: E402


def _wordllama():
    try:
        from safetensors import safe_open
        from wordllama import WordLlama, wordllama
        from wordllama.wordllama import WordLlamaInference
    except ImportError:
        return None
    folder = Path(wordllama.__file__).parent  # load the files in the wheel: WordLlama.load() would download
    tokenizer = WordLlama.load_tokenizer(folder / "tokenizers" / "l2_supercat_tokenizer_config.json")
    with safe_open(folder / "weights" / "l2_supercat_256.safetensors", "np") as f:
        return WordLlamaInference(f.get_tensor("embedding.weight"), tokenizer)


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores)] = np.arange(1, len(scores) + 1)
    positives = labels.sum()
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * (len(labels) - positives)))


def main() -> None:
    vectors = packaged()
    norms = np.linalg.norm(vectors.matrix, axis=1) + 1e-9
    unit = vectors.matrix / norms[:, None]

    def soft(a: list[int], b: list[int]) -> float:
        if not a or not b:
            return 0.0
        a, b = np.array(sorted(set(a))), np.array(sorted(set(b)))
        sims = unit[a] @ unit[b].T
        return 0.5 * float((norms[a] * sims.max(1)).sum() / norms[a].sum() + (norms[b] * sims.max(0)).sum() / norms[b].sum())

    wl = _wordllama()
    rows: dict[str, list] = {"shipped candidates": [], "+ wordllama candidates": []}
    gold_total = 0
    for group, story in enumerate(news_stories("dev")):
        data = prepare(story)
        units, scorer = data.prepared.units, data.prepared.scorer
        ids = [vectors.indices(u.text) for u in units]
        gold = gold_of(story, units)
        articles = np.array([u.article for u in units])
        gold_total += sum(1 for i in range(len(units)) for j in range(i + 1, len(units))
                          if articles[i] != articles[j] and gold[i] & gold[j])
        extra: set[tuple[int, int]] = set()
        sims = None
        if wl is not None:
            embedded = wl.embed([u.text for u in units], norm=True)
            sims = embedded @ embedded.T
            other = np.where(articles[:, None] == articles[None, :], -1.0, sims)
            for i in range(len(units)):
                if units[i].linkable:
                    extra.update((min(i, j), max(i, j)) for j in np.argsort(-other[i])[:5] if units[j].linkable)
        shipped = set(data.pairs)
        for name, pairs in (("shipped candidates", shipped), ("+ wordllama candidates", shipped | extra)):
            if name != "shipped candidates" and wl is None:
                continue
            for i, j in sorted(pairs):
                rows[name].append((group, list(scorer.features(i, j)), soft(ids[i], ids[j]),
                                   float(sims[i, j]) if sims is not None else 0.0, float(bool(gold[i] & gold[j]))))
    print(f"dev groups: {len(news_stories('dev'))}, labelled same-fact pairs across articles: {gold_total}"
          + ("" if wl else "  (wordllama not installed: its rows are left out)"))
    for name, found in rows.items():
        if not found:
            continue
        groups = np.array([r[0] for r in found])
        base = np.array([r[1] for r in found])
        labels = np.array([r[4] for r in found])
        options = {"shipped features": base, "+ soft alignment": np.column_stack([np.array([r[2] for r in found]), base])}
        if wl is not None:
            options["+ wordllama cosine"] = np.column_stack([np.array([r[3] for r in found]), base])
        for label, x in options.items():
            scores = np.zeros(len(labels))
            for g in np.unique(groups):
                train = groups != g
                scores[~train] = x[~train] @ fit(x[train], labels[train])
            order = np.argsort(-scores)
            hits = np.cumsum(labels[order])
            precision = hits / np.arange(1, len(labels) + 1)
            recalls = []
            for target in (0.85, 0.75):
                ok = np.flatnonzero(precision >= target)
                recalls.append(f"{hits[ok.max()] / gold_total:.3f}" if len(ok) else "0")
            print(f"{name:24} {label:20} candidates {len(labels):6} (same fact {int(labels.sum()):5})  "
                  f"AUC {_auc(scores, labels):.4f}  linked at precision 0.85: {recalls[0]}, at 0.75: {recalls[1]}")


if __name__ == "__main__":
    main()
