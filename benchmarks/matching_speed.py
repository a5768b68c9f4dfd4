"""Speed of the matching engine on real coverage (issue #12's targets; printed, never asserted).

* the bundled story, compared again (warm): target <= 50 ms;
* 50 and 200 consecutive "elections" articles of one month from the shared AllSides corpus, each
  in a fresh process: the first comparison (models loaded first, as the app's worker does) and
  the same comparison again (per-article caches warm, the story's claims and scores worked out
  anew), and again after the reader sets one link apart (the story's prepared claims, candidates and
  link scores reused: what the window does on Not the Same Fact / Not a Conflict); targets 0.5 s /
  2 s, growth 50 -> 200 at most x5, peak RSS <= 200 MB;
* the meaning-vector table: size and load time.

Run: python benchmarks/matching_speed.py [--runs 3]
"""

from __future__ import annotations

import json
import lzma
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "allsides-corpus" / "corpus.jsonl.xz"

RUN = r"""
import json, resource, sys, time
from desktop.core.matching.compare import compare, warm_up
from desktop.core.models import Article
from tests.core.fact_labels import _article

def peak_mb():  # VmHWM: this process's own peak (ru_maxrss would carry over the parent's peak across exec)
    try:
        return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


rows = json.load(open(sys.argv[1]))
arts = [_article(n, r["content_original"], r.get("title"), r.get("source"), r.get("date")) for n, r in enumerate(rows, 1)]
warm_up()
t = time.perf_counter(); c = compare(arts); first = time.perf_counter() - t
fact = next(f for f in c.facts if f.kind == "claim" and f.sources > 1)
apart = [((m.article, m.start, m.end), (fact.mentions[0].article, fact.mentions[0].start, fact.mentions[0].end))
         for m in fact.mentions[1:2]]
t = time.perf_counter(); compare(arts); again = time.perf_counter() - t
rss = peak_mb()
compare(arts, keep_story=True)  # what the window does: the story kept for the reader's next word
t = time.perf_counter(); compare(arts, different_facts=apart, keep_story=True); overruled = time.perf_counter() - t
print(json.dumps({"first": first, "again": again, "overruled": overruled, "rss": rss,
                  "rss_kept": peak_mb(),
                  "facts": sum(1 for f in c.facts if f.kind == "claim" and f.sources > 1), "timings": c.timings}))
"""


def election_month(count: int) -> list[dict]:
    """``count`` consecutive "elections" articles (by date) of the month with the most of them."""
    rows = []
    with lzma.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("topic") == "elections" and (record.get("date") or "")[:7]:
                rows.append(record)
    month = Counter(r["date"][:7] for r in rows).most_common(1)[0][0]
    chosen = sorted((r for r in rows if r["date"][:7] == month), key=lambda r: (r["date"], r["ID"]))
    return chosen[:count]


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    from desktop.core.library import open_library
    from desktop.core.matching.compare import compare, warm_up
    from desktop.core.matching.meaning import packaged

    started = time.perf_counter()
    packaged()
    load = time.perf_counter() - started
    size = (ROOT / "desktop" / "core" / "matching" / "meaning_vectors.npz").stat().st_size / 2**20
    print(f"meaning vectors: {size:.1f} MB, loaded in {load:.2f} s")
    warm_up()
    with open_library(memory=True) as store:
        bundled = [store.article(a) for a in store.stories()[0].article_ids]
    compare(bundled)
    times = []
    for _ in range(5):
        t = time.perf_counter()
        compare(bundled)
        times.append(time.perf_counter() - t)
    print(f"bundled story, compared again: median {statistics.median(times) * 1000:.0f} ms (target 50 ms)")
    import tempfile

    rows = election_month(200)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in (50, 200):
            path = Path(folder) / f"{n}.json"
            path.write_text(json.dumps(rows[:n]), encoding="utf-8")
            found = []
            for _ in range(runs):
                out = subprocess.run([sys.executable, "-c", RUN, str(path)], capture_output=True, text=True,
                                     check=True, cwd=ROOT).stdout
                found.append(json.loads(out.strip().splitlines()[-1]))
            first = statistics.median(r["first"] for r in found)
            again = statistics.median(r["again"] for r in found)
            overruled = statistics.median(r["overruled"] for r in found)
            rss = max(r["rss"] for r in found)
            rss_kept = max(r["rss_kept"] for r in found)
            results[n] = first
            steps = ", ".join(f"{k} {v:.2f}" for k, v in found[0]["timings"].items())
            print(f"{n} election articles ({rows[0]['date'][:7]}): first {first:.2f} s, again {again:.2f} s, "
                  f"after a link is overruled {overruled:.2f} s, "
                  f"peak RSS {rss:.0f} MB ({rss_kept:.0f} MB with the story kept, as the window does), {found[0]['facts']} shared claims  [{steps}]")
    print(f"growth 50 -> 200: x{results[200] / results[50]:.1f} (target at most x5); targets 0.5 s / 2 s")


if __name__ == "__main__":
    main()
