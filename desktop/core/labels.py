"""Short names a reader can tell articles apart by, in panes, lists, tooltips and reports.

An article is named by its outlet where the outlet is known. Where it is not, it is named by
the first words of its headline (or of its text when it has none), as many words as it takes
for no two of the articles shown together to read the same: "Kaspersky Labs Shuts…" and
"Kaspersky, a prominent name…", never "Unknown outlet" twice. ``letter_names`` puts the
comparison letter in front ("A4 · Kaspersky Lab will…"), as the panes, the facts panel's chips
and the reports do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

MIN_WORDS = 3  # a fallback label has at least this many words...
MIN_CHARS = 18  # ...and at least this many characters, when the headline has them
MAX_WORDS = 8  # beyond this, two headlines that start alike get a number instead
ELLIPSIS = "…"
_TRAILING = " ,;:.-–—"
OPENING_CHARS = 400  # where the words of a label are looked for


def _words_of(article) -> list[str]:
    """The words a fallback label is made of: the headline's, else the text's without its
    boilerplate ("2 min read", a promotion), else a summary's opening words."""
    text = getattr(article, "text", None)
    if text and getattr(article, "boilerplate", ()):
        text = article.body_text  # boilerplate blanked out, offsets kept
    source = (article.title or "").strip() or (text or "").strip() or getattr(article, "opening", "") or ""
    return source[:OPENING_CHARS].replace(ELLIPSIS, " ").split()  # a long text's opening is enough


def _cut(words: list[str], count: int) -> str:
    if count >= len(words):
        return " ".join(words)
    return " ".join(words[:count]).rstrip(_TRAILING) + ELLIPSIS


def _initial_count(words: list[str]) -> int:
    count = min(MIN_WORDS, len(words))
    while count < len(words) and len(" ".join(words[:count])) < MIN_CHARS:
        count += 1
    return count


def article_labels(articles: Iterable) -> dict[int, str]:
    """Per article id, its outlet or, where that is unknown, the first words of its headline
    (or text), lengthened until no two labels among ``articles`` read the same (casefolded).
    Articles need ``id``, ``title`` and ``source``, and ``text`` or ``opening`` for the words."""
    articles = list(articles)
    labels: dict[int, str] = {}
    taken: set[str] = set()
    for article in articles:
        if (article.source or "").strip():
            labels[article.id] = " ".join(article.source.split())
            taken.add(labels[article.id].casefold())
    unknown = [a for a in articles if a.id not in labels]
    words = {a.id: _words_of(a) for a in unknown}
    counts = {a.id: _initial_count(words[a.id]) for a in unknown}
    while True:  # lengthen the labels that still read alike, all of them at once
        current = {a.id: _cut(words[a.id], counts[a.id]) for a in unknown}
        seen: dict[str, list[int]] = {}
        for article_id, label in current.items():
            seen.setdefault(label.casefold(), []).append(article_id)
        alike = [ids for key, ids in seen.items() if len(ids) > 1 or key in taken]
        grow = [i for ids in alike for i in ids if counts[i] < min(len(words[i]), MAX_WORDS)]
        if not grow:
            break
        for article_id in grow:
            counts[article_id] += 1
    used = set(taken)
    for article in unknown:
        label = current[article.id] or "(no text)"
        candidate, number = label, 2
        while candidate.casefold() in used:
            candidate, number = f"{label} ({number})", number + 1
        used.add(candidate.casefold())
        labels[article.id] = candidate
    return labels


def article_label(article, among: Iterable = ()) -> str:
    """The label of one article, told apart from those ``among`` (which may include it)."""
    others = [a for a in among if a.id != article.id]
    return article_labels([article, *others])[article.id]


def letter_names(articles: Iterable) -> dict[int, str]:
    """Per article id, "A1 · Bitdefender" or "A3 · Kaspersky, a prominent…" by position."""
    articles = list(articles)
    labels = article_labels(articles)
    return {a.id: f"A{i} · {labels[a.id]}" for i, a in enumerate(articles, 1)}


def has_outlet(article) -> bool:
    return bool((article.source or "").strip())


NO_OUTLET = "—"


def outlet_column(article) -> str:
    """The outlet for a column that sits beside the headline (text reports, CLI listings): a dash
    where it is unknown, since the headline beside it already tells the article apart."""
    return article.source.strip() if has_outlet(article) else NO_OUTLET


def label_or(labels: Mapping[int, str], article) -> str:
    """The label from ``labels``, else the article's own (for an article not among them)."""
    return labels.get(article.id) or article_label(article)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """"1 article", "2 articles", "1,204 words": a count with its noun in the right number."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
