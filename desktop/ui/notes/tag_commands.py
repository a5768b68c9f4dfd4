"""Undoable tag changes (Ctrl+Z / Ctrl+Shift+Z) sharing the window's undo stack.

Each command reads what it needs in ``__init__`` (so a missing tag fails before it is pushed)
and undoes from snapshots (``Store.tag_assignments``): a deleted or merged tag comes back with
its spelling, colour, memo and every annotation, article and story it was on, and a merge's
survivor loses exactly what the merge brought it. Undo only adds back or takes off what the
command changed, so tags another window set meanwhile are kept.

Tags form a tree (``people/spokesperson``): renaming, moving or merging a tag takes what is inside
it along, deleting it deletes what is inside it. Undo puts the tags inside back exactly as they
were (their own assignments, colours and memos), and removes the tags the command created to hold
a new path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QUndoCommand

from desktop.core.errors import NotFound
from desktop.core.library.store import Store
from desktop.core.library.store.tags import path_parts, tag_name
from desktop.core.models import Changes, TagInfo

Apply = Callable[[Changes], None]


def _snapshot(store: Store, name: str) -> TagInfo | None:
    try:
        return store.tag_assignments(name)
    except NotFound:
        return None


def _restore(store: Store, snapshots: Iterable[TagInfo], exact: bool = False) -> Changes:
    """Give each tag back its spelling, colour, memo and assignments (``exact``: exactly those;
    else keeping any it has gained since)."""
    changes = Changes()
    for s in snapshots:
        changes |= store.restore_tag(s.name, s.color, s.annotation_ids, s.article_ids, s.story_ids,
                                     exact=exact, memo=s.memo)
    return changes


def _inside(store: Store, name: str) -> list[TagInfo]:
    """Snapshots of the tags inside ``name`` (not itself), each before what it holds."""
    try:
        return [store.tag_assignments(n) for n in store.tag_subtree(name)[1:]]
    except NotFound:
        return []


def _missing_ancestors(store: Store, name: str) -> list[str]:
    """The paths above ``name`` that are not tags yet (a rename to them would create them)."""
    parts = path_parts(name)[:-1]
    paths = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    return [p for p in paths if _snapshot(store, p) is None]


def _drop_if_unused(store: Store, names: Iterable[str]) -> Changes:
    """Delete these tags (deepest first) when nothing carries them and nothing is inside them."""
    changes = Changes()
    for name in sorted(names, key=lambda n: -n.count("/")):
        info = _snapshot(store, name)
        if info is not None and not (info.count or info.articles or info.stories) \
                and len(store.tag_subtree(name)) == 1:
            changes |= store.delete_tag(name)
    return changes


def _owners(tag: TagInfo) -> tuple[set[int], set[int], set[int]]:
    return set(tag.annotation_ids), set(tag.article_ids), set(tag.story_ids)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class MergeTagsCommand(QUndoCommand):
    """Merge several tags into one (an existing one or a new name); undo gives each merged tag
    back its own assignments and colour, and the survivor exactly what it had before."""

    def __init__(self, store: Store, apply: Apply, names: Iterable[str], into: str, text: str = ""):
        names = list(dict.fromkeys(n.strip() for n in names))
        into = into.strip()
        if not names:
            raise ValueError("Choose the tags to merge.")
        if not into:
            raise ValueError("A tag needs a name.")
        super().__init__(text or f"Merge {_plural(len(names), 'Tag')}")
        self.store, self.apply, self.names, self.into = store, apply, names, into
        sources = [store.tag_assignments(n) for n in names]  # raises NotFound
        target = _snapshot(store, into)
        self.into_is_new = target is None
        # the survivor: the existing tag named ``into``, else the first source renamed to it
        self.survivor = sources[0] if target is None else target
        self.merged = list({s.name: s for s in sources if s.name != self.survivor.name}.values())
        # what is inside them, put back exactly on undo; and the path the rename creates
        self.survivor_inside = _inside(store, self.survivor.name)
        self.merged_inside = [t for m in self.merged for t in _inside(store, m.name)]
        self.created_ancestors = _missing_ancestors(store, into)

    def redo(self) -> None:
        self.apply(self.store.merge_tags(self.names, self.into))

    def undo(self) -> None:
        survivor = self.survivor
        with self.store.batch():
            changes = Changes()
            if self.into_is_new:  # give the first tag its old name back (what is inside follows)
                changes |= self.store.rename_tag(self.into, survivor.name)
            had = _owners(survivor)
            brought = [set().union(*(_owners(m)[i] for m in self.merged)) - had[i] for i in range(3)]
            changes |= self.store.untag(survivor.name, *brought)
            changes |= _restore(self.store, [survivor, *self.merged])
            changes |= self._restore_inside()
            changes |= _drop_if_unused(self.store, self.created_ancestors)
        self.apply(changes)

    def _restore_inside(self) -> Changes:
        """The tags inside the survivor exactly as before, and those of the merged tags back in them."""
        changes = Changes()
        if not (self.survivor_inside or self.merged_inside):
            return changes
        kept = {t.name.casefold() for t in self.survivor_inside}
        for name in reversed(self.store.tag_subtree(self.survivor.name)[1:]):  # brought in: deepest first
            if name.casefold() not in kept and _snapshot(self.store, name) is not None:
                changes |= self.store.delete_tag(name)
        return changes | _restore(self.store, [*self.survivor_inside, *self.merged_inside], exact=True)


class RenameTagCommand(MergeTagsCommand):
    """Rename a tag; renaming onto another existing tag merges the two (undo separates them)."""

    def __init__(self, store: Store, apply: Apply, old: str, new: str):
        existing = _snapshot(store, new.strip()) if new.strip() else None
        merging = existing is not None and existing.name.casefold() != old.strip().casefold()
        moving = old.strip().rpartition("/")[0].casefold() != new.strip().rpartition("/")[0].casefold()
        super().__init__(store, apply, [old], new,
                         "Merge Tags" if merging else "Move Tag" if moving else "Rename Tag")
        self.merging = merging


class SetTagMemoCommand(QUndoCommand):
    """Set a tag's memo (its description); undo restores the previous one."""

    def __init__(self, store: Store, apply: Apply, name: str, memo: str):
        super().__init__("Change Tag Memo")
        self.store, self.apply = store, apply
        info = store.tag_assignments(name)  # raises NotFound
        self.name, self.old, self.new = info.name, info.memo, (memo or "").strip()

    def redo(self) -> None:
        self.apply(self.store.set_tag_memo(self.name, self.new))

    def undo(self) -> None:
        self.apply(self.store.set_tag_memo(self.name, self.old))


class SetTagColorCommand(QUndoCommand):
    """Give tags a colour (None: the default); undo restores each one's previous colour."""

    def __init__(self, store: Store, apply: Apply, names: str | Iterable[str], color: str | None):
        names = [names] if isinstance(names, str) else list(names)
        super().__init__("Remove Tag Colour" if color is None else "Change Tag Colour")
        self.store, self.apply, self.color = store, apply, color
        self.old = {info.name: info.color for info in (store.tag_assignments(n) for n in names)}

    def _set(self, colors: dict[str, str | None]) -> None:
        with self.store.batch():
            changes = Changes()
            for name, color in colors.items():
                changes |= self.store.set_tag_color(name, color)
        self.apply(changes)

    def redo(self) -> None:
        self._set({name: self.color for name in self.old})

    def undo(self) -> None:
        self._set(self.old)


class DeleteTagCommand(QUndoCommand):
    """Delete tags and the tags inside them (taking them off everything); undo restores each tag,
    its colour, memo and all its assignments on annotations, articles and stories."""

    def __init__(self, store: Store, apply: Apply, names: str | Iterable[str]):
        names = [names] if isinstance(names, str) else list(names)
        super().__init__("Delete Tag" if len(names) == 1 else f"Delete {len(names)} Tags")
        self.store, self.apply = store, apply
        snapshots = [store.tag_assignments(n) for n in names]  # raises NotFound
        self.saved = list({s.name: s for s in snapshots}.values())  # "a" and "A" are one tag

    def redo(self) -> None:
        # each tag before what it holds; a tag inside another one deleted too is listed once
        paths = list(dict.fromkeys(p for s in self.saved for p in self.store.tag_subtree(s.name)))
        self.saved = [self.store.tag_assignments(p) for p in paths]
        with self.store.batch():
            changes = Changes()
            for s in self.saved:
                if _snapshot(self.store, s.name) is not None:
                    changes |= self.store.delete_tag(s.name)
        self.apply(changes)

    def undo(self) -> None:
        with self.store.batch():
            changes = _restore(self.store, self.saved)
        self.apply(changes)


class _SetOwnerTagsCommand(QUndoCommand):
    """Replace the tags of one article or story; undo restores the old ones and removes the
    tags this command created, when nothing else uses them by then."""

    def __init__(self, store: Store, apply: Apply, owner_id: int, names: Iterable[str], text: str):
        super().__init__(text)
        self.store, self.apply, self.owner_id = store, apply, owner_id
        self.new = [n.strip() for n in names if n.strip()]
        self.old = self._get()  # raises NotFound
        known = {t.name.casefold() for t in store.tags()}
        # the new tags, and the tags above them a path creates ("places" for "places/Moscow")
        paths = [tag_name(n) for n in self.new]
        paths += [a for n in paths for a in ("/".join(path_parts(n)[:k]) for k in range(1, len(path_parts(n))))]
        self.created = [n for n in dict.fromkeys(paths) if n and n.casefold() not in known]

    def _get(self) -> list[str]:
        raise NotImplementedError

    def _set(self, names: list[str]) -> Changes:
        raise NotImplementedError

    def redo(self) -> None:
        self.apply(self._set(self.new))

    def undo(self) -> None:
        with self.store.batch():
            changes = self._set(self.old)
            changes |= _drop_if_unused(self.store, self.created)
        self.apply(changes)


class SetArticleTagsCommand(_SetOwnerTagsCommand):
    def __init__(self, store: Store, apply: Apply, article_id: int, names: Iterable[str]):
        super().__init__(store, apply, article_id, names, "Tag Article")

    def _get(self) -> list[str]:
        self.store.article(self.owner_id)  # raises NotFound
        return self.store.article_tags(self.owner_id)

    def _set(self, names: list[str]) -> Changes:
        return self.store.set_article_tags(self.owner_id, names)


class SetStoryTagsCommand(_SetOwnerTagsCommand):
    def __init__(self, store: Store, apply: Apply, story_id: int, names: Iterable[str]):
        super().__init__(store, apply, story_id, names, "Tag Story")

    def _get(self) -> list[str]:
        self.store.story(self.owner_id)  # raises NotFound
        return self.store.story_tags(self.owner_id)

    def _set(self, names: list[str]) -> Changes:
        return self.store.set_story_tags(self.owner_id, names)
