"""Tags on annotations, whole articles and whole stories: naming, the tree, colour, memo, merging,
undo snapshots.

Tags form a tree. A tag's ``name`` is its whole path, parts separated by "/"
("people/spokesperson"), and ``parent_id`` points at the tag of the path above it ("people"); the
two always agree: naming a tag "people/spokesperson" creates "people" when it is missing,
renaming or moving a tag renames everything inside it, and renaming onto an existing path merges
(what is inside merges too, part by part). Deleting a tag deletes what is inside it as well.

Names are unique ignoring case (SQLite's NOCASE: ASCII letters), trimmed (each part of a path is
trimmed, empty parts dropped), and keep the spelling they were first created with. Taking a tag
off something, or deleting what carries it, leaves the tag in the library; ``Changes.ids`` name
the tags, articles or stories touched, as each method says.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from desktop.core.errors import NotFound
from desktop.core.library.store.base import StoreBase
from desktop.core.models import TAG_PATH_SEPARATOR, Changes, TagInfo

# (join table, its owner column, the owner's table): everything a tag can be put on
_TAGGED = (
    ("annotation_tags", "annotation_id", "annotations"),
    ("article_tags", "article_id", "articles"),
    ("story_tags", "story_id", "stories"),
)
_ALL_TAG_TABLES = frozenset({"tags", "annotation_tags", "article_tags", "story_tags"})


def tag_name(name: str) -> str:
    """The name as stored: trimmed, each part of a path trimmed (" people / spokesperson " ->
    "people/spokesperson", "/people/" -> "people"); ValueError for an empty one. A name with an
    empty part inside ("http://example.com") is not a path: it stays one tag, as written."""
    text = (name or "").strip().strip(TAG_PATH_SEPARATOR).strip()
    parts = [part.strip() for part in text.split(TAG_PATH_SEPARATOR)]
    if not text:
        raise ValueError("A tag needs a name.")
    return text if not all(parts) else TAG_PATH_SEPARATOR.join(parts)


def path_parts(name: str) -> list[str]:
    """The parts of a tag's path: ["people", "spokesperson"]; a name that is not a path is one part."""
    name = tag_name(name)
    parts = name.split(TAG_PATH_SEPARATOR)
    return parts if all(parts) else [name]


def parent_path(name: str) -> str | None:
    """The path of the tag above ("people" for "people/spokesperson"); None at the top."""
    return TAG_PATH_SEPARATOR.join(path_parts(name)[:-1]) or None


def join_path(parent: str | None, leaf: str) -> str:
    """``leaf`` inside ``parent`` (at the top when ``parent`` is None or empty)."""
    leaf = tag_name(leaf)
    return f"{tag_name(parent)}{TAG_PATH_SEPARATOR}{leaf}" if parent and parent.strip() else leaf


def leaf_name(name: str) -> str:
    """The last part of the path ("spokesperson"); the whole name when it is not a path."""
    return path_parts(name)[-1]


def find_tag(db: Database, name: str) -> int | None:
    """The id of the tag with this name, whatever its case; None when there is none."""
    row = db.execute("SELECT id FROM tags WHERE name = ?", [tag_name(name)]).fetchone()
    return row[0] if row else None


def ensure_tag(db: Database, name: str) -> tuple[int, bool]:
    """(tag id, whether it was created): the tag with this name, created when missing, with the
    tags of the path above it (inside a write)."""
    tag_id = find_tag(db, name)
    if tag_id is not None:
        return tag_id, False
    parent = parent_path(name)
    parent_id = ensure_tag(db, parent)[0] if parent else None
    return db["tags"].insert({"name": tag_name(name), "parent_id": parent_id}).last_pk, True


class TagsMixin(StoreBase):
    """Reading and changing tags; checks owners with ``annotation``, ``article`` and ``story``."""

    def _existing_tag(self, name: str) -> int:
        tag_id = find_tag(self.db, name)
        if tag_id is None:
            raise NotFound(f"No tag named {name!r} in this library.")
        return tag_id

    def tags(self) -> list[TagInfo]:
        """Every tag by path (a tag right after the one it sits in), with its parent's path, memo
        and the number of annotations, articles and stories carrying it."""
        return [
            TagInfo(name=r[0], color=r[1], count=r[2], articles=r[3], stories=r[4], parent=r[5], memo=r[6] or "")
            for r in self.db.execute(
                "SELECT t.name, t.color,"
                " (SELECT COUNT(*) FROM annotation_tags x WHERE x.tag_id = t.id),"
                " (SELECT COUNT(*) FROM article_tags x WHERE x.tag_id = t.id),"
                " (SELECT COUNT(*) FROM story_tags x WHERE x.tag_id = t.id),"
                " (SELECT p.name FROM tags p WHERE p.id = t.parent_id), t.memo"
                " FROM tags t ORDER BY t.name COLLATE NOCASE, t.id"
            )
        ]

    def tag_subtree(self, name: str) -> list[str]:
        """The tag's path and the paths of every tag inside it, each above what it holds."""
        names, todo = [], [self._existing_tag(name)]
        while todo:
            tag_id = todo.pop(0)
            names.append(self.db.execute("SELECT name FROM tags WHERE id = ?", [tag_id]).fetchone()[0])
            todo += [r[0] for r in self.db.execute(
                "SELECT id FROM tags WHERE parent_id = ? ORDER BY name COLLATE NOCASE", [tag_id])]
        return names

    def tag_assignments(self, name: str) -> TagInfo:
        """The tag (its stored spelling, colour, memo and parent) with the ids of everything
        carrying it: a snapshot that ``restore_tag`` puts back exactly."""
        tag_id = self._existing_tag(name)
        stored, color, memo, parent = self.db.execute(
            "SELECT t.name, t.color, t.memo, (SELECT p.name FROM tags p WHERE p.id = t.parent_id)"
            " FROM tags t WHERE t.id = ?", [tag_id]).fetchone()
        ids = [
            tuple(r[0] for r in self.db.execute(
                f"SELECT {owner} FROM {table} WHERE tag_id = ? ORDER BY {owner}", [tag_id]))
            for table, owner, _ in _TAGGED
        ]
        return TagInfo(name=stored, color=color, count=len(ids[0]), articles=len(ids[1]),
                       stories=len(ids[2]), annotation_ids=ids[0], article_ids=ids[1], story_ids=ids[2],
                       parent=parent, memo=memo or "")

    def restore_tag(self, name: str, color: str | None, annotation_ids: Iterable[int] = (),
                    article_ids: Iterable[int] = (), story_ids: Iterable[int] = (), *,
                    exact: bool = True, memo: str | None = None) -> Changes:
        """Put a tag back (creating it, and the path above it, when missing) with this spelling,
        colour and (unless None) memo, on these annotations, articles and stories (those of them
        that still exist). ``exact``: on exactly these; else on these as well as whatever carries
        it now (an undo that must not drop what another window tagged meanwhile). Ids: the tag."""
        with self._write():
            tag_id, _ = ensure_tag(self.db, name)
            self.db["tags"].update(tag_id, {"name": tag_name(name), "color": color,
                                            **({} if memo is None else {"memo": memo})})
            for (table, owner, parent), ids in zip(_TAGGED, (annotation_ids, article_ids, story_ids)):
                if exact:
                    self.db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [tag_id])
                self.db.conn.executemany(
                    f"INSERT OR IGNORE INTO {table} ({owner}, tag_id)"
                    f" SELECT id, ? FROM {parent} WHERE id = ?",
                    [(tag_id, owner_id) for owner_id in ids],
                )
        return Changes(_ALL_TAG_TABLES, frozenset({tag_id}))

    def untag(self, name: str, annotation_ids: Iterable[int] = (), article_ids: Iterable[int] = (),
              story_ids: Iterable[int] = ()) -> Changes:
        """Take the tag off these annotations, articles and stories; the tag stays. Ids: the tag."""
        with self._write():
            tag_id = self._existing_tag(name)
            for (table, owner, _), ids in zip(_TAGGED, (annotation_ids, article_ids, story_ids)):
                self.db.conn.executemany(
                    f"DELETE FROM {table} WHERE tag_id = ? AND {owner} = ?", [(tag_id, i) for i in ids]
                )
        return Changes(
            frozenset({"annotation_tags", "article_tags", "story_tags"}), frozenset({tag_id})
        )

    # ------------------------------------------------- renaming, merging, colour

    def rename_tag(self, old: str, new: str) -> Changes:
        """Rename a tag, and what is inside it; a new path moves it ("people/x" renamed to
        "sources/x" now sits in "sources", created when missing). Renaming onto another existing
        tag merges the two (and what is inside them, part by part). Ids: every tag involved."""
        new = tag_name(new)
        with self._write():
            old_id = self._existing_tag(old)
            touched: set[int] = set()
            merged = self._move_tag(old_id, new, touched)
        return Changes(_ALL_TAG_TABLES if merged else frozenset({"tags"}), frozenset(touched))

    def move_tag(self, name: str, parent: str | None) -> Changes:
        """Put the tag (with what is inside it) inside ``parent`` (None: at the top), keeping its
        last name part; onto an existing tag it merges, as ``rename_tag``."""
        return self.rename_tag(name, join_path(parent, leaf_name(name)))

    def _move_tag(self, tag_id: int, new: str, touched: set[int]) -> bool:
        """Give the tag the path ``new`` (inside a write), its children following; merge into the
        tag already there. True when something merged."""
        old = self.db.execute("SELECT name FROM tags WHERE id = ?", [tag_id]).fetchone()[0]
        if new.casefold().startswith(old.casefold() + TAG_PATH_SEPARATOR):
            raise ValueError(f"The tag {old!r} cannot go inside itself ({new!r}).")
        touched.add(tag_id)
        children = [r[0] for r in self.db.execute("SELECT id, name FROM tags WHERE parent_id = ?", [tag_id])]
        target = find_tag(self.db, new)
        merged = target is not None and target != tag_id
        if not merged:
            parent = parent_path(new)
            parent_id = None
            if parent:
                parent_id, created = ensure_tag(self.db, parent)
                if created:
                    touched.add(parent_id)
            self.db["tags"].update(tag_id, {"name": new, "parent_id": parent_id})
        for child in children:
            leaf = self.db.execute("SELECT name FROM tags WHERE id = ?", [child]).fetchone()[0]
            merged |= self._move_tag(child, join_path(new, leaf_name(leaf)), touched)
        if merged and target is not None and target != tag_id:
            touched.add(target)
            self._merge_tag_into(tag_id, target)
        return merged

    def _merge_tag_into(self, source_id: int, target_id: int) -> None:
        """Move everything tagged ``source`` onto ``target`` and drop ``source`` (its children
        have been moved out already)."""
        for table, owner, _ in _TAGGED:
            self.db.execute(
                f"INSERT OR IGNORE INTO {table} ({owner}, tag_id)"
                f" SELECT {owner}, ? FROM {table} WHERE tag_id = ?",
                [target_id, source_id],
            )
            self.db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [source_id])
        # the merged tag keeps its colour and memo, or takes the other's when it had none
        self.db.execute(
            "UPDATE tags SET color = COALESCE(color, (SELECT color FROM tags WHERE id = ?)),"
            " memo = CASE WHEN memo = '' THEN (SELECT memo FROM tags WHERE id = ?) ELSE memo END"
            " WHERE id = ?",
            [source_id, source_id, target_id],
        )
        self.db.execute("UPDATE tags SET parent_id = ? WHERE parent_id = ?", [target_id, source_id])
        self.db.execute("DELETE FROM tags WHERE id = ?", [source_id])

    def merge_tags(self, names: Iterable[str], into: str) -> Changes:
        """Merge several tags into one named ``into``, in one transaction.

        ``into`` may be one of ``names``, another existing tag, or a new name (the first of
        ``names`` is then renamed to it). The survivor takes the spelling ``into`` and keeps
        its colour, or takes the first colour among the merged tags. Ids: every tag involved.
        """
        into = tag_name(into)
        touched: set[int] = set()
        with self._write():
            sources = list(dict.fromkeys(self._existing_tag(n) for n in names))
            if not sources:
                raise ValueError("Choose the tags to merge.")
            target = find_tag(self.db, into)
            for source in sources:
                if target is None:
                    target = source
                if self._exists("tags", source):  # (not merged already with a tag it held)
                    self._move_tag(source, into, touched)
            self._move_tag(find_tag(self.db, into), into, touched)  # the survivor takes this spelling
        return Changes(_ALL_TAG_TABLES, frozenset(sources) | touched)

    def delete_tag(self, name: str) -> Changes:
        """Delete a tag and the tags inside it, and take them off everything; annotations,
        articles, stories stay. Ids: the tags deleted."""
        with self._write():
            ids = [self._existing_tag(n) for n in self.tag_subtree(name)]
            for tag_id in reversed(ids):  # what is inside first
                for table, _, _ in _TAGGED:
                    self.db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [tag_id])
                self.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
        return Changes(_ALL_TAG_TABLES, frozenset(ids))

    def set_tag_color(self, name: str, color: str | None) -> Changes:
        with self._write():
            tag_id = self._existing_tag(name)
            self.db["tags"].update(tag_id, {"color": color})
        return Changes(frozenset({"tags"}), frozenset({tag_id}))

    def set_tag_memo(self, name: str, memo: str) -> Changes:
        """The tag's description (what it is for, when to use it): plain text, "" for none."""
        with self._write():
            tag_id = self._existing_tag(name)
            self.db["tags"].update(tag_id, {"memo": (memo or "").strip()})
        return Changes(frozenset({"tags"}), frozenset({tag_id}))

    # ----------------------------------------------- the tags of one owner

    def set_annotation_tags(self, annotation_id: int, names: Iterable[str]) -> Changes:
        """Make ``names`` the annotation's tags, creating missing ones, reusing existing
        ones whatever their case. Tags no longer used stay in the library."""
        with self._write():
            self.annotation(annotation_id)  # raises NotFound
            created = self._set_owner_tags("annotation_tags", "annotation_id", annotation_id, names)
        tables = {"annotation_tags"} | ({"tags"} if created else set())
        return Changes(frozenset(tables), frozenset({annotation_id}))

    def set_article_tags(self, article_id: int, names: Iterable[str]) -> Changes:
        """Make ``names`` the article's own tags (creating missing ones, reusing existing ones
        whatever their case); tags no longer used stay in the library. Ids: the article."""
        with self._write():
            self.article(article_id)  # raises NotFound
            created = self._set_owner_tags("article_tags", "article_id", article_id, names)
        return Changes(frozenset({"article_tags"} | ({"tags"} if created else set())), frozenset({article_id}))

    def set_story_tags(self, story_id: int, names: Iterable[str]) -> Changes:
        """Make ``names`` the story's tags, like ``set_article_tags``. Ids: the story."""
        with self._write():
            self.story(story_id)  # raises NotFound
            created = self._set_owner_tags("story_tags", "story_id", story_id, names)
        return Changes(frozenset({"story_tags"} | ({"tags"} if created else set())), frozenset({story_id}))

    def _set_owner_tags(self, table: str, owner: str, owner_id: int, names: Iterable[str]) -> bool:
        """Make ``names`` the tags of one annotation, article or story; True when a tag was created."""
        created = False
        tag_ids: list[int] = []
        for name in names:
            tag_id, new = ensure_tag(self.db, name)
            created |= new
            if tag_id not in tag_ids:
                tag_ids.append(tag_id)
        self.db.execute(f"DELETE FROM {table} WHERE {owner} = ?", [owner_id])
        self.db.conn.executemany(
            f"INSERT INTO {table} ({owner}, tag_id) VALUES (?, ?)", [(owner_id, t) for t in tag_ids]
        )
        return created

    def article_tags(self, article_id: int) -> list[str]:
        return self._owner_tags("article_tags", "article_id", article_id)

    def story_tags(self, story_id: int) -> list[str]:
        return self._owner_tags("story_tags", "story_id", story_id)

    def _owner_tags(self, table: str, owner: str, owner_id: int) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT t.name FROM {table} x JOIN tags t ON t.id = x.tag_id"
                f" WHERE x.{owner} = ? ORDER BY t.name COLLATE NOCASE",
                [owner_id],
            )
        ]

    def article_tag_map(self) -> dict[int, list[str]]:
        """Every tagged article's tags, by article id (one query, for the library list)."""
        return self._tag_map("article_tags", "article_id")

    def story_tag_map(self) -> dict[int, list[str]]:
        """Every tagged story's tags, by story id."""
        return self._tag_map("story_tags", "story_id")

    def _tag_map(self, table: str, owner: str) -> dict[int, list[str]]:
        tags: dict[int, list[str]] = {}
        for owner_id, name in self.db.execute(
            f"SELECT x.{owner}, t.name FROM {table} x JOIN tags t ON t.id = x.tag_id"
            f" ORDER BY x.{owner}, t.name COLLATE NOCASE"
        ):
            tags.setdefault(owner_id, []).append(name)
        return tags
