"""Opening a library and bringing articles into it: what the GUI and the CLI both call.

Long work (``import_paths``) reports ``progress(done, total, message)`` and polls
``is_cancelled()`` between files, so the CLI and the GUI's worker share one code path.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC
from importlib import resources
from itertools import islice
from pathlib import Path

import platformdirs

from desktop.core.errors import ParallaxError, ReadError
from desktop.core.library.boilerplate import detect_boilerplate
from desktop.core.library.fetching import FetchCancelled, looks_like_url
from desktop.core.library.preparing import prepare_all
from desktop.core.library.readers import list_folder, read_file, read_file_report, read_text
from desktop.core.library.store import Store
from desktop.core.library.web_import import read_url, refresh_outlets
from desktop.core.models import BoilerplateSpan, Changes, ImportReport, ParsedArticle

LIBRARY_ENV = "PARALLAX_LIBRARY"
BUNDLED_MARK = "bundled_story_imported"  # meta key: set once, so a deleted story stays deleted
BUNDLED_ORIGIN = "bundled:corpus/"

Progress = Callable[[int, int, str], None]


def default_library_path() -> Path:
    return platformdirs.user_data_path("Parallax", appauthor=False) / "library.sqlite"


def resolve_library_path(explicit: str | os.PathLike | None = None) -> Path:
    """``--library`` wins, then ``$PARALLAX_LIBRARY``, then the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(LIBRARY_ENV):
        return Path(os.environ[LIBRARY_ENV]).expanduser()
    return default_library_path()


def open_library(path: str | os.PathLike | None = None, *, memory: bool = False) -> Store:
    """Open (creating if needed) a library; the first run imports the bundled story."""
    store = Store(memory=True) if memory else Store(resolve_library_path(path))
    try:
        if store.get_meta(BUNDLED_MARK) is None and not store.read_only:
            import_bundled_story(store)
    except BaseException:
        store.close()
        raise
    return store


# ------------------------------------------------------------------ bundled story


def _bundled_meta() -> dict:
    return json.loads(resources.files("desktop.corpus").joinpath("story.json").read_text(encoding="utf-8"))


def bundled_story() -> tuple[str, list[ParsedArticle]]:
    """The bundled story's name and its articles, with the metadata the texts reveal."""
    corpus = resources.files("desktop.corpus")
    meta = _bundled_meta()
    articles = [
        ParsedArticle(
            # the captures are kept byte for byte; newline="" keeps any CRLF as captured
            text=corpus.joinpath(entry["file"]).read_bytes().decode("utf-8"),
            origin=BUNDLED_ORIGIN + entry["file"],
            title=entry.get("title"),
            source=entry.get("source"),
            author=entry.get("author"),
            published=entry.get("published"),
            url=entry.get("url"),
        )
        for entry in meta["articles"]
    ]
    return meta["name"], articles


def bundled_story_name() -> str:
    return _bundled_meta()["name"]  # without reading the five texts


def import_bundled_story(store: Store) -> tuple[int, Changes]:
    name, articles = bundled_story()
    with store.batch():
        changes = Changes()
        ids = []
        for parsed in articles:
            _, article_id, changed = save_parsed(store, parsed)
            ids.append(article_id)
            changes |= changed
        story_id, changed = store.create_story(name)
        changes |= changed | store.add_to_story(story_id, ids)
        changes |= store.set_meta(BUNDLED_MARK, "1")
    return story_id, changes


# ------------------------------------------------------------------------ import


def save_parsed(store: Store, parsed: ParsedArticle):
    """Detect boilerplate and store one parsed article: (status, id, changes)."""
    spans = detect_boilerplate(parsed.text, parsed.title)
    return store.save_article(parsed, spans)


def is_url(item: str | os.PathLike) -> bool:
    """Whether an import source is a web address ("https://…", and "ftp:", "javascript:"... to
    refuse) rather than a file: a file of that name that exists is a file."""
    return isinstance(item, str) and looks_like_url(item) and not os.path.exists(item)


def expand_paths(paths: Iterable[str | os.PathLike], skipped: list[tuple[str, str]] | None = None,
                 *, keep_urls: bool = False) -> list:
    """Files as given; folders replaced by the supported files inside them (recursively, never
    leaving the folder through a link). Links that were not followed go to ``skipped``. With
    ``keep_urls``, web addresses stay in the list as strings, in their place."""
    out: list = []
    for raw in paths:
        if keep_urls and is_url(raw):
            out.append(str(raw).strip())
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            files, passed_over = list_folder(path)
            out.extend(files)
            if skipped is not None:
                skipped.extend(passed_over)
        else:
            out.append(path)
    return out


def import_paths(
    store: Store,
    paths: Iterable[str | os.PathLike],
    story: str | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import files (and folders) and web pages (http/https URLs) into the library, optionally
    into a story.

    A file is read whole first: one that cannot be read (malformed, too large, binary...) is
    reported and imports nothing, and the rest of the batch goes on; so does any unexpected
    error in one file (reported with its name). Its articles are then written in transactions
    of up to ``WRITE_BATCH``, so that another window or command can write in between during a
    long import; a file that fails while being written keeps what was committed (importing it
    again adds the rest: identical texts are never stored twice). A library that cannot be
    written (``LibraryError``) stops the batch. ``progress`` counts articles once the files
    are read (files until then); ``is_cancelled`` is polled between transactions. A URL is
    fetched (``web_import.read_url``) and its page kept with the version; one that cannot be
    imported is reported with a one-line reason (DNS failure, timeout, 404, paywall...). The
    outlets of the imported articles get their repeated lines marked (``refresh_outlets``).
    """
    report = ImportReport()
    known: dict[str, list] = {}  # text -> its outlet line keys, from preparing (see refresh_outlets)
    files = expand_paths(paths, report.skipped, keep_urls=True)
    story_id, story_created = None, False
    if story is not None:  # "" or blanks: "A story needs a name." (ValueError) before anything is read
        story_id, changed = store.create_story(story)
        report.changes |= changed
        story_created = bool(changed.tables)
    total_files = len(files)
    for done, path in enumerate(files):
        if is_cancelled and is_cancelled():
            report.cancelled = True
            break
        if isinstance(path, str):  # a web address
            if progress:
                progress(done, total_files, f"Fetching {path[:80]}")
            _import_url(store, path, report, story_id, is_cancelled)
            if report.cancelled:
                break
            continue
        if progress:
            progress(done, total_files, f"Reading {path.name}")
        try:
            articles, warnings = read_file_report(path)
            report.warnings += [(str(path), warning) for warning in warnings]
        except ReadError as exc:
            report.failures.append((str(path), exc.reason))
            continue
        except ParallaxError:
            raise
        except Exception as exc:  # a bug of ours in one file: say which file, and go on
            report.failures.append((str(path), f"unexpected error: {type(exc).__name__}: {exc}"))
            continue
        try:
            _write_articles(store, articles, report, story_id, path.name,
                            progress if total_files == 1 else None, is_cancelled, known)
        except ParallaxError:
            raise
        except Exception as exc:
            report.failures.append((str(path), f"unexpected error: {type(exc).__name__}: {exc}"))
        if report.cancelled:
            break
    if story_created and not store.story(story_id).article_ids:  # nothing came in: no empty story left behind
        report.changes |= store.delete_story(story_id)
    if report.added or report.updated:
        report.changes |= refresh_outlets(store, report.added + report.updated, known)
    if report.added and story_id is None and store.has_suggestions():
        # Find Stories was used: new articles join a suggested story or start one (never a reader's)
        from desktop.core.stories.finding import place_new_articles

        if progress:
            progress(total_files, total_files, "Placing the new articles among the found stories")
        report.changes |= place_new_articles(store, report.added)
    if progress and not report.cancelled:
        count = len(report.article_ids) if total_files == 1 else total_files
        progress(count, count, "Import finished")
    return report


def _import_url(store: Store, url: str, report: ImportReport, story_id: int | None,
                is_cancelled: Callable[[], bool] | None) -> None:
    """Fetch, extract and store one web page; a failure is reported, never half-written."""
    try:
        web = read_url(url, is_cancelled)
    except FetchCancelled:
        report.cancelled = True
        return
    except ReadError as exc:
        report.failures.append((url, exc.reason))
        return
    except ParallaxError:
        raise
    except Exception as exc:  # a bug of ours on one page: say which, and go on
        report.failures.append((url, f"unexpected error: {type(exc).__name__}: {exc}"))
        return
    report.warnings += [(url, warning) for warning in web.warnings]
    parsed = web.page.article
    with store.batch():
        status, article_id, changes = store.save_article(
            parsed, detect_boilerplate(parsed.text, parsed.title), raw_html=web.raw_html)
        if status == "updated":
            changes |= store.reanchor_annotations(article_id)
        if story_id is not None:
            changes |= store.add_to_story(story_id, [article_id])
    getattr(report, status).append(article_id)
    report.changes |= changes


WRITE_BATCH = 1000  # articles per transaction in a large import
STATEMENT_BATCH = 200  # articles per store call (and per progress report)
KEPT_LINE_KEYS = 10_000  # articles whose outlet line keys an import keeps for refresh_outlets (memory)


def _write_articles(store: Store, articles: list[ParsedArticle], report: ImportReport, story_id: int | None,
                    name: str, progress: Progress | None, is_cancelled: Callable[[], bool] | None,
                    known: dict[str, list]) -> None:
    """Prepare and store the articles of one file; ``known`` gets the outlet line keys of those
    added or updated (text -> keys), so that ``refresh_outlets`` need not split them again."""
    with store.bulk_writing():
        _write_prepared(store, prepare_all(articles), len(articles), report, story_id, name, progress, is_cancelled,
                        known)


def _write_prepared(store: Store, prepared, total: int, report: ImportReport, story_id: int | None, name: str,
                    progress: Progress | None, is_cancelled: Callable[[], bool] | None,
                    known: dict[str, list]) -> None:
    for first in range(0, total, WRITE_BATCH):
        if first and is_cancelled and is_cancelled():
            report.cancelled = True
            return
        changed: list[Changes] = [report.changes]
        with store.batch():
            for start in range(first, min(first + WRITE_BATCH, total), STATEMENT_BATCH):
                chunk = list(islice(prepared, STATEMENT_BATCH))
                batch = [(parsed, ready.spans, ready.content_hash, ready.words) for parsed, ready in chunk]
                ids = []
                for (parsed, ready), (status, article_id, saved) in zip(chunk, store.save_articles(batch)):
                    if status != "unchanged" and ready.line_keys is not None and len(known) < KEPT_LINE_KEYS:
                        known[parsed.text] = ready.line_keys
                    getattr(report, status).append(article_id)
                    ids.append(article_id)
                    changed.append(saved)
                    if status == "updated":  # new text: annotations follow their words
                        changed.append(store.reanchor_annotations(article_id))
                if story_id is not None:
                    changed.append(store.add_to_story(story_id, ids))
                if progress:
                    done = start + len(batch)
                    progress(done, total, f"Importing {name}: {done:,} of {total:,} articles")
        report.changes = Changes.union(changed)


def articles_from_files(paths: Iterable[str | os.PathLike]) -> list:
    """Read files into transient ``Article`` objects (ids 1..N), without storing them:
    for comparing files that are not in the library. Raises ``ReadError`` on the first bad file."""
    from desktop.core.library.store import content_hash
    from desktop.core.models import Article

    articles = []
    for path in expand_paths(paths):
        for parsed in read_file(path):
            spans = tuple(
                BoilerplateSpan(s.start, s.end, s.kind, s.active, id=0)
                for s in detect_boilerplate(parsed.text, parsed.title)
            )
            article = Article(
                id=len(articles) + 1, title=parsed.title, source=parsed.source, author=parsed.author,
                published=parsed.published, url=parsed.url, origin=parsed.origin, text=parsed.text,
                version=1, version_id=0, content_hash=content_hash(parsed.text), word_count=0,
                boilerplate=spans,
            )
            articles.append(article)
    return articles


def import_pasted_text(
    store: Store, text: str, story_id: int | None = None
) -> tuple[str, int, Changes]:
    """Store text from the clipboard as a new article (optionally adding it to a story)."""
    from datetime import datetime

    origin = "clipboard:" + datetime.now(UTC).isoformat(timespec="seconds")
    parsed = read_text(text, origin)
    with store.batch():
        status, article_id, changes = save_parsed(store, parsed)
        if story_id is not None:
            changes |= store.add_to_story(story_id, [article_id])
        changes |= refresh_outlets(store, [article_id])
    return status, article_id, changes


__all__ = [
    "articles_from_files",
    "bundled_story",
    "bundled_story_name",
    "default_library_path",
    "expand_paths",
    "import_bundled_story",
    "import_pasted_text",
    "import_paths",
    "is_url",
    "open_library",
    "resolve_library_path",
    "save_parsed",
]
