"""Files Parallax writes for the reader are written all at once, or not at all."""

from __future__ import annotations

import os
import stat

import pytest

from desktop.cli import main
from desktop.core.errors import ParallaxError
from desktop.core.interchange.safe_write import WriteFailed, write_atomically
from tests.conftest import fill_disk


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_writes_text_as_utf8_without_newline_translation(tmp_path):
    target = tmp_path / "notes.csv"
    write_atomically(target, "a,\"line\r\nbreak\"\n€\n")
    assert target.read_bytes() == "a,\"line\r\nbreak\"\n€\n".encode()
    assert leftovers(tmp_path) == []


def test_replacing_a_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions_not_private_ones(tmp_path):
    target = tmp_path / "new.md"
    write_atomically(target, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_full_disk_leaves_the_old_file_intact_and_says_disk_full(full_disk):
    target = full_disk / "notes.md"
    os.remove(full_disk / "filler")
    target.write_text("my old notes")  # the old file fits; then the disk fills up again
    fill_disk(full_disk)
    with pytest.raises(WriteFailed) as error:
        write_atomically(target, "new notes " * 100_000)
    assert str(error.value) == f"Cannot write {target}: disk full"
    assert isinstance(error.value, ParallaxError) and isinstance(error.value, OSError)
    assert target.read_text() == "my old notes"
    assert leftovers(full_disk) == []


@pytest.mark.parametrize("where, words", [("missing/notes.md", "the folder does not exist"),
                                          (".", "it is a folder")])
def test_unwritable_targets_are_named_with_the_reason(tmp_path, where, words):
    target = tmp_path / where
    with pytest.raises(WriteFailed) as error:
        write_atomically(target, "x")
    assert str(target) in str(error.value) and words in str(error.value)


def test_cli_export_to_a_full_disk_fails_clearly_and_keeps_the_old_file(capsys, library_path, full_disk):
    main(["--library", str(library_path), "annotate", "1", "--quote", "Kaspersky", "--note", "n"])
    os.remove(full_disk / "filler")
    target = full_disk / "notes.md"
    target.write_text("previous export")
    fill_disk(full_disk)
    capsys.readouterr()
    code = main(["--library", str(library_path), "export", "annotations", "--format", "markdown", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and f"parallax: cannot write {target}: disk full" in err
    assert target.read_text() == "previous export"


def test_cli_compare_output_to_a_full_disk_fails_clearly(capsys, library_path, full_disk):
    target = full_disk / "report.html"
    code = main(["--library", str(library_path), "compare", "--format", "html", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and f"parallax: cannot write {target}: disk full" in err
    assert not target.exists() and leftovers(full_disk) == []


def test_cli_compare_replaces_an_existing_report_whole(capsys, library_path, tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    assert main(["--library", str(library_path), "compare", "--format", "json", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("{") and leftovers(tmp_path) == []
