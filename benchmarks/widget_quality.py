"""How much publisher-widget text Parallax dims, and how much real article text it dims by mistake.

Labels: tests/data/widget_lines.jsonl (150 AllSides articles, 16 outlets, widget strings as exact
substrings with their kinds; see widget_lines.md). Texts: ../shared/data/allsides-corpus.

The 150 articles are split by a fixed rule decided before any tuning: sorted by ID, every other
one (positions 0, 2, 4...) is the TUNE half the rules were tuned on, the others (1, 3, 5...) are
HELD OUT and were only measured.

Figures, per half:
* widget recall: the share of labelled widget strings that are dimmed (a string counts as dimmed
  when 80% of its non-space characters, over all its occurrences, lie in active boilerplate);
  and the same by characters;
* false dims: the share of true article sentences (the text outside every label, cut into
  sentences) of which half or more of the characters are dimmed.

Judgement calls of the scorer: byline-only credits (kind "credit" not mentioning a photo, Getty,
an illustration, "credit" or "sources") are neutral, counted on neither side: Parallax marks bylines
only right under a headline, and a byline is attribution, not a report sentence. Embedded tweets
(unlabelled) count as article text.

Three settings: the per-article rules alone; the rules plus the outlet signal with a library holding
only the 150 labelled articles; and with a library holding the whole AllSides corpus (35,619 articles,
what a reader who imported it has).

Run: python benchmarks/widget_quality.py [--details tune|held-out]
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.library.boilerplate import detect_boilerplate  # noqa: E402
from desktop.core.library.outlet_lines import KIND, recurring_lines  # noqa: E402
from desktop.core.models import BoilerplateSpan  # noqa: E402

LABELS = ROOT / "tests" / "data" / "widget_lines.jsonl"
CORPUS = ROOT.parent / "shared" / "data" / "allsides-corpus" / "corpus.jsonl.xz"
NOT_A_BYLINE = re.compile(r"photo|getty|illustration|credit|sources", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
DIMMED_SHARE = 0.8  # of a widget string's characters, to count it dimmed
WRONG_SHARE = 0.5  # of a sentence's characters, to count it wrongly dimmed


def split_halves(labels: list[dict]) -> tuple[list[dict], list[dict]]:
    """The fixed rule: sorted by ID, even positions tune, odd positions held out."""
    ordered = sorted(labels, key=lambda row: row["id"])
    return ordered[0::2], ordered[1::2]


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return out


def covered(mask: bytearray, start: int, end: int, text: str) -> tuple[int, int]:
    """(dimmed, all) non-space characters of text[start:end]."""
    hit = total = 0
    for i in range(start, end):
        if not text[i].isspace():
            total += 1
            hit += mask[i]
    return hit, total


def score(text: str, label: dict, spans: list[BoilerplateSpan]) -> dict:
    mask = bytearray(len(text))
    for span in spans:
        if span.active:
            mask[span.start:span.end] = b"\x01" * (span.end - span.start)
    labelled = bytearray(len(text))
    widgets = []
    for widget, kind in zip(label["widgets"], label["kinds"]):
        where = occurrences(text, widget)
        for start, end in where:
            labelled[start:end] = b"\x01" * (end - start)
        if kind == "credit" and not NOT_A_BYLINE.search(widget):
            continue  # a byline: neutral
        hit = total = 0
        for start, end in where:
            h, t = covered(mask, start, end, text)
            hit, total = hit + h, total + t
        widgets.append((widget, kind, hit, total))
    # true article sentences: the text outside every label
    sentences = []
    outside = "".join("\n" if labelled[i] else c for i, c in enumerate(text))
    pos = 0
    for line in outside.split("\n"):
        start_of_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        offset = 0
        for piece in SENTENCE_END.split(line):
            at = line.index(piece, offset)
            offset = at + len(piece)
            if len(piece.split()) < 3:
                continue
            h, t = covered(mask, start_of_line + at, start_of_line + offset, text)
            sentences.append((piece, h, t))
    return {"widgets": widgets, "sentences": sentences}


def summarise(results: list[dict]) -> dict:
    widgets = [w for r in results for w in r["widgets"] if w[3]]
    dimmed = sum(1 for w in widgets if w[2] >= DIMMED_SHARE * w[3])
    chars_hit, chars = sum(w[2] for w in widgets), sum(w[3] for w in widgets)
    sentences = [s for r in results for s in r["sentences"] if s[2]]
    wrong = sum(1 for s in sentences if s[1] >= WRONG_SHARE * s[2])
    return {
        "widgets": len(widgets), "dimmed": dimmed, "recall": dimmed / max(1, len(widgets)),
        "char_recall": chars_hit / max(1, chars),
        "sentences": len(sentences), "wrong": wrong, "false_dim": wrong / max(1, len(sentences)),
    }


def load(ids: set[str], whole_corpus: bool) -> tuple[dict[str, dict], dict[str, dict[str, str]]]:
    """The labelled articles' records, and (when asked) every corpus text grouped by source."""
    records: dict[str, dict] = {}
    by_source: dict[str, dict[str, str]] = defaultdict(dict)
    with lzma.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["ID"] in ids:
                records[row["ID"]] = row
            if whole_corpus and row.get("content_original"):
                by_source[row["source"]][row["ID"]] = row["content_original"]
    return records, by_source


def spans_for(records: dict[str, dict], library: dict[str, dict[str, str]] | None) -> dict[str, list]:
    """Each labelled article's boilerplate: the rules, plus the outlet signal over ``library``."""
    out = {}
    for article_id, row in records.items():
        out[article_id] = detect_boilerplate(row["content_original"], row.get("title"))
    if library is None:
        return out
    for texts in library.values():
        wanted = [a for a in texts if a in records]
        if not wanted:
            continue
        repeated = recurring_lines(texts)
        for article_id in wanted:
            out[article_id] = merge(out[article_id], repeated.get(article_id, []))
    return out


def merge(spans: list[BoilerplateSpan], lines: list[tuple[int, int]]) -> list[BoilerplateSpan]:
    """The rules' spans plus the repeated lines none of them overlaps (as the importer does)."""
    added = [BoilerplateSpan(s, e, KIND) for s, e in lines if not any(b.start < e and s < b.end for b in spans)]
    return sorted([*spans, *added], key=lambda span: span.start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", choices=("tune", "held-out"), help="list missed widgets and wrong dims")
    args = parser.parse_args()
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    tune, held_out = split_halves(labels)
    started = time.perf_counter()
    records, corpus = load({row["id"] for row in labels}, whole_corpus=True)
    labelled_only: dict[str, dict[str, str]] = defaultdict(dict)
    for article_id, row in records.items():
        labelled_only[row["source"]][article_id] = row["content_original"]
    settings = {
        "rules only": spans_for(records, None),
        "rules + outlet lines, library = the 150": spans_for(records, labelled_only),
        "rules + outlet lines, library = whole corpus": spans_for(records, corpus),
    }
    print(f"{len(labels)} labelled articles: {len(tune)} tune (even positions by ID), "
          f"{len(held_out)} held out (odd positions); {time.perf_counter() - started:.1f} s to load and detect\n")
    print(f"{'setting':<46} {'half':<9} {'widgets':>7} {'recall':>7} {'chars':>6} "
          f"{'sentences':>9} {'false dims':>10}")
    for name, spans in settings.items():
        for half_name, half in (("tuned", tune), ("held out", held_out)):
            results = [score(records[row["id"]]["content_original"], row, spans[row["id"]]) for row in half]
            s = summarise(results)
            print(f"{name:<46} {half_name:<9} {s['widgets']:>7} {s['recall']:>7.3f} {s['char_recall']:>6.3f} "
                  f"{s['sentences']:>9} {s['wrong']:>4} {s['false_dim']:>5.3f}")
    print("\ngoals: recall >= 0.90, false dims <= 0.02")
    if args.details:
        half = tune if args.details == "tune" else held_out
        spans = settings["rules + outlet lines, library = whole corpus"]
        for row in half:
            result = score(records[row["id"]]["content_original"], row, spans[row["id"]])
            for widget, kind, hit, total in result["widgets"]:
                if total and hit < DIMMED_SHARE * total:
                    print(f"MISSED  {row['id']} {row['source'][:14]:<14} {kind:<10} {widget[:110]!r}")
            for sentence, hit, total in result["sentences"]:
                if total and hit >= WRONG_SHARE * total:
                    print(f"WRONG   {row['id']} {row['source'][:14]:<14} {sentence[:120]!r}")


if __name__ == "__main__":
    main()
