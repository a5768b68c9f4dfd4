"""A pool of conflicts to judge on stories Parallax finds itself (tests/data/fresh_judgements/conflict_pool.json).

The 35,619 AllSides articles are clustered with Find Stories (``find_stories``, deterministic); the pool
is every story of 2 to 8 articles from two outlets or more with no article of dev_groups.json (the
conflict rules were first tuned on those); each is compared with today's engine (two processes).

Run: python tools/fresh/make_conflict_pool.py OUT.json [--big | --dev]   (--big: stories of 9 to 30 articles; --dev: the
stories of 2 to 30 articles holding a dev-group article, left out of the other pools; every conflict shown, with its story's corpus ids,
the values' article keys, exact text and offsets; about 9 minutes on 2 cores)
"""

from __future__ import annotations

import json
import lzma
import sys
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data" / "allsides-corpus"
_ROWS: list[dict] = []


def corpus_rows() -> list[dict]:
    with lzma.open(SHARED / "corpus.jsonl.xz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def pool_stories(rows: list[dict], sizes: tuple[int, int] = (2, 8), dev: bool = False) -> list[list[int]]:
    """The stories of the pool, as lists of corpus row numbers (``sizes``: fewest and most articles;
    (9, 30) for the larger stories of conflict_pool_big.json); ``dev``: the stories holding an article
    of dev_groups.json instead (left out of the other pools; conflict_pool_dev.json)."""
    from desktop.core.stories.clustering import StoryArticle, find_stories

    dev_ids = {i for g in json.loads((SHARED / "dev_groups.json").read_text(encoding="utf-8")) for i in g["ids"]}
    articles = [StoryArticle(id=n, title=r["title"], text=r["content_original"] or "", published=r["date"] or None,
                             source=r["source"]) for n, r in enumerate(rows)]
    return [list(s.article_ids) for s in find_stories(articles)
            if sizes[0] <= len(s.article_ids) <= sizes[1]
            and any(rows[n]["ID"] in dev_ids for n in s.article_ids) == dev
            and len({rows[n]["source"] for n in s.article_ids}) >= 2]


def _init(rows: list[dict]) -> None:
    _ROWS[:] = rows


def _compare(story: list[int]) -> list[dict]:
    from desktop.core.matching.compare import compare
    from tests.core.fact_labels import _article

    rows = _ROWS
    articles = [_article(k, rows[n]["content_original"] or "", rows[n]["title"], rows[n]["source"],
                         (rows[n]["date"] or "")[:10] or None) for k, n in enumerate(story, 1)]
    return [{"ids": [rows[n]["ID"] for n in story], "label": c.label, "severity": c.severity, "weak": c.weak, "kind": c.kind,
             "mentions": [[f"A{m.article}", m.text, m.start, m.end] for m in c.mentions]}
            for c in compare(articles).conflicts]


def compare_stories(rows: list[dict], stories: list[list[int]]) -> list[dict]:
    """Every conflict shown on the stories, compared in two processes."""
    with Pool(2, initializer=_init, initargs=(rows,)) as pool:
        return [c for found in pool.map(_compare, stories, chunksize=10) for c in found]


def main() -> None:
    rows = corpus_rows()
    stories = pool_stories(rows, (9, 30) if "--big" in sys.argv else (2, 30) if "--dev" in sys.argv else (2, 8),
                           dev="--dev" in sys.argv)
    shown = compare_stories(rows, stories)
    Path(sys.argv[1]).write_text(json.dumps(shown, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{len(stories)} stories, {len(shown)} conflicts shown")


if __name__ == "__main__":
    main()
