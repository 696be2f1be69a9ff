"""The window only runs the core's actions and shows its query results.

Parses every module of ``ui/`` and fails when one imports SQLAlchemy or the ORM
models, or touches a database session: opens a transaction, takes a ``session``
(or a one-letter stand-in) as a parameter, or calls ``get``, ``add``,
``delete``, ``flush``, ``refresh``, ``execute``, ``scalar(s)`` or ``expire`` on
one. Reads go through ``Store.read(query, *args)`` with a query function of the
core, writes through ``Store.run(action)`` with an action of the core.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "ui"

_SESSION_NAMES = {"session", "s", "sess"}
_SESSION_METHODS = {
    "get",
    "add",
    "add_all",
    "delete",
    "flush",
    "refresh",
    "execute",
    "scalar",
    "scalars",
    "expire",
    "expunge",
    "merge",
    "query",
    "begin",
    "commit",
    "rollback",
}


def _offences(path: Path, root: Path = REPO) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []

    def say(node: ast.AST, what: str) -> None:
        found.append(f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "sqlalchemy":
                    say(node, f"imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] == "sqlalchemy":
                say(node, f"imports from {node.module}")
            if node.module == "roundtable.storage.models" or (
                node.module == "roundtable.storage"
                and any(a.name in {"models", "db"} for a in node.names)
            ):
                say(node, "imports the ORM models")
        elif isinstance(node, ast.arg) and node.arg in _SESSION_NAMES:
            say(node, f"takes a session ({node.arg})")
        elif isinstance(node, ast.Attribute):
            if node.attr == "transaction":
                say(node, "opens a transaction")
            if (
                node.attr in _SESSION_METHODS
                and isinstance(node.value, ast.Name)
                and node.value.id in _SESSION_NAMES
            ):
                say(node, f"calls {node.value.id}.{node.attr}()")
    return found


def test_the_window_never_touches_sqlalchemy_the_models_or_a_session() -> None:
    offences = []
    for path in sorted(UI.rglob("*.py")):
        offences.extend(_offences(path))
    assert offences == []


def test_the_check_finds_each_way_of_touching_the_database(tmp_path: Path) -> None:
    sample = tmp_path / "page.py"
    sample.write_text(
        "from sqlalchemy.orm import Session\n"
        "from roundtable.storage.models import Person\n"
        "from roundtable.storage import db\n"
        "def load(store):\n"
        "    with store.database.transaction() as session:\n"
        "        return session.get(Person, 1)\n"
        "rows = store.read(lambda s: s.scalars(q))\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in _offences(sample, tmp_path)]
    assert sorted(found) == sorted(
        [
            "imports from sqlalchemy.orm",
            "imports the ORM models",
            "imports the ORM models",
            "opens a transaction",
            "calls session.get()",
            "takes a session (s)",
            "calls s.scalars()",
        ]
    )


def test_nothing_imports_the_folder_name_ui() -> None:
    """ui/ is the package roundtable_ui: importing ``ui`` would load a second copy of it
    from the source folder (with its own translators and settings) wherever that folder
    happens to be on the path."""
    found = []
    for top in ("roundtable", "ui", "tests", "packaging", "bench"):
        for path in sorted((REPO / top).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                if any(name == "ui" or name.startswith("ui.") for name in names):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert found == []
