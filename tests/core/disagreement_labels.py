"""Hand labels of quotes, value slots and traps (tests/data/quotes_values/), and how the
comparison's conflicts and quotes are scored against them. Used by
benchmarks/disagreement_quality.py and tests.

* A reported **conflict is correct** when its value mentions fall in one labelled slot whose
  verdict is ``precision`` or ``contradiction``; it is **wrong** when a mention is a labelled
  trap, when its mentions span several slots, or when the slot's verdict is ``agree``; a
  conflict none of whose mentions is labelled is **unjudged** (counted apart).
* A labelled **quote is found** when an extracted quote overlaps it; its **speaker is right**
  when the extracted speaker and the label name the same person or organisation (case and
  titles ignored; a surname alone matches the full name).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.core.fact_labels import _article, _corpus_records

QUOTES_VALUES = Path(__file__).parents[1] / "data" / "quotes_values"


@dataclass
class LabelledGroup:
    name: str
    articles: list  # Article, ids 1..N in label order
    key_of: dict[int, str]
    quotes: list[dict] = field(default_factory=list)  # label dicts + "span": (article, start, end)
    slots: list[dict] = field(default_factory=list)  # label dicts + "spans": [(article, start, end)]
    traps: list[tuple[int, int, int, str]] = field(default_factory=list)


def _find(text: str, needle: str, within: str | None = None) -> tuple[int, int] | None:
    if within:
        at = text.find(within)
        if at >= 0:
            inner = within.find(needle)
            if inner >= 0:
                return at + inner, at + inner + len(needle)
    at = text.find(needle)
    return None if at < 0 else (at, at + len(needle))


def quote_groups() -> list[LabelledGroup]:
    files = sorted(QUOTES_VALUES.glob("g*.json"))
    labels = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    records = _corpus_records(frozenset(i for label in labels for i in label["articles"].values()))
    groups = []
    for path, label in zip(files, labels):
        keys = sorted(label["articles"], key=lambda k: int(k[1:]))
        ids = {k: n for n, k in enumerate(keys, 1)}
        articles, texts = [], {}
        for k in keys:
            r = records[label["articles"][k]]
            texts[k] = r["content_original"]
            articles.append(_article(ids[k], r["content_original"], r.get("title"), r.get("source"),
                                     (r.get("date") or "")[:10] or None))
        group = LabelledGroup(path.stem, articles, {v: k for k, v in ids.items()})
        seen: dict[tuple[str, str], int] = {}
        for q in label["quotes"]:
            text = texts[q["article"]]
            n = seen.get((q["article"], q["quote"]), 0)
            at = -1
            for _ in range(n + 1):
                at = text.find(q["quote"], at + 1)
            seen[(q["article"], q["quote"])] = n + 1
            if at < 0:
                continue
            group.quotes.append({**q, "span": (ids[q["article"]], at, at + len(q["quote"]))})
        for slot in label["value_slots"]:
            spans = []
            for key, value, snippet in slot["mentions"]:
                found = _find(texts[key], value, snippet)
                if found:
                    spans.append((ids[key], *found))
            group.slots.append({**slot, "spans": spans})
        for key, value, snippet, why in label["traps"]:
            found = _find(texts[key], value, snippet)
            if found:
                group.traps.append((ids[key], *found, why))
        groups.append(group)
    return groups


def _overlaps(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def judge_conflict(group: LabelledGroup, conflict) -> str:
    """"correct", "wrong" or "unjudged" (see the module docstring)."""
    per_mention, trap_hit = [], False
    for m in conflict.mentions:
        span = (m.article, m.start, m.end)
        if any(_overlaps(span, t[:3]) for t in group.traps):
            trap_hit = True
        hit = {i for i, slot in enumerate(group.slots) if any(_overlaps(span, s) for s in slot["spans"])}
        if hit:
            per_mention.append(hit)
    if trap_hit:
        return "wrong"
    if not per_mention:
        return "unjudged"
    common = set.intersection(*per_mention)  # a slot holding every labelled mention of the conflict
    if not common or len({m.article for m in conflict.mentions}) < 2:
        return "wrong"
    verdicts = {group.slots[i]["verdict"] for i in common}
    return "correct" if verdicts & {"precision", "contradiction"} else "wrong"


_TITLES = re.compile(r"\b(?:mr|mrs|ms|dr|sen|rep|gov|gen|president|prime minister|secretary|sir|lord|"
                     r"the|u\.?s\.?)\b\.?", re.I)


def speaker_key(name: str | None) -> str:
    if not name:
        return ""
    name = _TITLES.sub(" ", name.lower())
    return " ".join(re.findall(r"[a-z0-9]+", name))


def same_speaker(found: str | None, label: str | None) -> bool:
    a, b = speaker_key(found), speaker_key(label)
    if not a or not b:
        return a == b
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    # a surname alone, or the same surname with another first-name spelling (Eugene/Evgeniy)
    return (wa[-1] == wb[-1] and (len(wa) == 1 or len(wb) == 1 or wa[0][0] == wb[0][0])) or a in b or b in a
