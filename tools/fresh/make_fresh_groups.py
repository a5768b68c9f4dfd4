"""Build groups of AllSides articles that no label, tuning or training run has read: fresh stories
for judging the engine's output once, after everything is chosen (tests/data/fresh_groups.json).

A group: articles of one AllSides topic and one publication date, from different outlets, whose
whole-text meaning vectors are alike (cosine >= 0.6 to the group's most central article), 3 to 6
articles. Excluded: every article of ../shared/data/allsides-corpus/dev_groups.json (the dev and
held-out labels come from those) and of tests/data/story_clusters.json. Deterministic (seeded).

Run: python tools/fresh/make_fresh_groups.py [--count 800] [--pairs 600]
(694 groups of 3+ are all there are; after them come up to --pairs groups of two outlets, f695 on,
drawn from the articles no earlier group holds, for judging rare output such as conflicts)
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.matching.meaning import packaged  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "allsides-corpus"
OUT = ROOT / "tests" / "data" / "fresh_groups.json"
MIN_COSINE = 0.6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=800)
    parser.add_argument("--pairs", type=int, default=600)
    args = parser.parse_args()
    used = {i for g in json.loads((SHARED / "dev_groups.json").read_text()) for i in g["ids"]}
    clusters = json.loads((ROOT / "tests" / "data" / "story_clusters.json").read_text())
    for pool in clusters["pools"]:
        used.update(pool["ids"])
    buckets: dict[tuple[str, str], list[dict]] = defaultdict(list)
    with lzma.open(SHARED / "corpus.jsonl.xz", "rt", encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            date = (r.get("date") or "")[:10]
            if len(date) == 10 and r["ID"] not in used and len(r.get("content_original") or "") > 1500:
                buckets[(date, r["topic"])].append(r)
    vectors = packaged()
    rng = random.Random(2026_12_05)
    keys = sorted(k for k, rs in buckets.items() if len({r["source"] for r in rs}) >= 3)
    rng.shuffle(keys)
    groups = []
    for key in keys:
        records = buckets[key]
        matrix = np.array([vectors.sentence_vector(r["content_original"]) for r in records])
        sims = matrix @ matrix.T
        centre = int(np.argmax(sims.sum(1)))
        chosen, outlets = [], set()
        for k in np.argsort(-sims[centre]).tolist():
            if sims[centre, k] >= MIN_COSINE and records[k]["source"] not in outlets and len(chosen) < 6:
                chosen.append(records[k])
                outlets.add(records[k]["source"])
        if len(chosen) >= 3:
            groups.append({"name": f"f{len(groups) + 1:03d}", "date": key[0], "topic": key[1],
                           "ids": [r["ID"] for r in chosen], "sources": [r["source"] for r in chosen],
                           "titles": [r["title"] for r in chosen]})
        if len(groups) >= args.count:
            break
    taken = {i for g in groups for i in g["ids"]}
    pairs = 0
    pair_keys = sorted(k for k, rs in buckets.items() if len({r["source"] for r in rs}) >= 2)
    rng.shuffle(pair_keys)
    for key in pair_keys:
        if pairs >= args.pairs:
            break
        records = [r for r in buckets[key] if r["ID"] not in taken]
        if len({r["source"] for r in records}) < 2:
            continue
        matrix = np.array([vectors.sentence_vector(r["content_original"]) for r in records])
        sims = matrix @ matrix.T
        centre = int(np.argmax(sims.sum(1)))
        other = next((k for k in np.argsort(-sims[centre]).tolist()
                      if records[k]["source"] != records[centre]["source"] and sims[centre, k] >= MIN_COSINE), None)
        if other is None:
            continue
        chosen = [records[centre], records[other]]
        taken.update(r["ID"] for r in chosen)
        pairs += 1
        groups.append({"name": f"f{len(groups) + 1:03d}", "date": key[0], "topic": key[1],
                       "ids": [r["ID"] for r in chosen], "sources": [r["source"] for r in chosen],
                       "titles": [r["title"] for r in chosen]})
    OUT.write_text(json.dumps({"about": __doc__.split("\n\n")[0] + " Built by tools/fresh/make_fresh_groups.py.",
                               "groups": groups}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(groups)} groups, {sum(len(g['ids']) for g in groups)} articles -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
