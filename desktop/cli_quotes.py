"""``parallax quotes``: who said what in a story, and how each outlet quoted it."""

from __future__ import annotations

import json
import sys


def add_parsers(commands, common) -> None:
    quotes = commands.add_parser(
        "quotes", parents=[common],
        help="direct quotations of a story: speaker, the outlets quoting it, and their wording drift")
    quotes.add_argument("--story", metavar="NAME", help="a story in the library (default: the bundled one)")
    quotes.add_argument("--json", action="store_true", help="JSON: the `quotes` section of compare --format json")


def cmd_quotes(store, args) -> int:
    from desktop.core.interchange.report_disagreements import quotes_section
    from desktop.core.interchange.report_json import comparison_dict
    from desktop.core.labels import has_outlet
    from desktop.core.library import bundled_story_name
    from desktop.core.matching.compare import compare

    story = store.story_by_name(args.story or bundled_story_name())
    articles = [store.article(a) for a in story.article_ids]
    if not articles:
        print(f"parallax: the story {story.name!r} has no articles.", file=sys.stderr)
        return 1
    comparison = compare(articles)
    if args.json:
        data = comparison_dict(comparison)
        out = {"articles": [{k: a[k] for k in ("id", "title", "source", "published")} for a in data["articles"]],
               "quotes": data["quotes"]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return 0
    letters = {a.id: f"A{i}" for i, a in enumerate(articles, 1)}
    for article in articles:
        outlet = f"{article.source.strip()} — " if has_outlet(article) else ""  # the headline tells it apart
        print(f"{letters[article.id]}  {outlet}{article.display_title}")
    print()
    section = quotes_section(comparison, limit=10**6, width=None)  # every quotation, each whole
    print(section.title)
    if not section.items:
        print("  " + section.empty)
    for item in section.items:
        print("  " + item.line)
        for sub in item.sub:
            print("      " + sub)
    return 0
