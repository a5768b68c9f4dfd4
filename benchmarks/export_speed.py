"""Exporting 100,000 annotations in each format: time and file size, printed, never asserted.

The library: 1,000 articles of about 5,000 characters (with emoji and CRLF) in one story, 100
annotations on each; a third have a Markdown note, half have one or two of 20 tags, 1 in 50 is an
orphan, and 2,000 links. The annotations are inserted straight into the tables (sqlite-utils
``insert_all``) so the setup takes seconds; the exports go through the public functions.
HTML and PDF are measured when their modules are present (PDF: ``--pdf``, it is slow).
``--import`` also imports the JSON-LD and QDPX files into fresh libraries, twice (the second time
every note is a duplicate); ``--import-only`` exports just those two and imports them (to iterate
on the import at, say, ``--annotations 10000``).
Run: python benchmarks/export_speed.py [--annotations N] [--pdf] [--import | --import-only]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.interchange.export_annotations import export_annotations
from desktop.core.library import open_library
from desktop.core.models import ParsedArticle

WORDS = ["the", "minister", "said", "sanctions", "would", "start", "on", "Sept.", "29", "while", "the", "company", "denied", "any", "wrongdoing", "and", "analysts", "expected", "$721", "million", "in", "losses", "😀", "according", "to", "officials", "in", "Washington"]
ARTICLES = 1000
NOTE = "A **Markdown** note, with \"quotes\", a list:\n- one\n- two 🎉"


def article_text(rng: random.Random, number: int) -> str:
    lines = []
    while sum(len(line) + 2 for line in lines) < 5000:
        lines.append(" ".join(rng.choice(WORDS) for _ in range(18)) + ".")
    return f"Article {number}\r\n" + "\r\n".join(lines)


def build(store, total: int) -> None:
    rng = random.Random(7)
    per_article = max(1, total // ARTICLES)
    ids = []
    with store.batch():
        for number in range(ARTICLES):
            _, article_id, _ = store.save_article(ParsedArticle(
                text=article_text(rng, number), origin=f"bench:{number}.txt", title=f"Article {number}",
                source=f"Outlet {number % 17}", published="2024-07-16"))
            ids.append(article_id)
        story_id, _ = store.create_story("Benchmark")
        store.add_to_story(story_id, ids)
    tag_ids = [store.db["tags"].insert({"name": f"tag {i}", "color": f"#{rng.randrange(2**24):06X}"}).last_pk
               for i in range(20)]
    rows, made = [], 0
    for article_id in ids:
        article = store.article(article_id)
        text, step = article.text, len(article.text) // per_article
        for i in range(per_article):
            if made == total:
                break
            start = i * step + rng.randrange(step // 2)
            end = start + rng.randrange(10, max(11, step // 2))
            rows.append({
                "article_id": article_id, "version_id": article.version_id, "start": start, "end": end,
                "exact": text[start:end], "prefix": text[max(0, start - 32):start], "suffix": text[end:end + 32],
                "color": rng.choice(("yellow", "green", "blue", "red")), "note": NOTE if made % 3 == 0 else "",
                "created": "2024-07-20T10:00:00+00:00", "updated": "2024-07-20T10:00:00+00:00",
                "orphaned": int(made % 50 == 49),
            })
            made += 1
    with store.batch():
        store.db["annotations"].insert_all(rows, batch_size=5000)
        annotation_ids = [r[0] for r in store.db.execute("SELECT id FROM annotations ORDER BY id")]
        store.db["annotation_tags"].insert_all(
            ({"annotation_id": a, "tag_id": t} for n, a in enumerate(annotation_ids) if n % 2 == 0
             for t in {tag_ids[n % 20], tag_ids[(n * 7) % 20]}), batch_size=5000)
        store.db["annotation_links"].insert_all(
            ({"from_id": annotation_ids[n], "to_id": annotation_ids[n + 1], "kind": "supports",
              "created": "2024-07-20T10:00:00+00:00"} for n in range(0, min(4000, len(annotation_ids) - 1), 2)),
            batch_size=5000)


def measure(label: str, make, path: Path) -> None:
    began = time.perf_counter()
    data = make()
    seconds = time.perf_counter() - began
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data is not None:
        path.write_bytes(data)
    size = path.stat().st_size
    print(f"{label:<9} {seconds:8.2f} s  {size / 1e6:9.1f} MB")


def measure_html(store, out: Path, pdf: bool) -> None:
    try:
        from desktop.core.interchange.notes_html import annotations_html
    except ImportError:
        print("html      (desktop.core.interchange.notes_html is not there)")
        return
    measure("html", lambda: export_annotations(store, "html"), out / "notes.html")
    if pdf:
        from desktop.rendering.pdf import write_pdf

        html = annotations_html(store, for_print=True)
        measure("pdf", lambda: write_pdf(html, out / "notes.pdf"), out / "notes.pdf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--pdf", action="store_true", help="also the PDF (slow)")
    parser.add_argument("--import", dest="reimport", action="store_true",
                        help="also import the JSON-LD and QDPX files into fresh libraries")
    parser.add_argument("--import-only", action="store_true",
                        help="export only JSON-LD and QDPX, and import them (implies --import)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        store = open_library(out / "library.sqlite")
        began = time.perf_counter()
        build(store, args.annotations)
        count = len(store.annotations())
        print(f"setup: {count:,} annotations on {ARTICLES:,} articles in {time.perf_counter() - began:.1f} s")
        print(f"{'format':<9} {'time':>10}  {'size':>12}")
        formats = (("markdown", "md"), ("csv", "csv"), ("jsonld", "jsonld"), ("qdpx", "qdpx"))
        for fmt, suffix in formats[2:] if args.import_only else formats:
            measure(fmt, lambda fmt=fmt: export_annotations(store, fmt), out / f"notes.{suffix}")
        if not args.import_only:
            measure_html(store, out, args.pdf)
        if args.reimport or args.import_only:
            from desktop.core.interchange.import_annotations import import_annotations

            for suffix in ("jsonld", "qdpx"):
                with open_library(out / f"fresh-{suffix}.sqlite") as fresh:
                    if suffix == "jsonld":  # JSON-LD carries no text: the articles must be there
                        for summary in (a for a in store.articles() if (a.title or "").startswith("Article ")):
                            fresh.save_article(ParsedArticle(text=store.article(summary.id).text,
                                                             origin=f"bench:{summary.title.split()[-1]}.txt"))
                    began = time.perf_counter()
                    report = import_annotations(fresh, out / f"notes.{suffix}")
                    print(f"import {suffix:<6} {time.perf_counter() - began:8.2f} s  {report.summary()}")
                    began = time.perf_counter()  # again: every note is found already there
                    report = import_annotations(fresh, out / f"notes.{suffix}")
                    print(f"again  {suffix:<6} {time.perf_counter() - began:8.2f} s  {report.summary()}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
