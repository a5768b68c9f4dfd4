"""Import the 400-article AllSides sample into a fresh library: articles per second, peak memory.

Run: python benchmarks/import_allsides.py [path/to/articles.jsonl]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from desktop.core.library import import_paths
from desktop.core.library.store import Store

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides-sample" / "articles.jsonl"


def import_once(source: Path, trace_memory: bool) -> tuple[int, float, int, int]:
    """(articles, seconds, peak traced bytes, library file bytes) for one fresh import."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "library.sqlite")
        if trace_memory:
            tracemalloc.start()
        start = time.perf_counter()
        report = import_paths(store, [source], story="AllSides")
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if trace_memory else 0
        tracemalloc.stop()
        store.close()
        return len(report.added), elapsed, peak, (Path(tmp) / "library.sqlite").stat().st_size


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    # timed without tracemalloc (it slows allocation-heavy code); memory from a second run
    count, elapsed, _, size = import_once(source, trace_memory=False)
    _, _, peak, _ = import_once(source, trace_memory=True)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"imported {count} articles in {elapsed:.2f} s: {count / elapsed:.0f} articles/s (target >= 200)")
    print(f"peak Python allocations {peak / 2**20:.1f} MiB; peak process RSS {rss_mb:.0f} MiB; "
          f"library file {size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
