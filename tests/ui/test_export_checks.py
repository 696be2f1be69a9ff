"""Exporting as a new coordinator meets it: what is missing is said first, which invitations
are exported is asked, file dialogs start in Documents and then where the user went last, and
every export ends in a notice naming what was written where, with a button to open the folder.

The organiser prompt and the folder dialog are real modal dialogs, answered by keys and mouse
from a ``QTimer.singleShot``; the other questions go through a scripted responder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from roundtable.enums import RoundtableStatus
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import Roundtable
from roundtable_ui.dialogs import calendar_export
from roundtable_ui.dialogs.calendar_export import ICS, OrganiserPrompt, format_label
from roundtable_ui.messages import ScriptedResponder, use_responder
from roundtable_ui.pages.invitations_tab import InvitationsTab
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs

WAIT_MS = 30_000

# A combo's completer popup and shown dialogs make the offscreen platform say it cannot
# raise windows or grab the keyboard; that says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
    "This plugin does not support propagateSizeHints",
)


@pytest.fixture
def roundtable_id(sqlite_db: Database, clock: datetime) -> Iterator[int]:
    """A scheduled roundtable with five invitees and no organiser; Rosa could organise it."""
    with sqlite_db.transaction() as session:
        ngo = organisations.create_organisation(session, "Civic Alliance", is_own=True)
        persons.create_person(
            session, "Rosa Organiser", email="rosa@civic.example", organisation=ngo
        )
        roundtable = lifecycle.create_roundtable(session, title="Platform accountability")
        lifecycle.schedule(
            session, roundtable, datetime(2027, 6, 14, 14, 0), datetime(2027, 6, 14, 16, 0)
        )
        for i in range(5):
            person = persons.create_person(
                session, f"Person {i}", email=f"person{i}@example.org", organisation=ngo
            )
            invitations.mark_invited(
                session, invitations.add_invitation(session, roundtable, person=person)
            )
        session.flush()
        rid = int(roundtable.id)
    yield rid
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


@pytest.fixture
def store(sqlite_db: Database, roundtable_id: int) -> Iterator[Store]:
    store = Store(sqlite_db)
    yield store
    store.undo_stack.clear()


@pytest.fixture
def tab(qtbot: QtBot, store: Store, roundtable_id: int) -> InvitationsTab:
    tab = InvitationsTab(store)
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    tab.set_roundtable(roundtable_id)
    return tab


def _organiser(database: Database, roundtable_id: int) -> str | None:
    with database.transaction() as session:
        roundtable = session.get(Roundtable, roundtable_id)
        assert roundtable is not None
        return roundtable.organiser.name if roundtable.organiser else None


def _export(qtbot: QtBot, tab: InvitationsTab) -> None:
    """Calendar ▸ Export invitations…, chosen with the keyboard."""
    menu = tab.calendar_menu
    menu.popup(tab.mapToGlobal(QPoint(0, 0)))
    qtbot.waitUntil(menu.isVisible)
    menu.setActiveAction(tab.export_action)
    qtbot.keyPress(menu, Qt.Key.Key_Return)


def _when_modal(kind: type[QWidget], act: Callable[[Any], None], seen: list[Any]) -> None:
    """Once a modal ``kind`` is open, hand it to ``act`` (which closes it)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            seen.append(widget)
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def _finish(qtbot: QtBot, tab: InvitationsTab) -> calendar_export.ExportResult:
    exporter = tab.exporter
    assert exporter is not None
    qtbot.waitUntil(lambda: exporter.result is not None, timeout=WAIT_MS)
    assert exporter.result is not None
    return exporter.result


# -- 1. what is missing is said (and can be set) before anything is asked --------------------
def test_a_missing_organiser_is_chosen_before_format_and_folder_are_asked(
    qtbot: QtBot,
    tab: InvitationsTab,
    store: Store,
    sqlite_db: Database,
    roundtable_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(calendar_export, "choose_folder", lambda _parent, _title: tmp_path)
    responder = ScriptedResponder(choices=[format_label(ICS)])
    asked_before_prompt: list[list[tuple[str, str]]] = []

    def choose_rosa(prompt: OrganiserPrompt) -> None:
        asked_before_prompt.append(list(responder.asked))
        assert "has no organiser" in prompt.message_label.text()
        ok = prompt.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # nobody chosen yet
        line_edit = prompt.organiser_combo.lineEdit()
        line_edit.selectAll()
        qtbot.keyClicks(line_edit, "Rosa Organiser <rosa@civic.example>")
        qtbot.keyClick(line_edit, Qt.Key.Key_Return)
        assert ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    prompts: list[OrganiserPrompt] = []
    _when_modal(OrganiserPrompt, choose_rosa, prompts)
    with use_responder(responder):
        _export(qtbot, tab)
        result = _finish(qtbot, tab)
    assert prompts and asked_before_prompt == [[]]  # nothing was asked before the prompt
    assert _organiser(sqlite_db, roundtable_id) == "Rosa Organiser"
    assert store.undo_stack.undoText() == "Change organiser"
    assert result.ok and len(result.written) == 5
    assert responder.errors == []


def test_cancelling_the_organiser_prompt_asks_nothing_more_and_writes_nothing(
    qtbot: QtBot,
    tab: InvitationsTab,
    sqlite_db: Database,
    roundtable_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders: list[str] = []
    monkeypatch.setattr(
        calendar_export, "choose_folder", lambda _parent, title: folders.append(title)
    )
    prompts: list[OrganiserPrompt] = []
    _when_modal(OrganiserPrompt, lambda p: qtbot.keyClick(p, Qt.Key.Key_Escape), prompts)
    with use_responder(ScriptedResponder()) as responder:
        _export(qtbot, tab)
    assert prompts and responder.asked == [] and folders == []
    assert _organiser(sqlite_db, roundtable_id) is None
    assert list(tmp_path.glob("*.ics")) == [] and tab.exporter is None


def test_a_roundtable_without_a_date_says_where_to_set_it_before_asking(
    qtbot: QtBot, tab: InvitationsTab, sqlite_db: Database, roundtable_id: int
) -> None:
    with sqlite_db.transaction() as session:
        roundtable = session.get(Roundtable, roundtable_id)
        assert roundtable is not None
        # A draft that was never given a date (and has no organiser either: the date
        # is what is said first).
        roundtable.starts_at = roundtable.ends_at = None
        roundtable.status = RoundtableStatus.DRAFT
    tab.set_roundtable(roundtable_id)
    with use_responder(ScriptedResponder()) as responder:
        _export(qtbot, tab)
    [message] = responder.errors
    assert "has no date yet" in message
    assert "Overview tab and press Schedule" in message
    assert [kind for kind, _text in responder.asked] == ["error"]


# -- 4. selected or all ------------------------------------------------------------------------
def _with_rosa(sqlite_db: Database, roundtable_id: int) -> None:
    with sqlite_db.transaction() as session:
        roundtable = session.get(Roundtable, roundtable_id)
        assert roundtable is not None
        rosa = persons.find_person_by_email(session, "rosa@civic.example")
        lifecycle.update_details(session, roundtable, organiser=rosa)


@pytest.mark.parametrize(
    ("answer", "question", "count"),
    [
        ("All 5 invitations", "Export all 5 invitations as:", 5),
        ("Only the 1 selected invitation", "Export the 1 selected invitation as:", 1),
    ],
)
def test_with_one_row_selected_the_user_chooses_that_row_or_everyone(
    qtbot: QtBot,
    tab: InvitationsTab,
    sqlite_db: Database,
    roundtable_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    question: str,
    count: int,
) -> None:
    _with_rosa(sqlite_db, roundtable_id)
    monkeypatch.setattr(calendar_export, "choose_folder", lambda _parent, _title: tmp_path)
    view = tab.table.view
    index = view.model().index(2, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert len(tab.table.selected_rows()) == 1
    with use_responder(ScriptedResponder(choices=[answer, format_label(ICS)])) as responder:
        _export(qtbot, tab)
        result = _finish(qtbot, tab)
    assert responder.asked == [
        ("choice", "Which invitations should be exported?"),
        ("choice", question),
    ]
    assert len(result.written) == count
    assert len(list(tmp_path.glob("*.ics"))) == count


# -- 5. the folder dialog starts in Documents, then where the user went last -----------------
def test_the_folder_dialog_starts_in_documents_then_in_the_last_folder(
    qtbot: QtBot,
    tab: InvitationsTab,
    sqlite_db: Database,
    roundtable_id: int,
    tmp_path: Path,
) -> None:
    _with_rosa(sqlite_db, roundtable_id)
    target = tmp_path / "roundtable files"
    target.mkdir()
    started: list[str] = []

    def answer(dialog: QFileDialog) -> None:
        started.append(dialog.directory().absolutePath())
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, str(target))
        # A click on the dialog's own Choose button (Return may go to the completer's popup).
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        button = box.button(QDialogButtonBox.StandardButton.Open)
        assert button is not None and button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    for _round in range(2):
        dialogs: list[QFileDialog] = []
        _when_modal(QFileDialog, answer, dialogs)
        with use_responder(ScriptedResponder(choices=[format_label(ICS)])):
            _export(qtbot, tab)
            result = _finish(qtbot, tab)
        assert dialogs and result.ok
        assert result.plan.folder == target
    assert started == [str(file_dialogs.documents_folder()), str(target)]


# -- 6. the notice after an export ------------------------------------------------------------
def test_the_notice_names_the_files_and_opens_the_folder(
    qtbot: QtBot,
    tab: InvitationsTab,
    sqlite_db: Database,
    roundtable_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_rosa(sqlite_db, roundtable_id)
    monkeypatch.setattr(calendar_export, "choose_folder", lambda _parent, _title: tmp_path)
    opened: list[Path] = []
    monkeypatch.setattr(file_dialogs, "open_folder", lambda folder: opened.append(folder) or True)
    with use_responder(ScriptedResponder(choices=[format_label(ICS)])):
        _export(qtbot, tab)
        _finish(qtbot, tab)
    notice = tab.exporter.summary_box if tab.exporter else None
    assert isinstance(notice, file_dialogs.WrittenNotice)
    assert notice.isVisible() and not notice.isModal()
    assert notice.text().startswith(f"5 files written to {tmp_path}.")
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path]
