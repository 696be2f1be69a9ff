"""The core must stay importable and usable without Qt (DESIGN: the arrow points one way)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import roundtable

CORE = Path(roundtable.__file__).parent


def test_no_core_module_imports_qt_in_its_source() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                # The command line may reach ui/ lazily, inside the commands that need it.
                lazy_ui_ok = (
                    path.parent.name == "cli" and top == "roundtable_ui" and node.col_offset > 0
                )
                if top in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} or (
                    top in {"ui", "roundtable_ui"} and not lazy_ui_ok
                ):
                    offenders.append(f"{path.relative_to(CORE)}:{node.lineno} imports {name}")
    assert offenders == []


def test_core_imports_with_pyside6_blocked() -> None:
    """Import every core module in a Python where PySide6 cannot be imported at all."""
    modules = sorted(
        "roundtable." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py" and "migrations" not in p.parts
    )
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "print('imported', len(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("imported")
    assert len(modules) >= 8


def test_a_long_core_module_says_why_it_stays_whole() -> None:
    """One job per module; one of more than 600 lines says in its docstring why it is one."""
    unexplained = []
    for path in sorted(CORE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) <= 600:
            continue
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if "on purpose" not in docstring:
            unexplained.append(str(path.relative_to(CORE)))
    assert unexplained == []


def test_every_error_class_of_the_core_is_in_errors() -> None:
    """One place for the errors a user or a caller can meet; private helpers may keep theirs."""
    elsewhere = []
    for path in sorted(CORE.rglob("*.py")):
        if path.name == "errors.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ClassDef)
                and not node.name.startswith("_")
                and (node.name.endswith("Error") or node.name.endswith("Exception"))
            ):
                elsewhere.append(f"{path.relative_to(CORE)}: {node.name}")
    # CatalogError is the translation file's own (roundtable.errors translates through i18n).
    assert elsewhere == ["i18n.py: CatalogError"]
