"""A new pool of conflicts to judge, on groups no earlier pool formed: each article with its closest
articles of other outlets (tests/data/fresh_judgements/conflict_pool_near.json).

Every earlier pool reads the stories Find Stories forms, or the AllSides topic-and-day groups of
fresh_groups.json, and every conflict they show has been read. To measure today's engine on conflicts
no rule was written from, this pool groups the same articles another way: each article (in a seeded
random order, as a centre at most once) with up to seven articles of other outlets published within
two days of it whose whole-text meaning cosine to it is at least ``MIN_COSINE`` (one article per outlet).
Each group is compared with today's engine (two processes); a conflict is kept only when no
conflict judged before gives two of its values (corpus id and exact text, in different articles).

Run: python tools/fresh/make_near_pool.py OUT.json [--groups 12000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools" / "fresh"))

from make_conflict_pool import compare_stories, corpus_rows  # noqa: E402

JUDGED = ROOT / "tests" / "data" / "fresh_judgements"
MIN_COSINE = 0.7
MAX_DAYS = 2
MAX_ARTICLES = 8
SEED = 2026_12_07


def _day(iso: str | None) -> int | None:
    try:
        return date.fromisoformat((iso or "")[:10]).toordinal()
    except ValueError:
        return None


def near_groups(rows: list[dict], count: int) -> list[list[int]]:
    """Up to ``count`` groups (corpus row numbers) of an article and its closest articles of other outlets."""
    from desktop.core.matching.meaning import packaged

    vectors = packaged()
    usable = [n for n, r in enumerate(rows) if _day(r.get("date")) and len(r.get("content_original") or "") > 1200]
    matrix = np.array([vectors.sentence_vector(rows[n]["content_original"]) for n in usable], dtype=np.float32)
    days = np.array([_day(rows[n]["date"]) for n in usable])
    sources = [rows[n]["source"] for n in usable]
    order = list(range(len(usable)))
    random.Random(SEED).shuffle(order)
    seen: set[frozenset[int]] = set()
    groups: list[list[int]] = []
    for centre in order:
        near = np.flatnonzero(np.abs(days - days[centre]) <= MAX_DAYS)
        sims = matrix[near] @ matrix[centre]
        chosen, outlets = [centre], {sources[centre]}
        for k in np.argsort(-sims, kind="stable").tolist():
            other = int(near[k])
            if sims[k] < MIN_COSINE or len(chosen) == MAX_ARTICLES:
                break
            if sources[other] not in outlets:
                chosen.append(other)
                outlets.add(sources[other])
        key = frozenset(chosen)
        if len(chosen) >= 2 and key not in seen:
            seen.add(key)
            groups.append([usable[n] for n in chosen])
        if len(groups) >= count:
            break
    return groups


def judged_values() -> set[frozenset]:
    """Every pair of values (corpus id, text) of different articles of any conflict judged before."""
    fresh = {g["name"]: g["ids"] for g in json.loads((ROOT / "tests" / "data" / "fresh_groups.json").read_text())["groups"]}
    pairs: set[frozenset] = set()

    def add(values: list[tuple[str, str]]) -> None:
        for i, a in enumerate(values):
            for b in values[i + 1:]:
                if a[0] != b[0]:
                    pairs.add(frozenset((a, b)))

    for path in sorted(JUDGED.glob("conflict*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data.get("conflicts") or data.get("items") or []
        if isinstance(data.get("groups"), dict):
            for name, found in data["groups"].items():
                ids = fresh.get(name)
                if ids:
                    for c in found:
                        add([(ids[int(k[1:]) - 1], text) for k, text, *_ in c["mentions"]])
        for c in items if isinstance(items, list) else []:
            if "ids" in c and "mentions" in c:
                add([(c["ids"][int(m[0][1:]) - 1], m[1]) for m in c["mentions"]])
    data = json.loads((ROOT / "tests" / "data" / "conflict_judgements.json").read_text(encoding="utf-8"))
    for c in data["conflicts"]:
        add([(m["id"], m["value"]) for m in c["mentions"]])
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--groups", type=int, default=12000)
    args = parser.parse_args()
    rows = corpus_rows()
    groups = near_groups(rows, args.groups)
    shown = compare_stories(rows, groups)
    judged = judged_values()
    fresh = []
    for c in shown:
        values = [(c["ids"][int(m[0][1:]) - 1], m[1]) for m in c["mentions"]]
        if not any(frozenset((a, b)) in judged for i, a in enumerate(values) for b in values[i + 1:] if a[0] != b[0]):
            fresh.append(c)
    Path(args.out).write_text(json.dumps(fresh, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{len(groups)} groups, {len(shown)} conflicts shown, {len(fresh)} never judged -> {args.out}")


if __name__ == "__main__":
    main()
