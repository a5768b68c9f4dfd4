"""Annotations imported back from W3C JSON-LD and REFI-QDA: round trips, re-attachment, duplicates, bad files."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from desktop.core.errors import NotFound
from desktop.core.interchange.export_annotations import export_annotations
from desktop.core.interchange.import_annotations import AnnotationFileError, import_annotations
from desktop.core.library import open_library
from desktop.core.models import Changes, ParsedArticle
from desktop.core.notes.anchoring import make_anchor
from desktop.core.notes.annotating import COLORS, annotate, reanchor_article

NASTY_NOTE = ('**Bold** claim, with "quotes", a\ttab,\nnew lines, emoji 😀, </script>, '
              "- a list item\n=SUM(A1) +1 -2 @me")
FORMULA_TAGS = ["=HYPERLINK(\"x\")", "+1", "@SUM(A1)"]
EMOJI_V1 = ("Intro 😀 line.\r\nThe minister said 🎉 the ban starts Sept. 29.\r\n"
            "A passage that will be cut away later.\r\nEnd 👋.")
EMOJI_V2 = "Intro 😀 line, edited.\r\nThe minister said 🎉 the ban starts Sept. 29.\r\nEnd 👋."
EMOJI_ORIGIN = "test:emoji-article.txt"
FIELDS = ("exact", "start", "end", "note", "tags", "color", "orphaned", "created", "updated")


def add_emoji_article(store, text: str = EMOJI_V2, origin: str = EMOJI_ORIGIN) -> int:
    _, article_id, _ = store.save_article(ParsedArticle(
        text=text, origin=origin, title="Emoji 😀 article", source="Test Outlet", published="2024-07-20"))
    return article_id


def build_varied(store) -> dict[str, int]:
    """Every kind of annotation: Markdown notes, awkward tags, colours, emoji, CRLF, multi-line quotes,
    an orphan and links. Returns the annotation ids by a short name."""
    articles = [store.article(a) for a in store.stories()[0].article_ids]
    bitdefender = next(a for a in articles if a.source == "Bitdefender")
    other = next(a for a in articles if a.source != "Bitdefender")
    ids = {}
    ids["nasty"], _ = annotate(store, bitdefender.id, "Sept. 29", note=NASTY_NOTE,
                               tags=["ban date", "conflict, maybe"], color="red")
    ids["formula"], _ = annotate(store, bitdefender.id, "$721 million", note=FORMULA_TAGS[0],
                                 tags=FORMULA_TAGS, color="blue")
    ids["plain"], _ = annotate(store, other.id, other.text.split()[3], color="grey")
    newline = other.text.index("\n", 20)
    ids["multiline"], _ = annotate(store, other.id, other.text[newline - 12:newline + 12], note="two lines",
                                   color="green")
    emoji = add_emoji_article(store, EMOJI_V1)
    ids["orphan"], _ = annotate(store, emoji, "A passage that will be cut away", note="soon gone",
                                tags=["lost"], color="purple")
    ids["emoji"], _ = annotate(store, emoji, "said 🎉 the ban", note="emoji 😀\r\nCRLF note\r\n",
                               tags=["ban date"], color="teal")
    add_emoji_article(store, EMOJI_V2)
    reanchor_article(store, emoji)
    assert store.annotation(ids["orphan"]).orphaned and not store.annotation(ids["emoji"]).orphaned
    store.link_annotations(ids["nasty"], ids["formula"], "supports")
    store.link_annotations(ids["emoji"], ids["nasty"], "same fact")
    store.link_annotations(ids["plain"], ids["orphan"], "contradicts")
    store.set_tag_color("ban date", "#FF8800")
    store.set_tag_color("lost", "#00AA55")
    return ids


def identity(store, article_id: int) -> str:
    article = store.article(article_id)
    return article.url or article.origin


def snapshot(store, fields=FIELDS) -> list[tuple]:
    return sorted((identity(store, a.article_id),) + tuple(getattr(a, f) for f in fields)
                  for a in store.annotations())


def attached_rows(store, fields) -> list[tuple]:
    return sorted((identity(store, a.article_id),) + tuple(getattr(a, f) for f in fields)
                  for a in store.annotations() if not a.orphaned)


def orphan_rows(store, fields) -> list[tuple]:
    return sorted((identity(store, a.article_id),) + tuple(getattr(a, f) for f in fields)
                  for a in store.annotations() if a.orphaned)


def link_snapshot(store) -> set[tuple]:
    def key(annotation_id):
        a = store.annotation(annotation_id)
        return identity(store, a.article_id), a.exact, a.note

    links = {link for a in store.annotations() for link in store.annotation_links(a.id)}
    return {(key(link.from_id), key(link.to_id), link.kind) for link in links}


def tag_colors(store) -> dict:
    return {t.name: t.color for t in store.tags() if t.count}


@pytest.fixture
def varied(library):
    build_varied(library)
    return library


@pytest.fixture
def fresh(tmp_path):
    with open_library(tmp_path / "fresh.sqlite") as store:
        yield store


def test_jsonld_round_trip_gives_the_same_annotations(varied, fresh):
    data = export_annotations(varied, "jsonld").encode("utf-8")
    add_emoji_article(fresh)  # JSON-LD carries no text: the articles must be in the library
    report = import_annotations(fresh, data)
    assert (report.attached, report.orphaned, report.duplicates, report.unplaced) == (5, 1, 0, 0)
    assert report.links == 3 and not report.problems
    assert snapshot(fresh) == snapshot(varied)
    assert link_snapshot(fresh) == link_snapshot(varied)
    assert tag_colors(fresh) == tag_colors(varied)


def test_qdpx_round_trip_keeps_what_the_format_carries(varied, fresh):
    data = export_annotations(varied, "qdpx")
    report = import_annotations(fresh, data)
    assert (report.attached, report.orphaned, report.duplicates, report.unplaced) == (5, 1, 0, 0)
    assert len(report.articles_added) == 1 and report.links == 3  # the emoji article came with its text
    created = fresh.article(report.articles_added[0])
    assert (created.text, created.origin, created.title, created.source, created.published) == (
        EMOJI_V2, EMOJI_ORIGIN, "Emoji 😀 article", "Test Outlet", "2024-07-20")
    # colours are not part of REFI-QDA (imported as yellow); an orphan's offsets are not either
    attached = ("exact", "start", "end", "note", "tags", "created", "updated")
    assert attached_rows(fresh, attached) == attached_rows(varied, attached)
    orphaned = ("exact", "prefix", "suffix", "note", "tags", "created")
    assert orphan_rows(fresh, orphaned) == orphan_rows(varied, orphaned) != []
    assert {a.color for a in fresh.annotations()} == {"yellow"}
    assert link_snapshot(fresh) == link_snapshot(varied)
    assert tag_colors(fresh) == tag_colors(varied)


@pytest.mark.parametrize("fmt", ["jsonld", "qdpx"])
def test_importing_the_same_file_twice_adds_nothing(varied, fresh, fmt, tmp_path):
    path = tmp_path / f"notes.{fmt}"
    data = export_annotations(varied, fmt)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    add_emoji_article(fresh)
    first = import_annotations(fresh, path)
    before = snapshot(fresh)
    second = import_annotations(fresh, path)
    assert first.imported == 6
    assert (second.attached, second.orphaned, second.duplicates, second.links) == (0, 0, 6, 0)
    assert snapshot(fresh) == before and second.articles_added == []
    # and into the library it came from: everything is already there
    again = import_annotations(varied, path)
    assert again.duplicates == 6 and again.imported == 0


def test_quote_decides_the_span_and_position_is_only_a_hint(library, fresh):
    article = add_emoji_article(library)
    annotate(library, article, "the ban starts", note="moved")
    data = export_annotations(library, "jsonld").encode("utf-8")
    edited = "A new first paragraph pushes everything down.\r\n" + EMOJI_V2
    add_emoji_article(fresh, edited)
    report = import_annotations(fresh, data)
    [moved] = fresh.annotations(article_id=fresh.annotations()[0].article_id)
    assert report.attached == 1 and not moved.orphaned
    assert edited[moved.start:moved.end] == "the ban starts" and moved.start > EMOJI_V2.index("the ban")


def test_article_missing_from_the_library_is_reported_not_imported(varied, fresh):
    report = import_annotations(fresh, export_annotations(varied, "jsonld").encode("utf-8"))
    assert (report.attached, report.unplaced) == (4, 2)
    assert all("Emoji 😀 article" in p and "not in the library" in p for p in report.problems)
    assert "2 unplaced" in report.summary()


def test_quote_no_longer_in_the_article_becomes_an_orphan(library, fresh):
    article = add_emoji_article(library)
    annotate(library, article, "Intro 😀 line, edited", note="kept")
    data = export_annotations(library, "jsonld").encode("utf-8")
    add_emoji_article(fresh, "Something else entirely.\r\nThe minister said 🎉 the ban starts Sept. 29.")
    report = import_annotations(fresh, data)
    [kept] = fresh.annotations(article_id=fresh.annotations()[0].article_id)
    assert report.orphaned == 1 and kept.orphaned
    assert (kept.exact, kept.note) == ("Intro 😀 line, edited", "kept")


def test_qdpx_source_matches_an_article_by_its_text_when_the_identity_differs(library, fresh):
    add_emoji_article(library)
    annotate(library, _emoji_id(library), "the ban starts")
    data = export_annotations(library, "qdpx")
    same_text = add_emoji_article(fresh, origin="elsewhere/emoji.txt")
    report = import_annotations(fresh, data)
    assert report.articles_added == [] and report.attached == 1
    assert fresh.annotations()[0].article_id == same_text


def _emoji_id(store) -> int:
    return next(a.id for a in store.articles() if a.title == "Emoji 😀 article")


FOREIGN_QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From QualCoder" origin="QualCoder 3.5">
<Users><User guid="11111111-1111-4111-8111-111111111111" name="coder"/></Users>
<CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="Sanctions" isCodable="true"
 color="#AA0000"/></Codes></CodeBook>
<Sources>
<TextSource guid="33333333-3333-4333-8333-333333333333" name="interview.txt"
 plainTextPath="internal://33333333-3333-4333-8333-333333333333.txt">
<PlainTextSelection guid="44444444-4444-4444-8444-444444444444" startPosition="{start}" endPosition="{end}"
 creationDateTime="2021-01-15T23:37:54Z">
<Description>coding memo</Description>
<Coding guid="55555555-5555-4555-8555-555555555555"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/>
</Coding></PlainTextSelection>
<NoteRef targetGUID="66666666-6666-4666-8666-666666666666"/>
</TextSource></Sources>
<Notes><Note guid="66666666-6666-4666-8666-666666666666" modifiedDateTime="2021-01-15T23:37:54Z">
<PlainTextContent>an annotation, QualCoder style</PlainTextContent>
<PlainTextSelection guid="77777777-7777-4777-8777-777777777777" startPosition="{n0}" endPosition="{n1}"/>
</Note></Notes>
</Project>"""


def foreign_qdpx(text: str, quote: str, noted: str, edit=lambda qde: qde) -> bytes:
    start, n0 = text.index(quote), text.index(noted)
    qde = edit(FOREIGN_QDE.format(start=start, end=start + len(quote), n0=n0, n1=n0 + len(noted)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("Sources/33333333-3333-4333-8333-333333333333.txt", text.encode("utf-8"))
    return buffer.getvalue()


def test_foreign_qdpx_finds_the_article_by_its_quotes(library):
    article = next(library.article(a) for a in library.stories()[0].article_ids)
    lines = [line for line in article.text.split("\n") if len(line) > 60]
    quote, noted = lines[0][10:40], lines[1][5:30]
    edited = "Transcribed by hand:\n" + article.text.replace(lines[2][:20], lines[2][:20].upper(), 1)
    report = import_annotations(library, foreign_qdpx(edited, quote, noted))
    assert (report.attached, report.articles_added) == (2, [])
    coded, noted_one = sorted(library.annotations(article_id=article.id), key=lambda a: a.exact != quote)
    assert article.text[coded.start:coded.end] == quote and coded.tags == ("Sanctions",)
    assert coded.note == "coding memo" and coded.created == "2021-01-15T23:37:54+00:00"
    assert noted_one.exact == noted and noted_one.note == "an annotation, QualCoder style"
    assert {t.name: t.color for t in library.tags()}["Sanctions"] == "#AA0000"


def test_foreign_qdpx_with_an_unknown_text_imports_it_as_an_article(library):
    text = "A transcript 😀 that is in no library.\nIt mentions sanctions twice: sanctions."
    story_id, _ = library.create_story("Imported")
    report = import_annotations(library, foreign_qdpx(text, "sanctions twice", "A transcript 😀"), story_id)
    [article_id] = report.articles_added
    created = library.article(article_id)
    assert created.text == text and created.title == "interview.txt" and created.origin.startswith("qdpx:")
    assert library.story(story_id).article_ids == (article_id,)
    assert {a.exact for a in library.annotations(article_id=article_id)} == {"sanctions twice", "A transcript 😀"}


def test_foreign_jsonld_single_annotation_with_body_value(library):
    _, article_id, _ = library.save_article(ParsedArticle(
        text="A page on the web, with words to quote.", origin="x.html", url="https://example.org/a"))
    article, quote = library.article(article_id), "words to quote"
    doc = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/anno1", "type": "Annotation",
           "bodyValue": "from another tool", "created": "last Tuesday",
           "target": {"source": article.url, "selector": {"type": "TextQuoteSelector", "exact": quote}}}
    report = import_annotations(library, json.dumps(doc).encode("utf-8"))
    [imported] = library.annotations()
    assert report.attached == 1 and imported.note == "from another tool"
    assert article.text[imported.start:imported.end] == quote and imported.color == "yellow"
    assert imported.created.startswith("20")  # not a time: the import's time instead


def test_position_without_a_quote_is_used_only_inside_the_text(library):
    _, article_id, _ = library.save_article(ParsedArticle(
        text="Only positions here.", origin="p.txt", url="https://example.org/p"))
    items = [{"id": f"urn:{n}", "type": "Annotation", "target": {
        "source": "https://example.org/p", "selector": {"type": "TextPositionSelector", "start": s, "end": e}}}
        for n, (s, e) in enumerate([(5, 14), (5, 99)])]
    report = import_annotations(library, _jsonld(items))
    [placed] = library.annotations(article_id=article_id)
    assert (report.attached, report.unplaced, placed.exact) == (1, 1, "positions")
    assert "its position is not in the article's text" in report.problems[0]


def _jsonld(items, **extra) -> bytes:
    doc = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x", "type": "AnnotationCollection",
           "first": {"id": "urn:y", "type": "AnnotationPage", "items": items}, **extra}
    return json.dumps(doc).encode("utf-8")


def _good_item(store) -> dict:
    article = store.article(store.stories()[0].article_ids[0])
    return {"id": "urn:a", "type": "Annotation", "target": {
        "source": article.url or "urn:parallax:article:x",
        "selector": [{"type": "TextQuoteSelector", "exact": article.text.split()[2]}]}}


def _zip(**members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


BAD_FILES = {
    "bad json": (".jsonld", lambda s: b'{"type": "AnnotationCollection",', "not valid JSON"),
    "not annotations": (".json", lambda s: b'{"hello": "world"}', "not a W3C Web Annotation document"),
    "item without target": (".jsonld", lambda s: _jsonld([_good_item(s), {"type": "Annotation"}]),
                            "annotation 2: has no target"),
    "bad position": (".jsonld", lambda s: _jsonld([_good_item(s), {**_good_item(s), "target": {
        "source": "urn:x", "selector": {"type": "TextPositionSelector", "start": 9, "end": 3}}}]),
                     "annotation 2: the TextPositionSelector needs whole numbers"),
    "huge position": (".jsonld", lambda s: _jsonld([{**_good_item(s), "target": {
        "source": "urn:x", "selector": {"type": "TextPositionSelector", "start": 10**20, "end": 10**20 + 5}}}]),
                      "annotation 1: the TextPositionSelector needs whole numbers"),
    "remote pages": (".jsonld", lambda s: json.dumps({"type": "AnnotationCollection", "total": 3,
                                                       "first": "http://example.org/page1"}).encode(),
                     "pages are not in the file"),
    "not a zip": (".qdpx", lambda s: b"PK but not really a zip archive", "and this is not one"),
    "no project.qde": (".qdpx", lambda s: _zip(readme__txt="hi"), "no project.qde"),
    "bad xml": (".qdpx", lambda s: _zip(**{"project.qde": "<Project xmlns='urn:QDA-XML:project:1.0'><Sources>"}),
                "not well-formed XML"),
    "wrong root": (".qdpx", lambda s: _zip(**{"project.qde": "<Codebook/>"}), "not a REFI-QDA project"),
    "offsets outside the text": (".qdpx", lambda s: foreign_qdpx("short text", "short", "text", lambda q: (
        q.replace('startPosition="0" endPosition="5"', 'startPosition="3" endPosition="500"'))),
        "positions 3..500"),
    "unknown code": (".qdpx", lambda s: foreign_qdpx("short text", "short", "text", lambda q: (
        q.replace('CodeRef targetGUID="2222', 'CodeRef targetGUID="9999'))), "not in the CodeBook"),
    "missing source text": (".qdpx", lambda s: _zip(**{"project.qde": FOREIGN_QDE.format(
        start=0, end=1, n0=0, n1=1)}), "is not in the archive"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_malformed_files_fail_clearly_and_import_nothing(varied, tmp_path, case):
    suffix, make, message = BAD_FILES[case]
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(make(varied))
    before = (snapshot(varied), [a.id for a in varied.articles()], varied.tags())
    with pytest.raises(AnnotationFileError) as caught:
        import_annotations(varied, path)
    assert message in str(caught.value) and str(path) in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert (snapshot(varied), [a.id for a in varied.articles()], varied.tags()) == before


def test_missing_file_is_a_clear_error(library, tmp_path):
    with pytest.raises(AnnotationFileError, match="cannot read it"):
        import_annotations(library, tmp_path / "nowhere.jsonld")


# ------------------------------------------------------------------ many notes at once


def build_many(store) -> list[int]:
    """About 300 notes: on the bundled articles (Markdown notes, colours, tags some of which differ
    only in case), orphans on the emoji article, three on an article an importing library lacks, and
    links (some to an orphan, some to those three). Returns the annotation ids."""
    for n, article_id in enumerate(store.stories()[0].article_ids):
        text = store.article(article_id).text
        for i in range(56):
            start = (i * 97 + n * 13) % (len(text) - 60)
            end = start + 5 + (i * 7) % 50
            anchor = make_anchor(text, start, end)
            store.add_annotation(
                article_id, start, end, anchor.exact, anchor.prefix, anchor.suffix, color=COLORS[i % len(COLORS)],
                note=NASTY_NOTE if i % 4 == 0 else (f"note {i} 😀" if i % 3 else ""),
                tags=[["ban date"], ["Ban Date", "conflict", "BAN DATE"], [], [f"tag {i % 9}"]][i % 4])
    emoji = add_emoji_article(store, EMOJI_V1)
    for quote in ("A passage", "passage that", "will be cut", "cut away later", "that will", "said 🎉 the ban"):
        annotate(store, emoji, quote, note=f"on {quote}", tags=["lost"] if "a" in quote else [], color="purple")
    add_emoji_article(store, EMOJI_V2)
    reanchor_article(store, emoji)
    _, elsewhere, _ = store.save_article(ParsedArticle(text="Only the first library has this article, with words.",
                                                       origin="test:only-here.txt", title="Only here"))
    for quote in ("first library", "this article", "with words"):
        annotate(store, elsewhere, quote, note="not placed", tags=["nowhere"])
    ids = [a.id for a in store.annotations()]
    kinds = ("same fact", "supports", "contradicts")
    for k in range(0, len(ids) - 1, 4):
        store.link_annotations(ids[k], ids[k + 1], kinds[k % 3])
        store.link_annotations(ids[k + 1], ids[-1 - k % 9], kinds[(k + 1) % 3])
    store.set_tag_color("ban date", "#FF8800")
    store.set_tag_color("conflict", "#0088FF")
    return ids


ALL_FIELDS = FIELDS + ("prefix", "suffix")


def test_a_bulk_import_equals_the_same_notes_imported_one_by_one(library, tmp_path):
    build_many(library)
    doc = json.loads(export_annotations(library, "jsonld"))
    items = doc["first"]["items"]
    # the same note twice in one file (another id): a duplicate, and links to it land on the first
    twin = {**items[7], "id": "urn:twin", "parallax:links": [{"target": items[30]["id"], "type": "supports"}]}
    items.append(twin)
    data = json.dumps(doc).encode("utf-8")
    with open_library(tmp_path / "whole.sqlite") as whole, open_library(tmp_path / "one.sqlite") as by_one:
        add_emoji_article(whole)
        add_emoji_article(by_one)
        report = import_annotations(whole, data)
        # note by note: one file per note (links need both ends in the file), then the whole file,
        # which finds every note already there and adds only the links
        singles = [import_annotations(by_one, _jsonld([item], **{"parallax:tags": doc["parallax:tags"]}))
                   for item in items]
        final = import_annotations(by_one, data)

        assert len(items) == 290 and report.orphaned == 5 and report.unplaced == 3 and report.links > 100
        assert report.duplicates == 1 == sum(r.duplicates for r in singles)
        for count in ("attached", "orphaned", "unplaced"):
            assert getattr(report, count) == sum(getattr(r, count) for r in singles)
        assert (final.attached, final.orphaned, final.duplicates) == (0, 0, len(items) - 3)
        assert final.links == report.links
        assert snapshot(whole, ALL_FIELDS) == snapshot(by_one, ALL_FIELDS)
        assert link_snapshot(whole) == link_snapshot(by_one)
        assert tag_colors(whole) == tag_colors(by_one)
        assert (tag_colors(whole)["ban date"], tag_colors(whole)["conflict"], len(tag_colors(whole))) == (
            "#FF8800", "#0088FF", 12)
        assert sorted(report.annotation_ids) == [a.id for a in whole.annotations()]
        assert report.changes.tables >= {"annotations", "annotation_tags", "annotation_links", "tags"}
        # the notes are in the full-text index
        for store in (whole, by_one):
            found = {a.id for a in store.search_annotations("bold claim", limit=1000)}
            assert found == {a.id for a in store.annotations() if a.note == NASTY_NOTE} and len(found) == 70


def test_many_notes_from_qdpx_twice_are_all_duplicates_the_second_time(library, fresh):
    ids = build_many(library)
    data = export_annotations(library, "qdpx")
    first = import_annotations(fresh, data)
    before = snapshot(fresh)
    second = import_annotations(fresh, data)
    assert first.imported == len(ids) and first.orphaned == 5 and len(first.articles_added) == 2
    assert first.links == len(library.links_of(ids))
    assert (second.imported, second.duplicates, second.links, second.articles_added) == (0, len(ids), 0, [])
    assert snapshot(fresh) == before


def _records(store) -> list[dict]:
    records = []
    for n, article_id in enumerate(store.stories()[0].article_ids):
        text = store.article(article_id).text
        for i in range(8):
            start = 40 * i + n
            anchor = make_anchor(text, start, start + 12 + i)
            records.append({"article_id": article_id, "start": start, "end": anchor.end, "exact": anchor.exact,
                            "prefix": anchor.prefix, "suffix": anchor.suffix, "note": f"n{i}",
                            "color": COLORS[i % 4], "tags": [["x", "X", "new one"], [], ["y", "x"]][i % 3],
                            "created": "2024-01-02T03:04:05+00:00" if i % 2 else None})
    records.append({**records[0], "start": 0, "end": 9, "exact": "not in the text", "orphaned": True})
    return records


def test_add_annotations_equals_add_annotation_one_at_a_time(library, tmp_path):
    with open_library(tmp_path / "other.sqlite") as other:
        records = _records(library)
        assert records == _records(other)  # the same bundled story, the same ids
        one_ids, one_changes = [], Changes()
        for record in records:
            annotation_id, changes = library.add_annotation(**record)
            one_ids.append(annotation_id)
            one_changes |= changes
        bulk_ids, bulk_changes = other.add_annotations(records)
        assert bulk_ids == one_ids and bulk_changes == one_changes
        assert bulk_changes.tables == {"annotations", "annotation_tags", "tags"}

        def rows(store):
            return [(a.id, a.article_id, a.version_id, a.start, a.end, a.exact, a.prefix, a.suffix, a.color,
                     a.note, a.tags, a.orphaned, a.created, a.updated == a.created) for a in store.annotations()]

        assert rows(other) == rows(library) and len(rows(other)) == len(records)
        assert [(t.name, t.count) for t in other.tags()] == [(t.name, t.count) for t in library.tags()]
        assert other.tags()[0].name == "new one" and other.annotation(bulk_ids[0]).tags == ("new one", "x")
    assert library.add_annotations([]) == ([], Changes())


def test_add_annotations_never_reuses_an_id_and_writes_nothing_when_a_record_is_bad(library):
    records = _records(library)
    last, _ = library.add_annotation(**records[0])
    library.delete_annotation(last)
    before = (snapshot(library), library.tags())
    bad = {**records[2], "exact": "not what is there"}
    with pytest.raises(ValueError, match="does not match"):
        library.add_annotations([{**records[1], "tags": ["brand new"]}, bad])
    with pytest.raises(NotFound):
        library.add_annotations([{**records[1], "article_id": 9999}])
    assert (snapshot(library), library.tags()) == before
    ids, _ = library.add_annotations(records[:3])
    assert ids == [last + 1, last + 2, last + 3]
    assert library.add_annotation(**records[3])[0] == last + 4


def test_add_annotation_links_equals_link_annotations_one_at_a_time(library, tmp_path):
    with open_library(tmp_path / "other.sqlite") as other:
        records = _records(library)
        ids, _ = library.add_annotations(records)
        assert other.add_annotations(records)[0] == ids
        for store in (library, other):
            store.link_annotations(ids[0], ids[1], "supports")  # already there before
        links = [(ids[0], ids[1], "supports"), (ids[1], ids[0], "supports"), (ids[2], ids[3], "same fact"),
                 (ids[2], ids[3], "same fact"), (ids[2], ids[3], "contradicts"), (ids[4], ids[-1], "supports")]
        one_ids, one_changes = [], Changes()
        for link in links:
            link_id, changes = library.link_annotations(*link)
            one_changes |= changes
            if changes.tables:
                one_ids.append(link_id)
        bulk_ids, bulk_changes = other.add_annotation_links(links)
        assert bulk_ids == one_ids and len(bulk_ids) == 4 and bulk_changes == one_changes

        def rows(store):
            return sorted((link.id, link.from_id, link.to_id, link.kind) for link in store.links_of(ids))

        assert rows(other) == rows(library)
        with pytest.raises(ValueError, match="Unknown link kind"):
            other.add_annotation_links([(ids[5], ids[6], "refutes")])
        with pytest.raises(NotFound):
            other.add_annotation_links([(ids[5], ids[6], "supports"), (ids[5], 99999, "supports")])
        assert rows(other) == rows(library)


@pytest.mark.parametrize("fmt", ["jsonld", "qdpx"])
def test_two_highlights_of_one_passage_with_other_tags_both_come_back(library, fresh, fmt):
    article = add_emoji_article(library)
    annotate(library, article, "the ban starts", tags=["verify"])
    annotate(library, article, "the ban starts", tags=["conflict"], color="red")
    annotate(library, article, "the ban starts", tags=["conflict"], color="red")  # a true copy: one comes back
    data = export_annotations(library, fmt)
    if fmt == "jsonld":
        add_emoji_article(fresh)
    report = import_annotations(fresh, data if isinstance(data, bytes) else data.encode("utf-8"))
    assert (report.attached, report.duplicates) == (2, 1)
    back = sorted((a.exact, a.tags, a.color) for a in fresh.annotations())
    colors = ("red", "yellow") if fmt == "jsonld" else ("yellow", "yellow")  # REFI-QDA carries no colour
    assert back == [("the ban starts", ("conflict",), colors[0]), ("the ban starts", ("verify",), colors[1])]
    again = import_annotations(fresh, data if isinstance(data, bytes) else data.encode("utf-8"))
    assert again.imported == 0 and again.duplicates == 3


def test_a_note_whose_tag_case_or_colour_name_differs_is_still_a_duplicate(library, fresh):
    article = add_emoji_article(library)
    annotate(library, article, "the ban starts", tags=["Verify"])
    data = json.loads(export_annotations(library, "jsonld"))
    add_emoji_article(fresh)
    first = import_annotations(fresh, json.dumps(data).encode("utf-8"))
    assert first.attached == 1
    [item] = [i for i in data["first"]["items"] if i["target"]["selector"][0]["exact"] == "the ban starts"]
    item["body"] = [{**b, "value": b["value"].lower()} for b in item["body"]]  # "verify": the same tag
    item["parallax:color"] = "Yellow"  # a colour the library does not know: stored as yellow
    again = import_annotations(fresh, json.dumps(data).encode("utf-8"))
    assert (again.attached, again.duplicates) == (0, 1) and len(fresh.annotations()) == 1
