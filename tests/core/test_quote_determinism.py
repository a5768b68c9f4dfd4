"""A comparison's quotes are the same on every run, whatever Python's string hashing.

Fifty real election articles of October 2012 (the shared AllSides corpus) grouped their quotations
differently from one run to the next: ties between candidate quotes were broken by the order of a
set of words, which follows the interpreter's per-process hash seed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO, SHARED, require_shared

# 50 consecutive "elections" articles of 2012-10 (as benchmarks/matching_speed.py picks them)
ELECTION_IDS = [
    "28NjlTS54JmOeh61", "5oNaBFclTDaIApuB", "7ZyBj7icoywfmEQe", "8oNk6eDeYLa19pJh", "Sw7rz2dBDNIDQ5AQ",
    "ci8BHfeKPb44hYZ1", "hLtxn2LlM1Y2i0re", "hsXZd47TlLxkQdj3", "qyVllLohXq0vaoXR", "wyQrsdmSCVcxGKyf",
    "xu4ui17VRROiI1yh", "AOL0YUrYYV8YImSF", "OnHKFAUj223deFy6", "XR3U21WHFohbot2l", "cTOEGFoCZF6dyclL",
    "0BaIi2ZwHw3pfTwe", "2NpXbQLxxdP0oO8Q", "A22hfHyDJjyTUGOZ", "COdw8ZdtYU0QhEVH", "DPwpTs8ibrWFUoa3",
    "FeHCch7rGMlRtrmA", "HuiEp38hfVl8dsuh", "L7SCuGQmhiHELc4U", "OeAPrgVWGCuUQZGc", "fOfTnHserVeDZByu",
    "kuUsJIiWKcagVNRJ", "rnIzwqaHJEqhpffC", "sYH8yVGDVxC8y8GF", "59eGcQ6CALR0y7a7", "7q8lraEjYKD7SHVD",
    "OhKuoZQRuRDG9PMG", "Up9V5VZ2IDE2DWpA", "WBvRS1OwB9CQfAfL", "a9QaYXk2Ha7dURZM", "g4K1avspai5fBE5w",
    "gACAuNUH5ZgtwmMU", "nTn4MFqwF43oLGvD", "EvLjNtQLLnSrPYUx", "ScHI6OlTBfNqG2so", "pOAKKB5JaB65O5fd",
    "DvDsiFp4FVv3WwYm", "3KOo1dMNhWfiByyR", "7bxesrROe4Zea1D4", "AcOLCWbHBbxWtp5Z", "AtF1oZvQIeWDfizY",
    "K0jJGtigPZqg9dLy", "QeykmQjPAH4Hlzxu", "a8P9cs3oXCxgB8KA", "e6jy1MnnrrwY7htz", "fDJHHaUqFVCcNrsB",
]

QUOTES_OF_THE_STORY = r"""
import json, sys
from desktop.core.matching.compare import compare
from tests.core.fact_labels import _article, _corpus_records
ids = json.loads(sys.argv[1])
records = _corpus_records(frozenset(ids))
articles = [_article(n, records[i]["content_original"], records[i].get("title"), records[i].get("source"),
                     records[i].get("date")) for n, i in enumerate(ids, 1)]
quotes = compare(articles).quotes
print(json.dumps([[q.speaker, [(m.article, m.start, m.end, m.speaker) for m in q.mentions]] for q in quotes]))
"""


def _quotes_with_hash_seed(seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", QUOTES_OF_THE_STORY, json.dumps(ELECTION_IDS)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600, check=True)
    return done.stdout


def test_quotes_are_grouped_the_same_whatever_the_hash_seed():
    require_shared(SHARED / "data" / "allsides-corpus" / "corpus.jsonl.xz")
    first = _quotes_with_hash_seed(1)
    assert first.count("[") > 20  # the story has cross-outlet quotes to group
    assert _quotes_with_hash_seed(2) == first
    assert _quotes_with_hash_seed(3) == first
