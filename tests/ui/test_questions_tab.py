"""The Questions tab on the demo data: add, drag, Ctrl+Down, answer, status, delete; undo/redo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from roundtable.demo import load_demo
from roundtable.enums import QuestionStatus
from roundtable.meetings import minutes_queries, queries
from roundtable.meetings.minutes_queries import QuestionRow
from roundtable.people import persons
from roundtable.storage.db import Database
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.models.question_model import QUESTION_MIME_TYPE
from roundtable_ui.pages.questions_tab import QuestionsTab
from roundtable_ui.store import Store

NOVEMBER = "TikTok stakeholder roundtable, November 2023"
NEW_QUESTION = "Will TikTok let independent researchers audit Project Clover?"


@pytest.fixture
def store(sqlite_db: Database) -> Iterator[Store]:
    with sqlite_db.transaction() as session:
        load_demo(session)
    yield Store(sqlite_db)


def _roundtable_id(store: Store, title: str = NOVEMBER) -> int:
    rows = store.read(queries.list_roundtables)
    return next(r.id for r in rows if r.title == title)


def _questions(store: Store, roundtable_id: int) -> list[QuestionRow]:
    return store.read(minutes_queries.list_questions, roundtable_id)


def _texts(store: Store, roundtable_id: int) -> list[str]:
    return [q.text for q in _questions(store, roundtable_id)]


@pytest.fixture
def tab(qtbot: QtBot, store: Store) -> QuestionsTab:
    widget = QuestionsTab(store)
    qtbot.addWidget(widget)
    widget.set_roundtable(_roundtable_id(store))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _add(tab: QuestionsTab, qtbot: QtBot, store: Store) -> int:
    dialog = tab.add_question()
    assert dialog is not None
    qtbot.keyClicks(dialog.text_edit, NEW_QUESTION)
    marloes = next(
        i for i in range(dialog.asked_by.count()) if "Marloes" in dialog.asked_by.itemText(i)
    )
    dialog.asked_by.setCurrentIndex(marloes)
    dialog.asked_by.activated.emit(marloes)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("submitted"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    return dialog.saved_id


def test_add_question_then_undo_and_redo(qtbot: QtBot, store: Store, tab: QuestionsTab) -> None:
    rt = _roundtable_id(store)
    before = _texts(store, rt)
    assert len(before) == 3
    question_id = _add(tab, qtbot, store)

    rows = _questions(store, rt)
    assert [q.text for q in rows] == [*before, NEW_QUESTION]
    new = rows[-1]
    assert (new.id, new.position, new.status) == (question_id, 3, QuestionStatus.SUBMITTED)
    assert new.asked_by_name == "Marloes van Dijk"
    assert tab.current_question() is not None and tab.current_question().id == question_id
    assert tab.model.rowCount() == 4
    assert store.undo_stack.undoText() == "Add question"

    store.undo_stack.undo()
    assert _texts(store, rt) == before
    assert tab.model.rowCount() == 3
    store.undo_stack.redo()
    rows = _questions(store, rt)
    assert [q.text for q in rows] == [*before, NEW_QUESTION]
    assert rows[-1].id == question_id  # redo puts back the same row


def test_an_empty_question_is_refused_next_to_the_field(
    qtbot: QtBot, store: Store, tab: QuestionsTab
) -> None:
    dialog = tab.add_question()
    assert dialog is not None
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.errors["text"].isHidden()
    assert dialog.errors["text"].text()
    assert len(_questions(store, _roundtable_id(store))) == 3
    assert store.undo_stack.count() == 0
    dialog.reject()


def test_drag_and_drop_and_ctrl_down_reorder(qtbot: QtBot, store: Store, tab: QuestionsTab) -> None:
    rt = _roundtable_id(store)
    question_id = _add(tab, qtbot, store)
    original = _texts(store, rt)

    # Drag the new (last) question to the top, as the view does: mime data, then drop.
    proxy = tab.proxy
    source = proxy.index(3, 1)
    mime = proxy.mimeData([source])
    assert mime.hasFormat(QUESTION_MIME_TYPE)
    assert proxy.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    rows = _questions(store, rt)
    assert rows[0].id == question_id
    assert [q.position for q in rows] == [0, 1, 2, 3]
    assert [q.text for q in rows] == [NEW_QUESTION, *original[:3]]
    assert store.undo_stack.undoText() == "Move question"
    assert tab.current_question().id == question_id  # the selection follows the row

    store.undo_stack.undo()
    assert _texts(store, rt) == original
    store.undo_stack.redo()
    assert _texts(store, rt)[0] == NEW_QUESTION

    # Dropped onto the third row: it takes that row's place.
    mime = proxy.mimeData([proxy.index(0, 0)])
    assert proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, proxy.index(2, 0))
    assert _texts(store, rt)[2] == NEW_QUESTION
    store.undo_stack.undo()
    assert _texts(store, rt)[0] == NEW_QUESTION

    # Ctrl+Down moves the selected question one place later.
    assert tab.select_question(question_id)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    rows = _questions(store, rt)
    assert rows[1].id == question_id
    assert [q.text for q in rows] == [original[0], NEW_QUESTION, *original[1:3]]
    qtbot.keyClick(tab.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _questions(store, rt)[0].id == question_id
    store.undo_stack.undo()  # the Ctrl+Up
    store.undo_stack.undo()  # the Ctrl+Down
    assert _questions(store, rt)[0].id == question_id
    store.undo_stack.redo()
    assert _questions(store, rt)[1].id == question_id

    # A drop onto its own place changes nothing and is not an undo step.
    steps = store.undo_stack.count()
    mime = proxy.mimeData([proxy.index(1, 0)])
    assert not proxy.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert store.undo_stack.count() == steps


def test_answer_is_saved_on_focus_out_and_undone(
    qtbot: QtBot, store: Store, tab: QuestionsTab
) -> None:
    rt = _roundtable_id(store)
    second = _questions(store, rt)[1]
    assert second.status == QuestionStatus.ASKED
    assert tab.select_question(second.id)
    assert tab.answer_edit.toPlainText() == second.answer
    tab.answer_edit.setFocus()
    tab.answer_edit.selectAll()
    qtbot.keyClicks(tab.answer_edit, "No: the revenue model stays as it is.")
    QApplication.sendEvent(
        tab.answer_edit, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason)
    )
    assert _questions(store, rt)[1].answer == "No: the revenue model stays as it is."
    assert store.undo_stack.undoText() == "Edit answer"
    assert tab.model.row_at(1).answer.startswith("No: the revenue")
    # A second focus-out with nothing typed saves nothing.
    count = store.undo_stack.count()
    QApplication.sendEvent(
        tab.answer_edit, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason)
    )
    assert store.undo_stack.count() == count

    store.undo_stack.undo()
    assert _questions(store, rt)[1].answer == second.answer
    assert tab.answer_edit.toPlainText() == second.answer
    store.undo_stack.redo()
    assert _questions(store, rt)[1].answer == "No: the revenue model stays as it is."

    # Status quick change from the context menu.
    menu = tab.context_menu()
    status_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    answered = next(a for a in status_menu.actions() if a.data() == "answered")
    answered.trigger()
    assert _questions(store, rt)[1].status == QuestionStatus.ANSWERED
    assert store.undo_stack.undoText() == "Mark question as answered"
    store.undo_stack.undo()
    assert _questions(store, rt)[1].status == QuestionStatus.ASKED
    menu.deleteLater()


def test_edit_delete_and_undo_restores_the_position(
    qtbot: QtBot, store: Store, tab: QuestionsTab
) -> None:
    rt = _roundtable_id(store)
    before = _questions(store, rt)
    middle = before[1]
    assert tab.select_question(middle.id)

    dialog = tab.edit_selected()
    assert dialog is not None
    assert dialog.text_edit.toPlainText() == middle.text
    dialog.text_edit.setPlainText("Will TikTok give up targeted advertising?")
    dialog.accept()
    assert _questions(store, rt)[1].text == "Will TikTok give up targeted advertising?"
    assert _questions(store, rt)[1].asked_by_name == middle.asked_by_name
    assert store.undo_stack.undoText() == "Edit question"
    store.undo_stack.undo()
    assert _questions(store, rt)[1].text == middle.text

    tab.view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])) as responder:
        qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert responder.asked and responder.asked[0][0] == "confirm"
    assert [q.id for q in _questions(store, rt)] == [before[0].id, before[2].id]
    assert [q.position for q in _questions(store, rt)] == [0, 1]
    assert store.undo_stack.undoText() == "Delete question"

    store.undo_stack.undo()
    rows = _questions(store, rt)
    assert [q.id for q in rows] == [q.id for q in before]
    assert rows[1].text == middle.text and rows[1].answer == middle.answer
    store.undo_stack.redo()
    assert len(_questions(store, rt)) == 2

    # Cancelling the confirmation deletes nothing.
    assert tab.select_question(before[0].id)
    with messages.use_responder(ScriptedResponder(confirms=[False])):
        tab.delete_selected()
    assert len(_questions(store, rt)) == 2


def test_asker_filter_shows_one_delegation(qtbot: QtBot, store: Store) -> None:
    tab = QuestionsTab(store)
    qtbot.addWidget(tab)
    tab.set_roundtable(_roundtable_id(store, "TikTok roundtable on Project Clover"))
    labels = [tab.asker_combo.itemText(i) for i in range(tab.asker_combo.count())]
    assert labels == ["All askers", "Privacy First Foundation"]
    assert tab.proxy.rowCount() == 6

    tab.set_roundtable(_roundtable_id(store))
    labels = [tab.asker_combo.itemText(i) for i in range(tab.asker_combo.count())]
    assert labels[0] == "All askers" and "Marloes van Dijk" in labels
    tab.asker_combo.setCurrentIndex(labels.index("Marloes van Dijk"))
    assert tab.proxy.rowCount() == 1
    assert tab.proxy.index(0, 2).data() == "Marloes van Dijk"
    assert tab.proxy.index(0, 0).data() == "2"  # its place in the whole list

    tab.set_roundtable(None)
    assert tab.model.rowCount() == 0
    assert not tab.add_button.isEnabled()


def test_a_delegation_can_be_the_asker_and_a_person_deleted_meanwhile_is_refused(
    qtbot: QtBot, store: Store, tab: QuestionsTab
) -> None:
    rt = _roundtable_id(store)
    first = _questions(store, rt)[0]
    assert first.asked_by_name == "Joris Hendriks"
    assert tab.select_question(first.id)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)  # opens the question in its dialog
    dialog = tab.dialog
    assert dialog is not None and dialog.row is not None and dialog.row.id == first.id
    labels = [dialog.asked_by.itemText(i) for i in range(dialog.asked_by.count())]
    # People with their organisation, then the organisations themselves.
    assert labels.index("Joris Hendriks · Privacy First Foundation") < labels.index(
        "TikTok (organisation)"
    )
    assert dialog.asked_by.currentText() == "Joris Hendriks · Privacy First Foundation"
    tiktok = labels.index("TikTok (organisation)")
    dialog.asked_by.setCurrentIndex(tiktok)
    dialog.asked_by.activated.emit(tiktok)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    row = _questions(store, rt)[0]
    assert (row.asked_by_person_id, row.asked_by_name) == (None, "TikTok")
    assert tab.current_question() is not None and tab.current_question().id == first.id
    store.undo_stack.undo()
    row = _questions(store, rt)[0]
    assert (row.asked_by_person_id, row.asked_by_organisation_id) == (
        first.asked_by_person_id,
        None,
    )

    # Someone at another desk deletes the person chosen in an open dialog.
    with store.database.transaction() as session:
        person_id = persons.create_person(session, "Kees Tijdelijk", email="kees@example.org").id
    dialog = tab.add_question()
    assert dialog is not None
    qtbot.keyClicks(dialog.text_edit, NEW_QUESTION)
    kees = next(i for i in range(dialog.asked_by.count()) if "Kees" in dialog.asked_by.itemText(i))
    dialog.asked_by.setCurrentIndex(kees)
    dialog.asked_by.activated.emit(kees)
    with store.database.transaction() as session:
        persons.delete_person(session, persons.get_person(session, person_id))
    steps = store.undo_stack.count()
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.general_error.isHidden()
    assert "no longer exists" in dialog.general_error.text()
    assert NEW_QUESTION not in _texts(store, rt)
    assert store.undo_stack.count() == steps
    dialog.reject()


# -- the answer goes to the question selected, as a person works ------------------------


def _click_row(tab: QuestionsTab, row: int) -> None:
    index = tab.proxy.index(row, 1)
    QTest.mouseClick(
        tab.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        tab.view.visualRect(index).center(),
    )


def _double_click_row(tab: QuestionsTab, row: int) -> None:
    where = tab.view.visualRect(tab.proxy.index(row, 1)).center()
    viewport = tab.view.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)


def _click_ok(qtbot: QtBot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _click_into_answer(tab: QuestionsTab) -> None:
    viewport = tab.answer_edit.viewport()
    QTest.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        viewport.rect().center(),
    )
    assert QApplication.focusWidget() is tab.answer_edit


def _edit_first_in_its_dialog(qtbot: QtBot, tab: QuestionsTab) -> None:
    _double_click_row(tab, 0)
    dialog = tab.dialog
    assert dialog is not None and dialog.row is not None
    qtbot.waitExposed(dialog)
    QTest.keyClick(dialog.text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.text_edit, " (edited)")
    _click_ok(qtbot, dialog)


def test_an_answer_typed_after_editing_another_question_goes_to_the_row_clicked(
    qtbot: QtBot, store: Store, tab: QuestionsTab
) -> None:
    rt = _roundtable_id(store)
    before = _questions(store, rt)
    _edit_first_in_its_dialog(qtbot, tab)
    assert _questions(store, rt)[0].text == before[0].text + " (edited)"

    _click_row(tab, 2)
    assert tab.current_question() is not None and tab.current_question().id == before[2].id
    assert tab.answer_edit.toPlainText() == before[2].answer  # the clicked row's answer
    _click_into_answer(tab)
    QTest.keyClick(tab.answer_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(tab.answer_edit, " A report is due in spring.")
    _click_row(tab, 1)  # leaving the field saves it

    after = _questions(store, rt)
    assert after[2].answer == before[2].answer + " A report is due in spring."
    assert after[0].answer == before[0].answer  # nothing onto the question edited before
    assert after[1].answer == before[1].answer
    assert tab.answer_edit.toPlainText() == before[1].answer
    assert store.undo_stack.undoText() == "Edit answer"


def test_the_first_click_on_a_row_shows_its_answer(
    qtbot: QtBot, store: Store, tab: QuestionsTab
) -> None:
    rt = _roundtable_id(store)
    before = _questions(store, rt)
    assert tab.current_question() is None and not tab.answer_edit.isEnabled()
    _click_row(tab, 1)
    assert tab.answer_edit.isEnabled()
    assert tab.answer_edit.toPlainText() == before[1].answer
    _click_row(tab, 0)
    assert tab.answer_edit.toPlainText() == before[0].answer


def test_an_answer_typed_after_moving_down_with_the_keyboard_goes_to_that_row(
    qtbot: QtBot, store: Store, tab: QuestionsTab
) -> None:
    rt = _roundtable_id(store)
    before = _questions(store, rt)
    _click_row(tab, 0)
    QTest.keyClick(tab.view, Qt.Key.Key_Return)  # opens the question in its dialog
    dialog = tab.dialog
    assert dialog is not None and dialog.row is not None and dialog.row.id == before[0].id
    qtbot.waitExposed(dialog)
    QTest.keyClick(dialog.text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.text_edit, " (edited)")
    _click_ok(qtbot, dialog)

    tab.view.setFocus(Qt.FocusReason.OtherFocusReason)
    QTest.keyClick(tab.view, Qt.Key.Key_Down)
    assert tab.current_question() is not None and tab.current_question().id == before[1].id
    assert tab.answer_edit.toPlainText() == before[1].answer
    QTest.keyClick(tab.view, Qt.Key.Key_Down)
    assert tab.answer_edit.toPlainText() == before[2].answer
    _click_into_answer(tab)
    tab.answer_edit.selectAll()
    QTest.keyClicks(tab.answer_edit, "Yes, in full.")
    QTest.keyClick(tab.answer_edit, Qt.Key.Key_Tab)  # Tab leaves the field and saves it
    assert QApplication.focusWidget() is not tab.answer_edit

    after = _questions(store, rt)
    assert after[2].answer == "Yes, in full."
    assert [q.answer for q in after[:2]] == [q.answer for q in before[:2]]


def test_an_answer_typed_after_undoing_an_edit_goes_to_the_row_clicked(
    qtbot: QtBot, store: Store, tab: QuestionsTab
) -> None:
    rt = _roundtable_id(store)
    before = _questions(store, rt)
    _edit_first_in_its_dialog(qtbot, tab)
    store.undo_stack.undo()
    assert _questions(store, rt)[0].text == before[0].text
    assert tab.current_question() is not None and tab.current_question().id == before[0].id

    _click_row(tab, 1)
    assert tab.answer_edit.toPlainText() == before[1].answer
    _click_into_answer(tab)
    tab.answer_edit.selectAll()
    QTest.keyClicks(tab.answer_edit, "They would not say.")
    _click_row(tab, 0)

    after = _questions(store, rt)
    assert after[1].answer == "They would not say."
    assert after[0].answer == before[0].answer and after[2].answer == before[2].answer
    assert tab.answer_edit.toPlainText() == before[0].answer
    store.undo_stack.undo()
    assert _questions(store, rt)[1].answer == before[1].answer
    assert tab.answer_edit.toPlainText() == before[0].answer  # still the row selected
