"""The erase dialog and the data-subject export: deliberate, final, and honest about failures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import demo, files
from roundtable.errors import RoundtableError
from roundtable.people import persons
from roundtable.privacy import actions as privacy_actions
from roundtable.privacy import erasure
from roundtable.storage.db import Database
from roundtable.storage.models import AuditEntry, Person
from roundtable_ui import messages
from roundtable_ui.dialogs import privacy_access
from roundtable_ui.dialogs.privacy_access import (
    FOLDER_SETTING,
    AccessExportSummary,
    export_subject_access,
)
from roundtable_ui.dialogs.privacy_erase import (
    ErasePersonDialog,
    erase_people,
    erase_person_interactively,
    kept_summary,
    normalise_name,
)
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs

JORIS = "joris.hendriks@privacyfirst.example"
SANNE = "sanne.verbeek@privacyfirst.example"


@pytest.fixture
def store(sqlite_db: Database, clock: datetime) -> Store:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
    return Store(sqlite_db)


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def responder() -> Iterator[ScriptedResponder]:
    with messages.use_responder(ScriptedResponder()) as scripted:
        yield scripted


def _person_id(store: Store, email: str) -> int:
    return store.read(lambda s: persons.get_person(s, email).id)


def _person(store: Store, person_id: int) -> dict[str, Any]:
    def read(session: Session) -> dict[str, Any]:
        person = session.get(Person, person_id)
        assert person is not None
        return {"name": person.name, "email": person.email, "erased": person.erased_at is not None}

    return store.read(read)


def _audit_actions(store: Store) -> list[str]:
    return store.read(lambda s: list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id))))


def _push_an_undoable_edit(store: Store) -> None:
    store.run(privacy_actions.set_retention(36))
    assert store.undo_stack.count() == 1


# -- the erase dialog ----------------------------------------------------------------------
def test_erase_stays_disabled_until_the_name_is_typed(qtbot: Any, store: Store) -> None:
    joris = _person_id(store, JORIS)
    dialog = ErasePersonDialog(store, joris)
    qtbot.addWidget(dialog)
    assert dialog.name == "Joris Hendriks"
    assert dialog.plan.label == f"Erased person #{joris}"
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm_edit, "Joris")
    assert not dialog.erase_button.isEnabled()
    dialog.confirm_edit.setText("Marloes van Dijk")
    assert not dialog.erase_button.isEnabled()
    # Case and spacing do not matter: the point is reading whose details go.
    dialog.confirm_edit.setText("  joris   HENDRIKS ")
    assert dialog.erase_button.isEnabled()
    dialog.confirm_edit.clear()
    assert not dialog.erase_button.isEnabled()
    # A click on the disabled button, or erase() called early, writes nothing.
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.erase() is False
    assert _person(store, joris)["name"] == "Joris Hendriks"


def test_the_dialog_shows_what_changes_and_what_stays(qtbot: Any, store: Store) -> None:
    joris = _person_id(store, JORIS)
    dialog = ErasePersonDialog(store, joris)
    qtbot.addWidget(dialog)
    fields = {row[0]: (row[1], row[2]) for row in dialog.fields.rows()}
    assert fields["Name"] == ("Joris Hendriks", f"Erased person #{joris}")
    assert fields["E-mail address"] == (JORIS, "")
    # A removed value reads as such, not as an empty cell.
    email_row = dialog.fields.find_row(lambda r: r[0] == "E-mail address")
    assert dialog.fields.index(email_row, 2).data() == "(removed)"
    # Marloes's notes on her invitations name him: both places are listed, before and after.
    befores = [dialog.texts.index(i, 1).data() for i in range(dialog.texts.rowCount())]
    afters = [dialog.texts.index(i, 2).data() for i in range(dialog.texts.rowCount())]
    assert len(befores) == 2 and all("Joris Hendriks" in text for text in befores)
    assert all(f"Erased person #{joris}" in text for text in afters)
    assert not dialog.texts_view.isHidden() and dialog.no_texts_label.isHidden()
    assert dialog.kept_label.text().endswith("stay, without the name.")
    assert "1 question" in dialog.kept_label.text()
    assert "cannot be undone" in dialog.warning.text()
    # Nothing was written by looking.
    assert _person(store, joris)["name"] == "Joris Hendriks"
    assert "privacy.erase" not in _audit_actions(store)


def test_erasing_changes_the_person_and_clears_the_undo_history(qtbot: Any, store: Store) -> None:
    joris = _person_id(store, JORIS)
    _push_an_undoable_edit(store)
    assert store.undo_stack.canUndo()
    dialog = ErasePersonDialog(store, joris)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.confirm_edit, "Joris Hendriks")
    with qtbot.waitSignal(dialog.erased) as erased, qtbot.waitSignal(store.changed) as changed:
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert erased.args == [joris]
    assert {"people", "invitations", "questions", "minutes"} <= changed.args[0]
    assert dialog.erased_plan is not None and dialog.erased_plan.label == f"Erased person #{joris}"
    assert _person(store, joris) == {
        "name": f"Erased person #{joris}",
        "email": None,
        "erased": True,
    }
    # The old name and address lived in the undo commands: they are gone with them.
    assert store.undo_stack.count() == 0 and not store.undo_stack.canUndo()
    assert _audit_actions(store)[-1] == "privacy.erase"
    assert dialog.erased_plan is not None


def test_an_erased_person_is_refused_with_a_message(
    qtbot: Any, store: Store, parent: QWidget, responder: ScriptedResponder
) -> None:
    joris = _person_id(store, JORIS)
    with store.database.transaction() as session:
        erasure.erase_person(session, persons.get_person(session, joris))
    with pytest.raises(RoundtableError, match="already erased"):
        ErasePersonDialog(store, joris)
    before = _audit_actions(store)
    assert erase_person_interactively(store, joris, parent) is False
    (error,) = responder.errors
    assert f"“Erased person #{joris}” was already erased on" in error
    assert _audit_actions(store) == before


def test_erase_person_interactively_runs_the_dialog(
    qtbot: Any, store: Store, parent: QWidget, responder: ScriptedResponder
) -> None:
    sanne = _person_id(store, SANNE)

    def confirm_in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ErasePersonDialog)
        dialog.confirm_edit.setText("Sanne Verbeek")
        dialog.erase_button.click()

    QTimer.singleShot(0, confirm_in_the_dialog)
    assert erase_person_interactively(store, sanne, parent) is True
    assert _person(store, sanne)["erased"] is True
    assert responder.errors == []
    done = [box for box in parent.findChildren(QMessageBox) if box.isVisible()]
    assert len(done) == 1 and f"now “Erased person #{sanne}”" in done[0].text()
    done[0].close()


def test_cancelling_the_dialog_erases_nobody(
    qtbot: Any, store: Store, parent: QWidget, responder: ScriptedResponder
) -> None:
    sanne = _person_id(store, SANNE)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ErasePersonDialog)
        dialog.confirm_edit.setText("Sanne Verbeek")
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert erase_person_interactively(store, sanne, parent) is False
    assert _person(store, sanne)["name"] == "Sanne Verbeek"


def test_several_people_are_erased_in_one_step_after_one_question(
    qtbot: Any, store: Store, parent: QWidget, responder: ScriptedResponder
) -> None:
    people = [(_person_id(store, JORIS), "Joris Hendriks"), (_person_id(store, SANNE), "Sanne")]
    _push_an_undoable_edit(store)
    assert erase_people(store, people, parent) is False  # the scripted answer is "no"
    assert not any(_person(store, pid)["erased"] for pid, _name in people)
    assert store.undo_stack.count() == 1

    responder.confirms.append(True)
    assert erase_people(store, people, parent) is True
    questions = [text for kind, text in responder.asked if kind == "confirm"]
    assert len(questions) == 2
    assert "• Joris Hendriks\n• Sanne" in questions[-1] and "cannot be undone" in questions[-1]
    assert all(_person(store, pid)["erased"] for pid, _name in people)
    assert store.undo_stack.count() == 0
    assert _audit_actions(store).count("privacy.erase") == 2


def test_erasing_several_writes_nothing_when_one_cannot_be_erased(
    qtbot: Any, store: Store, parent: QWidget, responder: ScriptedResponder
) -> None:
    joris, sanne = _person_id(store, JORIS), _person_id(store, SANNE)
    with store.database.transaction() as session:
        erasure.erase_person(session, persons.get_person(session, sanne))
    responder.confirms.append(True)
    assert erase_people(store, [(joris, "Joris Hendriks"), (sanne, "Sanne")], parent) is False
    (error,) = responder.errors
    assert "already erased" in error
    assert _person(store, joris)["name"] == "Joris Hendriks"  # one transaction: all or none


def test_confirmation_and_summary_wording() -> None:
    assert normalise_name("  Zoë   de  VRIES ") == normalise_name("zoe de vries")
    assert normalise_name("Anna") != normalise_name("Annabel")
    assert (
        kept_summary({"invitations": 3, "questions asked": 2, "invitation history entries": 5})
        == "3 invitations, 2 questions and 5 history entries stay, without the name."
    )
    assert kept_summary({"invitations": 1, "action items owned": 0}) == (
        "1 invitation stay, without the name."
    )
    assert kept_summary({"invitations": 0}) == "Nothing else refers to this person."
    assert kept_summary({"new kind": 4}) == "4 new kind stay, without the name."


# -- data-subject access -------------------------------------------------------------------
def test_access_export_writes_both_files_and_offers_to_open_them(
    qtbot: Any,
    store: Store,
    parent: QWidget,
    responder: ScriptedResponder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    joris = _person_id(store, JORIS)
    folder = tmp_path / "requests"
    folder.mkdir()
    asked: list[str] = []

    def pick(_parent: Any, _title: str, start: str = "") -> str:
        asked.append(start)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", pick)
    opened: list[QUrl] = []
    monkeypatch.setattr(privacy_access, "open_url", lambda url: opened.append(url) or True)
    _push_an_undoable_edit(store)

    paths = export_subject_access(store, joris, parent)
    assert paths is not None
    json_path, html_path = paths
    assert json_path.parent == folder and html_path.parent == folder
    assert json_path.suffix == ".json" and html_path.suffix == ".html"
    report = json.loads(json_path.read_text(encoding="utf-8"))
    assert "Joris Hendriks" in json.dumps(report, ensure_ascii=False)
    assert "Joris Hendriks" in html_path.read_text(encoding="utf-8")
    assert _audit_actions(store)[-1] == "privacy.access_export"
    assert store.undo_stack.count() == 1  # an export changes nothing to undo, and forgets nothing
    assert responder.errors == []

    (summary,) = parent.findChildren(AccessExportSummary)
    assert json_path.name in summary.text_label.text()
    assert html_path.name in summary.text_label.text()
    assert opened == []  # nothing opens by itself
    summary.report_button.click()
    summary.folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(html_path), str(folder)]
    assert summary.isVisible()  # both buttons may be used; Close closes
    summary.close()

    # The folder is remembered for the next request.
    assert QSettings().value(FOLDER_SETTING) == str(folder)
    assert export_subject_access(store, joris, parent) is not None
    # The first time it opens in Documents, never the program's folder.
    assert asked == [str(file_dialogs.documents_folder()), str(folder)]


def test_access_export_cancelled_writes_nothing(
    qtbot: Any, store: Store, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: "")
    assert export_subject_access(store, _person_id(store, JORIS), parent) is None
    assert "privacy.access_export" not in _audit_actions(store)


def test_a_folder_that_cannot_be_written_is_named_in_the_message(
    qtbot: Any,
    store: Store,
    parent: QWidget,
    responder: ScriptedResponder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A file where the folder should be: refused before anything is written.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(blocker))
    assert export_subject_access(store, _person_id(store, JORIS), parent) is None
    (error,) = responder.errors
    assert str(blocker) in error and "choose another folder" in error

    # A full disk while writing: the message names the file's folder and the reason.
    folder = tmp_path / "full"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))

    def no_space(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", no_space)
    assert export_subject_access(store, _person_id(store, JORIS), parent) is None
    error = responder.errors[-1]
    assert str(folder) in error and "No space left on device" in error
    assert "privacy.access_export" not in _audit_actions(store)
    assert not parent.findChildren(AccessExportSummary)
