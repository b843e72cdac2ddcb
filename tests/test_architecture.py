"""The layers below the UI never import Qt, so they run headless (``ringdesk serve``, tests, benchmarks)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
QT_FREE = ["core", "store", "providers", "services", "server", "sandbox", "config", "desktop"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", QT_FREE)
def test_package_source_never_imports_qt(package: str) -> None:
    offenders = [
        f"{path.relative_to(APP)} imports {name}"
        for path in sorted((APP / package).rglob("*.py"))
        for name in imported_modules(path)
        if name.split(".")[0] in ("PySide6", "shiboken6", "qasync")
    ]
    assert offenders == []


def test_importing_the_lower_layers_loads_no_qt() -> None:
    modules = [
        f"app.{p.parent.name}.{p.stem}" if p.stem != "__init__" else f"app.{p.parent.name}"
        for package in QT_FREE
        for p in sorted((APP / package).glob("*.py"))
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=APP.parent, check=True)
    assert result.stdout.strip() == ""


def test_sandbox_uses_only_wire_formats() -> None:
    """The simulator must test our clients the way a real provider would: it may not import our code."""
    offenders = [
        f"{path.relative_to(APP)} imports {name}"
        for path in sorted((APP / "sandbox").rglob("*.py"))
        for name in imported_modules(path)
        if name.startswith("app.") and not name.startswith("app.sandbox")
    ]
    assert offenders == []
