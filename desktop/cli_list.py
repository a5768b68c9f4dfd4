"""``parallax articles`` filtered and sorted as the library's article list is (``Store.article_list``):
by outlet, leaning, dates, Find words and story, in SQL, at any library size."""

from __future__ import annotations

import argparse

from desktop.core.library.dates import date_prefix
from desktop.core.library.store.article_list import LEANINGS, NO_STORY, SORT_KEYS, ArticleFilter

_SORTS = tuple(k for k in SORT_KEYS if k != "position")


def date_bound(value: str) -> str:
    """``--since`` / ``--until``: a year, a month or a day (usage error, exit 2, for anything else)."""
    try:
        return date_prefix(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_list_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--outlet", metavar="NAME", action="append",
                        help="only this outlet's articles (repeat for several; \"\" for articles without one)")
    parser.add_argument("--leaning", choices=LEANINGS, action="append",
                        help="only articles of outlets with this leaning (repeat for several)")
    parser.add_argument("--since", metavar="DATE", type=date_bound,
                        help="published on or after DATE (2020, 2020-06 or 2020-06-30)")
    parser.add_argument("--until", metavar="DATE", type=date_bound,
                        help="published on or before DATE (2020, 2020-06 or 2020-06-30: the whole year or month)")
    parser.add_argument("--find", metavar="WORDS", help="only articles whose title or text has every word")
    parser.add_argument("--no-story", action="store_true", help="only articles that are in no story")
    parser.add_argument("--sort", choices=_SORTS,
                        help="order by this column (default: by title, or the story's order with --story)")
    parser.add_argument("--desc", action="store_true", help="with --sort: the other way round")


def listed_articles(store, args, story_id: int | None):
    """The articles the list options choose, in their order; None when no option was given (the
    plain listing)."""
    if not (args.outlet or args.leaning or args.since or args.until or args.find or args.no_story or args.sort):
        return None
    if args.no_story and story_id is not None:
        raise SystemExit("parallax articles: --no-story and --story do not go together")
    wanted = ArticleFilter(story_id=NO_STORY if args.no_story else story_id, outlets=tuple(args.outlet or ()),
                           leanings=tuple(args.leaning or ()), since=args.since, until=args.until, text=args.find)
    ids = store.article_list_ids(wanted, args.sort or "position", args.desc)
    return [row for n in range(0, len(ids), 1000) for row in store.article_list_rows(ids[n:n + 1000])]
