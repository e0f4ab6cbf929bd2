"""The layers in the tree hold (docs/architecture.md): the import-linter contracts that `make lint`
runs cover every package, and what import-linter cannot see is checked here: deferred imports
(a subprocess imports each module and looks for Textual), private names imported across modules,
and the CLI reaching into the TUI for more than starting it."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "skillgap"
LAYERS = ["cli", "tui", "app", "store | export", "formats", "core"]
SHARED = ["errors", "escape", "paths"]


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["type"] + ":" + c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _top_level() -> list[str]:
    """Every package and root module of skillgap, as a dotted name."""
    packages = [p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    modules = [p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")]
    return sorted(f"skillgap.{name}" for name in packages + modules)


def _modules(top: str) -> list[str]:
    base = PACKAGE / top.removeprefix("skillgap.").replace(".", "/")
    if base.with_suffix(".py").is_file():
        return [top]
    names = []
    for path in sorted(base.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_tree_is_the_layers_and_the_shared_modules() -> None:
    layered = [f"skillgap.{n.strip()}" for layer in LAYERS for n in layer.split("|")]
    assert _top_level() == sorted(layered + [f"skillgap.{n}" for n in SHARED])


def test_the_layers_contract_orders_every_layer() -> None:
    (layers,) = [c for key, c in _contracts().items() if key.startswith("layers:")]
    expected = [" | ".join(f"skillgap.{n.strip()}" for n in layer.split("|")) for layer in LAYERS]
    assert layers["layers"] == expected
    assert "ignore_imports" not in layers, "an exception to the layers needs a reason in the docs"


def test_the_textual_contract_covers_everything_but_the_tui() -> None:
    (textual,) = [c for key, c in _contracts().items() if "Textual" in key]
    assert textual["source_modules"] == [m for m in _top_level() if m != "skillgap.tui"]
    assert "textual" in textual["forbidden_modules"]  # type: ignore[operator]


@pytest.mark.parametrize("top", [m for m in _top_level() if m != "skillgap.tui"])
def test_every_module_outside_the_tui_imports_without_textual(top: str) -> None:
    """Deferred imports are invisible to import-linter; importing each module in a fresh
    interpreter shows what it really pulls in."""
    code = (
        "import importlib, sys\n"
        f"for name in {_modules(top)!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert 'textual' not in sys.modules, f'{name} imported textual'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def _imports(path: Path) -> list[ast.ImportFrom]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("skillgap")
    ]


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_no_module_imports_a_private_name_from_another() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.module}.{alias.name}"
        for path in SOURCES
        for node in _imports(path)
        for alias in node.names
        if alias.name.startswith("_") and alias.name != "__version__"
    ]
    assert found == []


#: The two ways the CLI starts the TUI: in this terminal, and served to a browser.
TUI_STARTS = {("skillgap.tui.app", ("run",)), ("skillgap.tui.serve", ("serve",))}


def test_the_cli_imports_the_tui_only_to_start_it() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.module} {[a.name for a in node.names]}"
        for path in sorted((PACKAGE / "cli").rglob("*.py"))
        for node in _imports(path)
        if (node.module or "").startswith("skillgap.tui")
        and (node.module, tuple(a.name for a in node.names)) not in TUI_STARTS
    ]
    assert found == []
