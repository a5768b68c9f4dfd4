"""Figures for a library with 100,000 annotations (offscreen Qt), printed, never asserted.

The library: the bundled story (5 articles, ~2,000 annotations) and 1,995 generated articles in
399 stories holding the other ~98,000, with tags, links between articles and a few orphans.
It is written with direct inserts into the library's own tables (the FTS triggers index it).

Figures: opening the story (the window's per-pane ``store.annotations(article_id=...)`` and the
Notes panel's ``set_story``), full-text search (``store.search_annotations`` and the panel's
search box), listing the whole library in the panel, grouping by tag, and scrolling the panel's
list (each step: scroll bar moved, events processed, viewport repainted; median and max).
Targets (issue 5): open a story <= 500 ms, full-text search <= 50 ms, no stalls when scrolling.

Run: python benchmarks/annotations_scale.py [--annotations 100000] [--keep PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.library import bundled_story_name, open_library
from desktop.core.library.store import Store
from desktop.core.notes.anchoring import CONTEXT_CHARS, content_hash
from desktop.core.notes.annotating import COLORS

ARTICLES = 2_000
STORY_ANNOTATIONS = 2_000
LINKS = 2_000
ORPHANS = 100
TAGS = ["layoffs", "dates", "sanctions", "quotes", "numbers", "sources", "check", "disputed", "law",
        "security", "russia", "commerce", "ban", "users", "refunds", "timeline", "policy", "follow-up",
        "contradiction", "background", "official", "company", "reaction", "market", "tech"]


def _vocabulary(rng: random.Random) -> list[str]:
    syllables = ["ka", "per", "sky", "lab", "ban", "trade", "com", "merce", "se", "cu", "ri", "ty",
                 "mos", "cow", "gov", "ern", "ment", "soft", "ware", "an", "ti", "vi", "rus", "lo"]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))) for _ in range(6000)}
    return sorted(words) + ["the", "a", "of", "to", "and", "in", "said", "on", "will", "its"] * 40


def _text(rng: random.Random, words: list[str], chars: int) -> str:
    paragraphs, size = [], 0
    while size < chars:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 22)))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def _span(rng: random.Random, text: str) -> tuple[int, int]:
    """A word-aligned stretch of 2 to 12 words."""
    while True:
        start = rng.randrange(0, len(text) - 200)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = start
        for _ in range(rng.randint(2, 12)):
            nxt = text.find(" ", end + 1)
            if nxt < 0:
                break
            end = nxt
        if end > start and "\n" not in text[start:end]:
            return start, end


def build_library(path: Path, total: int = 100_000, seed: int = 5) -> dict:
    """Write the library; returns what the figures need (story id, its article ids, counts)."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    store = open_library(path)
    db = store.db
    story = store.story_by_name(bundled_story_name())
    now = "2024-07-20T10:00:00+00:00"
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    # articles, each with one version, 5 to a story
    texts: dict[int, tuple[int, str]] = {a: (store.article(a).version_id, store.article(a).text)
                                         for a in story.article_ids}
    next_article = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
    next_version = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM article_versions").fetchone()[0]
    article_rows, version_rows = [], []
    for i in range(ARTICLES - len(story.article_ids)):
        article_id, version_id = next_article + i, next_version + i
        text = _text(rng, words, rng.randint(2500, 6000))
        texts[article_id] = (version_id, text)
        article_rows.append((article_id, f"generated:{article_id}", f"Generated article {article_id}: "
                             + " ".join(rng.choice(words) for _ in range(5)), text, len(text.split()), now))
        version_rows.append((version_id, article_id, content_hash(text), text, now))
    conn.executemany(
        "INSERT INTO articles (id, identity, title, text, word_count, version_count, created, updated)"
        " VALUES (?, ?, ?, ?, ?, 1, ?, ?)", [(*r, now) for r in article_rows])
    conn.executemany("INSERT INTO article_versions (id, article_id, number, content_hash, text, imported)"
                     " VALUES (?, ?, 1, ?, ?, ?)", version_rows)
    conn.executemany("UPDATE articles SET current_version_id = ? WHERE id = ?",
                     [(v[0], v[1]) for v in version_rows])
    others = [r[0] for r in article_rows]
    for n in range(0, len(others), 5):
        story_id = conn.execute("INSERT INTO stories (name, created) VALUES (?, ?)",
                                (f"Generated story {n // 5 + 1}", now)).lastrowid
        conn.executemany("INSERT INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)",
                         [(story_id, a, p) for p, a in enumerate(others[n:n + 5])])
    # annotations: STORY_ANNOTATIONS on the story's five articles, the rest elsewhere
    owners = [story.article_ids[i % len(story.article_ids)] for i in range(STORY_ANNOTATIONS)]
    owners += [rng.choice(others) for _ in range(total - STORY_ANNOTATIONS)]
    owners.sort()
    rows = []
    for article_id in owners:
        version_id, text = texts[article_id]
        start, end = _span(rng, text)
        note = "" if rng.random() < 0.5 else " ".join(rng.choice(words) for _ in range(rng.randint(3, 25)))
        rows.append((article_id, version_id, start, end, text[start:end],
                     text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS],
                     rng.choice(COLORS), note, now, now))
    conn.executemany(
        'INSERT INTO annotations (article_id, version_id, start, "end", exact, prefix, suffix, color, note,'
        " created, updated, orphaned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", rows)
    first_id, last_id = db.execute("SELECT MIN(id), MAX(id) FROM annotations").fetchone()
    tag_ids = [conn.execute("INSERT INTO tags (name) VALUES (?)", (t,)).lastrowid for t in TAGS]
    tag_rows = []
    for annotation_id in range(first_id, last_id + 1):
        if rng.random() < 0.6:
            for tag_id in rng.sample(tag_ids, rng.randint(1, 2)):
                tag_rows.append((annotation_id, tag_id))
    conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", tag_rows)
    by_article = dict(db.execute("SELECT id, article_id FROM annotations").fetchall())
    ids = list(by_article)
    link_rows = set()
    while len(link_rows) < LINKS:
        a, b = rng.choice(ids), rng.choice(ids)
        if by_article[a] != by_article[b]:
            link_rows.add((a, b, rng.choice(("same fact", "supports", "contradicts"))))
    conn.executemany("INSERT INTO annotation_links (from_id, to_id, kind, created) VALUES (?, ?, ?, ?)",
                     [(*r, now) for r in link_rows])
    conn.executemany("UPDATE annotations SET orphaned = 1 WHERE id = ?",
                     [(i,) for i in rng.sample(ids, ORPHANS)])
    conn.execute("COMMIT")
    db.execute("ANALYZE")
    counts = dict(
        annotations=db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0],
        articles=db.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
        story_annotations=len(store.annotations(story_id=story.id)),
        links=len(link_rows), tags=len(tag_rows),
    )
    store.close()
    return {"story_id": story.id, "article_ids": story.article_ids, "words": words, **counts}


def library_info(path: Path) -> dict:
    """What ``build_library`` returns, read back from a library it built."""
    with open_library(path) as store:
        story = store.story_by_name(bundled_story_name())
        db = store.db
        return dict(
            story_id=story.id, article_ids=story.article_ids, words=_vocabulary(random.Random(5)),
            annotations=db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0],
            articles=db.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            story_annotations=len(store.annotation_keys(story.id)),
            links=db.execute("SELECT COUNT(*) FROM annotation_links").fetchone()[0],
        )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def store_figures(store: Store, info: dict) -> None:
    story_id, article_ids = info["story_id"], info["article_ids"]
    t, _ = timed(lambda: [store.annotations(article_id=a) for a in article_ids])
    print(f"  store.annotations(article_id=...) for the 5 panes: {ms(t)}")
    t, found = timed(lambda: store.annotations(story_id=story_id))
    print(f"  store.annotations(story_id=...) ({len(found)} annotations): {ms(t)}")
    for query in ("kaspersky", info["words"][100], "the", "said the"):
        t, found = timed(lambda q=query: store.search_annotations(q))
        print(f"  store.search_annotations({query!r}) -> {len(found)}: {ms(t)}")
    t, found = timed(lambda: store.annotations(), repeat=1)
    print(f"  store.annotations() (whole library, eager, {len(found)} objects): {ms(t)}")


def _settle(app) -> None:
    """Let queued work run (delayed layout, paint) as the event loop would."""
    for _ in range(3):
        app.processEvents()


def panel_figures(store: Store, info: dict) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.notes.annotations_panel import AnnotationsPanel

    app = QApplication.instance() or QApplication([])
    story_id, article_ids = info["story_id"], info["article_ids"]
    names = {a: f"A{i + 1} · {store.article(a).display_source.upper()}" for i, a in enumerate(article_ids)}
    panel = AnnotationsPanel(store)
    panel.resize(380, 900)
    panel.show()
    _settle(app)

    def open_story():
        for article_id in article_ids:  # what MainWindow.refresh_annotations reads for its panes
            store.annotations(article_id=article_id)
        panel.set_story(story_id, names)
        _settle(app)
        panel.view.viewport().repaint()

    def reset():
        panel.set_story(None, {})
        _settle(app)

    times = []
    for _ in range(5):
        reset()
        t0 = time.perf_counter()
        open_story()
        times.append(time.perf_counter() - t0)
    print(f"  open the story (5 panes' annotations + panel.set_story + paint):"
          f" median {ms(statistics.median(times))},"
          f" max {ms(max(times))}; {panel.count.text()}; read {panel.model.loaded_count()} of"
          f" {panel.model.rowCount()} rows")

    for grouping in ("article", "tag", "none"):
        t0 = time.perf_counter()
        panel.set_grouping(grouping)
        _settle(app)
        panel.view.viewport().repaint()
        print(f"  story grouped by {grouping}: {ms(time.perf_counter() - t0)} ({panel.model.rowCount()} rows)")

    for scope in ("story", "library"):
        if scope == "library":
            t0 = time.perf_counter()
            panel.scope_button.setChecked(True)
            _settle(app)
            panel.view.viewport().repaint()
            print(f"  whole library listed: {ms(time.perf_counter() - t0)}; {panel.count.text()};"
                  f" read {panel.model.loaded_count()} of {panel.model.rowCount()} rows")
        for query in ("kaspersky", info["words"][100], "the"):
            times = []
            for _ in range(5):
                panel.search.clear()
                t0 = time.perf_counter()
                panel.search.setText(query)
                _settle(app)
                panel.view.viewport().repaint()
                times.append(time.perf_counter() - t0)
            print(f"  panel search box in the {scope} ({query!r} -> {panel.count.text()}):"
                  f" median {ms(statistics.median(times))}")
        panel.search.clear()
        _settle(app)

    for grouping in ("article", "tag", "none"):
        t0 = time.perf_counter()
        panel.set_grouping(grouping)
        _settle(app)
        panel.view.viewport().repaint()
        print(f"  library grouped by {grouping}: {ms(time.perf_counter() - t0)} ({panel.model.rowCount()} rows,"
              f" {panel.model.loaded_count()} read)")

    scroll_figures(app, panel, "wheel steps of 120 px", step=lambda bar: 120, steps=400)
    scroll_figures(app, panel, "page steps", step=lambda bar: bar.pageStep(), steps=400)
    scroll_figures(app, panel, "jumps of 1/50 of the list", step=lambda bar: bar.maximum() // 50, steps=49)
    print(f"    after scrolling: {panel.model.loaded_count():,} annotations read"
          f" for {panel.model.rowCount():,} rows")
    stall_while_scrolling(app, panel)
    link_dialog_figures(app, panel, store, info)
    t0 = time.perf_counter()
    panel.select_annotation(panel.model.ids()[-1])
    _settle(app)
    panel.view.viewport().repaint()
    print(f"  select the library's last annotation (and scroll there): "
          f"{ms(time.perf_counter() - t0)}; {panel.model.loaded_count():,} annotations read")
    panel.close()


def link_dialog_figures(app, panel, store: Store, info: dict) -> None:
    """The "Link to…" dialog lists every other note of the library (the story's first)."""
    first = store.annotation_keys(article_id=info["article_ids"][0])[0][0]
    t0 = time.perf_counter()
    dialog = panel.open_link_dialog(first)
    _settle(app)
    dialog.view.viewport().repaint()
    print(f"  open the Link dialog ({dialog.model.rowCount():,} rows, {dialog.model.loaded_count()} read):"
          f" {ms(time.perf_counter() - t0)}")
    t0 = time.perf_counter()
    dialog.filter.setText(info["words"][100])
    _settle(app)
    dialog.view.viewport().repaint()
    print(f"  filter its candidates ({len(dialog.candidate_ids())} left): {ms(time.perf_counter() - t0)}")
    dialog.close()


def scroll_figures(app, panel, label: str, step, steps: int) -> None:
    """Move the scroll bar ``steps`` times; each step timed up to the repainted viewport."""
    bar = panel.view.verticalScrollBar()
    bar.setValue(0)
    _settle(app)
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        bar.setValue(bar.value() + max(1, step(bar)))
        _settle(app)
        panel.view.viewport().repaint()
        times.append(time.perf_counter() - t0)
    print(f"  scrolling the library ({label}, {steps} steps, each up to the repainted list): median"
          f" {ms(statistics.median(times))}, 95th {ms(sorted(times)[int(len(times) * 0.95)])},"
          f" max {ms(max(times))}")


def stall_while_scrolling(app, panel, seconds: float = 4.0) -> None:
    """Scroll as a reader dragging the bar would (400 px every 16 ms), while a 2 ms timer
    measures the longest the event loop was busy: a stall the reader would feel."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    bar = panel.view.verticalScrollBar()
    bar.setValue(0)
    _settle(app)
    clock, longest = QElapsedTimer(), [0]
    ticker, scroller = QTimer(interval=2), QTimer(interval=16)
    ticker.timeout.connect(lambda: longest.__setitem__(0, max(longest[0], clock.restart())))
    scroller.timeout.connect(lambda: bar.setValue(bar.value() + 400))
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    clock.start()
    ticker.start()
    scroller.start()
    loop.exec()
    scroller.stop()
    ticker.stop()
    print(f"  longest event-loop stall while dragging through the library for {seconds:.0f} s:"
          f" {longest[0]} ms (reached row ~{panel.view.indexAt(panel.view.viewport().rect().center()).row():,})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the library here and keep it")
    parser.add_argument("--reuse", type=Path, help="measure this library, built before with --keep")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.reuse or args.keep or Path(tmp) / "library.sqlite"
        t0 = time.perf_counter()
        info = library_info(path) if args.reuse else build_library(path, args.annotations)
        print(f"{'Reused' if args.reuse else 'Built'} {info['annotations']:,} annotations"
              f" on {info['articles']:,} articles "
              f"({info['story_annotations']:,} in the story, {info['links']:,} links) "
              f"in {time.perf_counter() - t0:.1f} s")
        store = open_library(path)
        try:
            print("Store:")
            store_figures(store, info)
            print("Notes panel (offscreen):")
            panel_figures(store, info)
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
