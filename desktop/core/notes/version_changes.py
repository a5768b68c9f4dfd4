"""What changed between two versions of an article, and what it did to the reader's notes.

An article imported again with other text keeps its versions (``Store.article_versions``).
``version_changes(store, article_id, old, new)`` compares two of them word by word
(``word_diff``: pieces ``equal``, ``insert``, ``delete``, ``replace``, each with its offsets in
both texts) and follows every note of the article into both texts with its anchor (``relocate``):

* ``moved``: the same words, at another place in the newer text;
* ``changed``: found at its place, but the words there are no longer the quote;
* ``orphaned``: its words are gone from the newer text;
* ``added``: on words that only the newer text has;
* ``unchanged``: the same words at the same place (counted, not listed by the reports).

When the newer version is the article's current one, the flags the store keeps win (a note the
import orphaned or flagged ``changed`` is reported so, whatever a fresh search would find).
Offsets are half-open Python character offsets into each version's text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from desktop.core.library.store import Store
from desktop.core.models import Annotation, ArticleVersion, word_spans
from desktop.core.notes.anchoring import relocate
from desktop.core.notes.annotating import anchor_of
from desktop.core.word_diff import word_diff

NOTE_STATUSES = ("moved", "changed", "orphaned", "added", "unchanged")


@dataclass(frozen=True)
class Change:
    """One stretch of the texts: ``op`` is "equal", "insert", "delete" or "replace"."""

    op: str
    old: str
    new: str
    old_start: int
    new_start: int

    @property
    def old_end(self) -> int:
        return self.old_start + len(self.old)

    @property
    def new_end(self) -> int:
        return self.new_start + len(self.new)


@dataclass(frozen=True)
class NoteChange:
    """What the change of text did to one note; ``old``/``new`` its span in each text (None where
    its words are not), ``now`` the words at its place in the newer text when they differ."""

    annotation: Annotation
    status: str
    old: tuple[int, int] | None
    new: tuple[int, int] | None
    now: str | None = None


@dataclass(frozen=True)
class VersionChanges:
    article_id: int
    title: str
    source: str
    old: ArticleVersion
    new: ArticleVersion
    changes: list[Change]
    notes: list[NoteChange] = field(default_factory=list)

    def words(self, op: str) -> int:
        """Words added ("insert"), removed ("delete") or changed ("replace": words of the newer text):
        the words of that side's text (as ``count_words`` counts them) that such a change touches."""
        side = "old" if op == "delete" else "new"
        text = "".join(getattr(c, side) for c in self.changes)
        changed = [(getattr(c, f"{side}_start"), getattr(c, f"{side}_end")) for c in self.changes if c.op == op]
        if not changed:
            return 0
        words = word_spans(text)
        ends = [end for _, end in words]
        touched: set[int] = set()  # a word a change cuts through ("1,200" -> "1,260") counts once
        for start, end in changed:
            at = bisect_right(ends, start)
            while at < len(words) and words[at][0] < end:
                touched.add(at)
                at += 1
        return len(touched)

    @property
    def identical(self) -> bool:
        return all(c.op == "equal" for c in self.changes)

    def notes_with(self, *statuses: str) -> list[NoteChange]:
        return [n for n in self.notes if n.status in statuses]


def text_changes(old: str, new: str) -> list[Change]:
    """``word_diff`` with each piece's offsets in both texts. Changes separated only by white space
    are one change ("Fewer than 50" -> "The office" reads as that, not word against word)."""
    out: list[Change] = []
    a = b = 0
    for piece in word_diff(old, new):
        out.append(Change(piece.op, piece.a, piece.b, a, b))
        a, b = a + len(piece.a), b + len(piece.b)
    merged: list[Change] = []
    n = 0
    while n < len(out):
        change = out[n]
        if change.op != "equal" and merged and merged[-1].op != "equal":
            last = merged.pop()
            change = Change("replace" if {last.op, change.op} != {"insert"} and {last.op, change.op} != {"delete"}
                            else last.op, last.old + change.old, last.new + change.new, last.old_start, last.new_start)
        elif change.op == "equal" and not change.old.strip() and merged and merged[-1].op != "equal" \
                and n + 1 < len(out) and out[n + 1].op != "equal":
            last = merged.pop()  # white space between two changes joins them
            change = Change("replace", last.old + change.old, last.new + change.new, last.old_start, last.new_start)
        merged.append(change)
        n += 1
    return merged


def version_changes(store: Store, article_id: int, old: int | None = None, new: int | None = None) -> VersionChanges:
    """Version ``old`` against version ``new`` of the article (numbers from 1). ``new`` defaults to
    the current version, ``old`` to the one before ``new``; NotFound for a version it lacks,
    ValueError for an article with a single version."""
    article = store.article(article_id)  # raises NotFound
    versions = store.article_versions(article_id)
    if new is None:
        new = article.version
    if old is None:
        if len(versions) < 2:
            raise ValueError(f"Article {article_id} has one version only: nothing to compare. "
                             "Importing it again with changed text keeps a new version.")
        old = new - 1 if new > 1 else new + 1
    before, after = store.article_version(article_id, old), store.article_version(article_id, new)
    notes = [_follow(store, a, before, after, after.id == article.version_id)
             for a in store.annotations(article_id=article_id)]
    return VersionChanges(article_id, article.display_title, article.display_source, before, after,
                          text_changes(before.text, after.text), [n for n in notes if n is not None])


def _follow(store: Store, note: Annotation, old: ArticleVersion, new: ArticleVersion,
            new_is_current: bool) -> NoteChange | None:
    anchor = anchor_of(store, note)
    in_old, in_new = relocate(anchor, old.text), relocate(anchor, new.text)
    was = (in_old.start, in_old.end) if in_old.status != "orphan" else None
    if new_is_current and note.orphaned:
        return NoteChange(note, "orphaned", was, None) if was else None
    if new_is_current and note.changed:
        return NoteChange(note, "changed", was, (note.start, note.end), new.text[note.start:note.end])
    if in_new.status == "orphan":
        return NoteChange(note, "orphaned", was, None) if was else None
    now = (in_new.start, in_new.end)
    if was is None:
        return NoteChange(note, "added", None, now)
    if in_new.status == "changed":
        return NoteChange(note, "changed", was, now, new.text[now[0]:now[1]])
    return NoteChange(note, "unchanged" if was == now else "moved", was, now)


__all__ = ["NOTE_STATUSES", "Change", "NoteChange", "VersionChanges", "text_changes", "version_changes"]
