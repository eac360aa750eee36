"""The layers import only downwards: ui → services → domain and store; no Qt below ui."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"

# layer -> the desktop_app layers it must not import. Store maps rows to domain dataclasses, so
# it may import domain; domain (pure rules) imports neither store nor anything above.
FORBIDDEN = {
    "store": {"ui", "services", "cli"},
    "domain": {"ui", "services", "store", "cli"},
    "services": {"ui", "cli"},
    "ui": {"cli"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_layers_import_only_downwards() -> None:
    problems = []
    for layer, forbidden in FORBIDDEN.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] == "PySide6" and layer != "ui":
                    problems.append(f"{path.relative_to(PACKAGE)} imports Qt ({name})")
                if parts[0] == "desktop_app" and len(parts) > 1 and parts[1] in forbidden:
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert problems == []


def test_ui_writes_no_sql() -> None:
    sql_words = ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", ".execute(")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if any(word in path.read_text(encoding="utf-8") for word in sql_words)
    ]
    assert offenders == []
