"""The one stemmer of the matching engine: Snowball's English ("Porter2") algorithm, via PyStemmer.

Owns :func:`stem`, the word form under which the engine compares words: sentence similarity
(``similarity.normalise``), hence the claim aligner's candidate index and the conflict
finder's slot contexts, which read similarity's terms. Chosen by ``benchmarks/stemmers.py``
over the hand-written suffix strippers the engine had and over the pure-Python build of the
same algorithm (``snowballstemmer``: identical stems, some 75 times slower): equal MSRP
paraphrase ROC-AUC, higher claim-link F1 on the labelled stories. Name filtering's "is this
capitalised word a common word here?" deliberately uses a noun's singular instead
(:func:`desktop.core.matching.text_units.singular`): a stem also joins derived words, and
"Senate" is no common word in an article that writes "senator".

Input is one lower-case word. Only words of letters, with inner apostrophes or hyphens
(``don't``, ``co-founded``), are stemmed; numbers, abbreviations with dots and joined
placeholders (``3.5``, ``u.s``, ``us_country``) come back as they are.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import Stemmer

__all__ = ["BACKEND", "stem", "stemmable"]

BACKEND = "PyStemmer (Snowball English)"

_STEMMABLE_RE = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_PER_THREAD = threading.local()  # a PyStemmer object is not to be shared between threads


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_PER_THREAD, "stemmer", None)
    if stemmer is None:
        stemmer = _PER_THREAD.stemmer = Stemmer.Stemmer("english")
    return stemmer


def stemmable(word: str) -> bool:
    """Whether :func:`stem` stems ``word``: letters, with inner apostrophes or hyphens."""
    return _STEMMABLE_RE.fullmatch(word) is not None


@lru_cache(maxsize=65536)  # words repeat; a pure function of one short string
def stem(word: str) -> str:
    """The stem of a lower-case word: ``closing``, ``closes``, ``closed`` -> ``close``;
    ``layoffs`` -> ``layoff``; ``employees`` -> ``employe``. Anything :func:`stemmable` says
    no to comes back unchanged."""
    return _stemmer().stemWord(word) if _STEMMABLE_RE.fullmatch(word) else word
