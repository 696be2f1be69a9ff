"""The main window: pages, navigation, shortcuts, database switching, start-up, crashes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from roundtable.enums import RoundtableStatus
from roundtable.people import persons
from roundtable.privacy import actions as privacy_actions
from roundtable.privacy import retention
from roundtable.storage.db import Database
from roundtable.storage.models import Roundtable
from roundtable_ui import app as ui_app
from roundtable_ui import messages
from roundtable_ui.main_window import PAGES, MainWindow
from roundtable_ui.messages import ScriptedResponder


@pytest.fixture
def window(qtbot: QtBot, demo_database: Database) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(demo_database)
    window.show()
    return window


def test_title_sidebar_and_pages(window: MainWindow, demo_database: Database) -> None:
    assert window.windowTitle() == f"Roundtable — {demo_database.description}"
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        "Dashboard",
        "Roundtables",
        "People & Organisations",
        "Statements",
        "Privacy",
    ]
    assert all(window.page(key) is not None for key, _t, _i in PAGES)
    assert window.current_page_key() == "dashboard"


def test_ctrl_number_switches_pages_and_the_last_page_is_remembered(
    qtbot: QtBot, window: MainWindow, demo_database: Database
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "roundtables"
    window.sidebar.setCurrentRow(2)
    assert window.current_page_key() == "people"
    assert QSettings().value("window/page") == "people"
    again = MainWindow()
    qtbot.addWidget(again)
    again.set_database(demo_database)
    assert again.current_page_key() == "people"


def test_roundtables_page_lists_the_demo_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("roundtables")
    page = window.page("roundtables")
    table = page.table  # type: ignore[attr-defined]
    assert len(table.rows()) == 4
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert table.search.hasFocus()
    qtbot.keyClicks(table.search, "hearing")
    assert [r.title for r in table.visible_rows()] == [
        "Committee hearing: TikTok answers questions on data protection"
    ]


def test_dashboard_opens_a_roundtable(window: MainWindow) -> None:
    roundtables = window.page("roundtables")
    target = roundtables.table.rows()[0]  # type: ignore[attr-defined]
    window.open_roundtable(target.id)
    assert window.current_page_key() == "roundtables"
    assert roundtables.table.current_row().id == target.id  # type: ignore[attr-defined]
    assert roundtables.title_label.text() == target.title  # type: ignore[attr-defined]


def test_undo_and_redo_from_the_edit_menu(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.undo_action.isEnabled()
    store = window.store
    assert store is not None

    store.run(privacy_actions.set_retention(36))
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Retention period 36 months"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.read(retention.retention_months) == 24
    assert window.redo_action.text() == "&Redo Retention period 36 months"
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert store.read(retention.retention_months) == 36


def test_an_erasure_empties_the_edit_menus_history(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    assert store is not None
    store.run(privacy_actions.set_retention(36))
    assert window.undo_action.isEnabled()
    person_id = store.read(
        lambda s: persons.get_person(s, "joris.hendriks@privacyfirst.example").id
    )
    store.run(privacy_actions.erase([person_id]))
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.read(retention.retention_months) == 36


def test_open_database_switches_and_a_bad_file_is_explained(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite3"
    assert window.switch_database(str(other))
    assert window.database is not None and window.database.path == other
    assert str(other) in window.windowTitle()
    assert window.page("roundtables").table.rows() == []  # type: ignore[attr-defined]
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 20, encoding="utf-8")
    with messages.use_responder(ScriptedResponder()) as responder:
        assert not window.switch_database(str(notes))
    assert responder.errors == [f"{notes} is not a Roundtable database (it is not an SQLite file)."]
    assert window.database.path == other  # still the one that worked
    window.database.close()


# --- start-up ------------------------------------------------------------------


def test_first_start_on_an_empty_database_loads_the_demo(qtbot: QtBot, tmp_path: Path) -> None:
    ui_app.create_application()
    window = ui_app.start(str(tmp_path / "new.sqlite3"))
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()
    assert len(window.page("roundtables").table.rows()) == 4  # type: ignore[attr-defined]
    assert "demo" in window.statusBar().currentMessage()
    # Loaded before the window's store existed: nothing to undo.
    assert not window.undo_action.isEnabled()
    assert QApplication.applicationName() == "Roundtable"
    assert not QApplication.windowIcon().isNull()
    assert window.database is not None
    window.database.close()


def test_a_database_with_data_gets_no_demo(
    qtbot: QtBot, sqlite_db: Database, db_path: Path
) -> None:
    from roundtable.people import organisations

    with sqlite_db.transaction() as session:
        organisations.create_organisation(session, "Our own foundation", is_own=True)
    window = ui_app.start(str(db_path))
    assert window is not None
    qtbot.addWidget(window)
    assert window.page("roundtables").table.rows() == []  # type: ignore[attr-defined]
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


def test_deleting_an_empty_draft_is_undoable_and_a_full_one_is_refused(
    qtbot: QtBot, window: MainWindow
) -> None:
    from roundtable.meetings import lifecycle

    store = window.store
    assert store is not None
    with store.database.transaction() as session:
        draft = lifecycle.create_roundtable(session, title="An idea for spring", uid="idea@test")
        draft_id = draft.id
    store.notify_outside_change()
    page: Any = window.page("roundtables")
    window.show_page("roundtables")
    titles = lambda: {r.title for r in page.table.rows()}  # noqa: E731
    page.show_roundtable(draft_id)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        page.delete_selected()
    assert "An idea for spring" not in titles()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "An idea for spring" in titles()
    uid = store.read(
        lambda s: s.scalars(
            select(Roundtable.uid).where(Roundtable.title == "An idea for spring")
        ).one()
    )
    assert uid == "idea@test"  # the same calendar identity comes back

    upcoming = next(r for r in page.table.rows() if r.title.startswith("Project Clover one year"))
    with store.database.transaction() as session:  # make it a draft that holds invitations
        session.get(Roundtable, upcoming.id).status = RoundtableStatus.DRAFT
    store.notify_outside_change()
    page.show_roundtable(upcoming.id)
    with messages.use_responder(ScriptedResponder(confirms=[True])) as answers:
        page.delete_selected()
    assert "remove those first" in answers.errors[0]
    assert upcoming.title in titles()


def test_the_dashboard_link_opens_the_privacy_review(
    qtbot: QtBot, window: MainWindow, demo_database: Database
) -> None:
    dashboard = window.page("dashboard")
    dashboard.open_privacy.emit()  # type: ignore[union-attr]
    assert window.current_page_key() == "privacy"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "privacy"


def test_a_review_row_opens_the_person_on_the_people_page(
    qtbot: QtBot, window: MainWindow, demo_database: Database
) -> None:
    from sqlalchemy import select

    from roundtable.storage.models import Person

    with demo_database.transaction() as session:
        person_id = session.scalars(select(Person.id).order_by(Person.id.desc())).first()
    assert person_id is not None
    window.page("privacy").open_person.emit(person_id)  # type: ignore[union-attr]
    assert window.current_page_key() == "people"
    people = window.page("people")
    assert people.people.selected_rows()[0].id == person_id  # type: ignore[union-attr]
