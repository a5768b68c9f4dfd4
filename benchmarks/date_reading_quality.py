"""How dates that depend on the publication date are read, against the judged readings of
tests/data/date_judgements/ (README.md there says how each set was made):

* ``years.json``: 417 dates written without a year ("last December", "in January") whose year two
  readings disputed;
* ``weekdays_tuned.json``: 569 weekdays ("Tuesday") whose day the engine of ac13911 and the nearer-day
  reading disputed (the words kept for reading a weekday's tense were chosen from these);
* ``weekdays_held_out.json``: weekdays of other stories whose day the engine of ac13911 and today's
  disputed, judged after today's words were chosen.

    python benchmarks/date_reading_quality.py [-v]

For each set: how often today's engine gives the judged date, the engine of ac13911, and the nearest
occurrence alone. A judged "neither" or "unclear" counts against all three. The sets hold disputed dates
only: their ratios say which reading is right where readings differ, not an accuracy over all dates.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.library.dates import readable_date  # noqa: E402
from desktop.core.matching.atomic import extract_atomic  # noqa: E402
from desktop.core.matching.dates import normalize_date  # noqa: E402
from desktop.core.matching.relative_dates import _reference, relative_dates, resolve_relative  # noqa: E402
from tests.core.fact_labels import fresh_groups  # noqa: E402

JUDGED = ROOT / "tests" / "data" / "date_judgements"


def _articles(items: list[dict]) -> dict:
    wanted = frozenset(it["id"].split("|")[0] for it in items)
    return {(g["name"], a.id): a for g in fresh_groups(wanted) for a in g["articles"]}


def _engine_year(article, start: int) -> str | None:
    found = {m.start: m for m in extract_atomic(article.text, readable_date(article.published)) if m.kind == "date"}
    return found[start].value if start in found else None


def _engine_weekday(article, start: int) -> str | None:
    found = {r.start: r for r in relative_dates(article.text, readable_date(article.published))}
    return found[start].value if start in found else None


def _nearest_weekday(article, item: dict) -> str | None:
    return resolve_relative(item["date_words"], _reference(readable_date(article.published)), future=None).value


def _nearest_year(article, item: dict) -> str | None:
    return normalize_date(item["date_words"], readable_date(article.published))


def score(name: str, engine, nearest, verbose: bool) -> None:
    path = JUDGED / name
    if not path.exists():
        return
    items = json.loads(path.read_text(encoding="utf-8"))["items"]
    articles = _articles(items)
    tally = Counter()
    for it in items:
        group, number, start = it["id"].split("|")
        article = articles[(group, int(number))]
        today = engine(article, int(start))
        tally["today"] += today == it["answer"]
        tally["before"] += it["reading_ac13911"] == it["answer"]
        tally["nearest"] += nearest(article, it) == it["answer"]
        tally["neither"] += it["answer"] in ("neither", "unclear")
        if verbose and today != it["answer"]:
            print(f"  {it['id']}: today {today}, judged {it['answer']} ({it['why']})")
    total = len(items)
    print(f"{name}: {total} judged ({tally['neither']} judged neither reading or unclear); the judged date given by "
          f"today's engine {tally['today']} ({tally['today'] / total:.2f}), by the engine of ac13911 "
          f"{tally['before']} ({tally['before'] / total:.2f}), by the nearest occurrence alone {tally['nearest']} "
          f"({tally['nearest'] / total:.2f})")


def main() -> None:
    verbose = "-v" in sys.argv
    score("years.json", _engine_year, _nearest_year, verbose)
    score("weekdays_tuned.json", _engine_weekday, _nearest_weekday, verbose)
    score("weekdays_held_out.json", _engine_weekday, _nearest_weekday, verbose)


if __name__ == "__main__":
    main()
