"""``parallax extract``, ``edit``, ``delete`` and ``story``: checking a page, and changing articles
and stories already in the library. Part of the ``parallax`` command (``desktop.cli``).

Exit codes as for every command: 0 ok, 1 failure (message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop.core.errors import NotFound, ReadError
from desktop.core.labels import counted

EXTRACT_KEYS = ("title", "source", "author", "published", "url", "text")


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    extract = commands.add_parser(
        "extract", parents=[common], help="print what would be imported from a file or web page (nothing is stored)",
        description="Read FILE or fetch URL and print the article Parallax would import: title, source, author, "
                    "published, url and text. The library is not touched.")
    extract.add_argument("source", metavar="FILE|URL", help="an article file or an http(s) web address")
    extract.add_argument("--json", action="store_true",
                         help="print one JSON object with exactly title, source, author, published, url, text")

    edit = commands.add_parser(
        "edit", parents=[common], help="change an article's title, outlet, author, date or URL",
        description="Set article metadata by hand. An empty value clears a field. Fields set here are kept "
                    "when the article is imported again.")
    edit.add_argument("article", type=int, metavar="ARTICLE", help="article id (see 'parallax articles')")
    edit.add_argument("--title", metavar="TEXT")
    edit.add_argument("--source", metavar="OUTLET", help="the outlet, e.g. 'The Guardian'")
    edit.add_argument("--author", metavar="NAME")
    edit.add_argument("--published", metavar="YYYY-MM-DD", help="publication date")
    edit.add_argument("--url", metavar="URL", help="http(s) address of the article")
    edit.add_argument("--json", action="store_true", help="print the article's metadata afterwards as JSON")

    delete = commands.add_parser(
        "delete", parents=[common], help="delete an article from the library",
        description="Delete an article with its versions, boilerplate, notes, tags and story places. An article "
                    "with notes is deleted only with --yes (or after 'y' at the prompt on a terminal).")
    delete.add_argument("article", type=int, metavar="ARTICLE", help="article id (see 'parallax articles')")
    delete.add_argument("--yes", action="store_true", help="do not ask, even when the article has notes")

    story = commands.add_parser(
        "story", parents=[common], help="make, rename, delete and fill stories",
        description="Build a story from articles already in the library.")
    actions = story.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", parents=[common], help="make an empty story")
    new.add_argument("name", metavar="NAME")
    rename = actions.add_parser("rename", parents=[common], help="rename a story")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new_name", metavar="NEW_NAME")
    remove_story = actions.add_parser("delete", parents=[common], help="delete a story (its articles stay)")
    remove_story.add_argument("name", metavar="NAME")
    for action, what in (("add", "add articles at the end"), ("remove", "take articles out (they stay in the library)"),
                         ("order", "put these articles first, in this order (the others follow as they were)")):
        parser = actions.add_parser(action, parents=[common], help=what)
        parser.add_argument("name", metavar="NAME")
        parser.add_argument("articles", type=int, nargs="+", metavar="ARTICLE", help="article ids")


# ---------------------------------------------------------------------- extract


def cmd_extract(args) -> int:
    """Runs without opening the library."""
    from desktop.core.library.importing import is_url
    from desktop.core.library.readers import read_file_report
    from desktop.core.library.web_import import read_url

    language = None
    if is_url(args.source):
        web = read_url(args.source)
        article, language, warnings = web.page.article, web.page.language, list(web.warnings)
    else:
        articles, warnings = read_file_report(args.source)
        if len(articles) != 1:
            print(f"parallax: {args.source} holds {counted(len(articles), 'article')}; showing the first", file=sys.stderr)
        article = articles[0]
    for warning in warnings:
        print(f"parallax: {args.source}: {warning}", file=sys.stderr)
    fields = {key: getattr(article, key) for key in EXTRACT_KEYS}
    if args.json:
        print(json.dumps(fields, indent=2, ensure_ascii=False))
        return 0
    for key in EXTRACT_KEYS[:-1]:
        print(f"{key + ':':<11}{fields[key] or '—'}")
    if language:
        print(f"{'language:':<11}{language}")
    print(f"{'words:':<11}{len(article.text.split()):,}")
    print()
    print(article.text)
    return 0


# ------------------------------------------------------------------ edit, delete


def cmd_edit(store, args) -> int:
    fields = {name: getattr(args, name) for name in ("title", "source", "author", "published", "url")
              if getattr(args, name) is not None}
    if not fields:
        print("parallax: nothing to change: give --title, --source, --author, --published or --url", file=sys.stderr)
        return 2
    from desktop.core.library.web_import import refresh_sources

    before = store.source_ids_of([args.article])
    with store.batch():
        store.edit_article(args.article, **fields)
        after = store.source_ids_of([args.article])
        if before != after:  # the lines each outlet repeats are theirs: recompute both
            refresh_sources(store, before | after)
    info = store.article_info(args.article)
    if args.json:
        print(json.dumps({"id": args.article, "title": info.title, "source": info.source, "author": info.author,
                          "published": info.published, "url": info.url, "edited": sorted(info.edited)},
                         indent=2, ensure_ascii=False))
    else:
        print(f"Article {args.article}: " + ", ".join(f"{k} set" if v else f"{k} cleared" for k, v in
                                                      ((k, getattr(info, k)) for k in fields)))
    return 0


def cmd_delete(store, args) -> int:
    article = store.article(args.article)  # NotFound: exit 1 with the message
    notes = store.article_note_count(args.article)
    if notes and not args.yes:
        question = (f"Article {args.article} ({article.display_title[:60]}) has {notes} note"
                    f"{'s' if notes != 1 else ''}; they are deleted with it. Delete? [y/N] ")
        if not sys.stdin.isatty():
            print(f"parallax: article {args.article} has {notes} note{'s' if notes != 1 else ''}; "
                  "add --yes to delete it with them", file=sys.stderr)
            return 1
        if input(question).strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    store.delete_article(args.article)
    print(f"Deleted article {args.article}: {article.display_title}"
          + (f" (and {notes} note{'s' if notes != 1 else ''})" if notes else ""))
    return 0


# ------------------------------------------------------------------------- story


def cmd_story(store, args) -> int:
    if args.action == "new":
        if any(s.name == args.name.strip() for s in store.stories()):
            raise ValueError(f"There is already a story named {args.name!r}.")
        story_id, _ = store.create_story(args.name)
        print(f"Story {story_id}: {args.name.strip()}")
        return 0
    story = store.story_by_name(args.name)  # NotFound lists the stories there are
    if args.action == "delete":
        store.delete_story(story.id)
        print(f"Deleted the story {story.name!r}; its {counted(len(story.article_ids), 'article')} stay in the library")
        return 0
    if args.action == "add":
        _check_articles(store, args.articles)
    elif args.action in ("remove", "order"):
        _check_members(story, args.articles)
    with store.batch():  # the edit and the suggestion kept as the reader's: both or neither
        said = _edit_story(store, story, args)
        # the reader's hand on a suggestion makes it theirs: the next 'cluster' run leaves it alone
        kept = story.kind != "reader"
        if kept:
            store.accept_story(story.id)
    if kept:
        print(f"Kept the suggested story {story.name!r} as yours (as 'parallax accept' does)")
    print(said)
    return 0


def _edit_story(store, story, args) -> str:
    """Rename, add to, take from or reorder ``story`` (checked already); what to say."""
    if args.action == "rename":
        store.rename_story(story.id, args.new_name)
        return f"Story {story.id} renamed to {args.new_name.strip()!r}"
    if args.action == "add":
        new = [a for a in dict.fromkeys(args.articles) if a not in story.article_ids]
        store.add_to_story(story.id, new)
        return (f"Added {counted(len(new), 'article')} to {story.name!r}"
                + (f" ({len(args.articles) - len(new)} already in it)" if len(new) < len(args.articles) else ""))
    if args.action == "remove":
        store.remove_from_story(story.id, args.articles)
        return f"Took {counted(len(set(args.articles)), 'article')} out of {story.name!r} (still in the library)"
    first = list(dict.fromkeys(args.articles))  # "order"
    order = first + [a for a in story.article_ids if a not in first]
    store.reorder_story(story.id, order)
    return f"{story.name}: " + " ".join(str(a) for a in order)


def _check_articles(store, ids: list[int]) -> None:
    missing = [a for a in dict.fromkeys(ids) if not store.has_article(a)]
    if missing:
        raise NotFound(f"No article with id {', '.join(map(str, missing))} in this library "
                       "(see 'parallax articles').")


def _check_members(story, ids: list[int]) -> None:
    strangers = [a for a in dict.fromkeys(ids) if a not in story.article_ids]
    if strangers:
        raise NotFound(f"Article {', '.join(map(str, strangers))} {'is' if len(strangers) == 1 else 'are'} not in "
                       f"the story {story.name!r}, which holds {' '.join(map(str, story.article_ids)) or 'nothing'}.")


__all__ = ["EXTRACT_KEYS", "ReadError", "add_parsers", "cmd_delete", "cmd_edit", "cmd_extract", "cmd_story"]
