"""``parallax diff`` output: what changed between two versions of an article (``notes.version_changes``).

``diff_text(changes, color)``: a header, the changed passages with a few words of context each
(``CONTEXT_WORDS``), and the notes that moved, changed, were orphaned or added. Without colour,
removed words read ``[-like this-]`` and added ones ``{+like this+}`` (git's ``--word-diff=plain``);
with colour (a terminal), removed words are red and struck through, added ones green and
underlined. ``diff_json(changes)``: the same as data for scripts (offsets are half-open Python
character offsets into each version's text).
"""

from __future__ import annotations

import json

from desktop.core.labels import counted
from desktop.core.notes.version_changes import VersionChanges

CONTEXT_WORDS = 8
_RED, _GREEN, _DIM, _BOLD, _RESET = "\x1b[31;9m", "\x1b[32;4m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
_NOTE_LABELS = {"moved": "moved", "changed": "changed", "orphaned": "orphaned", "added": "new"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _context(text: str, words: int, tail: bool) -> str:
    """The last (``tail``) or first ``words`` words of an unchanged stretch (… where cut), keeping
    the white space that touches the change."""
    parts = text.split()
    if len(parts) <= words:
        return text
    if tail:
        return "… " + " ".join(parts[-words:]) + (" " if text[-1:].isspace() else "")
    return (" " if text[:1].isspace() else "") + " ".join(parts[:words]) + " …"


def _marked(text: str, color: bool, removed: bool) -> str:
    """The words of a change, marked; the white space around them stays outside the marks."""
    words = _one_line(text)
    if not words:
        return text
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    if color:
        return f"{lead}{_RED if removed else _GREEN}{words}{_RESET}{trail}"
    return f"{lead}[-{words}-]{trail}" if removed else f"{lead}{{+{words}+}}{trail}"


def _hunks(changes: VersionChanges, color: bool, context: int) -> list[str]:
    """Each run of changes with ``context`` words either side; runs whose context would overlap join."""
    hunks, current = [], []
    pieces = changes.changes
    for n, piece in enumerate(pieces):
        if piece.op == "equal":
            if not current:
                continue
            if len(piece.new.split()) > 2 * context or n == len(pieces) - 1:
                current.append(_context(piece.new, context, tail=False))
                hunks.append(current)
                current = []
            else:
                current.append(piece.new)
            continue
        if not current:
            before = pieces[n - 1].new if n and pieces[n - 1].op == "equal" else ""
            current.append(_context(before, context, tail=True))
        if piece.op in ("delete", "replace"):
            current.append(_marked(piece.old, color, removed=True))
        if piece.op == "replace":
            current.append(" ")
        if piece.op in ("insert", "replace"):
            current.append(_marked(piece.new, color, removed=False))
    if current:
        hunks.append(current)
    return [_one_line("".join(hunk)) for hunk in hunks]


def diff_text(changes: VersionChanges, color: bool = False, context: int = CONTEXT_WORDS) -> str:
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if color else (lambda s: s)
    dim = (lambda s: f"{_DIM}{s}{_RESET}") if color else (lambda s: s)
    old, new = changes.old, changes.new
    out = [bold(f"{changes.source} — {changes.title}"),
           f"version {old.number} ({_when(old.imported)}, {counted(old.words, 'word')}) → "
           f"version {new.number} ({_when(new.imported)}, {counted(new.words, 'word')})"]
    if changes.identical:
        out += ["", "The two versions have the same words."]
    else:
        out.append(dim(f"{changes.words('insert'):,} words added, {changes.words('delete'):,} removed, "
                       f"{changes.words('replace'):,} changed"))
        for hunk in _hunks(changes, color, context):
            out += ["", hunk]
    listed = [n for n in changes.notes if n.status != "unchanged"]
    unchanged = len(changes.notes) - len(listed)
    if changes.notes:
        out += ["", bold("Notes") + dim(f" ({unchanged} unchanged)" if unchanged else "")]
    for note in listed:
        quote = _one_line(note.annotation.exact)
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        line = f"  {_NOTE_LABELS[note.status]:<9} note {note.annotation.id}: “{quote}”"
        if note.status == "moved":
            line += dim(f"  {note.old[0]}–{note.old[1]} → {note.new[0]}–{note.new[1]}")
        elif note.status == "changed":
            line += f"  now “{_one_line(note.now or '')}”"
        elif note.status == "orphaned":
            line += dim("  its words are gone from this version")
        out.append(line)
    return "\n".join(out) + "\n"


def _when(imported: str) -> str:
    """"2024-07-16T09:30:00+00:00" -> "imported 2024-07-16 09:30 UTC"."""
    if not imported:
        return "import date unknown"
    return "imported " + imported[:16].replace("T", " ") + (" UTC" if imported.endswith("+00:00") else "")


def diff_json(changes: VersionChanges) -> str:
    def version(v) -> dict:
        return {"number": v.number, "imported": v.imported or None, "words": v.words, "content_hash": v.content_hash}

    data = {
        "article": changes.article_id,
        "title": changes.title,
        "source": changes.source,
        "from": version(changes.old),
        "to": version(changes.new),
        "summary": {"added": changes.words("insert"), "removed": changes.words("delete"),
                    "changed": changes.words("replace")},
        "changes": [{"op": c.op, "old": c.old, "new": c.new, "old_start": c.old_start, "old_end": c.old_end,
                     "new_start": c.new_start, "new_end": c.new_end}
                    for c in changes.changes if c.op != "equal"],
        "notes": [{"id": n.annotation.id, "status": n.status, "exact": n.annotation.exact,
                   "old_start": n.old[0] if n.old else None, "old_end": n.old[1] if n.old else None,
                   "new_start": n.new[0] if n.new else None, "new_end": n.new[1] if n.new else None,
                   "now": n.now} for n in changes.notes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


__all__ = ["CONTEXT_WORDS", "diff_json", "diff_text"]
