"""How well ``desktop.core.stories.clustering.find_stories`` finds events, against a baseline.

    .venv/bin/python benchmarks/story_quality.py            # quality on the labelled pools
    .venv/bin/python benchmarks/story_quality.py --tune     # grid search on the tuning pools
    .venv/bin/python benchmarks/story_quality.py --corpus   # + the whole corpus: time, peak RSS
    .venv/bin/python benchmarks/story_quality.py --incremental  # + placing 100 new imports

Labels: ``tests/data/story_clusters.json`` (15 pools, 385 articles, 53 events of 2+ articles and
73 singletons; see the ``.md``). Each pool is every article of one AllSides topic in a 3-7 day
window, so every article shares the topic: only the *event* separates them.

The settings were tuned on the odd-numbered pools (1, 3, ..., 15) and the even-numbered ones
(2, 4, ..., 14) are held out; figures are printed for both halves and all pools. B-cubed
precision/recall are averaged over articles (singletons included: an article alone in truth
and alone in the output scores 1/1).

Baseline: TF-IDF over the whole text (IDF from the whole corpus), cosine, and a single
threshold (connected components), with the threshold that scores best on the tuning pools.

``--corpus``: clusters all 35,619 corpus articles at once (plain data, as read from the store:
title, text, date), prints the time and the peak RSS, and scores the pools *inside that run*
(the clusters restricted to each pool's articles), which is what a reader with the whole
corpus in the library gets.
"""

from __future__ import annotations

import argparse
import itertools
import json
import lzma
import math
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from desktop.core.stories.clustering import Settings, StoryArticle, find_stories

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "story_clusters.json"
CORPUS = ROOT.parent / "shared" / "data" / "allsides-corpus" / "corpus.jsonl.xz"


def load_corpus() -> list[dict]:
    with lzma.open(CORPUS, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def as_article(n: int, record: dict) -> StoryArticle:
    return StoryArticle(id=n, title=record["title"], text=record["content_original"] or "",
                        published=record["date"] or None, source=record["source"])


def truth_of(pool: dict) -> dict[str, int]:
    out = {}
    for e, event in enumerate(pool["events"]):
        for i in event["ids"]:
            out[i] = e
    for s, i in enumerate(pool["singletons"]):
        out[i] = 1000 + s
    return out


def bcubed(truth: dict[str, int], predicted: dict[str, int]) -> tuple[float, float, int]:
    """Sums of per-item precision and recall, and the item count."""
    by_truth: dict[int, set] = {}
    by_pred: dict[int, set] = {}
    for item, t in truth.items():
        by_truth.setdefault(t, set()).add(item)
        by_pred.setdefault(predicted[item], set()).add(item)
    p = r = 0.0
    for item in truth:
        same_pred = by_pred[predicted[item]]
        same_truth = by_truth[truth[item]]
        both = len(same_pred & same_truth)
        p += both / len(same_pred)
        r += both / len(same_truth)
    return p, r, len(truth)


def report(name: str, results: list[tuple[float, float, int]]) -> tuple[float, float, float]:
    p = sum(x[0] for x in results) / sum(x[2] for x in results)
    r = sum(x[1] for x in results) / sum(x[2] for x in results)
    f = 2 * p * r / (p + r) if p + r else 0.0
    if name:
        print(f"  {name:<34} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    return p, r, f


# ------------------------------------------------------------------ ours


def ours_on_pool(pool: dict, records: dict[str, dict], settings: Settings) -> dict[str, int]:
    ids = pool["ids"]
    articles = [as_article(n, records[i]) for n, i in enumerate(ids)]
    predicted = {i: 10_000 + n for n, i in enumerate(ids)}  # unclustered: alone
    for c, story in enumerate(find_stories(articles, settings)):
        for n in story.article_ids:
            predicted[ids[n]] = c
    return predicted


# ------------------------------------------------------------------ baseline

_WORD = re.compile(r"[a-z0-9]+")


class Baseline:
    """TF-IDF cosine over the whole text, connected components above one threshold."""

    def __init__(self, corpus: list[dict]):
        df: Counter = Counter()
        for record in corpus:
            df.update(set(_WORD.findall(f"{record['title']} {record['content_original']}".lower())))
        self.n = len(corpus)
        self.df = df

    def vector(self, record: dict) -> dict[str, float]:
        tf = Counter(_WORD.findall(f"{record['title']} {record['content_original']}".lower()))
        v = {w: c * math.log((self.n + 1) / (self.df.get(w, 0) + 1)) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    def cosines(self, pool: dict, records: dict[str, dict]) -> dict[tuple[int, int], float]:
        vectors = [self.vector(records[i]) for i in pool["ids"]]
        out = {}
        for a, b in itertools.combinations(range(len(vectors)), 2):
            va, vb = vectors[a], vectors[b]
            if len(va) > len(vb):
                va, vb = vb, va
            out[a, b] = sum(x * vb.get(w, 0.0) for w, x in va.items())
        return out

    @staticmethod
    def components(pool: dict, cosines: dict[tuple[int, int], float], threshold: float) -> dict[str, int]:
        parent = list(range(len(pool["ids"])))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for (a, b), value in cosines.items():
            if value >= threshold:
                parent[find(a)] = find(b)
        return {i: find(n) for n, i in enumerate(pool["ids"])}


# ------------------------------------------------------------------ runs


def evaluate(pools, records, settings) -> dict[str, tuple[float, float, float]]:
    per_pool = [bcubed(truth_of(p), ours_on_pool(p, records, settings)) for p in pools]
    return per_pool


def split(pools):
    tuning = [p for n, p in enumerate(pools, 1) if n % 2 == 1]
    held = [p for n, p in enumerate(pools, 1) if n % 2 == 0]
    return tuning, held


def tune(pools, records) -> None:
    tuning, _ = split(pools)
    grid = itertools.product([0.06, 0.08, 0.1, 0.12, 0.14, 0.17], [0.0, 0.3, 0.5], [0.2, 0.35, 0.5], [1, 2, 3])
    scored = []
    for threshold, share, floor, same in grid:
        if share == 0.0 and floor != 0.2:
            continue
        settings = Settings(threshold=threshold, meaning_share=share, meaning_floor=floor, same_days=same,
                            min_pair=min(0.05, threshold / 2))
        _, _, f = report("", evaluate(tuning, records, settings))
        scored.append((f, settings))
    scored.sort(key=lambda x: -x[0])
    for f, s in scored[:8]:
        print(f"  F1 {f:.3f}  threshold {s.threshold} meaning_share {s.meaning_share} "
              f"floor {s.meaning_floor} same_days {s.same_days}")


def corpus_run(corpus: list[dict], pools: list[dict]) -> None:
    articles = [as_article(n, r) for n, r in enumerate(corpus)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, cpu = time.perf_counter(), time.process_time()
    stories = find_stories(articles)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = Counter(min(len(s.article_ids), 50) for s in stories)
    clustered = sum(len(s.article_ids) for s in stories)
    print(f"\nWhole corpus: {len(articles):,} articles clustered in {took:.1f} s ({cpu:.1f} s of CPU: the wall time grows when the machine is busy), peak RSS {peak:,.0f} MB "
          f"(the whole process; {before:,.0f} MB before clustering, with the corpus and the baseline's tables loaded)")
    print(f"  {len(stories):,} stories of 2+ articles holding {clustered:,} articles; biggest "
          f"{max((len(s.article_ids) for s in stories), default=0)}; "
          f"{sum(v for k, v in sizes.items() if k >= 10)} stories of 10+")
    row_of = {r["ID"]: n for n, r in enumerate(corpus)}
    story_of = {}
    for c, story in enumerate(stories):
        for n in story.article_ids:
            story_of[n] = c
    per_pool = []
    for pool in pools:
        predicted = {i: story_of.get(row_of[i], 10_000_000 + row_of[i]) for i in pool["ids"]}
        per_pool.append(bcubed(truth_of(pool), predicted))
    tuning, held = split(pools)
    print("  the pools scored inside the whole-corpus run (clusters cut to each pool's articles):")
    report("all 15 pools", per_pool)
    report("held-out pools (even)", [x for n, x in enumerate(per_pool, 1) if n % 2 == 0])
    some = [s for s in stories if 4 <= len(s.article_ids) <= 8][:5]
    print("  a few labels:", *(f"    {s.label} [{s.first}..{s.last}, {len(s.article_ids)}]" for s in some), sep="\n")


def incremental_run(corpus: list[dict]) -> None:
    """A library of one year of the corpus with its stories found, then 100 more articles placed."""
    import tempfile

    from desktop.core.library.store import Store
    from desktop.core.models import ParsedArticle
    from desktop.core.stories.finding import place_new_articles, suggest_stories

    def parsed(n: int, r: dict) -> ParsedArticle:
        return ParsedArticle(text=r["content_original"] or r["title"] or "-", origin=f"corpus#{n}", title=r["title"],
                             source=r["source"], published=r["date"] or None, url=r["url"] or None)

    year = [(n, r) for n, r in enumerate(corpus) if (r["date"] or "").startswith("2019-")]
    later = [(n, r) for n, r in enumerate(corpus) if (r["date"] or "") >= "2020-01-01"][:100]
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "library.sqlite") as store:
        for n, r in year:
            store.save_article(parsed(n, r))
        start = time.perf_counter()
        found, _ = suggest_stories(store)
        took = time.perf_counter() - start
        ids = [store.save_article(parsed(n, r))[1] for n, r in later]
        start = time.perf_counter()
        place_new_articles(store, ids)
        placed = time.perf_counter() - start
        joined = sum(1 for i in ids if store.stories_of_articles([i])[i])
    print(f"\nIncremental: a library of {len(year):,} articles (2019) clustered in {took:.1f} s into {len(found):,} "
          f"suggestions; placing {len(ids)} new articles (Jan 2020) took {placed:.2f} s "
          f"({joined} joined or started a suggestion), no full recompute.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--corpus", action="store_true")
    parser.add_argument("--incremental", action="store_true")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 1
    pools = json.loads(LABELS.read_text(encoding="utf-8"))["pools"]
    corpus = load_corpus()
    records = {r["ID"]: r for r in corpus}
    if args.tune:
        tune(pools, records)
        return 0
    tuning, held = split(pools)
    events = sum(len(p["events"]) for p in pools)
    print(f"Labelled pools: {len(pools)} ({sum(len(p['ids']) for p in pools)} articles, {events} events "
          f"of 2+ articles); tuned on pools 1,3,..,15, held out 2,4,..,14.")
    print("\nfind_stories (each pool clustered on its own, default Settings):")
    ours = evaluate(pools, records, Settings())
    report("tuning pools (odd)", [x for n, x in enumerate(ours, 1) if n % 2 == 1])
    report("held-out pools (even)", [x for n, x in enumerate(ours, 1) if n % 2 == 0])
    report("all 15 pools", ours)
    print("  per pool F1: " + " ".join(
        f"{n}:{2 * p * r / (p + r) / c if p + r else 0:.2f}" for n, (p, r, c) in enumerate(ours, 1)))

    baseline = Baseline(corpus)
    cosines = [baseline.cosines(p, records) for p in pools]
    best = max(np.arange(0.05, 0.95, 0.025), key=lambda t: report("", [
        bcubed(truth_of(p), baseline.components(p, c, t)) for p, c in zip(tuning, cosines[::2], strict=True)])[2])
    base = [bcubed(truth_of(p), baseline.components(p, c, best)) for p, c in zip(pools, cosines, strict=True)]
    print(f"\nBaseline: TF-IDF cosine, connected components at one threshold ({best:.3f}, best on the tuning pools):")
    report("tuning pools (odd)", [x for n, x in enumerate(base, 1) if n % 2 == 1])
    report("held-out pools (even)", [x for n, x in enumerate(base, 1) if n % 2 == 0])
    report("all 15 pools", base)
    everything = {i for p in pools for i in p["ids"]}
    alone = [bcubed(truth_of(p), {i: n for n, i in enumerate(p["ids"])}) for p in pools]
    one = [bcubed(truth_of(p), {i: 0 for i in p["ids"]}) for p in pools]
    print(f"\nReference points over the {len(everything)} articles:")
    report("every article alone", alone)
    report("each pool one story", one)
    if args.corpus:
        corpus_run(corpus, pools)
    if args.incremental:
        incremental_run(corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
