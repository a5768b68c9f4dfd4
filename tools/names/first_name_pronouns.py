"""Which pronoun news writes for people of a first name: desktop/core/matching/first_names.json.

Read from the 35,600 articles of ../shared/data/allsides-corpus/corpus.jsonl.xz: each time a full
name ("Nancy Pelosi", "Beto O'Rourke") is followed, before any other full name and within 80
characters, by "he"/"his"/"him" or "she"/"her", the first name scores one for that pronoun (the
next pronoun is often someone else's, and news names men far more often than women, so the counts
are read against the corpus-wide share of "she"). A first name seen at least MIN_SEEN times is
"she" when at least SHE_SHARE of its pronouns are "she"/"her" (Nancy 297 of 405), "he" when at
most HE_FACTOR times the corpus-wide share are (Donald 238 of 3,760); else neither ("Pat"). Quote speakers use it so that "he said"
never resolves to Jennifer Mercieca (desktop.core.matching.quote_speakers.pronoun_referent).

Run: python tools/names/first_name_pronouns.py   (about a minute; deterministic)
"""

from __future__ import annotations

import json
import lzma
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "allsides-corpus" / "corpus.jsonl.xz"
OUT = ROOT / "desktop" / "core" / "matching" / "first_names.json"
MIN_SEEN = 20
SHE_SHARE = 0.5
HE_FACTOR = 0.5
REACH = 80

_FULL_NAME = re.compile(r"\b([A-Z][a-z]{1,14})\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?\b")
_PRONOUN = re.compile(r"\b(he|his|him|she|her)\b", re.I)
# capitalised words that open names without being first names
_NOT_FIRST = frozenset(re.findall(r"\w+", """The This That These Those And But For From With When Where While After Before Since
    Mr Mrs Ms Dr Sen Rep Gov President Senator Governor Secretary Speaker Judge Justice General Attorney Director
    Chief Prime Minister Vice House Senate White New North South East West United Supreme Federal State National
    Republican Republicans Democrat Democrats Democratic Former Late Lady Sir Lord Saint San Los Las Fort Mount
    January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday"""))


def count(texts) -> tuple[Counter, Counter]:
    male, female = Counter(), Counter()
    for text in texts:
        names = list(_FULL_NAME.finditer(text))
        for n, match in enumerate(names):
            first = match.group(1)
            if first in _NOT_FIRST:
                continue
            stop = min(match.end() + REACH, names[n + 1].start() if n + 1 < len(names) else len(text))
            pronoun = _PRONOUN.search(text, match.end(), stop)
            if pronoun is None:
                continue
            (female if pronoun.group(1).lower() in ("she", "her") else male)[first] += 1
    return male, female


def table(male: Counter, female: Counter) -> dict[str, str]:
    base = sum(female.values()) / max(1, sum(female.values()) + sum(male.values()))
    out = {}
    for first in sorted(set(male) | set(female)):
        seen = male[first] + female[first]
        if seen < MIN_SEEN:
            continue
        if female[first] >= SHE_SHARE * seen:
            out[first] = "she"
        elif female[first] <= HE_FACTOR * base * seen:
            out[first] = "he"
    return out


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found (the shared data sits beside the repository)")

    def texts():
        with lzma.open(CORPUS, "rt", encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line).get("content_original") or ""

    found = table(*count(texts()))
    OUT.write_text(json.dumps({"about": "first name -> the pronoun news uses for people of that name; "
                                        "tools/names/first_name_pronouns.py on the AllSides corpus "
                                        f"(seen >= {MIN_SEEN} times within {REACH} characters; she: >= {SHE_SHARE:.0%}; "
                                        f"he: <= {HE_FACTOR} x the corpus-wide share of she)",
                               "names": found}, indent=0, sort_keys=True, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    print(f"{len(found)} first names ({sum(v == 'she' for v in found.values())} she) -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
