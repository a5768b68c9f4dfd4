"""The library list at 35,600 articles: import, Find, opening and sorting the article list.

Imports the whole AllSides corpus (all but its last 100 articles) into a library once and keeps
it under /tmp (``--rebuild`` makes it again), then prints:

* import: articles/s, library file size;
* Find (``Store.search``, FTS5): median and 95th percentile over ~50 realistic queries, and the
  same for the article list narrowed by Find (``Store.article_list_ids``);
* the window's article list (``ArticlesModel`` over the store, in a fresh process): time to
  list the library, to sort by each column, to filter, to scroll to the end, and the peak RSS
  of that process before and after;
* the incremental cost of importing the 100 held-back articles into the big library.

Run: python benchmarks/library_scale.py [--rebuild]
"""

from __future__ import annotations

import json
import lzma
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPUS = SHARED / "allsides-corpus" / "corpus.jsonl.xz"
CACHE = Path(tempfile.gettempdir()) / "parallax-library-scale"
LIBRARY = CACHE / "library.sqlite"
BUILT = CACHE / "built.json"
HELD_BACK = 100

QUERIES = [
    "Supreme Court", "abortion", "Roe v. Wade", "Trump", "Biden", "impeachment", "immigration",
    "border wall", "gun control", "NRA", "climate change", "Paris agreement", "coronavirus", "vaccine",
    "Fauci", "election fraud", "Georgia runoff", "Pelosi", "McConnell", "tax cuts", "healthcare",
    "Obamacare", "Medicare for All", "Iran", "North Korea", "Kim Jong", "Russia investigation", "Mueller",
    "Ukraine", "China tariffs", "trade war", "Brexit", "Syria", "Afghanistan withdrawal", "police",
    "George Floyd", "protests", "Black Lives Matter", "unemployment", "inflation", "Federal Reserve",
    "stimulus", "Kavanaugh", "Senate vote", "filibuster", "Capitol riot", "January 6", "voting rights",
    "minimum wage", "student loans", "Texas", "Florida governor", "wildfire", "hurricane", "Facebook",
]

LIST_RUN = r"""
import json, os, resource, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from desktop.core.library.store import Store
from desktop.core.library.store.article_list import ArticleFilter
from desktop.ui.library.library_models import ArticlesModel
from desktop.ui.library.sidebar import LibrarySidebar

def rss_mib():  # VmHWM: this process's own peak (ru_maxrss would carry over the parent's peak across exec)
    try:
        return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

app = QApplication([])
store = Store(sys.argv[1])
before = rss_mib()
out = {"rss_before_mib": before}
sidebar = LibrarySidebar(store)
sidebar.resize(420, 900)
sidebar.show()
app.processEvents()
started = time.perf_counter()
sidebar.reload()
sidebar.show_story(-1)
app.processEvents()
out["open_ms"] = (time.perf_counter() - started) * 1000
model, view = sidebar.articles_model, sidebar.articles_view
out["rows"] = model.rowCount()
sorts = {}
for column, name in enumerate(model.COLUMNS):
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        started = time.perf_counter()
        view.sortByColumn(column, order)
        app.processEvents()
        sorts[f"{name} {'asc' if order == Qt.SortOrder.AscendingOrder else 'desc'}"] = (
            (time.perf_counter() - started) * 1000)
out["sort_ms"] = sorts
started = time.perf_counter()
view.scrollToBottom()
app.processEvents()
out["scroll_end_ms"] = (time.perf_counter() - started) * 1000
outlet = max(store.article_list_outlets(), key=lambda o: o[1])[0]  # the biggest outlet
started = time.perf_counter()
sidebar.set_list_filter(ArticleFilter(outlets=(outlet,)))
app.processEvents()
out["filter_outlet_ms"] = (time.perf_counter() - started) * 1000
out["filter_outlet_rows"] = model.rowCount()
started = time.perf_counter()
sidebar.set_list_filter(ArticleFilter(since="2020-01-01", until="2020-12-31"))
app.processEvents()
out["filter_dates_ms"] = (time.perf_counter() - started) * 1000
out["filter_dates_rows"] = model.rowCount()
out["rows_loaded"] = model.loaded_rows()
out["rss_after_mib"] = rss_mib()
import tracemalloc
tracemalloc.start()
fresh = ArticlesModel()
fresh.set_query(store, ArticleFilter())
for column in range(len(fresh.COLUMNS)):
    fresh.sort(column, Qt.SortOrder.DescendingOrder)
for row in range(0, fresh.rowCount(), 50):  # scrolled through from top to bottom
    fresh.index(row, 0).data()
current, peak = tracemalloc.get_traced_memory()
out["model_mib"], out["model_peak_mib"] = current / 2**20, peak / 2**20
del fresh
tracemalloc.stop()
tracemalloc.start()
started = time.perf_counter()
everything = store.articles()  # what the list held before: every summary at once
out["old_list_ms"] = (time.perf_counter() - started) * 1000
out["old_list_mib"] = tracemalloc.get_traced_memory()[0] / 2**20
tracemalloc.stop()
print(json.dumps(out))
"""


def build() -> dict:
    """Import the corpus (but the held-back articles) into the cached library, once."""
    if BUILT.exists() and LIBRARY.exists() and "--rebuild" not in sys.argv:
        return json.loads(BUILT.read_text())
    from desktop.core.library import import_paths
    from desktop.core.library.store import Store

    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob("library.sqlite*"):
        stale.unlink()
    with lzma.open(CORPUS, "rt", encoding="utf-8") as src:
        lines = src.readlines()
    (CACHE / "corpus.jsonl").write_text("".join(lines[:-HELD_BACK]), encoding="utf-8")
    (CACHE / "held-back.jsonl").write_text("".join(lines[-HELD_BACK:]), encoding="utf-8")
    store = Store(LIBRARY)
    started = time.perf_counter()
    report = import_paths(store, [CACHE / "corpus.jsonl"])
    seconds = time.perf_counter() - started
    store.close()
    built = {"articles": len(report.added), "seconds": seconds, "failures": len(report.failures)}
    BUILT.write_text(json.dumps(built))
    return built


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def find_figures() -> None:
    from desktop.core.library.store import Store
    from desktop.core.library.store.article_list import ArticleFilter

    store = Store(LIBRARY)
    try:
        for label, run in (("Find (store.search, 50 hits)", lambda q: store.search(q)),
                           ("Find as a list filter (all ids)",
                            lambda q: store.article_list_ids(ArticleFilter(text=q), "date", True))):
            run(QUERIES[0])  # warm the page cache
            times, hits = [], []
            for query in QUERIES:
                started = time.perf_counter()
                found = run(query)
                times.append((time.perf_counter() - started) * 1000)
                hits.append(len(found))
            print(f"{label:<34} {len(QUERIES)} queries: median {statistics.median(times):6.1f} ms,"
                  f" 95th {percentile(times, 0.95):6.1f} ms, max {max(times):6.1f} ms"
                  f" (median {statistics.median(hits):,.0f} hits)")
            slowest = sorted(zip(times, QUERIES, hits), reverse=True)[:3]
            print(f"{'  slowest':<34} " + ", ".join(f"{q!r} {t:.0f} ms ({n:,} hits)" for t, q, n in slowest))
    finally:
        store.close()


def list_figures() -> None:
    out = subprocess.run([sys.executable, "-c", LIST_RUN, str(LIBRARY)], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    print(f"{'Article list: open the library':<34} {figures['open_ms']:7.1f} ms ({figures['rows']:,} rows)")
    for name, ms in figures["sort_ms"].items():
        print(f"{'  sort by ' + name:<34} {ms:7.1f} ms")
    print(f"{'  scroll to the end':<34} {figures['scroll_end_ms']:7.1f} ms")
    print(f"{'  filter: one outlet':<34} {figures['filter_outlet_ms']:7.1f} ms ({figures['filter_outlet_rows']:,} rows)")
    print(f"{'  filter: dates in 2020':<34} {figures['filter_dates_ms']:7.1f} ms ({figures['filter_dates_rows']:,} rows)")
    print(f"{'  rows held in memory':<34} {figures['rows_loaded']:,}")
    print(f"{'  list model, Python heap':<34} {figures['model_mib']:7.1f} MiB held, peak {figures['model_peak_mib']:.1f} MiB"
          " (sorted 6 ways, scrolled top to bottom)")
    print(f"{'  before: every row read at once':<34} {figures['old_list_ms']:7.1f} ms, {figures['old_list_mib']:.1f} MiB"
          " (Store.articles(), what the list held until now)")
    print(f"{'  peak RSS (process)':<34} {figures['rss_before_mib']:7.0f} MiB with the store open,"
          f" {figures['rss_after_mib']:.0f} MiB after listing, sorting and scrolling"
          f" (+{figures['rss_after_mib'] - figures['rss_before_mib']:.0f} MiB)")


def incremental() -> None:
    """Import the 100 held-back articles into a copy of the big library."""
    import shutil

    from desktop.core.library import import_paths
    from desktop.core.library.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "library.sqlite"
        source = Store(LIBRARY)
        source.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.close()
        shutil.copyfile(LIBRARY, copy)
        store = Store(copy)
        started = time.perf_counter()
        report = import_paths(store, [CACHE / "held-back.jsonl"])
        seconds = time.perf_counter() - started
        print(f"{'Import 100 more articles':<34} {len(report.added)} added in {seconds:.2f} s"
              f" ({seconds / max(1, len(report.added)) * 1000:.1f} ms per article)")
        story_figures(store)
        store.close()


def story_figures(store) -> None:
    """The list's story sort and "In no story" filter once nearly every article is in a story
    (3,500 stories of 10, as clustering would leave them)."""
    import random

    from desktop.core.library.store.article_list import NO_STORY, ArticleFilter

    ids = store.article_list_ids(ArticleFilter(), "date")
    random.Random(7).shuffle(ids)
    groups = [(f"Story {n:04d}", ids[n * 10:(n + 1) * 10]) for n in range(3500)]
    if hasattr(store, "save_suggestions"):
        store.save_suggestions(groups)
    else:
        for name, members in groups:
            store.add_to_story(store.create_story(name)[0], members)
    for label, flt, key in (("sort by story (3,500 stories)", ArticleFilter(), "story"),
                            ("  the same, descending", ArticleFilter(), "story-desc"),
                            ("  filter: in no story", ArticleFilter(story_id=NO_STORY), "date"),
                            ("  one story, its order", ArticleFilter(story_id=store.stories()[7].id), "position")):
        sort, descending = key.removesuffix("-desc"), key.endswith("-desc")
        best = min(_timed(store.article_list_ids, flt, sort, descending) for _ in range(3))
        print(f"{label:<34} {best[0]:7.1f} ms ({len(best[1]):,} rows)")


def _timed(run, *args) -> tuple[float, list]:
    started = time.perf_counter()
    out = run(*args)
    return (time.perf_counter() - started) * 1000, out


def main() -> None:
    built = build()
    size = LIBRARY.stat().st_size
    print(f"{'Import the corpus':<34} {built['articles']:,} articles in {built['seconds']:.1f} s,"
          f" {built['articles'] / built['seconds']:,.0f} articles/s ({built['failures']} failures)")
    print(f"{'Library file':<34} {size / 2**20:,.0f} MiB")
    find_figures()
    list_figures()
    incremental()


if __name__ == "__main__":
    if "--build-only" in sys.argv:
        print(build())
    else:
        main()
