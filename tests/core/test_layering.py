"""desktop.core is the product and stays free of Qt (the Anki rule)."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).parents[2] / "desktop" / "core"


def test_core_never_imports_qt():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "desktop.ui")
                          or n.startswith("desktop.ui")]
    assert offenders == []
    assert len(list(CORE.rglob("*.py"))) >= 8  # the walk really saw the core


def test_sql_stays_in_the_store():
    """No SQL outside the store: nothing but the store (and its schema) reads ``<store>.db``."""
    desktop = CORE.parent
    allowed = {CORE / "library" / "schema.py"}
    offenders = []
    for path in desktop.rglob("*.py"):
        if path in allowed or (CORE / "library" / "store") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "db":
                offenders.append(f"{path.relative_to(desktop)}:{node.lineno}")
    assert offenders == []
