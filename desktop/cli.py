"""The ``parallax`` command: opens the app, or runs one library command and exits.

Exit codes: 0 ok, 1 failure (message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from desktop import __version__, cli_articles, cli_list, cli_quotes, cli_stories
from desktop.core.errors import NotFound, ParallaxError
from desktop.core.interchange.formats import COMPARISON_FORMATS, NOTE_FORMATS, names, output_format, suffix_format
from desktop.core.labels import counted, outlet_column


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1600x900, got {value!r}") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 10000 pixels")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library", metavar="PATH", default=argparse.SUPPRESS,
        help="library file to use (default: $PARALLAX_LIBRARY, else the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Read news coverage side by side. Without a command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    parser.add_argument("--story", metavar="NAME", help="story to open (default: the last one, or the bundled story)")
    parser.add_argument("--screenshot", metavar="PATH", help="open the window, save a PNG of it to PATH and exit")
    parser.add_argument("--size", metavar="WxH", type=_size, help="window size for --screenshot, e.g. 1600x900")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_library_parsers(commands, common)  # import, stories, articles, show
    _add_compare_parser(commands, common)  # compare
    _add_annotation_parsers(commands, common)  # annotate, annotations, export, tags
    _add_cite_and_diff_parsers(commands, common)  # cite, diff
    cli_articles.add_parsers(commands, common)  # extract, edit, delete, story
    cli_quotes.add_parsers(commands, common)  # quotes
    cli_stories.add_parsers(commands, common)  # cluster, related, leanings, accept, split, merge
    return parser


def _add_library_parsers(commands, common: argparse.ArgumentParser) -> None:
    imp = commands.add_parser(
        "import", parents=[common], help="import files, folders or web pages (URLs) into the library",
        description="Import articles from files, folders and http(s) web addresses (PATH or URL...), or annotations with 'parallax import annotations FILE' "
                    "(W3C Web Annotation .jsonld/.json or REFI-QDA .qdpx). A folder named 'annotations' "
                    "is imported as articles when written ./annotations.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH|URL",
                     help=".txt .md .html .htm .json .jsonl files or folders, or http(s) web pages")
    imp.add_argument("--story", metavar="NAME", help="also add the articles to this story (created if needed)")
    imp.add_argument("--json", action="store_true", help="print the outcome as JSON")
    imp.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line (errors still)")

    stories = commands.add_parser("stories", parents=[common], help="list stories")
    stories.add_argument("--json", action="store_true", help="print a JSON list")

    articles = commands.add_parser("articles", parents=[common], help="list articles")
    articles.add_argument("--story", metavar="NAME", help="only this story's articles, in pane order")
    cli_list.add_list_filters(articles)  # --outlet --leaning --since --until --find --no-story --sort --desc
    articles.add_argument("--json", action="store_true", help="print a JSON list")

    show = commands.add_parser("show", parents=[common], help="print one article")
    show.add_argument("article", type=int, metavar="ARTICLE", help="article id (see 'parallax articles')")
    show.add_argument("--json", action="store_true", help="print the article as a JSON object")
    show.add_argument("--body", action="store_true", help="leave out the boilerplate spans")


def _add_compare_parser(commands, common: argparse.ArgumentParser) -> None:
    compare = commands.add_parser(
        "compare", parents=[common],
        help="compare articles: what they share, what only one says, where they conflict",
        description="Compare the articles of a story (default: the bundled story) or files given as PATHs.",
    )
    compare.add_argument("paths", nargs="*", metavar="PATH", help="article files to compare instead of a story")
    compare.add_argument("--story", metavar="NAME", help="a story in the library")
    compare.add_argument("--format", choices=REPORT_FORMATS,
                         help="output format (default: the one -o FILE's suffix names, else text)")
    compare.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _add_annotation_parsers(commands, common: argparse.ArgumentParser) -> None:
    annotate = commands.add_parser("annotate", parents=[common], help="highlight a quote in an article")
    annotate.add_argument("article", type=int, metavar="ARTICLE_ID", help="article id (see 'parallax articles')")
    annotate.add_argument("--quote", required=True, metavar="TEXT", help="the exact words to highlight")
    annotate.add_argument("--occurrence", type=int, default=1, metavar="N",
                          help="which occurrence of the quote, counting from 1 (default 1)")
    annotate.add_argument("--note", default="", metavar="TEXT", help="a note, kept as plain text (one that starts with \"-\": --note=\"-5%% drop\")")
    annotate.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag; repeat for more")
    annotate.add_argument("--color", default="yellow", metavar="NAME",
                          help="yellow, green, blue, pink, purple, orange, red, teal or grey")
    annotate.add_argument("--json", action="store_true", help="print the new annotation as JSON")

    annotations = commands.add_parser("annotations", parents=[common], help="list annotations")
    annotations.add_argument("--story", metavar="NAME", help="only this story's annotations")
    annotations.add_argument("--tag", metavar="TAG", help="only annotations with this tag")
    annotations.add_argument("--json", action="store_true", help="print a JSON list")

    export = commands.add_parser("export", parents=[common], help="export annotations")
    export_what = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    export_annotations = export_what.add_parser("annotations", parents=[common], help="annotations with their notes")
    export_annotations.add_argument("--format", choices=ANNOTATION_FORMATS,
                                    help="the one -o FILE's suffix names (.md, .csv, .jsonld, .qdpx, .html, .pdf, "
                                         ".bib, .ris, .json), else markdown; or give one: markdown, csv, jsonld "
                                         "(W3C Web Annotation), "
                                         "qdpx (REFI-QDA: QualCoder, MAXQDA, NVivo), html, pdf, or the "
                                         "annotated articles as a bibliography: bibtex, ris or csl-json")
    export_annotations.add_argument("--story", metavar="NAME", help="only this story's annotations")
    export_annotations.add_argument("--tag", metavar="TAG", help="only annotations with this tag")
    export_annotations.add_argument("--excel", action="store_true", help="CSV with a byte-order mark for Excel")
    export_annotations.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")

    tags = commands.add_parser("tags", parents=[common], help="list tags with how often they are used")
    tags.add_argument("--json", action="store_true", help="print a JSON list")


def _add_cite_and_diff_parsers(commands, common: argparse.ArgumentParser) -> None:
    cite = commands.add_parser(
        "cite", parents=[common], help="cite an article, or a quote from it",
        description="Print a citation of the article, or of a quote from it: BibTeX, RIS, CSL-JSON, APA, "
                    "Chicago (author-date) or Markdown.")
    cite.add_argument("article", type=int, metavar="ARTICLE", help="article id (see 'parallax articles')")
    cite.add_argument("--quote", metavar="TEXT", help="the exact words quoted (their paragraph is cited too)")
    cite.add_argument("--occurrence", type=int, default=1, metavar="N", help="which occurrence of the quote (default 1)")
    cite.add_argument("--format", choices=CITATION_FORMAT_NAMES, default="apa", help="output format (default: apa)")

    diff = commands.add_parser(
        "diff", parents=[common], help="what changed between two versions of an article",
        description="Word by word, what changed between two versions of an article (an article imported again "
                    "with other text keeps a new version), and what it did to the notes on it.")
    diff.add_argument("article", type=int, metavar="ARTICLE", help="article id (see 'parallax articles')")
    diff.add_argument("--from", dest="old", type=int, metavar="N", help="the version to compare from (default: the one before --to; with --to 1, version 2)")
    diff.add_argument("--to", dest="new", type=int, metavar="M", help="the newer version (default: the current one)")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")


REPORT_FORMATS = ("json", "text", "markdown", "html")  # the registry's comparison formats drawn without Qt
ANNOTATION_FORMATS = names(NOTE_FORMATS)
CITATION_FORMAT_NAMES = ("bibtex", "ris", "csl-json", "apa", "chicago", "markdown")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    library = getattr(args, "library", None)
    if args.command is None:
        from desktop.ui.app import run_app  # Qt is imported only when a window is wanted

        return run_app(library=library, story=args.story, screenshot=args.screenshot, size=args.size)
    if args.size or args.screenshot:
        parser.error("--screenshot and --size open the window; they do not go with a command")
    if args.command == "compare" and args.paths and args.story:
        parser.error("give either PATHs or --story, not both")
    if args.command in ("compare", "export"):  # the file's suffix says the format, unless --format does
        formats = (tuple(f for f in COMPARISON_FORMATS if f.name in REPORT_FORMATS) if args.command == "compare"
                   else NOTE_FORMATS)
        drawn = suffix_format(args.output or "", COMPARISON_FORMATS + NOTE_FORMATS)
        if args.command == "compare" and drawn is not None and drawn.name not in REPORT_FORMATS:
            parser.error(f"{args.output}: the command line writes a comparison as {', '.join(REPORT_FORMATS)} "
                         f"(.json, .txt, .md, .html); a {drawn.label} is drawn by the window (File > Export)")
        try:
            args.format = output_format(args.output, args.format, formats,
                                        "text" if args.command == "compare" else "markdown")
        except ValueError as exc:
            parser.error(str(exc))
    if args.command == "import" and args.paths[0] == "annotations":
        if len(args.paths) != 2:
            parser.error("import annotations takes one FILE (.jsonld, .json or .qdpx)")
        args.command = "import annotations"
    try:
        from desktop.core.library import open_library

        if args.command == "compare" and args.paths:  # files on disk: the library is not needed
            return _cmd_compare(None, args)
        if args.command == "extract":  # prints what would be imported; the library is not opened
            return cli_articles.cmd_extract(args)
        with open_library(library) as store:
            return COMMANDS[args.command](store, args)
    except (ParallaxError, ValueError) as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0


# ---------------------------------------------------------------------- commands


def _summary_json(summary) -> dict:
    return {
        "id": summary.id,
        "title": summary.title,
        "source": summary.source,
        "published": summary.published,
        "author": summary.author,
        "url": summary.url,
        "word_count": summary.word_count,
        "version": summary.version,
    }


class ProgressBar:
    """``[#######.......]  12,000/35,605  1,050/s  Importing corpus.jsonl`` on one terminal line,
    redrawn at most ten times a second; nothing when standard error is not a terminal."""

    WIDTH = 24

    def __init__(self, enabled: bool):
        import time

        self.enabled, self.clock = enabled, time.monotonic
        self.started = self.last = self.clock()
        self.drawn = False

    def __call__(self, done: int, total: int, message: str) -> None:
        now = self.clock()
        if not self.enabled or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        filled = round(self.WIDTH * done / total) if total else self.WIDTH
        rate = done / (now - self.started) if now > self.started and "articles" in message else 0
        speed = f"  {rate:,.0f}/s" if rate else ""
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:,}/{total:,}{speed}  {message[:50]}"
        print(f"\r{line:<100}", end="", file=sys.stderr, flush=True)
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            print(file=sys.stderr)


def _cmd_import(store, args) -> int:
    from desktop.core.library import import_paths

    bar = ProgressBar(sys.stderr.isatty() and not args.json and not args.quiet)
    try:
        report = import_paths(store, args.paths, story=args.story, progress=bar)
    finally:
        bar.close()
    for path, reason in report.failures:
        print(f"parallax: cannot import {path}: {reason}", file=sys.stderr)
    for path, reason in report.skipped:
        print(f"parallax: skipped {path}: {reason}", file=sys.stderr)
    for path, warning in report.warnings:
        print(f"parallax: {path}: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps({
            "added": report.added, "updated": report.updated, "unchanged": report.unchanged,
            "failures": [{"path": p, "reason": r} for p, r in report.failures],
            "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
            "warnings": [{"path": p, "warning": w} for p, w in report.warnings],
        }, indent=2))
    elif not args.quiet:
        print(
            f"{len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.failures)} failed"
            + (("; in story " if any(s.name == args.story.strip() for s in store.stories())
                else "; no story made: nothing came in for ") + repr(args.story.strip()) if args.story else "")
        )
    return 0 if not report.failures else 1


def _cmd_import_annotations(store, args) -> int:
    from desktop.core.interchange.import_annotations import import_annotations

    with store.batch():  # a file that fails leaves no new story behind either
        story_id = store.create_story(args.story)[0] if args.story else None
        report = import_annotations(store, args.paths[1], story_id)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        return 0
    for problem in report.problems:
        print(f"parallax: not imported: {problem}", file=sys.stderr)
    print(report.summary() + (f"; in story {args.story!r}" if args.story else ""))
    return 0


def _print_listing(as_json: bool, items: list, to_json, to_lines, empty: str) -> int:
    """A listing command's output: a JSON list, or readable lines, or what to do when empty."""
    if as_json:
        print(json.dumps([to_json(item) for item in items], indent=2, ensure_ascii=False))
    elif not items:
        print(empty)
    else:
        for item in items:
            print(to_lines(item))
    return 0


def _cmd_stories(store, args) -> int:
    from desktop.core.stories.leanings import coverage_by_story, coverage_from_leanings

    stories = store.stories()
    found = coverage_by_story(store)  # one query for every story
    coverage = {s.id: found.get(s.id) or coverage_from_leanings([]) for s in stories}

    def line(s) -> str:
        marks = ("  [suggested]" if s.kind == "suggested" else "") + (
            f"  [blindspot: covered by the {coverage[s.id].blindspot}]" if coverage[s.id].blindspot else "")
        return f"{s.id:>4}  {len(s.article_ids):>3} {'article ' if len(s.article_ids) == 1 else 'articles'}  {s.name}{marks}"

    return _print_listing(
        args.json, stories,
        lambda s: {"id": s.id, "name": s.name, "articles": list(s.article_ids), "kind": s.kind, "label": s.label,
                   **coverage[s.id].as_json()},
        line,
        "No stories yet. Import articles with: parallax import FILE... --story NAME, or find them: parallax cluster")


def _cmd_articles(store, args) -> int:
    story_id = store.story_by_name(args.story).id if args.story else None
    listed = cli_list.listed_articles(store, args, story_id)  # filtered or sorted: the library list's query
    return _print_listing(
        args.json, store.articles(story_id) if listed is None else listed, _summary_json,
        lambda a: f"{a.id:>5}  {a.published or '—':<10}  {outlet_column(a)[:22]:<22}  {a.word_count:>6} w  "
                  f"{a.display_title}",
        "No articles.")


def _cmd_show(store, args) -> int:
    article = store.article(args.article)
    if args.json:
        print(json.dumps({
            **_summary_json(article),
            "text": article.text,
            "boilerplate": [
                {"start": s.start, "end": s.end, "kind": s.kind, "active": s.active}
                for s in article.boilerplate
            ],
        }, indent=2, ensure_ascii=False))
        return 0
    print(article.display_title)
    print(" · ".join(x for x in (article.source, article.author, article.published, article.url) if x))
    print(f"version {article.version}, {counted(article.word_count, 'word')}")
    print()
    text = article.text
    if args.body:
        text = "\n".join(line for line in article.body_text.split("\n") if line.strip())
    print(text)
    return 0


def _cmd_compare(store, args) -> int:
    from desktop.core.interchange.reports import render
    from desktop.core.library import articles_from_files, bundled_story_name
    from desktop.core.matching.compare import compare

    same_facts = []  # the reader's "same fact" links between highlights, as the window uses them
    different_facts = []  # and their "Not the Same Fact" separations
    dismissed = []  # and their "Not a Conflict" dismissals
    if args.paths:
        articles = articles_from_files(args.paths)
    else:
        story = store.story_by_name(args.story or bundled_story_name())
        articles = [store.article(a) for a in story.article_ids]
        same_facts = store.same_fact_pairs(story.article_ids)
        different_facts = store.different_fact_pairs(story.article_ids)
        dismissed = store.dismissed_conflict_pairs(story.article_ids)
    if len(articles) < 2:
        found = "no article" if not articles else "only one article"
        print(f"parallax: nothing to compare: {found}; a comparison needs at least two.", file=sys.stderr)
        return 1
    bar = ProgressBar(sys.stderr.isatty() and args.output is not None)
    try:
        report = render(compare(articles, progress=bar, same_facts=same_facts, different_facts=different_facts,
                                dismissed_conflicts=dismissed), args.format)
    finally:
        bar.close()
    if args.output:
        from desktop.core.interchange.safe_write import write_atomically

        write_atomically(args.output, report, what="cannot write")  # "parallax: cannot write PATH: disk full"
        fmt = {"html": "an HTML", "json": "a JSON", "markdown": "a Markdown", "text": "a plain-text"}[args.format]
        print(f"Wrote {fmt} comparison of {counted(len(articles), 'article')} to {args.output}")
    else:
        sys.stdout.write(report)
    return 0


def _cmd_annotate(store, args) -> int:
    from desktop.core.notes.annotating import annotate, annotation_dict

    annotation_id, _changes = annotate(store, args.article, args.quote, args.occurrence, args.note,
                                       args.tag, args.color)
    annotation = store.annotation(annotation_id)
    if args.json:
        print(json.dumps(annotation_dict(annotation), indent=2, ensure_ascii=False))
    else:
        print(f"Annotation {annotation.id} on article {annotation.article_id} "
              f"[{annotation.start}:{annotation.end}]: {annotation.exact!r}")
    return 0


def _cmd_annotations(store, args) -> int:
    from desktop.core.notes.annotating import annotation_dict

    story_id = store.story_by_name(args.story).id if args.story else None

    def lines(a) -> str:
        tags = " ".join(f"#{t}" for t in a.tags)
        row = f"{a.id:>5}  article {a.article_id:<4} {a.color:<7} \u201c{a.exact[:60]}\u201d {tags}"
        row += "  ORPHANED" if a.orphaned else ""
        return row + (f"\n       {a.note[:100]}" if a.note else "")

    return _print_listing(args.json, store.annotations(story_id=story_id, tag=args.tag), annotation_dict, lines,
                          "No annotations.")


def _cmd_tags(store, args) -> int:
    return _print_listing(
        args.json, store.tags(), lambda t: {"name": t.name, "color": t.color, "count": t.count},
        lambda t: f"{t.count:>5}  {t.name}",
        "No tags yet. Add some with: parallax annotate ARTICLE --quote TEXT --tag TAG")


def _cmd_export(store, args) -> int:
    from pathlib import Path

    from desktop.rendering.documents import write_notes  # Qt is imported for PDF only

    story_id = store.story_by_name(args.story).id if args.story else None
    target = Path(args.output).expanduser()
    # all at once or not at all ("parallax: cannot write PATH: disk full"); CSV cells may hold
    # line breaks: the text is written as is, without newline translation
    write_notes(store, target, args.format, story_id, args.tag, excel=args.excel, what="cannot write")
    print(f"Wrote {args.format} annotations to {target}")
    return 0


def _cmd_cite(store, args) -> int:
    from desktop.core.interchange.citations import cite
    from desktop.core.notes.annotating import find_quote

    article = store.article(args.article)
    start = None
    if args.quote is not None:
        start, _end = find_quote(article.text, args.quote, args.occurrence)  # ValueError when missing
    sys.stdout.write(cite(article, args.format, args.quote, start))
    return 0


def _cmd_diff(store, args) -> int:
    import os

    from desktop.core.interchange.version_report import diff_json, diff_text
    from desktop.core.notes.version_changes import version_changes

    changes = version_changes(store, args.article, args.old, args.new)
    if args.json:
        sys.stdout.write(diff_json(changes))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        sys.stdout.write(diff_text(changes, color=color))
    return 0


COMMANDS = {
    "import": _cmd_import, "stories": _cmd_stories, "articles": _cmd_articles, "show": _cmd_show,
    "compare": _cmd_compare, "annotate": _cmd_annotate, "annotations": _cmd_annotations, "tags": _cmd_tags,
    "export": _cmd_export, "import annotations": _cmd_import_annotations, "cite": _cmd_cite, "diff": _cmd_diff,
    "edit": cli_articles.cmd_edit, "delete": cli_articles.cmd_delete, "story": cli_articles.cmd_story,
    "quotes": cli_quotes.cmd_quotes,
    "cluster": cli_stories.cmd_cluster, "related": cli_stories.cmd_related, "leanings": cli_stories.cmd_leanings,
    "accept": cli_stories.cmd_accept, "split": cli_stories.cmd_split, "merge": cli_stories.cmd_merge,
}

__all__ = ["NotFound", "build_parser", "main"]
