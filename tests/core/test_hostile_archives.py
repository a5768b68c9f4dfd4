"""REFI-QDA archives (.qdpx) against zip bombs and XML attacks (issue #10), imported into real libraries.

Bombs are built by tests/data/hostile/make_hostile.py: about 1 MB on disk, 1 GiB unpacked.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from desktop.core.interchange.import_annotations import AnnotationFileError, import_annotations
from desktop.core.interchange.qdpx import MAX_ARCHIVE_BYTES, MAX_ARCHIVE_MEMBERS
from desktop.core.library.readers import MAX_FILE_BYTES

_spec = importlib.util.spec_from_file_location("make_hostile", Path(__file__).parents[1] / "data/hostile/make_hostile.py")
make_hostile = sys.modules.setdefault("make_hostile", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(make_hostile)
m = make_hostile

SOURCE = f"sources/{m.SOURCE_GUID}.txt"


def refused(store, tmp_path: Path, data: bytes, name: str = "hostile.qdpx") -> str:
    """The refusal's text for the archive ``data``; checks that nothing was written."""
    path = tmp_path / name
    path.write_bytes(data)
    before = ([a.id for a in store.articles()], [a.id for a in store.annotations()])
    with pytest.raises(AnnotationFileError) as caught:
        import_annotations(store, path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and message.endswith("; nothing was imported.")
    assert "\n" not in message
    assert ([a.id for a in store.articles()], [a.id for a in store.annotations()]) == before
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return message[len(str(path)) + 2:]


def timed_refusal(store, tmp_path, data) -> tuple[str, float, int]:
    """(reason, seconds, peak bytes traced by tracemalloc) of refusing ``data``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        reason = refused(store, tmp_path, data)
        return reason, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# ------------------------------------------------------------------------------ zip bombs


def test_a_1mb_zip_bomb_is_refused_at_once_by_its_declared_size(library, tmp_path):
    bomb = m.zip_bomb()
    assert len(bomb) < 1.1 * 2**20
    reason, seconds, peak = timed_refusal(library, tmp_path, bomb)
    assert reason == ("its project and texts would unpack to 1,024 MB; Parallax reads up to 200 MB from one "
                      "archive; nothing was imported.")
    assert seconds < 1 and peak < 20 * 2**20


def test_a_zip_bomb_that_lies_about_its_size_is_cut_off_where_it_said_it_ends(library, tmp_path):
    reason, seconds, peak = timed_refusal(library, tmp_path, m.zip_bomb(declared=1000))
    assert reason == "cannot unpack project.qde (Bad CRC-32 for file 'project.qde'); nothing was imported."
    assert seconds < 1 and peak < 20 * 2**20  # not the gigabyte


def test_a_source_text_that_lies_about_its_size_is_read_in_chunks_up_to_that_size(library, tmp_path):
    project = m.stored("project.qde", m.project().encode())
    bomb = m.zip_bomb(SOURCE, declared=20 * 2**20, extra=[project])
    reason, seconds, peak = timed_refusal(library, tmp_path, bomb)
    assert reason.startswith(f"cannot unpack {SOURCE} (Bad CRC-32")
    assert seconds < 1 and peak < 60 * 2**20  # the 20 MB it declared (joined once), not 1 GiB


def test_a_source_text_over_the_article_limit_is_refused(library, tmp_path):
    big = MAX_FILE_BYTES + 2**20
    data = m.raw_zip([m.stored("project.qde", m.project().encode()),
                      (SOURCE, m.deflated_zeros(big), zipfile.ZIP_DEFLATED, 0, big)])
    assert refused(library, tmp_path, data) == (
        f"source hostile source: its text ({SOURCE}) unpacks to more than 25 MB, the limit; nothing was imported.")


def test_texts_over_the_archive_limit_in_all_are_refused_before_unpacking(library, tmp_path):
    size = 20 * 2**20
    texts = [(f"sources/t{n}.txt", m.deflated_zeros(size), zipfile.ZIP_DEFLATED, 0, size) for n in range(11)]
    data = m.raw_zip([m.stored("project.qde", m.project().encode()), *texts])
    reason, seconds, _ = timed_refusal(library, tmp_path, data)
    assert reason == ("its project and texts would unpack to 220 MB; Parallax reads up to 200 MB from one archive; "
                      "nothing was imported.")
    assert seconds < 1


def test_an_archive_with_too_many_members_is_refused_before_they_are_listed(library, tmp_path):
    members = [m.stored("project.qde", m.project().encode())]
    members += [m.stored(f"sources/{n}.txt", b"x") for n in range(MAX_ARCHIVE_MEMBERS)]
    assert refused(library, tmp_path, m.raw_zip(members)) == (
        "the archive holds 10,001 members; Parallax reads archives of up to 10,000; nothing was imported.")


def test_what_the_limits_let_through_still_imports(library, tmp_path):
    path = tmp_path / "fine.qdpx"
    path.write_bytes(m.good_qdpx(**{f"sources/other{n}.txt": "unused" for n in range(50)}))
    report = import_annotations(library, path)
    assert report.attached == 1 and len(report.articles_added) == 1
    assert MAX_ARCHIVE_BYTES == 200 * 2**20


@pytest.mark.parametrize(("compression", "method"), [(zipfile.ZIP_BZIP2, 12), (zipfile.ZIP_LZMA, 14)])
def test_members_packed_without_a_bound_on_unpacking_are_refused(library, tmp_path, compression, method):
    data = m.qdpx({"project.qde": m.project(), SOURCE: m.SOURCE_TEXT}, compression)
    assert refused(library, tmp_path, data) == (
        f"project.qde is packed with compression method {method}; Parallax reads stored and "
        "deflated members, as REFI-QDA programs write them; nothing was imported.")


def test_encrypted_members_are_refused(library, tmp_path):
    data = m.raw_zip([m.stored("project.qde", m.project().encode()), m.stored(SOURCE, b"x")], flags=0x1)
    assert refused(library, tmp_path, data) == "project.qde is encrypted; nothing was imported."


# ------------------------------------------------------------------------- path traversal


def test_a_text_path_that_climbs_out_of_the_archive_is_refused(library, tmp_path):
    data = m.qdpx({"project.qde": m.project(text_path="internal://../../escaped.txt"), "../../escaped.txt": "x"})
    assert refused(library, tmp_path, data) == (
        "source hostile source: its text path 'internal://../../escaped.txt' points outside the archive's "
        "sources; nothing was imported.")


def test_members_named_to_climb_out_are_never_written_anywhere(library, tmp_path):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    path = work / "project.qdpx"
    path.write_bytes(m.good_qdpx(**{"../../evil.txt": "written nowhere", "../evil.txt": "nor here"}))
    report = import_annotations(library, path)
    assert report.attached == 1
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "a" / "evil.txt").exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["library.sqlite", "library.sqlite-shm",
                                                                            "library.sqlite-wal", "project.qdpx"]


# ------------------------------------------------------------------------------- XML attacks


def with_doctype(doctype: str, body: str = "") -> bytes:
    return m.qdpx({"project.qde": m.project(doctype=doctype, body=body), SOURCE: m.SOURCE_TEXT})


def test_an_external_entity_never_reads_the_local_file(library, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    data = with_doctype(f'<!DOCTYPE Project [<!ENTITY x SYSTEM "file://{secret}">]>', "<Description>&x;</Description>")
    reason = refused(library, tmp_path, data)
    assert reason == (f"project.qde declares an external entity (file://{secret}); Parallax does not expand XML "
                      "entities (they can read files on this computer, or grow into gigabytes: an entity bomb); "
                      "nothing was imported.")
    assert not any("TOP-SECRET-MARKER" in (a.note or "") for a in library.annotations())


def test_billion_laughs_is_refused_at_once(library, tmp_path):
    entities = "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
    data = with_doctype('<!DOCTYPE Project [<!ENTITY a "lol">' + entities + "]>", "<Description>&j;</Description>")
    reason, seconds, peak = timed_refusal(library, tmp_path, data)
    assert reason.startswith("project.qde declares the entity &a;; Parallax does not expand XML entities")
    assert seconds < 1 and peak < 20 * 2**20


def test_an_external_dtd_is_refused_without_fetching_it(library, tmp_path):
    data = with_doctype('<!DOCTYPE Project SYSTEM "http://example.invalid/project.dtd">')
    assert refused(library, tmp_path, data) == (
        "project.qde refers to an external DTD (http://example.invalid/project.dtd), which Parallax does not "
        "fetch; REFI-QDA projects use none; nothing was imported.")


def test_a_parameter_entity_to_a_local_file_is_refused(library, tmp_path):
    data = with_doctype('<!DOCTYPE Project [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>')
    assert refused(library, tmp_path, data).startswith(
        "project.qde declares an external entity (file:///etc/passwd); Parallax does not expand XML entities")


def test_an_inline_dtd_without_entities_is_harmless_and_read(library, tmp_path):
    path = tmp_path / "doctype.qdpx"
    path.write_bytes(with_doctype("<!DOCTYPE Project>"))
    assert import_annotations(library, path).attached == 1


# ---------------------------------------------------------------------------- D9: offsets


@pytest.mark.parametrize(("start", "shown"), [
    ("9" * 5000, "startPosition=a 5,000-character value"),
    ("ten", "startPosition='ten'"),
    ("1e3", "startPosition='1e3'"),
])
def test_an_offset_that_is_no_number_is_an_invalid_offset(library, tmp_path, start, shown):
    data = m.good_qdpx(**{"project.qde": m.project(start=start, end=5)})
    assert refused(library, tmp_path, data) == (
        f"selection 44444444-4444-4444-8444-444444444444: invalid offset ({shown}, endPosition='5'): "
        "startPosition and endPosition must be whole numbers; nothing was imported.")


def test_an_absurd_offset_is_outside_the_text(library, tmp_path):
    data = m.good_qdpx(**{"project.qde": m.project(start=10**12, end=10**12 + 5)})
    assert refused(library, tmp_path, data) == (
        "selection 44444444-4444-4444-8444-444444444444: positions 1000000000000..1000000000005 are not a stretch "
        "of its source's text of 67 characters; nothing was imported.")


def test_an_exported_project_still_round_trips(library, tmp_path):
    from desktop.core.interchange.export_annotations import export_annotations
    from desktop.core.notes.annotating import annotate

    article = library.article(library.stories()[0].article_ids[0])
    annotate(library, article.id, article.text[50:80], note="round trip", tags=["t"])
    data = export_annotations(library, "qdpx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "project.qde" in archive.namelist()
    report = import_annotations(library, data)
    assert report.duplicates == 1 and report.imported == 0
