"""``parallax cluster``, ``related``, ``leanings`` and the story fields of ``stories --json``."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.library.store import Store
from tests.core.stories_fixtures import save_coverage


@pytest.fixture
def lib(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Store(path) as store:
        ids = save_coverage(store)
    return path, ids


def run(capsys, path, *args) -> tuple[int, str, str]:
    code = main(["--library", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cluster_json_lists_labelled_stories_and_saves_them_as_suggestions(lib, capsys):
    path, ids = lib
    code, out, _ = run(capsys, path, "cluster", "--json")
    assert code == 0
    found = json.loads(out)
    assert {frozenset(s["articles"]) for s in found} >= {frozenset(ids["storm"]), frozenset(ids["budget"])}
    storm = next(s for s in found if set(s["articles"]) == set(ids["storm"]))
    assert set(storm) == {"label", "articles", "first", "last"}
    assert (storm["first"], storm["last"]) == ("2021-03-02", "2021-03-03") and "Delia" in storm["label"]
    code, out, _ = run(capsys, path, "stories", "--json")
    listed = {frozenset(s["articles"]): s for s in json.loads(out)}
    story = listed[frozenset(ids["storm"])]
    assert story["kind"] == "suggested" and story["label"] == storm["label"]
    assert story["leaning"]["unknown"] == 3 and story["blindspot"] is None


def test_cluster_since_until_and_dry_run(lib, capsys):
    path, ids = lib
    code, out, _ = run(capsys, path, "cluster", "--since", "2021-03-03", "--until", "2021-03-04", "--json",
                       "--dry-run")
    assert code == 0
    found = json.loads(out)
    assert {frozenset(s["articles"]) for s in found} == {frozenset(ids["budget"])}
    _, out, _ = run(capsys, path, "stories", "--json")
    assert all(s["kind"] == "reader" for s in json.loads(out))  # dry run: nothing saved
    with pytest.raises(SystemExit) as exited:
        run(capsys, path, "cluster", "--since", "March")
    assert exited.value.code == 2 and "'March' is not a date: write a year (2020)" in capsys.readouterr().err
    # a year or a month takes in all its days, as for 'articles'
    _, whole_month, _ = run(capsys, path, "cluster", "--since", "2021-03", "--until", "2021-03", "--json",
                            "--dry-run")
    _, days, _ = run(capsys, path, "cluster", "--since", "2021-03-01", "--until", "2021-03-31", "--json", "--dry-run")
    assert json.loads(whole_month) == json.loads(days) != []


def test_related_and_leanings_from_the_command_line(lib, capsys, tmp_path):
    path, ids = lib
    assert run(capsys, path, "story", "new", "Storm")[0] == 0
    assert run(capsys, path, "story", "add", "Storm", *map(str, ids["storm"][:2]))[0] == 0
    csv = tmp_path / "ratings.csv"
    csv.write_text("outlet,leaning\nEvening Star,lean right\nDaily Planet,left\n", encoding="utf-8")
    code, out, _ = run(capsys, path, "leanings", "import", str(csv))
    assert code == 0 and "2 outlets set" in out
    code, out, _ = run(capsys, path, "leanings", "set", "the courier", "Centre")
    assert code == 0 and out.strip() == "The Courier: center"
    code, out, _ = run(capsys, path, "related", "Storm", "--json")
    related = json.loads(out)
    assert related[0]["id"] == ids["storm"][2]
    assert related[0]["source"] == related[0]["outlet"]  # the listings' field name, and the old one
    assert (related[0]["outlet"], related[0]["leaning"], related[0]["published"]) == (
        "Evening Star", "lean right", "2021-03-03")
    code, out, _ = run(capsys, path, "leanings", "--json")
    assert {o["outlet"]: o["leaning"] for o in json.loads(out)}["The Courier"] == "center"
    csv.write_text("outlet,leaning\nEvening Star,sideways\n", encoding="utf-8")
    code, _, err = run(capsys, path, "leanings", "import", str(csv))
    assert code == 1 and "ratings.csv:2:" in err


def test_cluster_on_an_empty_library_says_so(tmp_path, capsys):
    path = tmp_path / "empty.sqlite"
    Store(path).close()
    code, out, _ = run(capsys, path, "cluster")
    assert code == 0 and "No stories found" in out


def test_accept_split_and_merge_from_the_command_line(lib, capsys):
    path, ids = lib
    _, out, _ = run(capsys, path, "cluster", "--json")
    storm = next(s["label"] for s in json.loads(out) if set(s["articles"]) == set(ids["storm"]))
    budget = next(s["label"] for s in json.loads(out) if set(s["articles"]) == set(ids["budget"]))
    assert run(capsys, path, "accept", storm)[0] == 0
    assert run(capsys, path, "split", storm, "Aftermath", str(ids["storm"][2]))[0] == 0
    assert run(capsys, path, "merge", storm, budget)[0] == 0
    _, out, _ = run(capsys, path, "stories", "--json")
    listed = {s["name"]: s for s in json.loads(out)}
    assert set(listed[storm]["articles"]) == set(ids["storm"][:2] + ids["budget"]) and listed[storm]["kind"] == "reader"
    assert listed["Aftermath"]["articles"] == [ids["storm"][2]] and budget not in listed
    code, _, err = run(capsys, path, "split", storm, "Everything", *map(str, listed[storm]["articles"]))
    assert code == 1 and "at least one article" in err


@pytest.mark.parametrize("edit", [("rename", "Storm coverage"), ("add", None), ("remove", None), ("order", None)])
def test_the_readers_edit_of_a_suggested_story_makes_it_theirs_and_cluster_leaves_it(lib, capsys, edit):
    path, ids = lib
    _, out, _ = run(capsys, path, "cluster", "--json")
    storm = next(s["label"] for s in json.loads(out) if set(s["articles"]) == set(ids["storm"]))
    action, value = edit
    args = {"rename": [value], "add": [str(ids["budget"][0])], "remove": [str(ids["storm"][2])],
            "order": [str(ids["storm"][2])]}[action]
    code, out, _ = run(capsys, path, "story", action, storm, *args)
    assert code == 0 and "as yours" in out
    _, out, _ = run(capsys, path, "stories", "--json")
    name = value or storm
    before = next(s for s in json.loads(out) if s["name"] == name)
    assert before["kind"] == "reader"
    run(capsys, path, "cluster", "--json")  # a later search keeps the reader's story as they left it
    _, out, _ = run(capsys, path, "stories", "--json")
    after = next(s for s in json.loads(out) if s["name"] == name)
    assert (after["id"], after["articles"], after["kind"]) == (before["id"], before["articles"], "reader")


def test_an_edit_that_fails_leaves_a_suggestion_a_suggestion(lib, capsys):
    path, ids = lib
    _, out, _ = run(capsys, path, "cluster", "--json")
    found = json.loads(out)
    storm = next(s["label"] for s in found if set(s["articles"]) == set(ids["storm"]))
    budget = next(s["label"] for s in found if set(s["articles"]) == set(ids["budget"]))
    for args in (["add", storm, "999"], ["remove", storm, str(ids["budget"][0])], ["rename", storm, budget]):
        code, out, err = run(capsys, path, "story", *args)
        assert code == 1 and "as yours" not in out and err
    _, out, _ = run(capsys, path, "stories", "--json")
    assert next(s for s in json.loads(out) if s["name"] == storm)["kind"] == "suggested"
