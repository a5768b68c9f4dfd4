"""What a normal (non-editable) install ships: every package under desktop/ is listed in
pyproject.toml, so `pip install .` leaves nothing out (an editable install would not show it)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_every_package_folder_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "desktop").rglob("__init__.py")}
    assert found and found <= listed, sorted(found - listed)


def test_package_data_folders_exist():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for package in config["tool"]["setuptools"]["package-data"]:
        folder = config["tool"]["setuptools"]["package-dir"].get(package) or package.replace(".", "/")
        assert (ROOT / folder).is_dir(), package
