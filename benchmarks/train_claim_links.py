"""Fit the claim-link model (desktop/core/matching/claim_links.json) on the hand-labelled dev groups.

For every dev story: claim units, candidate pairs (lexical + meaning vectors), their features
(desktop.core.matching.linking.FEATURES), each labelled by the gold facts (both units overlap
mentions of one labelled fact). A logistic regression is fitted with leave-one-group-out
cross-validation; the link and cluster thresholds are chosen on the out-of-fold facts (best
fact-pair F1 with dev and fresh-story precision targets, see DEV_PRECISION); the final model is fitted
on all dev groups.
The held-out groups and the bundled story are scored once, after everything is chosen.

Run: python benchmarks/train_claim_links.py [--write] [--held-out]
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.matching import align  # noqa: E402
from desktop.core.matching.linking import FEATURES, LinkModel  # noqa: E402
from tests.core.fact_labels import Score, bundled_story, fresh_groups, news_stories, score  # noqa: E402

# The operating point: the best dev F1 (leave one group out) whose plain precision on dev reaches
# DEV_PRECISION and whose precision on the judged links of the fresh stories of judging rounds 1-3
# (tests/data/fresh_judgements/links*.json, f001-f060: tuned on, not held out; round 4, f061-f080, is
# kept for the figures) reaches FRESH_PRECISION. Until 2026-12-05 the rule was judged dev precision
# >= 0.90 alone, which picked 0.45: half the links it made on fresh stories were wrong. On 2026-12-06
# (position features added) FRESH_PRECISION became 0.77: no lower than the model it replaced had on
# those links (293 of 382), every link of either model judged.
DEV_PRECISION = 0.85
FRESH_PRECISION = 0.77
FRESH_GROUPS = range(1, 61)
JUDGED = ROOT / "tests" / "data" / "fresh_judgements"
OUT = ROOT / "desktop" / "core" / "matching" / "claim_links.json"


@dataclass
class StoryData:
    story: object
    prepared: align.Prepared
    pairs: list[tuple[int, int]]
    features: np.ndarray
    labels: np.ndarray


def _overlaps(unit, span) -> bool:
    if unit[0] != span[0]:
        return False
    shared = min(unit[2], span[2]) - max(unit[1], span[1])
    return shared > 0 and shared >= 0.5 * min(unit[2] - unit[1], span[2] - span[1])


def gold_of(story, units) -> list[set[int]]:
    """For each unit, the labelled facts it overlaps."""
    out = []
    for u in units:
        spot = (u.article, u.start, u.end)
        out.append({n for n, fact in enumerate(story.facts) if any(_overlaps(spot, m) for m in fact)})
    return out


def prepare(story) -> StoryData:
    prepared = align.prepare({a.id: a.body_text for a in story.articles}, align.anchor_finder(story.articles))
    scorer = prepared.scorer
    pairs = prepared.candidates
    gold = gold_of(story, prepared.units)
    features = np.array([scorer.features(i, j) for i, j in pairs]) if pairs else np.zeros((0, len(FEATURES)))
    labels = np.array([1.0 if gold[i] & gold[j] else 0.0 for i, j in pairs])
    return StoryData(story, prepared, pairs, features, labels)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Logistic regression by Newton's method (IRLS) with an L2 penalty (not on the bias)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def facts_of(data: StoryData, model: LinkModel) -> list[list[tuple[int, int, int]]]:
    data.prepared.scorer.model = model
    data.prepared.scorer._cache.clear()
    groups = align.group(data.prepared, model)
    units = data.prepared.units
    return [[(units[i].article, units[i].start, units[i].end) for i in g.members] for g in groups
            if len(g.members) > 1]


def evaluate(datas, models, link: float, cluster: float) -> Score:
    total = Score()
    for data, weights in zip(datas, models):
        model = LinkModel(tuple(weights), link, cluster)
        total += score(data.story, facts_of(data, model))
    return total


def fresh_prepared() -> list[tuple[align.Prepared, dict]]:
    """The fresh groups of rounds 1-3 whose links were judged, prepared once, with their judgements."""
    judged: dict[str, list] = {}
    for path in sorted(JUDGED.glob("links*.json")):
        for name, items in json.loads(path.read_text(encoding="utf-8"))["groups"].items():
            if int(name[1:]) in FRESH_GROUPS:
                judged.setdefault(name, []).extend(items)
    out = []
    for g in fresh_groups(frozenset(judged)):
        known = {}
        for j in judged[g["name"]]:
            known[(tuple(j["a"]), tuple(j["b"]))] = known[(tuple(j["b"]), tuple(j["a"]))] = j["same"]
        out.append((align.prepare({a.id: a.body_text for a in g["articles"]}, align.anchor_finder(g["articles"])),
                    known))
    return out


def fresh_precision(fresh, model: LinkModel) -> tuple[int, int, int]:
    """(right, judged, not judged) over the links the model makes on the judged fresh groups."""
    right = judged = unjudged = 0
    for prepared, known in fresh:
        prepared.scorer._cache.clear()
        units = prepared.units
        for g in align.group(prepared, model):
            for n, i in enumerate(g.members):
                for j in g.members[n + 1:]:
                    if units[i].article == units[j].article:
                        continue
                    same = known.get(((f"A{units[i].article}", units[i].text), (f"A{units[j].article}", units[j].text)))
                    if same is None:
                        unjudged += 1
                    else:
                        right += bool(same)
                        judged += 1
    return right, judged, unjudged


def main() -> None:
    started = time.perf_counter()
    dev = [prepare(s) for s in news_stories("dev")]
    print(f"dev: {len(dev)} stories, {sum(len(d.pairs) for d in dev)} candidate pairs, "
          f"{int(sum(d.labels.sum() for d in dev))} positive ({time.perf_counter() - started:.0f} s)")
    x_all = np.vstack([d.features for d in dev])
    y_all = np.concatenate([d.labels for d in dev])
    # leave one group out: each story is scored by a model fitted without it
    fold_models = []
    for n in range(len(dev)):
        x = np.vstack([d.features for m, d in enumerate(dev) if m != n])
        y = np.concatenate([d.labels for m, d in enumerate(dev) if m != n])
        fold_models.append(fit(x, y))
    weights = fit(x_all, y_all)
    fresh = fresh_prepared()
    best = None
    for link in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        for cluster in (link - 0.1, link):
            result = evaluate(dev, fold_models, link, cluster)
            right, judged, unjudged = fresh_precision(fresh, LinkModel(tuple(weights), link, cluster))
            precision = right / judged if judged else 1.0
            marker = ""
            if result.precision >= DEV_PRECISION and precision >= FRESH_PRECISION and \
                    (best is None or result.f1 > best[0].f1):
                best = (result, link, cluster)
                marker = " *"
            print(f"  link {link:.2f} cluster {cluster:.2f}: P {result.precision:.3f} (judged "
                  f"{result.judged_precision:.3f}) R {result.recall:.3f} F1 {result.f1:.3f}; fresh links "
                  f"{precision:.2f} ({right}/{judged}, {unjudged} not judged){marker}")
    if best is None:
        raise SystemExit("no threshold meets both precision targets")
    result, link, cluster = best
    print(f"chosen (dev, leave-one-group-out): link {link:.2f}, cluster {cluster:.2f}: "
          f"P {result.precision:.3f} R {result.recall:.3f} F1 {result.f1:.3f}")
    print("weights:", ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, weights)))
    if "--write" in sys.argv:
        OUT.write_text(json.dumps({
            "features": list(FEATURES), "weights": [round(float(w), 6) for w in weights],
            "threshold": link, "cluster_threshold": round(cluster, 3),
            "trained_on": "tests/data/news_facts dev groups (group_index % 3 != 0), benchmarks/train_claim_links.py",
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    if "--held-out" in sys.argv:
        final = LinkModel(tuple(weights), link, cluster)
        for label, stories in (("bundled story (held out)", [bundled_story()]),
                               ("AllSides held out (9 groups)", news_stories("test"))):
            total = Score()
            for story in stories:
                total += score(story, facts_of(prepare(story), final))
            print(f"{label}: P {total.precision:.3f} (judged {total.judged_precision:.3f}) "
                  f"R {total.recall:.3f} F1 {total.f1:.3f}")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
