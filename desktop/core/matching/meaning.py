"""Meaning vectors for sentences: the runtime of ``meaning_vectors.npz``, built by
``tools/meaning/train_vectors.py`` from the AllSides news corpus (Apache-2.0; see the README's
"Meaning vectors" and ``MEANING_VECTORS_NOTICE.txt``). ``packaged()`` loads the shipped table once.

Standard library + numpy. It owns the one tokenizer that both the training script and the
runtime use: the vectors are only valid with it (``TOKENIZER_VERSION`` is stored in the
artefact and checked on load). ``tools/meaning/meaning.py`` is this module (the script imports it).

    vectors = MeaningVectors.load("build/meaning/meaning_vectors.npz")
    vectors.similarity("Kaspersky is set to shut down its operations in the United States",
                       "Kaspersky will exit the U.S. market")     # cosine, about 0.3
    a, b = vectors.profile(text_a), vectors.profile(text_b)      # cache these per sentence
    cosine, residual = vectors.pair_features(a, b)               # inputs of the regression
    matrix = vectors.sentence_matrix(sentences)                  # (n, dim) unit rows, batched
    scores = matrix @ matrix.T

Sentence vector (SIF, Arora et al. 2017): the sum over the sentence's known tokens of
``a / (a + p(w)) * v(w)``, where ``p(w)`` is the token's frequency in the training corpus and
``v(w)`` its unit-length word vector, minus its projection on the first principal component of
such sums over corpus sentences, scaled to unit length. The artefact stores each word's vector
already multiplied by its SIF weight and with the component removed (the removal is linear, so
the training script does it once for every row), so a sentence costs one tokenisation, one
index lookup per token and one numpy reduction.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["ARTEFACT_FORMAT", "TOKENIZER_VERSION", "MeaningVectors", "SentenceMeaning", "packaged", "tokenize"]

#: Stored in the artefact; load() refuses an artefact made with another tokenizer.
TOKENIZER_VERSION = 2
#: Layout of the artefact's arrays (see train_vectors.write_artefact); checked on load.
ARTEFACT_FORMAT = 2
INDEX_CACHE = 16384  # sentences whose vocabulary indices are kept (about 3 MB)

# Multi-word and dotted forms, rewritten on the original (cased) text before splitting. The
# triggers are substrings without which none of them can match (cheap test first).
_REWRITE_TRIGGERS = ("U.", "E.", "United ", "Great Britain", "European Union", "er cent", "er Cent", "'", "’")
_REWRITE_RE = re.compile(
    r"\b[UE]\.\s?[SKNU]\.(?:\s?A\.)?"
    r"|\bUnited (?:States(?: of America)?|Kingdom|Nations)\b|\bGreat Britain\b|\bEuropean Union\b"
    r"|\b[Pp]er [Cc]ent\b|n[’']t\b|[’']s\b"
)
# Words, numbers ("1,000", "3.5") and the signs that stand for words.
_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[%$€£]")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# Raw tokens mapped before lower-casing (case matters: "US" is the country, "us" is not).
_CASED = {
    "US": "unitedstates", "USA": "unitedstates", "UK": "unitedkingdom", "UN": "unitednations",
    "EU": "europeanunion", "%": "percent", "$": "dollar", "€": "euro", "£": "pound",
}
_LOWER = {
    "mln": "million", "mn": "million", "bln": "billion", "bn": "billion", "pct": "percent",
    "percentage": "percent", "mr": "", "mrs": "", "ms": "",
}


def _rewrite(match: re.Match) -> str:
    text = match.group()
    if text[0] in "UE" and "." in text[:2]:  # U.S., U. S., U.S.A., U.K., U.N., E.U.
        letters = text.replace(".", "").replace(" ", "")
        return " " + _CASED.get(letters, letters) + " "
    if text[0] in "UGE":
        return {"United States": " unitedstates ", "United Kingdom": " unitedkingdom ",
                "United Nations": " unitednations ", "Great Britain": " unitedkingdom ",
                "European Union": " europeanunion "}.get(text[:14], " unitedstates ")
    if text[0] in "Pp":
        return " percent "
    if text[0] == "n":
        return " not "
    return " "  # possessive 's


@lru_cache(maxsize=131072)
def _token(raw: str) -> str:
    """One raw match as a vocabulary token: lower case; numbers as a class ("<year>", "<num>")."""
    cased = _CASED.get(raw)
    if cased is not None:
        return cased
    if raw[0].isdigit():
        return "<year>" if len(raw) == 4 and _YEAR_RE.fullmatch(raw) else "<num>"
    word = raw.lower()
    return _LOWER.get(word, word)


def tokenize(text: str) -> list[str]:
    """The tokens of ``text`` as the vectors know them: lower-cased words, "<num>" and "<year>"
    for numbers, "unitedstates" for "U.S." / "US" / "USA" / "United States" (likewise U.K., U.N.,
    E.U.), "percent" for "%" / "per cent", "dollar" for "$", "not" for "n't", no possessive 's."""
    if any(map(text.__contains__, _REWRITE_TRIGGERS)):
        text = _REWRITE_RE.sub(_rewrite, text)
    return [token for token in map(_token, _TOKEN_RE.findall(text)) if token]


class SentenceMeaning:
    """What :meth:`MeaningVectors.pair_features` needs from one sentence."""

    __slots__ = ("ids", "norm", "raw", "types")

    def __init__(self, ids: list[int], raw: np.ndarray, norm: float) -> None:
        self.ids = ids  # vocabulary indices of the known tokens, in order
        self.types = frozenset(ids)
        self.raw = raw  # sum of the words' rows (component already removed), not normalised
        self.norm = norm  # its length (0 when no word is known)

    @property
    def unit(self) -> np.ndarray:
        return self.raw / self.norm if self.norm else self.raw


class MeaningVectors:
    """Per-word SIF-weighted vectors with the common component removed."""

    def __init__(self, words: list[str], codes: np.ndarray, steps: np.ndarray | None = None) -> None:
        """``codes``: int8 rows with their float32 quantisation ``steps`` (as shipped), or float32
        rows with ``steps`` None. The rows stay int8 in memory (12 MB instead of 47 for the shipped
        table); :meth:`rows` widens the ones a sum needs, to the same float32 values as the whole."""
        self.index = {word: i for i, word in enumerate(words)}
        self._codes = codes
        self._steps = None if steps is None else steps.astype(np.float32, copy=False)[:, None]
        self.dim = codes.shape[1]
        self._zero = np.zeros(self.dim, dtype=np.float32)
        self._zero.flags.writeable = False
        # a story's claims are read again when it is compared again (an article added, a link overruled)
        self._cached_indices = lru_cache(maxsize=INDEX_CACHE)(self._indices)

    def rows(self, ids) -> np.ndarray:
        """The float32 rows of the vocabulary indices ``ids`` (an int, a list or an array)."""
        if self._steps is None:
            return self._codes[ids]
        return np.multiply(self._codes[ids], self._steps[ids] if np.ndim(ids) else self._steps[ids, 0],
                           dtype=np.float32)

    @property
    def matrix(self) -> np.ndarray:
        """Every row as float32 (vocabulary, dim): 47 MB for the shipped table, built on each call;
        sums of a few rows go through :meth:`rows`."""
        return self.rows(np.arange(len(self._codes)))

    @classmethod
    def load(cls, path: str | Path) -> MeaningVectors:
        with np.load(path, allow_pickle=False) as data:
            if "format_version" not in data or int(data["format_version"]) != ARTEFACT_FORMAT:
                raise ValueError(f"{path}: not a meaning-vector artefact of format {ARTEFACT_FORMAT}; rebuild it")
            if int(data["tokenizer_version"]) != TOKENIZER_VERSION:
                raise ValueError(f"{path}: made with another tokenizer version; rebuild it")
            words = str(data["words"]).split("\n")
            codes = data["codes"]  # int8 (vocabulary, dim): SIF-weighted rows, component removed
            steps = data["scales"]  # float32 per row: the quantisation step
        return cls(words, codes, steps)

    def indices(self, text: str) -> list[int]:
        """Vocabulary indices of the known tokens of ``text``, in order."""
        return list(self._cached_indices(text))

    def _indices(self, text: str) -> tuple[int, ...]:
        get = self.index.get
        return tuple(i for i in map(get, tokenize(text)) if i is not None)

    def _sum(self, ids: list[int]) -> np.ndarray:
        return self.rows(ids[0]) if len(ids) == 1 else self.rows(np.array(ids)).sum(axis=0)

    def sentence_vector(self, text: str) -> np.ndarray:
        """Unit-length meaning vector of ``text`` (all zeros when no word is known)."""
        ids = self.indices(text)
        if not ids:
            return self._zero
        raw = self._sum(ids)
        norm = math.sqrt(float(raw @ raw))
        return raw / norm if norm else self._zero

    def profile(self, text: str) -> SentenceMeaning:
        """Per-sentence work for :meth:`pair_features`; cache it per sentence."""
        ids = self.indices(text)
        if not ids:
            return SentenceMeaning(ids, self._zero, 0.0)
        raw = self._sum(ids)
        return SentenceMeaning(ids, raw, math.sqrt(float(raw @ raw)))

    def pair_features(self, a: SentenceMeaning, b: SentenceMeaning) -> tuple[float, float]:
        """(cosine, residual cosine) of two profiled sentences.

        The residual cosine compares only the words that one sentence has and the other has
        not ("shut down its operations" against "exit ... market" once "Kaspersky" and "U.S."
        are taken out): high for rewordings, low for two different claims about the same
        people or numbers. It equals the cosine when no word is shared, is 1 when neither
        sentence has a word of its own, and 0 when only one has. Symmetric.
        """
        if not a.norm or not b.norm:
            return 0.0, 0.0
        cosine = float(a.raw @ b.raw) / (a.norm * b.norm)
        shared = a.types & b.types
        if not shared:
            return cosine, cosine
        rest_a = len(a.types) > len(shared)
        rest_b = len(b.types) > len(shared)
        if not rest_a or not rest_b:
            return cosine, float(not rest_a and not rest_b)
        res_a = a.raw - self._sum([i for i in a.ids if i in shared])
        res_b = b.raw - self._sum([i for i in b.ids if i in shared])
        norms = math.sqrt(float(res_a @ res_a) * float(res_b @ res_b))
        return cosine, float(res_a @ res_b) / norms if norms else 0.0

    def sentence_matrix(self, texts: list[str]) -> np.ndarray:
        """Unit rows, one per text (zeros for a text without known words): for scoring many
        sentences against many with one product. Sums run a few thousand tokens at a time."""
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        flat: list[int] = []
        starts: list[int] = []
        first = 0  # row of starts[0]

        def flush(end: int) -> None:
            if flat:
                keep = [row for row in range(first, end) if starts[row - first] < (
                    starts[row - first + 1] if row + 1 < end else len(flat))]
                offsets = np.array([starts[row - first] for row in keep])
                rows[keep] = np.add.reduceat(self.rows(np.array(flat)), offsets, axis=0)

        for row, text in enumerate(texts):
            if len(flat) > 4096:
                flush(row)
                flat.clear()
                starts.clear()
                first = row
            starts.append(len(flat))
            flat.extend(self.indices(text))
        flush(len(texts))
        norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
        norms[norms == 0] = 1.0
        rows /= norms[:, None]
        return rows

    def similarity(self, a: str, b: str) -> float:
        """Cosine of the two sentences' meaning vectors (0 when either has no known word)."""
        return float(self.sentence_vector(a) @ self.sentence_vector(b))


@lru_cache(maxsize=1)
def packaged() -> MeaningVectors:
    """The vectors shipped inside the package, loaded once per process (about 0.1-0.3 s)."""
    from importlib import resources

    with resources.as_file(resources.files("desktop.core.matching").joinpath("meaning_vectors.npz")) as path:
        return MeaningVectors.load(path)
