"""The architecture, held by tests: who may import whom among the packages of ``app``, and the layers below
the UI never import Qt, so they run headless (``ringdesk serve``, tests, benchmarks).

The matrix is README's "Architecture" section, as data. A failure names the file, the line and the import.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
QT_FREE = ["core", "store", "providers", "services", "server", "sandbox", "config", "desktop"]


# Who may import whom. "root" is the composition root: app/runtime.py and app/demo.py. "app" is the package's
# own __init__ (the version). Imports inside a layer are always allowed.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "config": {"core"},
    "store": {"core"},
    "providers": {"core"},
    "desktop": {"core", "config"},
    "services": {"core", "config", "store", "providers", "desktop"},
    "server": {"core", "config", "providers", "services"},
    "root": {"core", "config", "store", "providers", "services", "server", "desktop", "sandbox"},
    "ui": {"core", "config", "services", "desktop", "root"},
    "cli": {"core", "config", "services", "server", "desktop", "root", "ui", "sandbox"},
    "sandbox": set(),
    "__main__": {"cli"},
}
EVERYONE = {"app"}  # ``from app import __version__``


def layer_of_file(path: Path) -> str:
    relative = path.relative_to(APP)
    if len(relative.parts) > 1:
        return relative.parts[0]
    return "root" if relative.stem in ("runtime", "demo") else relative.stem


def layer_of_module(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "app":
        return None
    if len(parts) == 1:
        return "app"
    return "root" if parts[1] in ("runtime", "demo") else parts[1]


def imports_with_lines(path: Path) -> list[tuple[int, str]]:
    """Every absolute import of ``path`` (also inside functions and ``TYPE_CHECKING`` blocks), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "app":  # ``from app import demo`` imports the module app.demo
                found += [(node.lineno, f"app.{alias.name}") for alias in node.names if alias.name != "__version__"]
    return found


def test_every_file_belongs_to_a_known_layer() -> None:
    unknown = sorted({layer_of_file(p) for p in APP.rglob("*.py")} - set(ALLOWED) - {"__init__"})
    assert unknown == [], f"add these to ALLOWED in tests/test_architecture.py and README: {unknown}"


def test_imports_follow_the_layer_matrix() -> None:
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        source = layer_of_file(path)
        if source == "__init__":
            continue
        for line, module in imports_with_lines(path):
            target = layer_of_module(module)
            if target is None or target == source or target in EVERYONE:
                continue
            if target not in ALLOWED[source]:
                offenders.append(f"app/{path.relative_to(APP)}:{line}: {source} may not import {module} ({target})")
    assert offenders == [], "layer matrix broken:\n" + "\n".join(offenders)


def test_the_matrix_has_no_cycle() -> None:
    """A layer never reaches itself through the others: the graph the matrix allows is a DAG."""
    order: list[str] = []
    visiting: set[str] = set()

    def visit(layer: str, path: tuple[str, ...]) -> None:
        assert layer not in visiting, f"cycle: {' -> '.join((*path, layer))}"
        if layer in order:
            return
        visiting.add(layer)
        for below in sorted(ALLOWED[layer]):
            visit(below, (*path, layer))
        visiting.discard(layer)
        order.append(layer)

    for layer in sorted(ALLOWED):
        visit(layer, ())


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
