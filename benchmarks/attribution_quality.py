"""Who cites whom on fresh AllSides stories: how many of the citations Parallax shows credit a real
source under its right name, and of the right kind (outlet, agency, journalist, person, organisation).

Judgements: tests/data/attribution_judgements/ (every citation two engines showed on f001-f160,
judged by helper sessions with ``brief.md``; see the README there). A citation is looked up by its
group, article, source name and where it starts; one the judges never saw is counted apart.
f001-f100 were read while the rules of 2026-12-06 (late evening) were written: tuned; f101-f160 held out.

Run: python benchmarks/attribution_quality.py   (needs ../shared)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.matching.compare import compare  # noqa: E402
from tests.core.fact_labels import fresh_groups  # noqa: E402

JUDGED = ROOT / "tests" / "data" / "attribution_judgements"
HELD_OUT_FROM = 101


def judgements() -> dict[tuple[str, str, str, int], dict]:
    found = {}
    for path in sorted(JUDGED.glob("attr_*.json")):
        for items in json.loads(path.read_text(encoding="utf-8"))["groups"].values():
            for item in items:
                group, article, source, kind, start = item["id"].split("|")
                found[(group, article, source, int(start))] = {**item, "judged_kind": kind}
    return found


def main() -> None:
    known = judgements()
    names = frozenset(key[0] for key in known)
    tally: Counter = Counter()
    for g in fresh_groups(names):
        part = "held out" if int(g["name"][1:]) >= HELD_OUT_FROM else "tuned"
        for c in compare(g["articles"]).attributions.citations:
            item = known.get((g["name"], f"A{c.article}", c.source, c.start))
            tally[(part, "shown")] += 1
            if item is None:
                tally[(part, "not judged")] += 1
                continue
            tally[(part, "judged")] += 1
            tally[(part, "source right")] += bool(item["source_right"])
            if item["source_right"] and c.source_kind == item["judged_kind"]:
                tally[(part, "kind judged")] += 1
                tally[(part, "kind right")] += bool(item["kind_right"])
    for part in ("tuned", "held out"):
        judged, kinds = tally[(part, "judged")], tally[(part, "kind judged")]
        print(f"{part} ({'f101-f160' if part == 'held out' else 'f001-f100, read while tuning'}): "
              f"{tally[(part, 'shown')]} citations shown, {tally[(part, 'not judged')]} not judged; "
              f"source right {tally[(part, 'source right')]} of {judged} ({tally[(part, 'source right')] / max(1, judged):.2f}); "
              f"kind right {tally[(part, 'kind right')]} of {kinds} judged kinds "
              f"({tally[(part, 'kind right')] / max(1, kinds):.2f})")


if __name__ == "__main__":
    main()
