"""UI test fixtures: settings kept in a temporary folder for each test; the demo database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from roundtable.demo import load_demo
from roundtable.storage.db import Database, open_database
from roundtable_ui import i18n, messages


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> Iterator[None]:
    """Window geometry and the last page go to a per-test folder, never the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    QSettings().clear()
    yield
    QSettings().clear()
    i18n.remove_translators()  # a test of the Dutch interface must not leave it behind
    messages.set_conflict_handler(None)  # a window of this test may have set it
    # Qt's offscreen clipboard still owning our QMimeData when the interpreter exits
    # crashes the process after the last test (exit code 139, all tests passed).
    app = QGuiApplication.instance()
    if app is not None:
        QGuiApplication.clipboard().clear()


@pytest.fixture
def demo_database(tmp_path: Path) -> Iterator[Database]:
    """A fresh SQLite database holding the demo scenario."""
    database = open_database(tmp_path / "demo.sqlite3")
    with database.transaction() as session:
        load_demo(session)
    yield database
    database.close()
