"""A failed or empty import leaves no undo step: Edit > Undo stays as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from roundtable import demo
from roundtable.actions import Action
from roundtable.storage.db import Database
from roundtable.storage.models import AuditEntry, Invitation
from roundtable_ui.dialogs import calendar_import
from roundtable_ui.main_window import MainWindow
from roundtable_ui.messages import ScriptedResponder, use_responder
from roundtable_ui.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "ics"


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database) -> MainWindow:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(sqlite_db)
    window.show()
    qtbot.waitExposed(window)
    return window


def _invitation_rows(database: Database) -> list[tuple[int, str, int]]:
    def query(session: Any) -> list[tuple[int, str, int]]:
        return [
            (i.id, str(i.status), i.version)
            for i in session.query(Invitation).order_by(Invitation.id)
        ]

    return database.read(query)


def test_an_import_whose_every_file_fails_leaves_undo_disabled(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [DATA / "not-icalendar.ics", DATA / "unknown-uid-reply.ics", DATA / "no-calendar.eml"]
    monkeypatch.setattr(calendar_import, "choose_files", lambda _parent: files)
    before = _invitation_rows(sqlite_db)
    assert not window.undo_action.isEnabled()

    with use_responder(ScriptedResponder()):
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.import_dialog
    assert isinstance(dialog, calendar_import.CalendarImportDialog)
    assert {r.name for r in dialog.rows()} == {f.name for f in files}
    assert all(r.outcome != "answer" for r in dialog.rows())
    dialog.accept()

    assert _invitation_rows(sqlite_db) == before  # nothing was written …
    assert window.store.undo_stack.count() == 0  # … so there is nothing to undo
    assert not window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _invitation_rows(sqlite_db) == before


def test_a_step_that_changes_no_row_is_not_pushed(sqlite_db: Database) -> None:
    store = Store(sqlite_db)
    seen: list[object] = []
    store.changed.connect(seen.append)

    def nothing(_session: Any) -> int:
        return 7

    assert store.run(Action("Nothing to do", nothing)) == 7
    assert store.undo_stack.count() == 0
    assert not store.undo_stack.canUndo()

    def audit_only(session: Any) -> None:
        from roundtable.storage.audit import record_audit

        record_audit(session, "test.looked", detail={})

    store.run(Action("Only told the audit log", audit_only))
    assert store.undo_stack.count() == 0
    assert sqlite_db.read(lambda s: s.query(AuditEntry).count()) >= 1
