"""Import speed at scale: articles/s for 400, 4,000 and 35,600 real articles, 20,000 vs 40,000
tiny records, and the peak RSS of each run (each in a fresh process, into a fresh library).

Run: python benchmarks/import_scale.py [--skip-full]
Data: ../shared/data/allsides-sample/articles.jsonl and ../shared/data/allsides-corpus/corpus.jsonl.xz
(decompressed into a temporary folder first; that time is not counted).
"""

from __future__ import annotations

import json
import lzma
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
RUN = """
import json, resource, sys, time
from desktop.core.library import import_paths
from desktop.core.library.store import Store

def peak_mb():  # VmHWM: this process's own peak (ru_maxrss would carry over the parent's peak across exec)
    try:
        return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


store = Store(sys.argv[1])
started = time.perf_counter()
report = import_paths(store, [sys.argv[2]])
elapsed = time.perf_counter() - started
store.close()
print(json.dumps({"articles": len(report.added), "seconds": elapsed, "failures": len(report.failures),
                  "rss_mb": peak_mb()}))
"""


def measure(source: Path, folder: Path) -> dict:
    library = folder / f"library-{source.stem}.sqlite"
    out = subprocess.run([sys.executable, "-c", RUN, str(library), str(source)], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def line(label: str, result: dict) -> str:
    rate = result["articles"] / result["seconds"]
    return (f"{label:<34} {result['articles']:>7,} articles {result['seconds']:7.1f} s  {rate:7,.0f} articles/s"
            f"  peak RSS {result['rss_mb']:6,.0f} MiB")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        with lzma.open(SHARED / "allsides-corpus" / "corpus.jsonl.xz", "rb") as src, open(corpus, "wb") as out:
            shutil.copyfileobj(src, out)
        first = folder / "corpus-4000.jsonl"
        with open(corpus, encoding="utf-8") as src, open(first, "w", encoding="utf-8") as out:
            for n, row in enumerate(src):
                if n == 4000:
                    break
                out.write(row)
        for count in (20_000, 40_000):
            with open(folder / f"tiny-{count}.jsonl", "w", encoding="utf-8") as out:
                for n in range(count):
                    out.write(json.dumps({"title": f"Item {n}", "url": f"https://example.com/{n}",
                                          "text": f"Tiny record number {n} says the council met."}) + "\n")
        print(line("AllSides sample (400)", measure(SHARED / "allsides-sample" / "articles.jsonl", folder)))
        print(line("AllSides corpus, first 4,000", measure(first, folder)))
        tiny = [measure(folder / f"tiny-{count}.jsonl", folder) for count in (20_000, 40_000)]
        print(line("tiny records 20,000", tiny[0]))
        print(line("tiny records 40,000", tiny[1]))
        print(f"{'40k / 20k time':<34} x{tiny[1]['seconds'] / tiny[0]['seconds']:.2f} (linear: x2)")
        if "--skip-full" not in sys.argv:
            print(line("AllSides corpus, all (35,600)", measure(corpus, folder)))


if __name__ == "__main__":
    main()
