"""Speed of ``find_verbatim`` on synthetic stories of N articles of about 800 words.

Articles come from ../shared/data/allsides-sample/articles.jsonl (``content_original``): each is
repeated or cut at a word boundary to about 800 words, and a few shared sentences (quotes of
20-40 words taken from other articles) are injected into random subsets of 3-12 articles, so
there is real reuse to find. Prints warm timings (best of 3) for several N, the passages found,
and the peak memory of one run (tracemalloc, measured in a separate run: it slows Python down).
Run: python benchmarks/verbatim_speed.py [N ...]
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

from desktop.core.matching.verbatim import find_verbatim

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides-sample" / "articles.jsonl"
WORDS = 800
SHARED_SENTENCES = 8
_WORD = re.compile(r"\S+")


def load_contents() -> list[str]:
    with DATA.open(encoding="utf-8") as f:
        return [row["content_original"] for row in map(json.loads, f) if row.get("content_original")]


def to_length(text: str, words: int) -> str:
    """Repeat ``text`` (paragraph after paragraph) until it has ``words`` words, then cut."""
    parts = [text]
    while sum(len(_WORD.findall(p)) for p in parts) < words:
        parts.append(text)
    full = "\n\n".join(parts)
    ends = [m.end() for m in _WORD.finditer(full)]
    return full[: ends[words - 1]]


def build(n: int, contents: list[str], seed: int = 7) -> list[tuple[int, str, list]]:
    rng = random.Random(seed)
    texts = [to_length(contents[i % len(contents)], WORDS) for i in range(n)]
    donors = rng.sample(contents, SHARED_SENTENCES)
    for donor in donors:
        spans = [m.end() for m in _WORD.finditer(donor)]
        start = rng.randrange(0, max(1, len(spans) - 60))
        length = rng.randint(20, 40)
        first = spans[start - 1] if start else 0
        sentence = donor[first: spans[start + length]].strip()
        for target in rng.sample(range(n), min(n, rng.randint(3, 12))):
            text = texts[target]
            cut = [m.start() for m in re.finditer(r"\n\n|\. ", text)] or [len(text)]
            at = rng.choice(cut)
            texts[target] = f"{text[:at]}. “{sentence}” {text[at:]}"
    return [(i, text, []) for i, text in enumerate(texts)]


def main(sizes: list[int]) -> None:
    contents = load_contents()
    print(f"find_verbatim, articles of ~{WORDS} words from {DATA.name}, "
          f"{SHARED_SENTENCES} injected shared sentences")
    for n in sizes:
        articles = build(n, contents)
        words = sum(len(_WORD.findall(t)) for _, t, _ in articles)
        find_verbatim(articles)  # warm
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            passages = find_verbatim(articles)
            best = min(best, time.perf_counter() - start)
        tracemalloc.start()
        find_verbatim(articles)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        multi = sum(len(p.mentions) > 2 for p in passages)
        print(f"N={n:4d}  words={words:7d}  time={best * 1000:7.1f} ms  "
              f"per article={best / n * 1000:5.2f} ms  passages={len(passages):4d} "
              f"({multi} in 3+ articles)  peak memory={peak / 1e6:5.1f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 100, 200, 400])
