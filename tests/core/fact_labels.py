"""Hand labels of shared facts (the bundled story, and AllSides groups in tests/data/news_facts/)
and how a comparison is scored against them. Used by benchmarks/claim_quality.py and tests.

A label file lists ``same_fact`` groups of ``[article key, snippet]`` mentions (every fact stated
by two or more articles, all its mentions), hard negatives (``different``) and, for the bundled
story, ``exclusive`` claims. Scoring is at the level of mention pairs in different articles:

* a predicted pair (two units of one predicted fact, different articles) is **correct** when one
  labelled fact has a mention overlapping each unit (half of the shorter of unit and snippet);
* a labelled fact stated by articles A and B is **found for A-B** when one predicted fact holds a
  unit overlapping one of its A mentions and a unit overlapping one of its B mentions (a fact
  holds one mention per article, so restatements within an article are not counted twice);
* **judged** precision counts only predicted pairs whose two units both overlap some labelled
  snippet (the labels may miss a shared fact; unlabelled text is then not held against a link).
"""

from __future__ import annotations

import json
import lzma
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
NEWS = DATA / "news_facts"
BUNDLED = DATA / "bundled_story_facts.json"
CORPUS = Path(__file__).parents[2].parent / "shared" / "data" / "allsides-corpus" / "corpus.jsonl.xz"


@dataclass
class LabelledStory:
    name: str
    split: str  # "dev", "test" (held out) or "bundled" (held out)
    articles: list  # desktop.core.models.Article, ids 1..N
    key_of: dict[int, str]  # article id -> label key (A1...)
    facts: list[list[tuple[int, int, int]]]  # per fact: (article id, start, end) of each mention
    negatives: list[tuple[tuple[int, int, int], tuple[int, int, int]]] = field(default_factory=list)
    exclusive: list[tuple[int, int, int]] = field(default_factory=list)

    def labelled_spans(self) -> list[tuple[int, int, int]]:
        spans = [m for fact in self.facts for m in fact] + list(self.exclusive)
        spans += [m for pair in self.negatives for m in pair]
        return spans

    def gold_pairs(self) -> list[tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]]:
        """Per labelled fact and pair of articles stating it: (its mentions in A, in B)."""
        pairs = []
        for fact in self.facts:
            by_article: dict[int, list[tuple[int, int, int]]] = {}
            for m in fact:
                by_article.setdefault(m[0], []).append(m)
            pairs += [(by_article[a], by_article[b]) for a, b in combinations(sorted(by_article), 2)]
        return pairs


def _span(text: str, snippet: str, where: str) -> tuple[int, int]:
    start = text.find(snippet)
    if start < 0:
        raise ValueError(f"{where}: snippet not in the article: {snippet[:60]!r}")
    return start, start + len(snippet)


def _article(article_id: int, text: str, title: str | None = None, source: str | None = None,
             published: str | None = None):
    from desktop.core.library.boilerplate import detect_boilerplate
    from desktop.core.models import Article, BoilerplateSpan

    spans = tuple(BoilerplateSpan(s.start, s.end, s.kind, s.active, id=0) for s in detect_boilerplate(text, title))
    return Article(id=article_id, title=title, source=source, author=None, published=published, url=None,
                   origin=None, text=text, version=1, version_id=0, content_hash="", word_count=0,
                   boilerplate=spans)


def _story(name: str, split: str, labels: dict, texts: dict[str, str], meta: dict[str, dict]) -> LabelledStory:
    keys = sorted(labels["articles"])
    ids = {key: n for n, key in enumerate(keys, start=1)}
    articles = [_article(ids[k], texts[k], **meta.get(k, {})) for k in keys]

    def mention(key: str, snippet: str) -> tuple[int, int, int]:
        return (ids[key], *_span(texts[key], snippet, f"{name} {key}"))

    facts = [[mention(k, s) for k, s in fact["mentions"]] for fact in labels["same_fact"]]
    negatives = [(mention(*pair["a"]), mention(*pair["b"])) for pair in labels.get("different", [])]
    exclusive = [mention(k, s) for k, s in labels.get("exclusive", [])]
    return LabelledStory(name, split, articles, {v: k for k, v in ids.items()}, facts, negatives, exclusive)


@lru_cache(maxsize=1)
def _corpus_records(wanted: frozenset[str]) -> dict[str, dict]:
    found = {}
    with lzma.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["ID"] in wanted:
                found[record["ID"]] = record
    return found


def news_stories(split: str | None = None) -> list[LabelledStory]:
    """The AllSides groups labelled for shared facts: ``split`` "dev", "test" or None for both.
    Held out (test): ``group_index % 3 == 0`` (tests/data/news_facts/SPLIT.md)."""
    files = sorted(NEWS.glob("g*.json"))
    labels = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    wanted = frozenset(i for label in labels for i in label["articles"].values())
    records = _corpus_records(wanted)
    stories = []
    for path, label in zip(files, labels):
        kind = "test" if label["group_index"] % 3 == 0 else "dev"
        if split is not None and kind != split:
            continue
        texts = {key: records[i]["content_original"] for key, i in label["articles"].items()}
        meta = {key: {"title": records[i].get("title"), "source": records[i].get("source"),
                      "published": (records[i].get("date") or "")[:10] or None}
                for key, i in label["articles"].items()}
        stories.append(_story(path.stem, kind, label, texts, meta))
    return stories


FRESH = DATA / "fresh_groups.json"


def fresh_groups(names: frozenset[str] | None = None) -> list[dict]:
    """The fresh AllSides groups (tests/data/fresh_groups.json), each with ``keys`` (A1... -> corpus
    id), ``texts`` (A1... -> text) and ``articles`` (``Article`` objects, ids 1..N)."""
    groups = json.loads(FRESH.read_text(encoding="utf-8"))["groups"]
    if names is not None:
        groups = [g for g in groups if g["name"] in names]
    records = _corpus_records(frozenset(i for g in groups for i in g["ids"]))
    for g in groups:
        g["keys"] = {f"A{n}": i for n, i in enumerate(g["ids"], 1)}
        g["texts"] = {k: records[i]["content_original"] for k, i in g["keys"].items()}
        g["articles"] = [_article(n, records[i]["content_original"], title=records[i].get("title"),
                                  source=records[i].get("source"),
                                  published=(records[i].get("date") or "")[:10] or None)
                         for n, i in enumerate(g["ids"], 1)]
    return groups


def bundled_story() -> LabelledStory:
    from desktop.core.library import bundled_story as bundled

    labels = json.loads(BUNDLED.read_text(encoding="utf-8"))
    _name, parsed = bundled()
    by_file = {p.origin.rsplit("/", 1)[1]: p for p in parsed}
    texts = {key: by_file[file].text for key, file in labels["articles"].items()}
    meta = {key: {"title": by_file[file].title, "source": by_file[file].source,
                  "published": by_file[file].published} for key, file in labels["articles"].items()}
    return _story("bundled", "bundled", labels, texts, meta)


# ------------------------------------------------------------------------------- scoring


def _overlaps(unit: tuple[int, int, int], span: tuple[int, int, int]) -> bool:
    if unit[0] != span[0]:
        return False
    shared = min(unit[2], span[2]) - max(unit[1], span[1])
    return shared > 0 and shared >= 0.5 * min(unit[2] - unit[1], span[2] - span[1])


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0
    judged: int = 0
    judged_correct: int = 0
    gold: int = 0
    found: int = 0

    def __iadd__(self, other: Score) -> Score:
        for name in ("predicted", "correct", "judged", "judged_correct", "gold", "found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def judged_precision(self) -> float:
        return self.judged_correct / self.judged if self.judged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def predicted_facts(comparison) -> list[list[tuple[int, int, int]]]:
    """Each shared claim of a comparison as its units (article, start, end)."""
    return [[(m.article, m.start, m.end) for m in fact.mentions]
            for fact in comparison.facts if fact.kind == "claim" and fact.sources > 1]


def score(story: LabelledStory, facts: list[list[tuple[int, int, int]]]) -> Score:
    result = Score()
    labelled = story.labelled_spans()
    gold_facts = story.facts
    for fact in facts:
        for u, v in combinations(fact, 2):
            if u[0] == v[0]:
                continue
            result.predicted += 1
            hit = any(any(_overlaps(u, g) for g in gf) and any(_overlaps(v, g) for g in gf) for gf in gold_facts)
            result.correct += hit
            if any(_overlaps(u, s) for s in labelled) and any(_overlaps(v, s) for s in labelled):
                result.judged += 1
                result.judged_correct += hit
    for in_a, in_b in story.gold_pairs():
        result.gold += 1
        result.found += any(any(_overlaps(u, g) for u in fact for g in in_a)
                            and any(_overlaps(u, g) for u in fact for g in in_b) for fact in facts)
    return result
