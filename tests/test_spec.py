"""The PyInstaller spec against the code, without building (tests/test_package.py builds)."""

from __future__ import annotations

import ast
import re

from tests.store.helpers import PROJECT_ROOT


def test_code_imports_no_qt_module_the_build_leaves_out() -> None:
    """Runs without building: a Qt module left out by the spec would fail only in the app."""
    spec = ast.parse((PROJECT_ROOT / "packaging" / "peerlog.spec").read_text(encoding="utf-8"))
    left_out = next(
        ast.literal_eval(node.value)
        for node in spec.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "EXCLUDED_QT" for t in node.targets)
    )
    used = set()
    for path in (PROJECT_ROOT / "desktop_app").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert "QtWidgets" in used
    assert used & set(left_out) == set()
