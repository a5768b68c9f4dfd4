"""``parallax cluster``, ``related`` and ``leanings``: stories found in the library, more coverage of
a story, and the outlets' leanings. Part of the ``parallax`` command (``desktop.cli``).

Exit codes as for every command: 0 ok, 1 failure (message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli_list import date_bound
from desktop.core.labels import counted
from desktop.core.library.dates import first_day, last_day


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    cluster = commands.add_parser(
        "cluster", parents=[common], help="find stories: group the library's articles by the event they report",
        description="Group the library's articles into stories about one event (same names, numbers and key "
                    "terms, published within days of each other). The groups replace the previous suggested "
                    "stories (shown in the sidebar as suggestions); the reader's own stories and their articles "
                    "are never changed. Articles without a date are grouped on their text alone, and the label "
                    "says so.")
    cluster.add_argument("--since", type=date_bound, metavar="DATE",
                         help="only articles published on or after DATE (2020, 2020-06 or 2020-06-30)")
    cluster.add_argument("--until", type=date_bound, metavar="DATE",
                         help="only articles published on or before DATE (2020, 2020-06 or 2020-06-30: the whole "
                              "year or month)")
    cluster.add_argument("--json", action="store_true",
                         help='print a JSON list of {"label", "articles": [ids], "first", "last"}')
    cluster.add_argument("--dry-run", action="store_true", help="print the stories without saving them as suggestions")

    related = commands.add_parser(
        "related", parents=[common], help="more coverage in your library: articles about a story's event not in it",
        description="List articles of the library about the same event as STORY that are not in it yet, best "
                    "first, with outlet, date and leaning. Add one with 'parallax story add'.")
    related.add_argument("story", metavar="STORY", help="story name (see 'parallax stories')")
    related.add_argument("--limit", type=int, default=20, metavar="N", help="at most N articles (default 20)")
    related.add_argument("--json", action="store_true", help="print a JSON list")

    accept = commands.add_parser("accept", parents=[common],
                                 help="keep a suggested story: later 'cluster' runs leave it alone")
    accept.add_argument("story", metavar="STORY", help="story name (see 'parallax stories')")
    split = commands.add_parser("split", parents=[common], help="move some of a story's articles into a new story")
    split.add_argument("story", metavar="STORY")
    split.add_argument("new_name", metavar="NEW_NAME")
    split.add_argument("articles", type=int, nargs="+", metavar="ARTICLE", help="article ids to move")
    merge = commands.add_parser("merge", parents=[common],
                                help="move the articles of other stories into STORY and delete the others")
    merge.add_argument("story", metavar="STORY")
    merge.add_argument("others", nargs="+", metavar="OTHER")

    leanings = commands.add_parser(
        "leanings", parents=[common], help="outlets and their political leaning: list, set, import a CSV",
        description="Without a subcommand, list the library's outlets with their leaning (left, lean left, "
                    "center, lean right, right or unknown) and where it came from.")
    leanings.add_argument("--json", action="store_true", help="print a JSON list")
    what = leanings.add_subparsers(dest="leanings_command", metavar="SUBCOMMAND")
    set_ = what.add_parser("set", parents=[common], help="set one outlet's leaning by hand")
    set_.add_argument("outlet", metavar="OUTLET", help="the outlet's name as the library lists it")
    set_.add_argument("leaning", metavar="LEANING", help="left, 'lean left', center, 'lean right', right or unknown")
    imp = what.add_parser(
        "import", parents=[common], help="set outlets' leanings from a CSV of outlet ratings",
        description="Read a CSV with a header naming an outlet column (outlet, source or name) and a leaning "
                    "column (leaning, bias or rating). Outlets are matched by name, ignoring case; leanings you "
                    "set by hand are kept unless --overwrite.")
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument("--overwrite", action="store_true", help="also replace leanings set by hand")


def cmd_cluster(store, args) -> int:
    from desktop.core.stories.finding import suggest_stories

    since = first_day(args.since) if args.since else None
    until = last_day(args.until) if args.until else None
    found, _ = suggest_stories(store, since, until, save=not args.dry_run)
    if args.json:
        print(json.dumps([s.as_json() for s in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("No stories found: no two articles report the same event (or the library has fewer than two).")
        return 0
    for story in found:
        span = story.first if story.first == story.last else f"{story.first}..{story.last}"
        print(f"{len(story.article_ids):>4} {'article ' if len(story.article_ids) == 1 else 'articles'}  {span or 'undated':<22}  {story.label}")
    saved = "" if args.dry_run else " Saved as suggested stories: see 'parallax stories'."
    print(f"{len(found)} stories.{saved}")
    return 0


def cmd_related(store, args) -> int:
    from desktop.core.stories.related import related_articles

    story = store.story_by_name(args.story)
    found = related_articles(store, story.id, limit=max(1, args.limit))
    if args.json:
        print(json.dumps([r.as_json() for r in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print(f"No more coverage of {story.name!r} in the library.")
        return 0
    for r in found:
        print(f"{r.id:>5}  {r.published or '—':<10}  {(r.outlet or '—')[:22]:<22}  "
              f"{r.leaning or 'unknown':<10}  {r.title}")
    return 0


def cmd_leanings(store, args) -> int:
    from desktop.core.stories.leanings import import_csv, set_leaning

    if args.leanings_command == "set":
        set_leaning(store, args.outlet, args.leaning)
        outlet = store.outlet_by_name(args.outlet)
        print(f"{outlet.name}: {outlet.leaning or 'unknown'}")
        return 0
    if args.leanings_command == "import":
        done, _ = import_csv(store, args.file, overwrite_reader=args.overwrite)
        print(f"{done.set} outlets set from {done.rows} rows of {args.file}.")
        if done.not_in_library:
            print(f"{len(done.not_in_library)} outlets in the file are not in this library.", file=sys.stderr)
        return 0
    outlets = store.outlets()
    if args.json:
        print(json.dumps([{"outlet": o.name, "leaning": o.leaning or "unknown", "origin": o.origin,
                           "articles": o.articles} for o in outlets], indent=2, ensure_ascii=False))
    elif not outlets:
        print("No outlets yet: import articles first.")
    else:
        for o in outlets:
            origin = f"  ({o.origin})" if o.origin else ""
            print(f"{o.articles:>6}  {o.leaning or 'unknown':<10}  {o.name}{origin}")
    return 0


def cmd_accept(store, args) -> int:
    story = store.story_by_name(args.story)
    store.accept_story(story.id)
    print(f"Story {story.id} {story.name!r} is yours: Find Stories will leave it alone.")
    return 0


def cmd_split(store, args) -> int:
    story = store.story_by_name(args.story)
    new_id, _ = store.split_story(story.id, args.articles, args.new_name)
    print(f"Story {new_id}: {args.new_name.strip()} ({counted(len(store.story(new_id).article_ids), 'article')} from "
          f"{story.name!r})")
    return 0


def cmd_merge(store, args) -> int:
    story = store.story_by_name(args.story)
    others = [store.story_by_name(name) for name in args.others]
    store.merge_stories(story.id, [o.id for o in others])
    print(f"Story {story.id} {story.name!r} now has {counted(len(store.story(story.id).article_ids), 'article')}.")
    return 0
