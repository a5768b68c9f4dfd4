"""The Timeline on fresh AllSides stories: how many of the rows Parallax shows have the right date (when
something happens, not when someone spoke), a label that says in words what happened, and only outlets
that state it.

Judgements: tests/data/timeline_judgements/ (every row two engines showed, judged by helper sessions with
``brief.md``; README there). A row is looked up by group, date, label, outlets and its first mention's
context; a row judged for neither engine (a label reworded since) is counted apart.

Run: python benchmarks/timeline_quality.py   (needs ../shared)
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

JUDGED = ROOT / "tests" / "data" / "timeline_judgements"
ROUNDS = {"round1": "f101-f112 (judged on f032ec8 and afa7b00, then read to write the rules of 6c0230a and f1ee174)",
          "round2": "f113-f124 (judged on bf7960c and f1ee174, held out then; read since to write the rules "
                    "of fc1a25b and fe41850)",
          "round3": "f125-f136 (judged on f032ec8 and fe41850, held out then; read since to write the rules of 9219a89)",
          "round4": "f137-f148 (held out: judged on f032ec8 and 9219a89, after every timeline rule of 2026-12-06)",
          "round5": "f149-f160 (held out: judged on ac13911 and 8dde391, after the date readings of 2026-12-06 night)"}
CONTEXT = 220


def _key(group: str, event, texts) -> str:
    first = event.mentions[0]
    text = texts[f"A{first.article}"]
    context = text[max(0, first.start - CONTEXT):first.start] + "[[" + text[first.start:first.end] + "]]" + \
        text[first.end:first.end + 160]
    return f"{group}|{event.display}|{event.label}|{','.join(f'A{a}' for a in event.articles)}|{context[-200:]}"


def main() -> None:
    judged: dict[str, dict] = {}
    round_of: dict[str, str] = {}
    for path in sorted(JUDGED.glob("round*_tl_*.json")):
        for group, items in json.loads(path.read_text(encoding="utf-8"))["groups"].items():
            round_of[group] = path.name.split("_")[0]
            for item in items:
                judged[item["id"]] = item
    tally: Counter = Counter()
    for g in fresh_groups(frozenset(round_of)):
        part = round_of[g["name"]]
        for event in compare(g["articles"]).timeline:
            item = judged.get(_key(g["name"], event, g["texts"]))
            tally[(part, "shown")] += 1
            if item is None:
                tally[(part, "not judged")] += 1
                continue
            tally[(part, "judged")] += 1
            for field in ("date_right", "label_ok", "outlets_right"):
                tally[(part, field)] += bool(item[field])
            tally[(part, "all")] += bool(item["date_right"] and item["label_ok"] and item["outlets_right"])
    for part, about in ROUNDS.items():
        n = tally[(part, "judged")]
        if not tally[(part, "shown")]:
            continue
        print(f"{part}, {about}: {tally[(part, 'shown')]} rows shown, {tally[(part, 'not judged')]} not judged; of "
              f"{n} judged: date right {tally[(part, 'date_right')] / max(1, n):.2f}, label says what happened "
              f"{tally[(part, 'label_ok')] / max(1, n):.2f}, outlets right {tally[(part, 'outlets_right')] / max(1, n):.2f}, "
              f"all three {tally[(part, 'all')]} ({tally[(part, 'all')] / max(1, n):.2f})")


if __name__ == "__main__":
    main()
