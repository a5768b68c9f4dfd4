"""Compare stemmers for the matching engine: paraphrase quality of ``similarity`` with each, and speed.

    .venv/bin/pip install numpy snowballstemmer PyStemmer    # numpy for this script only
    .venv/bin/python benchmarks/stemmers.py [--msrp-only]    # --msrp-only: no claim links

Candidates: the two hand-written suffix strippers the engine had before it got one stemmer
(``similarity``'s and the one ``atomic`` used to tell common words from names, copied below as
they were), Snowball's English ("Porter2") algorithm in pure Python (``snowballstemmer``) and
compiled (``PyStemmer``), and no stemming at all as a floor. For each one, ``similarity`` is
run with it in place of the shipped stemmer (the Snowball builds and atomic's behind the
shipped rule of :func:`desktop.core.matching.stemming.stemmable`, similarity's behind its own
rule, words of letters over three letters):

* the IDF table is rebuilt from the AllSides sample with that stemmer's stems, as
  ``train_similarity.py`` builds ``idf.json``;
* MSRP train (all pairs): 10-fold cross-validated ROC-AUC and best accuracy, each fold's
  logistic regression fitted on the other nine with the training script's settings (the
  figure ``similarity_quality.py`` reports for the shipped stemmer);
* claim links: the model refitted with that stemmer as ``train_similarity.py`` fits the shipped
  one, then F1 of cross-article claim links against the hand labels of
  ``claim_quality.py`` (bundled story, AllSides dev and held-out groups; needs ../shared);
* µs per word: stemming every distinct word of MSRP once, uncached, best of five rounds
  (the engine caches stems, so this is the cost of a word seen for the first time);
* agreement with PyStemmer: the share of those words stemmed alike.
"""

from __future__ import annotations

import importlib
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import claim_quality
import train_similarity as training

sim = importlib.import_module("desktop.core.matching.similarity")  # the module, not the function
stemming = importlib.import_module("desktop.core.matching.stemming")


# --- the hand-written stemmers, as they were before issue #11 ---------------------------------

_SIMILARITY_SUFFIXES = (("ied", "y"), ("ing", ""), ("ed", ""))


def similarity_suffixes(word: str) -> str:
    """similarity's: a plural ending, then -ing or -ed, then a final -e, on words over 3 letters."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, replacement in _SIMILARITY_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def atomic_suffixes(word: str) -> str:
    """atomic's: one of -ing, -ed, -es, -s, then a final -e ("is this name a common word here?")."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _guarded(backend: Callable[[str], str]) -> Callable[[str], str]:
    """``backend`` behind the engine's rule: only words of letters (and inner ' or -) are stemmed."""
    return lambda word: backend(word) if stemming.stemmable(word) else word


def candidates() -> dict[str, tuple[Callable[[str], str], Callable[[str], str]]]:
    """name -> (the stemmer as similarity would call it, the bare algorithm to time)."""
    import Stemmer
    from snowballstemmer.english_stemmer import EnglishStemmer  # the pure-Python one, always

    compiled = Stemmer.Stemmer("english")
    compiled.maxCacheSize = 0  # time the algorithm, not PyStemmer's own cache of recent words
    compiled = compiled.stemWord
    pure = EnglishStemmer().stemWord
    return {
        "none": (lambda word: word, lambda word: word),
        "hand-written (similarity)": (similarity_suffixes, similarity_suffixes),
        "hand-written (atomic)": (_guarded(atomic_suffixes), atomic_suffixes),
        "snowballstemmer (Python)": (_guarded(pure), pure),
        "PyStemmer (C)": (_guarded(compiled), compiled),
    }


# --- measuring -------------------------------------------------------------------------------


_SHIPPED_LOAD_JSON = sim._load_json


def clear_caches() -> None:
    """Forget every cached result of the matching engine (stems, profiles, extractions...)."""
    package = importlib.import_module("desktop.core.matching")
    for name, module in list(sys.modules.items()):
        if name.startswith(package.__name__ + "."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def use_stemmer(stem: Callable[[str], str], model: dict | None = None) -> None:
    """Make ``similarity`` stem with ``stem``, read an IDF table built with it and, once fitted,
    the ``model`` (weights and bias) fitted with it."""
    sim.stem = stem
    clear_caches()
    data = {"idf.json": training.build_idf()}
    if model is not None:
        data["similarity_weights.json"] = model
    sim._load_json = lambda name: data[name] if name in data else _SHIPPED_LOAD_JSON(name)
    clear_caches()


def paraphrase_quality(pairs) -> tuple[float, float, dict]:
    """CV ROC-AUC and best accuracy on all pairs, and the model fitted as train_similarity.py does."""
    x, y = training.feature_matrix(pairs)
    scores = training.out_of_fold(x, y)
    _threshold, accuracy = training.best_threshold(scores, y)
    held = len(pairs) - training.HELD_OUT
    weights, bias = training.fit(x[:held], y[:held])
    model = {"features": list(sim.FEATURE_NAMES), "weights": [float(w) for w in weights], "bias": float(bias)}
    return training.roc_auc(list(scores), list(y)), accuracy, model


def claim_link_f1(stories: dict[str, list]) -> list[float]:
    return [claim_quality.evaluate(found).f1 for found in stories.values()]


def vocabulary(pairs) -> list[str]:
    words = {word.lower() for _, a, b in pairs for word in re.findall(r"[^\W\d_]+", a + " " + b)}
    return sorted(words)


def microseconds_per_word(algorithm: Callable[[str], str], words: list[str]) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for word in words:
            algorithm(word)
        best = min(best, time.perf_counter() - start)
    return best / len(words) * 1e6


def main() -> None:
    pairs = training.load_msrp()
    words = vocabulary(pairs)
    found = candidates()
    reference = [found["PyStemmer (C)"][1](word) for word in words]
    stories = {} if "--msrp-only" in sys.argv else {
        "bundled": [claim_quality.bundled_story()], "dev": claim_quality.news_stories("dev"),
        "held out": claim_quality.news_stories("test")}
    shipped = sim.stem
    print(f"MSRP train: {len(pairs)} pairs, {len(words)} distinct words; shipped: {stemming.BACKEND}")
    print(f"{'':28s} {'MSRP 10-fold CV':>18s} {'':>8s} {'':>10s}  claim-link F1 (bundled/dev/held out)")
    print(f"{'stemmer':28s} {'ROC-AUC':>8s} {'accuracy':>9s} {'µs/word':>8s} {'= PyStemmer':>11s}")
    try:
        for name, (stem, algorithm) in found.items():
            use_stemmer(stem)
            auc, accuracy, model = paraphrase_quality(pairs)
            f1 = ""
            if stories:
                use_stemmer(stem, model)
                f1 = " / ".join(f"{value:.3f}" for value in claim_link_f1(stories))
            speed = microseconds_per_word(algorithm, words)
            alike = sum(algorithm(word) == ref for word, ref in zip(words, reference)) / len(words)
            print(f"{name:28s} {auc:8.4f} {accuracy:9.4f} {speed:8.2f} {alike:11.1%}  {f1}")
    finally:
        sim.stem, sim._load_json = shipped, _SHIPPED_LOAD_JSON
        clear_caches()


if __name__ == "__main__":
    main()
