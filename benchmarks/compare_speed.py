"""Speed of the full comparison: the bundled story warm, then 25-200 articles of ~800 words.

Synthetic stories are cut from the AllSides sample (shared/data/allsides-sample), with a
few sentences copied between articles so there is something to match. Prints time, how it
grows with N, and peak Python memory; never asserts.
Run: python benchmarks/compare_speed.py [--quick]
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from desktop.core.compare import compare
from desktop.core.library import open_library
from desktop.core.models import Article
from desktop.core.similarity import similarity

ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides-sample" / "articles.jsonl"


def synthetic_articles(n: int, words: int = 800, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    rows = [json.loads(line) for line in ALLSIDES.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = []
    for i in range(n):
        body = rows[i % len(rows)]["content_original"].split()
        while len(body) < words:
            body += rows[(i + len(body)) % len(rows)]["content_original"].split()
        texts.append(" ".join(body[:words]))
    shared = [rows[-1 - k]["content_original"].split(". ")[0] + "." for k in range(20)]
    for i in range(n):  # each article repeats a few of 20 "wire" sentences
        texts[i] += " " + " ".join(rng.sample(shared, 3))
    return [
        Article(id=i + 1, title=f"Article {i + 1}", source=f"Outlet {i % 37}", author=None, published="2020-05-18",
                url=None, origin=None, text=t, version=1, version_id=0, content_hash="", word_count=len(t.split()))
        for i, t in enumerate(texts)
    ]


def timed(articles, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        compare(articles)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with open_library(memory=True) as store:
        bundled = [store.article(a) for a in store.stories()[0].article_ids]
    cold = timed(bundled)
    warm = statistics.median(timed(bundled) for _ in range(5))
    print(f"bundled story (5 articles): first run {cold * 1000:.0f} ms, warm median {warm * 1000:.0f} ms "
          f"(target <= 100 ms)")
    a, b = bundled[0].text.split("\n")[2], bundled[1].text.split("\n")[16]
    pairs = [(a[i:] + " x", b) for i in range(2000)]  # new sentences each time: no cache hits
    start = time.perf_counter()
    for x, y in pairs:
        similarity(x, y)
    cold_us = (time.perf_counter() - start) / len(pairs) * 1e6
    start = time.perf_counter()
    for _ in range(20000):
        similarity(a, b)
    warm_us = (time.perf_counter() - start) / 20000 * 1e6
    print(f"similarity: {warm_us:.1f} us per pair (sentences seen before), {cold_us:.0f} us for two new "
          f"sentences (target <= 50 us)")
    sizes = (25, 50) if "--quick" in sys.argv else (25, 50, 100, 200)
    previous = None
    for n in sizes:
        articles = synthetic_articles(n)
        tracemalloc.start()
        seconds = timed(articles)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        seconds = min(seconds, timed(articles))  # the traced run is slower; keep the better
        growth = f", x{seconds / previous:.1f} for x2 articles" if previous else ""
        print(f"{n:>4} articles of ~800 words: {seconds:.2f} s{growth}; peak Python memory "
              f"{peak / 2**20:.0f} MiB (targets: 50 -> 1 s, 200 -> 5 s)")
        previous = seconds


if __name__ == "__main__":
    main()
