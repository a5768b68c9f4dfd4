"""Speed of the full comparison: the bundled story, then 25-500 articles of ~800 words.

Synthetic stories are cut from the AllSides sample (shared/data/allsides-sample), with a
few sentences copied between articles so there is something to match. Prints time, how it
grows with N, and peak Python memory; never asserts.

Each size is timed in fresh processes (``--runs`` of them, median shown), twice per process:
``first`` is the first comparison of those articles (nothing about them cached yet; the
lexer and model are loaded, as ``warm_up`` does in the app's worker), ``again`` the same
comparison repeated in that process, as when the app compares again after a change (per
article results and per sentence profiles are cached by then). Peak memory comes from one
more process, traced with tracemalloc (which slows it down, so it is not timed).

Run: python benchmarks/compare_speed.py [--quick] [--sizes 25,50,100,200,500] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from desktop.core.library import open_library
from desktop.core.matching.compare import compare, warm_up
from desktop.core.matching.similarity import similarity
from desktop.core.models import Article

ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides-sample" / "articles.jsonl"
TARGETS = {50: 1.0, 200: 5.0}  # seconds


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


def bundled_articles() -> list[Article]:
    with open_library(memory=True) as store:
        return [store.article(a) for a in store.stories()[0].article_ids]


def _articles(size: str) -> list[Article]:
    return bundled_articles() if size == "bundled" else synthetic_articles(int(size))


def _seconds(articles: list[Article]) -> float:
    start = time.perf_counter()
    compare(articles)
    return time.perf_counter() - start


def measure_in_this_process(size: str, trace: bool) -> dict:
    """What one child process reports for one size (see the module docstring)."""
    articles = _articles(size)
    warm_up()
    if trace:
        tracemalloc.start()
        compare(articles)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"peak": peak}
    first = _seconds(articles)
    again = statistics.median(_seconds(articles) for _ in range(3 if size == "bundled" else 1))
    return {"first": first, "again": again}


def measure(size: str, trace: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", size] + (["--trace"] if trace else [])
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def similarity_figures(bundled: list[Article]) -> tuple[float, float]:
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
    return warm_us, cold_us


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only 25 and 50 articles, one run each")
    parser.add_argument("--sizes", default="25,50,100,200", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per size (median shown)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_in_this_process(args.child, args.trace)))
        return
    runs = 1 if args.quick else max(1, args.runs)
    sizes = ["25", "50"] if args.quick else args.sizes.split(",")

    bundled = [measure("bundled") for _ in range(runs)]
    print(f"bundled story (5 articles): first run {statistics.median(r['first'] for r in bundled) * 1000:.0f} ms, "
          f"again {statistics.median(r['again'] for r in bundled) * 1000:.0f} ms (target <= 100 ms warm)")
    warm_us, cold_us = similarity_figures(bundled_articles())
    print(f"similarity: {warm_us:.1f} us per pair (sentences seen before), {cold_us:.0f} us for two new "
          f"sentences (target <= 50 us)")
    previous: float | None = None
    previous_n = 1
    for size in sizes:
        n = int(size)
        results = [measure(size) for _ in range(runs)]
        first = statistics.median(r["first"] for r in results)
        again = statistics.median(r["again"] for r in results)
        peak = measure(size, trace=True)["peak"]
        growth = f", x{first / previous:.1f} for x{n / previous_n:g} articles" if previous else ""
        target = f" (target {TARGETS[n]:g} s)" if n in TARGETS else ""
        firsts = [r["first"] for r in results]
        spread = f" [{min(firsts):.2f}-{max(firsts):.2f}]" if runs > 1 else ""
        print(f"{n:>4} articles of ~800 words: first run {first:.2f} s{spread}{target}, again {again:.2f} s"
              f"{growth}; peak Python memory {peak / 2**20:.0f} MiB")
        previous, previous_n = first, n


if __name__ == "__main__":
    main()
