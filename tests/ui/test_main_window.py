"""The main window and app start-up, driven through real widgets (pytest-qt)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from roundtable import meetings
from roundtable.db import Database, open_database
from roundtable.demo import load_demo
from ui import app as ui_app
from ui.main_window import MainWindow
from ui.models.roundtable_table_model import (
    SORT_ROLE,
    RoundtableTableModel,
    format_start,
    load_roundtable_rows,
)

# Qt's offscreen platform warns about every window it shows; that says nothing
# about our code. (Worth moving into pyproject's qt_log_ignore for all UI tests.)


@pytest.fixture
def demo_database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "demo.sqlite3")
    with database.transaction() as session:
        load_demo(session)
    yield database
    database.close()


@pytest.fixture
def window(qtbot: QtBot, demo_database: Database) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(demo_database)
    return window


def column(window: MainWindow, number: int) -> list[str]:
    proxy = window.proxy
    return [proxy.index(row, number).data() for row in range(proxy.rowCount())]


def test_window_shows_the_demo_roundtables(window: MainWindow, demo_database: Database) -> None:
    assert window.windowTitle() == f"Roundtable — {demo_database.description}"
    assert str(demo_database.path) in window.windowTitle()
    assert window.model.rowCount() == 3
    assert window.proxy.rowCount() == 3
    assert window.count_label.text() == "3 roundtables"
    headers = [
        window.proxy.headerData(c, Qt.Orientation.Horizontal)
        for c in range(window.proxy.columnCount())
    ]
    assert headers == ["Title", "Host", "Start", "Status", "Invitations"]
    # Sorted by start: 6 Sep (hearing), 7 Sep (Project Clover), 27 Nov 2023.
    starts = column(window, RoundtableTableModel.START)
    assert [s.split(" 2023")[0][4:] for s in starts] == ["6 Sep", "7 Sep", "27 Nov"]
    assert "TikTok" in column(window, RoundtableTableModel.HOST)
    invitations = [int(n) for n in column(window, RoundtableTableModel.INVITATIONS)]
    assert max(invitations) >= 40  # the November roundtable had about forty invitees


def test_typing_in_the_filter_reduces_the_rows(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.filter_edit, "clover")
    assert window.proxy.rowCount() == 1
    assert "Project Clover" in column(window, RoundtableTableModel.TITLE)[0]
    assert window.count_label.text() == "1 of 3 roundtables"

    window.filter_edit.clear()
    qtbot.keyClicks(window.filter_edit, "no roundtable is called this")
    assert window.proxy.rowCount() == 0
    assert window.count_label.text() == "0 of 3 roundtables"

    window.filter_edit.clear()
    assert window.proxy.rowCount() == 3
    assert window.count_label.text() == "3 roundtables"


def test_ctrl_f_puts_the_cursor_in_the_filter(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.table.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.filter_edit.hasFocus)


def test_sorting_by_invitations_is_numeric(window: MainWindow) -> None:
    window.table.sortByColumn(RoundtableTableModel.INVITATIONS, Qt.SortOrder.DescendingOrder)
    counts = [int(n) for n in column(window, RoundtableTableModel.INVITATIONS)]
    assert counts == sorted(counts, reverse=True)
    assert window.proxy.sortRole() == SORT_ROLE


def test_rows_are_read_in_one_query(demo_database: Database) -> None:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(demo_database.engine, "before_cursor_execute", record)
    try:
        with demo_database.session() as session:
            rows = load_roundtable_rows(session)
    finally:
        event.remove(demo_database.engine, "before_cursor_execute", record)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1
    assert len(rows) == 3
    assert sum(row.invitations for row in rows) > 40


def test_start_is_shown_in_the_roundtables_own_zone() -> None:
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    moment = datetime(2023, 9, 7, 12, 0, tzinfo=UTC)
    assert format_start(moment, "Europe/Amsterdam", english) == "Thu 7 Sep 2023 14:00"
    assert format_start(moment, "America/New_York", english) == "Thu 7 Sep 2023 08:00"
    assert format_start(None, "Europe/Amsterdam", english) == ""


def test_a_draft_without_date_is_listed(qtbot: QtBot, db: Database) -> None:
    with db.transaction() as session:
        meetings.create_roundtable(session, title="Ideas for next spring")
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(db)
    assert column(window, RoundtableTableModel.TITLE) == ["Ideas for next spring"]
    assert column(window, RoundtableTableModel.START) == ["Not scheduled"]
    assert column(window, RoundtableTableModel.STATUS) == ["Draft"]
    assert column(window, RoundtableTableModel.INVITATIONS) == ["0"]
    assert window.count_label.text() == "1 roundtable"


# --- start-up ------------------------------------------------------------------


def test_first_start_on_an_empty_database_loads_the_demo(qtbot: QtBot, tmp_path: Path) -> None:
    ui_app.create_application()
    window = ui_app.start(str(tmp_path / "new.sqlite3"))
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.model.rowCount() == 3
    assert "demo" in window.statusBar().currentMessage()
    assert QApplication.applicationName() == "Roundtable"
    assert not QApplication.windowIcon().isNull()
    assert window.database is not None
    window.database.close()


def test_a_database_with_data_gets_no_demo(qtbot: QtBot, db: Database, db_path: Path) -> None:
    from roundtable import records

    with db.transaction() as session:
        records.create_organisation(session, "Our own foundation", is_own=True)
    window = ui_app.start(str(db_path))
    assert window is not None
    qtbot.addWidget(window)
    assert window.model.rowCount() == 0
    assert window.count_label.text() == "0 roundtables"
    assert window.database is not None
    window.database.close()


def test_a_database_that_cannot_be_opened_is_explained(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        ui_app, "show_critical", lambda _p, title, text: shown.append((title, text))
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 50, encoding="utf-8")
    assert ui_app.start(str(notes)) is None
    assert shown == [
        (
            "Cannot open the database",
            f"{notes} is not a Roundtable database (it is not an SQLite file).",
        )
    ]
    assert [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ] == []


def test_uncaught_error_dialog_shows_details_and_copies_them(qtbot: QtBot) -> None:
    try:
        raise RuntimeError("the printer caught fire")
    except RuntimeError:
        exc_type, exc, tb = sys.exc_info()
    assert exc_type is not None and exc is not None
    dialog = ui_app.report_uncaught(exc_type, exc, tb)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert "RuntimeError: the printer caught fire" in dialog.details
    assert "Traceback" in dialog.details
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "the printer caught fire" in QApplication.clipboard().text()
    dialog.reject()
    assert not dialog.isVisible()


def test_installed_excepthook_keeps_the_app_running(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    ui_app.install_excepthook()
    try:
        raise ValueError("a slip of the keyboard")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ui_app.ErrorDialog)]
    shown = [d for d in dialogs if d.isVisible() and "a slip of the keyboard" in d.details]
    assert len(shown) == 1
    qtbot.addWidget(shown[0])
    shown[0].reject()
