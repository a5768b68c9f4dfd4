"""Quotations across outlets: the same words quoted by several articles, and each one's drift.

:func:`group_quotes` groups the quotations of different articles that give the same words (one
the sub-span of another, most content words shared in order, or a paraphrase by the same
speaker); :func:`reference_quote` picks the wording most outlets agree with, :func:`closest_quote`
the wording each quotation is best compared with, and :func:`drift_of` classifies the difference
word by word. :func:`unify_speakers` gives one display name to a speaker named two ways across
the story. See :mod:`desktop.core.matching.quotes` for the whole.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from desktop.core.matching.quote_extraction import RawQuote
from desktop.core.matching.quote_speakers import speaker_key
from desktop.core.word_diff import readable, word_diff

__all__ = ["closest_quote", "drift_of", "group_quotes", "reference_quote", "unify_speakers"]

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STOP = frozenset(["a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "as", "we", "our", "you", "i", "he", "she", "they", "their", "has", "have", "had", "will", "would", "not", "no", "but", "from"])


def _words(text: str) -> list[str]:
    return list(_word_tuple(text))


@lru_cache(maxsize=65536)  # a quotation is read by grouping, the reference, the closest wording and the drift
def _word_tuple(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in _TOKEN.findall(text))


def _match(a: Sequence[str], b: Sequence[str]) -> tuple[float, float]:
    """(share of the shorter's words found in order in the longer, share of the longer covered)."""
    if not a or not b:
        return 0.0, 0.0
    return _match_words(tuple(a), tuple(b))


@lru_cache(maxsize=65536)  # quotations repeat across outlets and when a story is compared again
def _match_words(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, float]:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / len(short), same / len(long_)


def group_quotes(quotes: Sequence[RawQuote]) -> list[list[RawQuote]]:
    """Quotations of different articles that give the same words, grouped (longest first).

    Candidates come from an index of rare words (never all pairs); a cheap word-set overlap is
    checked before the in-order match, so hundreds of articles stay quick."""
    return [[quotes[m] for m in g] for g in _grouped(tuple(quotes))]


@lru_cache(maxsize=8)  # the story's quotations: comparing the same articles again groups them once
def _grouped(quotes: tuple[RawQuote, ...]) -> tuple[tuple[int, ...], ...]:
    """:func:`group_quotes` as the positions of the quotations in ``quotes``."""
    tokens = [_words(q.text) for q in quotes]
    joined = [" " + " ".join(t) + " " for t in tokens]
    sets = [set(t) - _STOP for t in tokens]
    index: dict[str, list[int]] = defaultdict(list)
    for n, words in enumerate(sets):
        for w in words:
            index[w].append(n)
    order = sorted(range(len(quotes)), key=lambda n: (-len(tokens[n]), quotes[n].article, quotes[n].start))
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []
    for n in order:
        if n in group_of or not sets[n]:
            continue
        q = quotes[n]
        members = [n]
        # words in a fixed order: ties in most_common are broken by first count, which must not depend
        # on the interpreter's string hashing (the same story grouped its quotes differently per run)
        # (a word only this quotation has counts nothing: only itself, deleted below)
        rare = Counter(chain.from_iterable(index[w] for w in sorted(sets[n]) if 1 < len(index[w]) <= 400))
        del rare[n]  # itself (the others keep their order: ties as before)
        # the 60 most shared, ties in first-counted order: most_common(60) without its heap
        for m, shared in sorted(rare.items(), key=itemgetter(1), reverse=True)[:60]:
            if m in group_of:
                continue
            if quotes[m].article == q.article and joined[m] not in joined[n]:
                continue
            smaller = min(len(sets[m]), len(sets[n])) or 1
            if (shared < 2 and len(tokens[m]) > 2) or shared / smaller < 0.4:
                continue
            if _same_words(tokens[n], tokens[m], shared, q, quotes[m], joined[m] in joined[n]):
                members.append(m)
        if len({quotes[m].article for m in members}) < 2:
            continue
        for m in members:
            group_of[m] = len(groups)
        groups.append(members)
    # fragments of any member ("no longer viable" of one outlet's full statement) join its group
    for m, q in enumerate(quotes):
        if m in group_of or len(sets[m]) < 2:
            continue
        hits = Counter(group_of[k] for w in sorted(sets[m]) if len(index[w]) <= 400 for k in index[w] if k in group_of)
        for g, _count in hits.most_common(5):
            if any(quotes[k].article != q.article and joined[m] in joined[k] for k in groups[g]):
                groups[g].append(m)
                group_of[m] = g
                break
    return tuple(tuple(sorted(g, key=lambda m: (quotes[m].article, quotes[m].start))) for g in groups)


def _fragment_of(short: list[str], long_: list[str]) -> bool:
    return 0 < len(short) < len(long_) and f" {' '.join(short)} " in f" {' '.join(long_)} "


def _same_words(a: list[str], b: list[str], shared: int, qa: RawQuote, qb: RawQuote,
                contained: bool = False) -> bool:
    if len(b) <= 2:  # "sad", "difficult": one or two words, only from the same speaker
        return contained and bool(qa.speaker) and speaker_key(qa.speaker) == speaker_key(qb.speaker)
    if len(a) <= 3 and not (qa.speaker and speaker_key(qa.speaker) == speaker_key(qb.speaker)):
        return False  # a phrase of a few words ("fiscal cliff") is anyone's: it gathers no one else's quotations
    if contained:
        return True
    if shared < 2 and len(b) > 3:
        return False
    content_a, content_b = set(a) - _STOP, set(b) - _STOP
    if len(content_a & content_b) < 0.6 * min(len(content_a), len(content_b)):
        return _paraphrase(a, b, qa, qb)
    in_order, _cover = _match(a, b)
    if qa.speaker and qb.speaker and speaker_key(qa.speaker) != speaker_key(qb.speaker):
        # two people named: a stock phrase both use ("denuclearization of the Korean Peninsula") is
        # not one quotation; only the same words at length are (one outlet may name the speaker wrong)
        return in_order >= 0.8 and min(len(content_a), len(content_b)) >= 5
    if in_order >= 0.6:
        return True
    return _paraphrase(a, b, qa, qb)


def _paraphrase(a: list[str], b: list[str], qa: RawQuote, qb: RawQuote) -> bool:
    # a paraphrase presented as a quote: the same speaker, many of the rare words
    content_a, content_b = set(a) - _STOP, set(b) - _STOP
    overlap = len(content_a & content_b) / max(1, min(len(content_a), len(content_b)))
    return overlap >= 0.5 and len(content_a & content_b) >= 4 and bool(qa.speaker) and \
        speaker_key(qa.speaker) == speaker_key(qb.speaker)


EXCERPT_RUN = 6  # words in a row two quotations share when they are two excerpts of one statement


@lru_cache(maxsize=16384)  # a pure function of two quotations: comparing again reuses it
def drift_of(reference: str, quoted: str) -> tuple[str, tuple]:
    """How ``quoted`` differs from ``reference`` and the differing word_diff pieces."""
    pieces = readable(word_diff(_norm(reference), _norm(quoted)))
    changes = tuple((p.op, p.a.strip(), p.b.strip()) for p in pieces if p.op != "equal" and (p.a.strip() or
                                                                                              p.b.strip()))
    changes = tuple(c for c in changes if _words(c[1]) or _words(c[2]))  # punctuation alone is no drift
    if not changes:
        return "", ()
    ref_words, own = _words(reference), _words(quoted)
    in_order, _cover = _match(ref_words, own)
    ops = {c[0] for c in changes}
    if in_order < 0.7:
        run = SequenceMatcher(None, ref_words, own, autojunk=False).find_longest_match(0, len(ref_words), 0, len(own))
        if run.size >= EXCERPT_RUN:
            return "another excerpt", changes  # the same words for a stretch, each quoting more of the statement
        return "paraphrase", changes
    if ops == {"delete"}:
        edge = pieces[0].op == "delete" or pieces[-1].op == "delete"
        inner = [p for p in pieces if p.op == "delete"]
        return ("truncated" if edge and len(inner) <= 2 else "words dropped"), changes
    if ops == {"insert"}:
        return "words added", changes
    return "words changed", changes


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("U.S.", "US").lower().split())


def reference_quote(members: Sequence[RawQuote]) -> RawQuote:
    """The wording most outlets agree with: the quotation whose words the others share most (a
    translation or a fragment never becomes the reference when two outlets give the same text)."""
    words = [_words(q.text) for q in members]

    def agreement(i: int) -> tuple:
        total = sum(_match(words[i], words[j])[0] * min(len(words[i]), len(words[j])) for j in range(len(members))
                    if j != i and members[j].article != members[i].article and len(words[j]) >= 4)
        return (round(total, 3), len(words[i]), -members[i].article)

    return members[max(range(len(members)), key=agreement)]


def closest_quote(q: RawQuote, members: Sequence[RawQuote], reference: RawQuote) -> RawQuote:
    """The wording ``q`` is best compared with: the reference, unless another outlet's
    quotation holds more of its words in order."""
    own = _words(q.text)

    def shared(other: RawQuote) -> float:
        words = _words(other.text)
        return _match(own, words)[0] * min(len(own), len(words))

    best, score = reference, shared(reference)
    for other in members:
        if other is q or other.article == q.article or other is reference:
            continue
        found = shared(other)
        if found > score * 1.2 + 1:
            best, score = other, found
    return best


def unify_speakers(quotes: list[RawQuote]) -> list[RawQuote]:
    """One display name per speaker key across the story: the fullest form ("Eugene Kaspersky"
    and "Evgeniy Kaspersky" keep the more common; "Raimondo" becomes "Gina Raimondo")."""
    names: dict[str, Counter] = defaultdict(Counter)
    organisation_keys = set()
    for q in quotes:
        if q.speaker:
            names[speaker_key(q.speaker)][q.speaker] += 1
            if q.speaker_kind == "organisation":
                organisation_keys.add(speaker_key(q.speaker))
    surnames: dict[str, str] = {}
    for key in names:
        if " " in key:
            surnames.setdefault(key.split()[-1], key)
    best = {}
    for key in names:
        target = surnames.get(key, key) if " " not in key and key not in organisation_keys else key
        best[key] = target
    display = {}
    for key, target in best.items():
        forms = names[target] + (names[key] if key != target else Counter())
        display[key] = max(forms, key=lambda f: (len(f.split()) > 1, forms[f], len(f)))
    return [replace(q, speaker=display.get(speaker_key(q.speaker), q.speaker)) if q.speaker else q for q in quotes]
