"""Conflict precision on stories Parallax found itself, judged by hand (held out when judged):
tests/data/fresh_judgements/conflict_pool.json (its ``about`` says how it was made).

    python benchmarks/conflict_pool.py          # the stories holding a judged conflict (about 1 minute)
    python benchmarks/conflict_pool.py --all    # every story of the pool (re-clustered; 8-10 minutes on 2 cores)
    python benchmarks/conflict_pool.py -v       # also list what is shown and not judged
    python benchmarks/conflict_pool.py --dev    # the stories holding a dev-group article (conflict_pool_dev.json,
                                                # judged after the rules of 2026-12-07 afternoon: held out)
    python benchmarks/conflict_pool.py --near   # the nearest-neighbour groups (conflict_pool_near.json, made by
                                                # tools/fresh/make_near_pool.py; judged on 2e2cc9d: held out)
    python benchmarks/conflict_pool.py --huge   # the largest stories (31-60 articles, conflict_pool_huge.json,
                                                # judged after every rule of 2026-12-07: held out)
    python benchmarks/conflict_pool.py --big    # the larger stories (9-30 articles, conflict_pool_big.json and
                                                # conflict_pool_big2.json: the stories holding a judged conflict;
                                                # with --all every one)

Printed: of the conflicts shown today, how many were judged real / false alarms / not judged (a
conflict is today's when its values, by corpus id and exact text, are the judged ones); by severity;
by how sure Parallax is (``Conflict.weak``: less sure); and of the labels shown unchanged, how many
were judged to say what the values are about.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools" / "fresh"))

POOL = ROOT / "tests" / "data" / "fresh_judgements" / "conflict_pool.json"
BIG = ROOT / "tests" / "data" / "fresh_judgements" / "conflict_pool_big.json"
BIG2 = ROOT / "tests" / "data" / "fresh_judgements" / "conflict_pool_big2.json"  # round 2: held out for Conflict.weak
# conflicts of the stories above regrouped by the link changes of 2026-12-07 (values of more articles), judged then
HUGE = ROOT / "tests" / "data" / "fresh_judgements" / "conflict_pool_huge.json"
# the stories holding a dev-group article (left out of the pools above), judged after the rules of 2026-12-07 afternoon
DEV = ROOT / "tests" / "data" / "fresh_judgements" / "conflict_pool_dev.json"
# groups no earlier pool formed (each article with its nearest articles of other outlets), judged on 2e2cc9d: held out
NEAR = ROOT / "tests" / "data" / "fresh_judgements" / "conflict_pool_near.json"
REGROUPED = ROOT / "tests" / "data" / "fresh_judgements" / "conflict_pool_regrouped.json"


def judged_key(ids: list[str], mentions) -> frozenset:
    return frozenset((ids[int(key[1:]) - 1], text) for key, text, *_ in mentions)


def main() -> None:
    from make_conflict_pool import compare_stories, corpus_rows, pool_stories

    parser = argparse.ArgumentParser()
    parser.add_argument("--all", action="store_true")
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--big", action="store_true")
    parser.add_argument("--huge", action="store_true")
    parser.add_argument("--dev", action="store_true", help="the stories holding a dev-group article")
    parser.add_argument("--near", action="store_true", help="the nearest-neighbour groups (held out)")
    parser.add_argument("--false", action="store_true", help="list the false alarms still shown, with why")
    parser.add_argument("--missing", action="store_true", help="list the conflicts judged real that are not shown")
    args = parser.parse_args()
    data = json.loads((NEAR if args.near else DEV if args.dev else HUGE if args.huge else BIG if args.big else POOL).read_text(encoding="utf-8"))
    if args.big:
        data["conflicts"] += json.loads(BIG2.read_text(encoding="utf-8"))["conflicts"]
    judged = {judged_key(c["ids"], c["mentions"]): c for c in data["conflicts"]}
    for c in json.loads(REGROUPED.read_text(encoding="utf-8"))["conflicts"]:  # only where a story above shows it
        judged.setdefault(judged_key(c["ids"], c["mentions"]), c)
    rows = corpus_rows()
    row_of = {r["ID"]: n for n, r in enumerate(rows)}
    if args.all and args.near:
        from make_near_pool import near_groups
        stories = near_groups(rows, 12000)
    elif args.all:
        stories = pool_stories(rows, (2, 30) if args.dev else (31, 60) if args.huge else (9, 30) if args.big else (2, 8),
                               dev=args.dev)
    else:
        stories = sorted({tuple(row_of[i] for i in c["ids"]) for c in data["conflicts"]})
    shown = compare_stories(rows, [list(s) for s in stories])
    tally, labels, unjudged, false = Counter(), Counter(), [], []
    for c in shown:
        verdict = judged.get(judged_key(c["ids"], [m[:2] for m in c["mentions"]]))
        if verdict is None:
            tally[("not judged", c["severity"])] += 1
            unjudged.append(c)
            continue
        tally[(verdict["true"], c["severity"])] += 1
        if not verdict["true"]:
            false.append((c, verdict))
        tally[(verdict["true"], "less sure" if c["weak"] else "sure")] += 1
        if verdict["label"] == c["label"]:
            labels[verdict["label_ok"]] += 1
        else:
            labels["reworded"] += 1
    right = tally[(True, "contradiction")] + tally[(True, "precision")]
    wrong = tally[(False, "contradiction")] + tally[(False, "precision")]
    shown_keys = {judged_key(c["ids"], [m[:2] for m in c["mentions"]]) for c in shown}
    missing = sum(1 for c in data["conflicts"] if c["true"] and judged_key(c["ids"], c["mentions"]) not in shown_keys)
    print(f"{'every story of the pool' if args.all else 'the stories holding a judged conflict'}: {len(stories)} "
          f"compared, {len(shown)} conflicts shown")
    print(f"  judged real {right}, false alarms {wrong}: precision {right / max(1, right + wrong):.2f} (goal 0.80); "
          f"not judged {tally[('not judged', 'contradiction')] + tally[('not judged', 'precision')]}; "
          f"judged real and no longer shown as judged: {missing}")
    for severity in ("contradiction", "precision"):
        r, w = tally[(True, severity)], tally[(False, severity)]
        print(f"  {severity}: {r} real, {w} false ({r / max(1, r + w):.2f}), {tally[('not judged', severity)]} not judged")
    for tier in ("sure", "less sure"):
        r, w = tally[(True, tier)], tally[(False, tier)]
        print(f"  {tier}: {r} real, {w} false ({r / max(1, r + w):.2f})")
    print(f"  labels shown as judged: {labels[True]} of {labels[True] + labels[False]} say what the values are about; "
          f"{labels['reworded']} judged conflicts are labelled otherwise today")
    if args.false:
        for c, verdict in false:
            print(f"  false alarm: [{c['severity']}{', less sure' if c['weak'] else ''}] {c['label']}  "
                  f"{[m[0] + ': ' + m[1] for m in c['mentions']]}\n      why: {verdict.get('why', '')}")
    if args.missing:
        for c in data["conflicts"]:
            if c["true"] and judged_key(c["ids"], c["mentions"]) not in shown_keys:
                print(f"  real, not shown: {c['label']}  {[m[0] + ': ' + m[1] for m in c['mentions']]}")
    if args.v:
        for c in unjudged:
            print(f"  not judged: [{c['severity']}] {c['label']}  {[m[0] + ': ' + m[1] for m in c['mentions']]}")


if __name__ == "__main__":
    main()
