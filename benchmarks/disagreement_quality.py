"""Issue 13's targets: conflicts, quotes, who cites whom and the timeline (printed, never asserted).

* the bundled story: its conflicts with their labels in words (target: the 3 known, 0 others), the
  company statement matched across the outlets quoting it with its drift, the attribution graph and
  its origin, the three dates on the timeline;
* tests/data/quotes_values (12 hand-labelled AllSides groups): conflict precision against the value
  slots and traps (goal >= 0.80; recall over the precision/contradiction slots printed too) and
  quote-speaker accuracy (goal >= 0.85) of the labelled quotes that were found, each also for the
  tuned and the held-out groups apart (``HELD_OUT``);
* tests/data/conflict_judgements.json: the precision of conflicts read and judged by hand on groups
  outside quotes_values (judged after tuning);
* with --scale: 200 "elections" articles of one month compared as one story: the largest conflict
  and quote group, and the time of each stage.

Run: python benchmarks/disagreement_quality.py [--scale]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def bundled() -> None:
    from desktop.core.library import open_library
    from desktop.core.matching.compare import compare

    with open_library(memory=True) as store:
        articles = [store.article(a) for a in store.stories()[0].article_ids]
    c = compare(articles)
    print(f"bundled story: {len(c.conflicts)} conflicts (target: 3 known, 0 others)")
    for conflict in c.conflicts:
        print(f"  [{conflict.severity}{', less sure' if conflict.weak else ''}] {conflict.label}")
    statement = next((g for g in c.quotes if "carefully" in g.text), None)
    if statement:
        print(f"company statement quoted by {len(statement.articles)} outlets (A{', A'.join(map(str, statement.articles))}):")
        for m in statement.mentions:
            changes = "; ".join(f"{op} {a!r}->{b!r}" for op, a, b in m.changes if op == "replace")
            print(f"  A{m.article}: {m.drift or 'reference / same words'}  {m.text[:50]!r}  {changes}")
    graph = c.attributions
    print(f"attributions: origin {graph.origin} ({', '.join(f'A{a}' for a in graph.origin_articles)})")
    for cit in graph.citations:
        print(f"  A{cit.article} -> {cit.source} [{cit.source_kind}, {cit.verb}]"
              + ("" if cit.about_story else " (about something else)"))
    wanted = ("June 2024", "July 20, 2024", "September 29, 2024")
    print("timeline:", ", ".join(f"{d}: {'yes' if any(e.display == d for e in c.timeline) else 'MISSING'}"
                                  for d in wanted))


# quotes_values groups held out when the quote-speaker rules and the conflict recall rules were tuned
# (chosen before reading their errors, 2026-12-05): speaker accuracy and conflict precision and
# recall are printed for the tuned and the held-out groups apart
HELD_OUT = frozenset({"g042", "g103", "g156", "g194"})


def labelled() -> None:
    from desktop.core.matching.compare import compare
    from tests.core.disagreement_labels import _overlaps, judge_conflict, quote_groups, same_speaker

    verdicts, found, right, total, hit_slots, slots = Counter(), 0, 0, 0, set(), 0
    split = Counter()  # ("tuned" / "held out", "found" / "right" / a verdict / "slots" / "hit")
    groups_and_comparisons = []
    for g in quote_groups():
        c = compare(g.articles)
        groups_and_comparisons.append((g, c))
        part = "held out" if g.name in HELD_OUT else "tuned"
        for conflict in c.conflicts:
            verdict = judge_conflict(g, conflict)
            verdicts[verdict] += 1
            split[(part, verdict)] += 1
            for i, slot in enumerate(g.slots):
                if slot["verdict"] != "agree" and any(_overlaps((m.article, m.start, m.end), s)
                                                      for m in conflict.mentions for s in slot["spans"]):
                    hit_slots.add((g.name, i))
        split[(part, "slots")] += sum(1 for s in g.slots if s["verdict"] != "agree")
        split[(part, "hit")] += sum(1 for name, _ in hit_slots if name == g.name)
        slots += sum(1 for s in g.slots if s["verdict"] != "agree")
        mentions = [m for group in c.quotes for m in group.mentions]
        for q in g.quotes:
            total += 1
            match = next((m for m in mentions if _overlaps(q["span"], (m.article, m.start, m.end))), None)
            if match is not None:
                found += 1
                ok = same_speaker(match.speaker, q["speaker"])
                right += ok
                split[(part, "found")] += 1
                split[(part, "right")] += ok
    judged = verdicts["correct"] + verdicts["wrong"]
    print(f"quotes_values conflicts: {verdicts['correct']} correct, {verdicts['wrong']} wrong, "
          f"{verdicts['unjudged']} unjudged: precision {verdicts['correct'] / max(1, judged):.2f} (goal 0.80); "
          f"recall {len(hit_slots)}/{slots} precision/contradiction slots")
    for part in ("tuned", "held out"):
        ok, bad = split[(part, "correct")], split[(part, "wrong")]
        print(f"quotes_values conflicts, {part} ("
              f"{', '.join(sorted(HELD_OUT)) if part == 'held out' else 'the other groups'}): {ok} correct, {bad} wrong, "
              f"{split[(part, 'unjudged')]} unjudged: precision {ok / max(1, ok + bad):.2f}; "
              f"recall {split[(part, 'hit')]}/{split[(part, 'slots')]} precision/contradiction slots")
    matched, predicted, labelled_pairs, recalled = quote_matching(groups_and_comparisons)
    print(f"quotes_values quote matching across outlets (pairs of quotations of two articles): {matched} of "
          f"{predicted} grouped pairs are the same words by the labels ({matched / max(1, predicted):.2f}); "
          f"{recalled} of {labelled_pairs} labelled pairs grouped ({recalled / max(1, labelled_pairs):.2f})")
    print(f"quotes_values quotes: {found}/{total} found; speaker right {right}/{found} = "
          f"{right / max(1, found):.2f} (goal 0.85), {right / max(1, total):.2f} of all labelled")
    print("quotes_values speakers by split: " + "; ".join(
        f"{part} ({', '.join(sorted(HELD_OUT)) if part == 'held out' else 'the other groups'}) "
        f"{split[(part, 'right')]}/{split[(part, 'found')]} = {split[(part, 'right')] / max(1, split[(part, 'found')]):.2f}"
        for part in ("tuned", "held out")))
    data = json.loads((ROOT / "tests" / "data" / "conflict_judgements.json").read_text(encoding="utf-8"))
    by_set = Counter((c["set"], c["true"]) for c in data["conflicts"])
    for name in sorted({c["set"] for c in data["conflicts"]}):
        t, f = by_set[(name, True)], by_set[(name, False)]
        print(f"judged by hand ({name}, after tuning): {t}/{t + f} true = {t / max(1, t + f):.2f}")
    t = sum(c["true"] for c in data["conflicts"])
    print(f"judged by hand, all: {t}/{len(data['conflicts'])} = {t / max(1, len(data['conflicts'])):.2f}")


def quote_matching(groups_and_comparisons) -> tuple[int, int, int, int]:
    """(grouped pairs the labels call the same words, grouped pairs with both quotations labelled,
    labelled same-words pairs across two articles, of those grouped): a labelled quotation's cluster
    is every quotation joined to it by ``same_as`` (the words reproduced by another outlet)."""
    from itertools import combinations

    matched = predicted = labelled_pairs = recalled = 0
    for g, c in groups_and_comparisons:
        cluster = _same_words_clusters(g.quotes)
        group_of = {}
        for n, group in enumerate(c.quotes):
            for a, b in combinations(group.mentions, 2):
                la, lb = _label_of(g, a), _label_of(g, b)
                if a.article == b.article or la is None or lb is None:
                    continue
                predicted += 1
                matched += cluster[la["id"]] == cluster[lb["id"]]
            for m in group.mentions:
                q = _label_of(g, m)
                if q is not None:
                    group_of.setdefault(q["id"], set()).add(n)
        for qa, qb in combinations(g.quotes, 2):
            if qa["article"] != qb["article"] and cluster[qa["id"]] == cluster[qb["id"]]:
                labelled_pairs += 1
                recalled += bool(group_of.get(qa["id"], set()) & group_of.get(qb["id"], set()))
    return matched, predicted, labelled_pairs, recalled


def _same_words_clusters(quotes) -> dict[str, str]:
    """Each labelled quotation's cluster (a root id), joined by ``same_as``."""
    parent = {q["id"]: q["id"] for q in quotes}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x
    for q in quotes:
        for other in ([q["same_as"]] if isinstance(q["same_as"], str) else q["same_as"] or []):
            if other in parent:
                parent[root(q["id"])] = root(other)
    return {q["id"]: root(q["id"]) for q in quotes}


def _label_of(group, mention):
    from tests.core.disagreement_labels import _overlaps

    return next((q for q in group.quotes if _overlaps(q["span"], (mention.article, mention.start, mention.end))),
                None)


def scale() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from matching_speed import election_month

    from desktop.core.matching.compare import compare, warm_up
    from tests.core.fact_labels import _article

    rows = election_month(200)
    arts = [_article(n, r["content_original"], r.get("title"), r.get("source"), (r.get("date") or "")[:10] or None)
            for n, r in enumerate(rows, 1)]
    warm_up()
    compare(arts)
    c = compare(arts)
    biggest = max(c.conflicts, key=lambda k: len(k.articles), default=None)
    shared = [g for g in c.quotes if len(g.articles) > 1]
    print(f"200 articles: {len(c.conflicts)} conflicts, the largest over {len(biggest.articles) if biggest else 0} "
          f"articles ({len(biggest.mentions) if biggest else 0} mentions); {len(shared)} shared quotations, the "
          f"largest quoted by {max((len(g.articles) for g in shared), default=0)} articles")
    total = sum(c.timings.values())
    added = c.timings.get("quotes, attributions, timeline", 0.0)
    print("stage times (s): " + ", ".join(f"{k} {v:.2f}" for k, v in c.timings.items())
          + f"; quotes+attributions+timeline are {added / total:.0%} of {total:.1f} s")


if __name__ == "__main__":
    bundled()
    labelled()
    if "--scale" in sys.argv:
        scale()
