"""Build the meaning-vector artefact from the AllSides corpus: PPMI + truncated SVD word vectors
with SIF sentence weighting.

    python tools/meaning/train_vectors.py                     # writes build/meaning/meaning_vectors.npz
    python tools/meaning/train_vectors.py --window 5 --dim 300 --out build/meaning/w5d300.npz

Needs numpy and scipy (training only; the runtime in meaning.py needs numpy alone). About
three minutes and 2.2 GB on 2 cores; deterministic (two runs give the same file byte for byte).
See README.md beside this file for the steps and the choices.

Steps:

1. Read ``corpus.jsonl.xz`` (``content_original``), leave out every article of the labelled
   dev groups (``dev_groups.json``: the dev and held-out fact labels are drawn from them, and
   the app will never have seen the user's articles either), split into paragraphs, drop
   repeated paragraphs (boilerplate), tokenize with ``meaning.tokenize``.
2. Vocabulary: tokens seen at least ``--min-count`` times, at most ``--vocab`` of them.
3. Co-occurrence counts in a symmetric window of ``--window`` tokens inside a paragraph,
   each pair weighted like word2vec's dynamic window ((window - d + 1) / window at distance d).
4. PPMI with context-distribution smoothing (context counts raised to ``--cds`` = 0.75).
5. Truncated SVD (randomised, fixed seed) of the PPMI matrix to ``--dim`` dimensions; word
   vector = U * S ** ``--eig`` (eigenvalue weighting; 0 by default: plain U), scaled to unit length.
6. SIF: weight a / (a + p(w)) with p from the corpus counts (``--sif-a``); the first
   principal component of the weighted sentence vectors of ``--pc-sentences`` corpus sentences.
7. Artefact (.npz, uncompressed): vocabulary, int8 codes of the rows the runtime sums (SIF-
   weighted unit vectors, component removed), one float32 quantisation step per row, the
   component (for reference), p(w), the settings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from desktop.core.matching.meaning import ARTEFACT_FORMAT, TOKENIZER_VERSION, tokenize  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
if not SHARED.exists():
    SHARED = Path("/work/shared/data")
CORPUS = SHARED / "allsides-corpus" / "corpus.jsonl.xz"
DEV_GROUPS = SHARED / "allsides-corpus" / "dev_groups.json"
BUILD = ROOT / "build" / "meaning"
SEED = 20240517


def log(message: str, start: list[float] = [time.perf_counter()]) -> None:  # noqa: B006
    print(f"[{time.perf_counter() - start[0]:6.1f}s] {message}", flush=True)


# -- 1. corpus -------------------------------------------------------------------------------


def excluded_ids() -> set[str]:
    groups = json.loads(DEV_GROUPS.read_text(encoding="utf-8"))
    return {article for group in groups for article in group["ids"]}


def paragraphs(exclude: set[str]):
    """Distinct paragraphs of the corpus articles not in ``exclude``, in file order."""
    seen: set[bytes] = set()
    with lzma.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("ID") in exclude:
                continue
            for paragraph in (record.get("content_original") or "").split("\n"):
                paragraph = paragraph.strip()
                if len(paragraph) < 20:
                    continue
                digest = hashlib.blake2b(paragraph.encode(), digest_size=12).digest()
                if digest in seen:
                    continue
                seen.add(digest)
                yield paragraph


def tokenized_corpus(cache: Path | None = None) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(types, stream of type ids, paragraph start offsets); types sorted by falling count."""
    if cache is not None and cache.exists():
        with np.load(cache) as data:
            return str(data["types"]).split("\n"), data["stream"], data["starts"]
    exclude = excluded_ids()
    type_id: dict[str, int] = {}
    chunks: list[np.ndarray] = []
    starts = [0]
    total = 0
    for paragraph in paragraphs(exclude):
        ids = [type_id.setdefault(token, len(type_id)) for token in tokenize(paragraph)]
        if not ids:
            continue
        chunks.append(np.array(ids, dtype=np.int32))
        total += len(ids)
        starts.append(total)
    stream = np.concatenate(chunks)
    counts = np.bincount(stream, minlength=len(type_id))
    # Re-number by falling count, ties by token, so the ids do not depend on file order.
    names = list(type_id)
    order = sorted(range(len(names)), key=lambda i: (-counts[i], names[i]))
    remap = np.empty(len(names), dtype=np.int32)
    remap[order] = np.arange(len(names), dtype=np.int32)
    stream = remap[stream]
    types = [names[i] for i in order]
    starts_array = np.array(starts, dtype=np.int64)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, types=np.array("\n".join(types)), stream=stream, starts=starts_array)
    return types, stream, starts_array


# -- 3. co-occurrences -----------------------------------------------------------------------


def cooccurrences(stream: np.ndarray, starts: np.ndarray, vocab: int, window: int) -> sp.csr_matrix:
    """Symmetric weighted co-occurrence counts of the ``vocab`` most frequent types."""
    paragraph = np.zeros(len(stream), dtype=np.int32)
    paragraph[starts[1:-1]] = 1
    paragraph = np.cumsum(paragraph, dtype=np.int32)
    known = stream < vocab
    total = sp.csr_matrix((vocab, vocab), dtype=np.float64)
    for distance in range(1, window + 1):
        weight = (window - distance + 1) / window
        mask = known[:-distance] & known[distance:] & (paragraph[:-distance] == paragraph[distance:])
        rows = stream[:-distance][mask]
        cols = stream[distance:][mask]
        counts = sp.coo_matrix(
            (np.full(len(rows), weight, dtype=np.float64), (rows, cols)), shape=(vocab, vocab)
        ).tocsr()
        counts.sum_duplicates()
        total = total + counts + counts.T
    return total.tocsr()


# -- 4./5. PPMI and SVD ----------------------------------------------------------------------


def ppmi(counts: sp.csr_matrix, cds: float) -> sp.csr_matrix:
    counts = counts.tocoo()
    row_sums = np.asarray(counts.sum(axis=1)).ravel()
    col_sums = np.asarray(counts.sum(axis=0)).ravel()
    total = row_sums.sum()
    context = col_sums**cds
    context /= context.sum()
    pmi = np.log(counts.data) - np.log(total) - np.log(row_sums[counts.row] / total) - np.log(context[counts.col])
    keep = pmi > 0
    return sp.csr_matrix(
        (pmi[keep].astype(np.float32), (counts.row[keep], counts.col[keep])), shape=counts.shape
    )


def randomized_svd(matrix: sp.csr_matrix, rank: int, seed: int, oversample: int = 20, power: int = 3):
    """Halko et al.'s randomised SVD with a fixed seed: (U, S), signs fixed."""
    rng = np.random.default_rng(seed)
    matrix = matrix.astype(np.float32)
    transposed = matrix.T.tocsr()
    probe = rng.standard_normal((matrix.shape[1], rank + oversample)).astype(np.float32)
    basis, _ = np.linalg.qr(matrix @ probe)
    for _ in range(power):
        basis, _ = np.linalg.qr(transposed @ basis)
        basis, _ = np.linalg.qr(matrix @ basis)
    small = (transposed @ basis).T  # (rank + oversample, n)
    u_small, s, _ = np.linalg.svd(small.astype(np.float64), full_matrices=False)
    u = (basis.astype(np.float64) @ u_small)[:, :rank]
    s = s[:rank]
    signs = np.sign(u[np.abs(u).argmax(axis=0), np.arange(rank)])
    signs[signs == 0] = 1
    return u * signs, s


def word_vectors(stream, starts, vocab: int, window: int, dim: int, cds: float, eig: float,
                 seed: int = SEED) -> np.ndarray:
    counts = cooccurrences(stream, starts, vocab, window)
    log(f"co-occurrences: window {window}, {counts.nnz:,} distinct pairs")
    matrix = ppmi(counts, cds)
    del counts
    log(f"PPMI: {matrix.nnz:,} positive cells")
    u, s = randomized_svd(matrix, dim, seed)
    log(f"SVD: {dim} dimensions, singular values {s[0]:.1f} .. {s[-1]:.1f}")
    vectors = u * s**eig
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return (vectors / norms).astype(np.float32)


# -- 6. SIF ----------------------------------------------------------------------------------


def probabilities(stream: np.ndarray, vocab: int) -> np.ndarray:
    return np.bincount(stream, minlength=vocab)[:vocab].astype(np.float64) / len(stream)


def sif_weights(p: np.ndarray, a: float) -> np.ndarray:
    return (a / (a + p)).astype(np.float32)


def first_component(vectors: np.ndarray, weights: np.ndarray, stream: np.ndarray, starts: np.ndarray,
                    sentences: int, seed: int = SEED) -> np.ndarray:
    """First right singular vector of the SIF vectors of ``sentences`` random corpus paragraphs'
    first 40 tokens (a sentence-sized stretch), as in Arora et al. (no centring)."""
    rng = np.random.default_rng(seed)
    vocab = len(vectors)
    chosen = np.sort(rng.choice(len(starts) - 1, size=min(sentences, len(starts) - 1), replace=False))
    weighted = vectors * weights[:, None]
    rows = np.zeros((len(chosen), vectors.shape[1]), dtype=np.float64)
    for row, paragraph in enumerate(chosen):
        ids = stream[starts[paragraph] : min(starts[paragraph + 1], starts[paragraph] + 40)]
        ids = ids[ids < vocab]
        if len(ids):
            rows[row] = weighted[ids].sum(axis=0)
    _, _, vt = np.linalg.svd(rows, full_matrices=False)
    component = vt[0]
    if component[np.abs(component).argmax()] < 0:
        component = -component
    return component.astype(np.float32)


# -- 7. artefact -----------------------------------------------------------------------------


def write_artefact(path: Path, types: list[str], vectors: np.ndarray, weights: np.ndarray,
                   component: np.ndarray, settings: dict, probabilities: np.ndarray) -> None:
    """The rows the runtime sums: SIF-weighted unit vectors with the component removed (the
    removal is linear, so it is done here once), quantised to int8 per row."""
    rows = vectors * weights[:, None]
    rows -= np.outer(rows @ component, component)
    step = np.abs(rows).max(axis=1) / 127.0
    step[step == 0] = 1.0
    codes = np.round(rows / step[:, None]).astype(np.int8)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        path,
        words=np.array("\n".join(types[: len(vectors)])),
        codes=codes,
        scales=step.astype(np.float32),
        component=component,  # already removed from the rows; kept for reference
        probabilities=probabilities.astype(np.float32),  # p(w) in the corpus
        tokenizer_version=np.array(TOKENIZER_VERSION),
        format_version=np.array(ARTEFACT_FORMAT),
        settings=np.array(json.dumps(settings, sort_keys=True)),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--dim", type=int, default=300)
    parser.add_argument("--vocab", type=int, default=50000, help="most frequent types kept")
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--cds", type=float, default=0.75, help="context-distribution smoothing")
    parser.add_argument("--eig", type=float, default=0.0, help="eigenvalue weighting exponent")
    parser.add_argument("--sif-a", type=float, default=3e-3)
    parser.add_argument("--pc-sentences", type=int, default=30000)
    parser.add_argument("--out", type=Path, default=BUILD / "meaning_vectors.npz")
    parser.add_argument("--cache", type=Path, default=None,
                        help="reuse/keep the tokenised corpus here (research runs)")
    args = parser.parse_args(argv)

    np.random.seed(SEED)  # nothing draws from it; every draw below has its own seeded generator
    types, stream, starts = tokenized_corpus(args.cache)
    counts = np.bincount(stream)
    vocab = min(args.vocab, int((counts >= args.min_count).sum()))
    covered = counts[:vocab].sum() / len(stream)
    log(f"corpus: {len(stream):,} tokens in {len(starts) - 1:,} paragraphs, {len(types):,} types; "
        f"vocabulary {vocab:,} covers {covered:.2%} of tokens")
    vectors = word_vectors(stream, starts, vocab, args.window, args.dim, args.cds, args.eig)
    p = probabilities(stream, vocab)
    weights = sif_weights(p, args.sif_a)
    component = first_component(vectors, weights, stream, starts, args.pc_sentences)
    settings = {key: (str(value) if isinstance(value, Path) else value) for key, value in vars(args).items()
                if key not in ("out", "cache")}
    settings.update(tokens=len(stream), vocabulary=vocab, seed=SEED)
    write_artefact(args.out, types, vectors, weights, component, settings, p)
    log(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
