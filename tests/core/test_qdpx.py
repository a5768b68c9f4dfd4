"""Annotations exported as a REFI-QDA project (.qdpx): schema-valid, sources, codes, notes, offsets, escaping."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema

from desktop.core.interchange.qdpx import annotations_qdpx
from desktop.core.library.store.tags import leaf_name
from desktop.core.notes.annotating import annotate
from tests.core.test_import_annotations import EMOJI_V2, NASTY_NOTE, build_varied
from tests.core.test_web_annotation import AWKWARD

XSD = Path(__file__).parents[1] / "data" / "refi-qda" / "Project.xsd"
Q = "{urn:QDA-XML:project:1.0}"
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(str(XSD))


class Project:
    """An exported .qdpx opened up: the archive, the parsed project.qde and the source texts."""

    def __init__(self, data: bytes):
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.xml = self.archive.read("project.qde")
        self.root = ET.fromstring(self.xml)

    def all(self, tag: str) -> list[ET.Element]:
        return list(self.root.iter(Q + tag))

    def text_of(self, source: ET.Element) -> str:
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt"
        return self.archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")

    def codes(self) -> dict[str, ET.Element]:
        return {c.get("guid"): c for c in self.all("Code")}

    def notes(self) -> dict[str, str]:
        return {n.get("guid"): n.find(Q + "PlainTextContent").text for n in self.all("Note")}

    def selections(self) -> list[tuple[ET.Element, ET.Element, str]]:
        """(source, selection, the selected text) for every selection."""
        out = []
        for source in self.all("TextSource"):
            text = self.text_of(source)
            for selection in source.findall(Q + "PlainTextSelection"):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                out.append((source, selection, text[start:end]))
        return out


@pytest.fixture
def varied(library):
    build_varied(library)
    return library


def test_project_is_valid_against_the_refi_qda_schema(varied, schema):
    project = Project(annotations_qdpx(varied))
    schema.validate(project.xml)  # raises with the first error
    assert project.root.tag == Q + "Project" and project.root.get("origin").startswith("Parallax")
    assert [child.tag[len(Q):] for child in project.root] == [
        "Users", "CodeBook", "Variables", "Sources", "Notes", "Links", "Description"]
    every_guid = [e.get(a) for e in project.root.iter() for a in ("guid", "targetGUID") if e.get(a)]
    assert every_guid and all(GUID.fullmatch(g) for g in every_guid)
    assert len({e.get("guid") for e in project.root.iter() if e.get("guid")}) == \
        len([e for e in project.root.iter() if e.get("guid")])  # every guid is unique


def test_empty_export_is_still_a_valid_project(library, schema):
    project = Project(annotations_qdpx(library, tag="nothing"))
    schema.validate(project.xml)
    assert project.all("TextSource") == [] and project.archive.namelist() == ["project.qde"]


def test_each_article_is_a_source_with_its_exact_text_and_metadata(varied):
    project = Project(annotations_qdpx(varied))
    sources = project.all("TextSource")
    assert sorted(project.archive.namelist()) == sorted(
        ["project.qde"] + [f"sources/{s.get('guid')}.txt" for s in sources])
    variables = {v.get("guid"): v.get("name") for v in project.all("Variable")}
    emoji = next(s for s in sources if "Emoji" in s.get("name") and "orphaned" not in s.get("name"))
    assert project.text_of(emoji) == EMOJI_V2  # byte for byte: CRLF and emoji kept
    values = {variables[v.find(Q + "VariableRef").get("targetGUID")]: v.find(Q + "TextValue").text
              for v in emoji.findall(Q + "VariableValue")}
    assert values == {"Title": "Emoji 😀 article", "Outlet": "Test Outlet", "Published": "2024-07-20",
                      "Parallax article": "test:emoji-article.txt", "Parallax text": "current"}
    assert emoji.get("name") == "Test Outlet - Emoji 😀 article" and emoji.get("creationDateTime")
    for source in sources:
        for selection in source.findall(Q + "PlainTextSelection"):
            assert selection.get("creationDateTime").endswith("Z")  # QualCoder reads these


def test_offsets_are_half_open_code_points(varied):
    project = Project(annotations_qdpx(varied))
    by_quote = {quote: (source, selection) for source, selection, quote in project.selections()}
    source, selection = by_quote["said 🎉 the ban"]
    text, start = project.text_of(source), int(selection.get("startPosition"))
    assert int(selection.get("endPosition")) - start == len("said 🎉 the ban") == 14  # 🎉 counts 1
    assert text.index("said 🎉 the ban") == start
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 1  # not UTF-16 units: 😀 before it
    assert len(text[:start].encode("utf-8")) == start + 3  # nor UTF-8 bytes
    annotation = next(a for a in varied.annotations() if a.exact == "said 🎉 the ban")
    assert (start, int(selection.get("endPosition"))) == (annotation.start, annotation.end)


def test_tags_are_codes_with_colours_and_codings(varied):
    project = Project(annotations_qdpx(varied))
    codes = project.codes()
    assert sorted(c.get("name") for c in codes.values()) == sorted(
        ["ban date", "conflict, maybe", "lost", "=HYPERLINK(\"x\")", "+1", "@SUM(A1)"])
    assert {c.get("name"): c.get("color") for c in codes.values()}["ban date"] == "#FF8800"
    assert all(c.get("isCodable") == "true" for c in codes.values())
    by_quote = {quote: selection for _, selection, quote in project.selections()}
    coded = [codes[c.find(Q + "CodeRef").get("targetGUID")].get("name")
             for c in by_quote["Sept. 29"].findall(Q + "Coding")]
    assert coded == ["ban date", "conflict, maybe"]
    plain = next(s for q, s in by_quote.items() if not s.findall(Q + "NoteRef") and q.isalpha())
    assert plain.findall(Q + "Coding") == []  # untagged: no code, a plain selection (an annotation in QualCoder)


def test_notes_are_descriptions_and_notes(varied):
    project = Project(annotations_qdpx(varied))
    notes = project.notes()
    by_quote = {quote: selection for _, selection, quote in project.selections()}
    for quote, note in (("Sept. 29", NASTY_NOTE), ("said 🎉 the ban", "emoji 😀\r\nCRLF note\r\n")):
        selection = by_quote[quote]
        assert selection.find(Q + "Description").text == note
        assert notes[selection.find(Q + "NoteRef").get("targetGUID")] == note
    assert all(n.get("creationDateTime") for n in project.all("Note"))


def test_orphans_sit_in_an_orphaned_passages_source(varied):
    project = Project(annotations_qdpx(varied))
    [(source, _, quote)] = [s for s in project.selections() if "orphaned passages" in s[0].get("name")]
    assert quote == "A passage that will be cut away"
    orphan = next(a for a in varied.annotations() if a.orphaned)
    assert project.text_of(source) == orphan.prefix + orphan.exact + orphan.suffix


def test_links_join_selections(varied):
    project = Project(annotations_qdpx(varied))
    guid_to_quote = {selection.get("guid"): quote for _, selection, quote in project.selections()}
    links = {(guid_to_quote[link.get("originGUID")], guid_to_quote[link.get("targetGUID")], link.get("name"),
              link.get("direction")) for link in project.all("Link")}
    assert links == {("Sept. 29", "$721 million", "supports", "OneWay"),
                     ("said 🎉 the ban", "Sept. 29", "same fact", "Associative"),
                     (next(q for q in guid_to_quote.values() if q.isalpha() and " " not in q),
                      "A passage that will be cut away", "contradicts", "OneWay")}


@pytest.mark.parametrize("awkward", AWKWARD)
def test_awkward_notes_and_tags_come_back_unchanged(library, schema, awkward):
    article = library.article(library.stories()[0].article_ids[0])
    annotate(library, article.id, article.text.split()[4], note=awkward, tags=[awkward.strip(), "plain"])
    project = Project(annotations_qdpx(library))
    schema.validate(project.xml)
    [(_, selection, _)] = project.selections()
    assert selection.find(Q + "Description").text == awkward
    assert list(project.notes().values()) == [awkward]
    # a "/" in a tag name makes a path ("a/b" is "b" inside "a"): the code of its last part is there
    assert leaf_name(awkward) in [c.get("name") for c in project.codes().values()]


def test_control_characters_xml_cannot_hold_become_replacement_characters(library, schema):
    article = library.article(library.stories()[0].article_ids[0])
    annotate(library, article.id, article.text.split()[4], note="bell\x07 and nul\x00", tags=["esc\x1b"])
    project = Project(annotations_qdpx(library))
    schema.validate(project.xml)
    assert list(project.notes().values()) == ["bell\ufffd and nul\ufffd"]
    assert [c.get("name") for c in project.codes().values()] == ["esc\ufffd"]
