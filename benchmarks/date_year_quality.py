"""The year of a date written without one ("last December", "in January", "Oct. 17"), against the
judged readings of tests/data/date_year_judgements/ (417 dates of fresh AllSides stories whose year two
readings disagreed on; each judged by reading its context and publication date).

    python benchmarks/date_year_quality.py [-v]

Prints, over the judged dates, how often today's engine gives the judged year, and the same for the
nearest-occurrence reading alone (the engine before words such as "last" and "next" were read). A
judged "neither" or "unclear" counts against both.
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
from tests.core.fact_labels import fresh_groups  # noqa: E402

JUDGED = ROOT / "tests" / "data" / "date_year_judgements" / "judged.json"


def main() -> None:
    verbose = "-v" in sys.argv
    items = json.loads(JUDGED.read_text(encoding="utf-8"))["items"]
    wanted = {it["id"].split("|")[0] for it in items}
    articles = {(g["name"], a.id): a for g in fresh_groups(frozenset(wanted)) for a in g["articles"]}
    tally = Counter()
    for it in items:
        name, number, start = it["id"].split("|")
        article = articles[(name, int(number))]
        published = readable_date(article.published)
        found = {m.start: m for m in extract_atomic(article.text, published) if m.kind == "date"}
        mention = found.get(int(start))
        engine = mention.value if mention else None
        nearest = normalize_date(it["date_words"], published)
        tally["engine"] += engine == it["answer"]
        tally["nearest"] += nearest == it["answer"]
        tally[f"judged {it['answer'] if it['answer'] in ('neither', 'unclear') else 'a year'}"] += 1
        if verbose and engine != it["answer"]:
            print(f"{it['id']}: engine {engine}, judged {it['answer']} ({it['why']})")
    total = len(items)
    print(f"{total} judged dates written without a year ({tally['judged neither']} judged neither option, "
          f"{tally['judged unclear']} unclear)")
    print(f"  today's engine gives the judged year: {tally['engine']} ({tally['engine'] / total:.2f})")
    print(f"  the nearest occurrence alone:        {tally['nearest']} ({tally['nearest'] / total:.2f})")


if __name__ == "__main__":
    main()
