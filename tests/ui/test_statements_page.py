"""Statements page: the demo statement edited part by part, each step saved and undoable."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton
from sqlalchemy import select

from roundtable import demo
from roundtable.statements import records
from roundtable.storage.models import Statement, StatementSection
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.statements_page import StatementsPage, slug_from_title
from roundtable_ui.store import Store
from roundtable_ui.widgets.date_fields import DateField


@pytest.fixture
def store(sqlite_db: Any) -> Store:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
    return Store(sqlite_db)


@pytest.fixture
def page(qtbot: Any, store: Store) -> StatementsPage:
    widget = StatementsPage(store)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    assert widget.table.select_where(lambda r: r.slug == "tiktok-charm-offensive") == 1
    return widget


def _statement(store: Store, slug: str = "tiktok-charm-offensive") -> dict[str, Any]:
    def query(session: Any) -> dict[str, Any]:
        s = session.scalars(select(Statement).where(Statement.slug == slug)).one()
        return {
            "id": s.id,
            "title": s.title,
            "status": s.status.value,
            "published_on": s.published_on,
            "sections": [(x.key, x.heading) for x in s.sections],
            "references": [(r.key, r.title, r.position) for r in s.references],
            "updates": [(u.dated, u.title) for u in s.updates],
            "roundtables": sorted(rt.title for rt in s.roundtables),
            "part_ids": (
                [x.id for x in s.sections],
                [r.id for r in s.references],
                [u.id for u in s.updates],
            ),
        }

    return store.read(query)


def _fill(dialog: Any, **values: Any) -> None:
    for name, value in values.items():
        widget = dialog.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, DateField):
            widget.set_value(value)
        else:
            widget.setText(value)


def test_the_demo_statement_opens_in_the_editor(page: StatementsPage) -> None:
    editor = page.editor
    assert editor.isEnabled()
    assert editor.title_edit.text() == "TikTok's charm offensive"
    assert editor.slug_edit.text() == "tiktok-charm-offensive"
    assert editor.language_combo.currentText() == "en"
    assert "DeepL" in editor.translation_edit.text()
    assert editor.sections.rowCount() >= 3
    assert editor.references.rows()[0].key == "fd-2023-09-05"
    assert editor.updates.rows()[0].dated == date(2023, 12, 3)
    linked = [r.title for r in editor.roundtables.rows() if r.id in editor._detail.roundtable_ids]  # type: ignore[union-attr]
    assert len(linked) == 2
    # The preview shows the selected statement (tests/ui/test_statement_preview.py drives it).
    assert page.preview.title() == "Preview"
    assert page.preview_widget.statement_id == editor.statement_id


def test_edit_title_saves_at_once_and_undoes(
    qtbot: Any, page: StatementsPage, store: Store
) -> None:
    editor = page.editor
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "TikTok's charm offensive, reconsidered")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert _statement(store)["title"] == "TikTok's charm offensive, reconsidered"
    assert page.table.rows()[0].title == "TikTok's charm offensive, reconsidered"
    store.undo_stack.undo()
    assert _statement(store)["title"] == "TikTok's charm offensive"
    assert editor.title_edit.text() == "TikTok's charm offensive"
    store.undo_stack.redo()
    assert _statement(store)["title"] == "TikTok's charm offensive, reconsidered"
    assert editor.title_edit.text() == "TikTok's charm offensive, reconsidered"


def test_refused_detail_shows_under_the_field(
    qtbot: Any, page: StatementsPage, store: Store
) -> None:
    editor = page.editor
    editor.slug_edit.selectAll()
    qtbot.keyClicks(editor.slug_edit, "Not A Slug")
    qtbot.keyClick(editor.slug_edit, Qt.Key.Key_Return)
    assert "cannot be used as a short name" in editor.error_text("slug")
    assert _statement(store)["title"] == "TikTok's charm offensive"
    assert store.undo_stack.count() == 0
    # Publishing sets today's date when none is given.
    editor.status_combo.setCurrentIndex(editor.status_combo.findText("Published"))
    editor.status_combo.activated.emit(editor.status_combo.currentIndex())
    saved = _statement(store)
    assert saved["status"] == "published" and saved["published_on"] is not None
    # The refused short name stays as typed, with its message, until it is fixed.
    assert editor.slug_edit.text() == "Not A Slug"
    assert "cannot be used as a short name" in editor.error_text("slug")
    store.undo_stack.undo()
    assert _statement(store)["status"] == "draft"
    assert _statement(store)["published_on"] is None
    editor.slug_edit.setText("tiktok-charm")
    qtbot.keyClick(editor.slug_edit, Qt.Key.Key_Return)
    assert editor.error_text("slug") == ""
    assert store.read(lambda s: s.get(Statement, editor.statement_id).slug) == "tiktok-charm"


def test_add_move_and_delete_a_section(qtbot: Any, page: StatementsPage, store: Store) -> None:
    editor = page.editor
    editor.tabs.setCurrentIndex(1)
    before = _statement(store)["sections"]
    editor.sections_view.selectRow(0)
    dialog = editor.add_section()
    assert dialog is not None
    _fill(dialog, key="Bad Key", heading="What we ask", body="Publish the audit reports.")
    dialog.accept()
    assert "cannot be used as a section key" in dialog.error_text("key")
    assert _statement(store)["sections"] == before
    _fill(dialog, key="asks")
    dialog.accept()
    after = _statement(store)["sections"]
    assert after == [before[0], ("asks", "What we ask"), *before[1:]]
    assert editor.sections.row_at(1).heading == "What we ask"

    editor.sections_view.selectRow(1)
    editor.move_section(+1)
    assert _statement(store)["sections"][2] == ("asks", "What we ask")
    store.undo_stack.undo()
    assert _statement(store)["sections"] == after

    editor.sections_view.selectRow(1)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        editor.sections_view.setFocus()
        qtbot.keyClick(editor.sections_view, Qt.Key.Key_Delete)
    assert _statement(store)["sections"] == before
    store.undo_stack.undo()
    assert _statement(store)["sections"] == after
    store.undo_stack.undo()  # the move was undone already; this undoes the add
    assert _statement(store)["sections"] == before
    store.undo_stack.redo()
    assert _statement(store)["sections"] == after


def test_add_and_edit_a_reference(qtbot: Any, page: StatementsPage, store: Store) -> None:
    editor = page.editor
    count = len(_statement(store)["references"])
    dialog = editor.add_reference()
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()  # key and title are required
    _fill(
        dialog,
        key="nos-2023-11-28",
        title="TikTok meets its critics",
        url="https://nos.example/tiktok",
        publisher="NOS",
        published_on=date(2023, 11, 28),
    )
    dialog.accept()
    refs = _statement(store)["references"]
    assert refs[-1] == ("nos-2023-11-28", "TikTok meets its critics", count)
    assert editor.references.rows()[-1].published_on == date(2023, 11, 28)

    # The same key again is refused by the core, next to the key field.
    again = editor.add_reference()
    assert again is not None
    _fill(again, key="nos-2023-11-28", title="Another")
    again.accept()
    assert "already has a reference with the key" in again.error_text("key")
    again.reject()
    assert len(_statement(store)["references"]) == count + 1

    editor.references_view.selectRow(count)
    edit = editor.edit_reference()
    assert edit is not None
    assert edit.values()["publisher"] == "NOS"
    _fill(edit, title="TikTok meets its critics (updated)")
    edit.accept()
    assert _statement(store)["references"][-1][1] == "TikTok meets its critics (updated)"
    store.undo_stack.undo()
    assert _statement(store)["references"][-1][1] == "TikTok meets its critics"
    store.undo_stack.undo()
    assert len(_statement(store)["references"]) == count


def test_link_and_unlink_a_roundtable(qtbot: Any, page: StatementsPage, store: Store) -> None:
    editor = page.editor
    hearing = "Committee hearing: TikTok answers questions on data protection"
    row = editor.roundtables.find_row(lambda r: r.title == hearing)
    index = editor.roundtables.index(row, 0)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    # A user ticks the box with the keyboard.
    editor.tabs.setCurrentIndex(2)
    editor.roundtables_view.setFocus()
    editor.roundtables_view.setCurrentIndex(index)
    qtbot.keyClick(editor.roundtables_view, Qt.Key.Key_Space)
    assert hearing in _statement(store)["roundtables"]
    assert len(_statement(store)["roundtables"]) == 3
    assert editor.roundtables.index(row, 0).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    store.undo_stack.undo()
    assert hearing not in _statement(store)["roundtables"]
    store.undo_stack.redo()
    assert hearing in _statement(store)["roundtables"]

    clover = editor.roundtables.find_row(lambda r: r.title == "TikTok roundtable on Project Clover")
    editor.roundtables.setData(
        editor.roundtables.index(clover, 0),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert "TikTok roundtable on Project Clover" not in _statement(store)["roundtables"]
    store.undo_stack.undo()
    assert "TikTok roundtable on Project Clover" in _statement(store)["roundtables"]


def test_add_a_dated_update(qtbot: Any, page: StatementsPage, store: Store) -> None:
    editor = page.editor
    dialog = editor.add_update()
    assert dialog is not None
    _fill(dialog, dated=date(2024, 2, 1), title="Update, 1 February 2024")
    assert not dialog.ok_button.isEnabled()  # the text is required
    _fill(dialog, body="TikTok has not yet published the audit.")
    dialog.accept()
    assert _statement(store)["updates"][-1] == (date(2024, 2, 1), "Update, 1 February 2024")
    store.undo_stack.undo()
    assert all(u[0] != date(2024, 2, 1) for u in _statement(store)["updates"])
    store.undo_stack.redo()
    assert _statement(store)["updates"][-1][0] == date(2024, 2, 1)

    editor.updates_view.selectRow(len(editor.updates.rows()) - 1)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        editor.delete_update()
    assert all(u[0] != date(2024, 2, 1) for u in _statement(store)["updates"])
    store.undo_stack.undo()
    assert _statement(store)["updates"][-1][0] == date(2024, 2, 1)


def test_new_statement_derives_the_slug(qtbot: Any, page: StatementsPage, store: Store) -> None:
    page.table.view.setFocus()
    with messages.use_responder(ScriptedResponder(texts=["TikTok's charm offensive"])):
        page.new_item()  # what the main window's Edit > New (Ctrl+N) calls on this page
    created = _statement(store, "tiktoks-charm-offensive")
    assert created["title"] == "TikTok's charm offensive"
    assert page.editor.statement_id == created["id"]
    assert page.editor.slug_edit.text() == "tiktoks-charm-offensive"
    store.undo_stack.undo()
    assert [r.slug for r in page.table.rows()] == ["tiktok-charm-offensive"]
    assert slug_from_title("Één ronde tafel: wat nu?") == "een-ronde-tafel-wat-nu"
    assert slug_from_title("Report", {"report", "report-2"}) == "report-3"


def test_delete_a_statement_asks_and_undo_brings_it_back_whole(
    qtbot: Any, page: StatementsPage, store: Store
) -> None:
    with store.database.transaction() as session:
        statement = session.scalars(
            select(Statement).where(Statement.slug == "tiktok-charm-offensive")
        ).one()
        records.update_statement(session, statement, status="published")
    page.refresh()
    before = _statement(store)
    assert before["sections"] and before["references"] and before["updates"]
    assert before["status"] == "published" and len(before["roundtables"]) == 2
    assert page.delete_button.isEnabled()

    with messages.use_responder(ScriptedResponder(confirms=[False])) as answers:
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert answers.asked and "Undo" in answers.asked[0][1]
    assert _statement(store) == before

    with messages.use_responder(ScriptedResponder(confirms=[True])):
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert all(r.slug != "tiktok-charm-offensive" for r in page.table.rows())
    assert store.undo_stack.undoText() == "Delete statement “TikTok's charm offensive”"

    store.undo_stack.undo()
    # The same statement: id, status, date, parts in their order and roundtable links.
    assert _statement(store) == before
    assert page.editor.statement_id == before["id"]
    assert page.editor.status_combo.currentData() == "published"
    store.undo_stack.redo()
    assert all(r.slug != "tiktok-charm-offensive" for r in page.table.rows())


def test_the_delete_key_in_the_list_deletes_the_selected_statement(
    qtbot: Any, page: StatementsPage
) -> None:
    page.table.view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])) as answers:
        qtbot.keyClick(page.table.view, Qt.Key.Key_Delete)
    assert answers.asked
    assert all(r.slug != "tiktok-charm-offensive" for r in page.table.rows())


def test_a_section_deleted_at_another_desk_is_refused_and_the_list_reloads(
    qtbot: Any, page: StatementsPage, store: Store
) -> None:
    editor = page.editor
    editor.tabs.setCurrentIndex(1)
    editor.sections_view.selectRow(0)
    gone = editor.sections.row_at(0)
    # Someone else deletes the section; this window has not reloaded yet.
    with store.database.transaction() as session:
        records.delete_statement_section(session, session.get(StatementSection, gone.id))
    assert editor.sections.row_at(0).id == gone.id
    editor.sections_view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])) as answers:
        qtbot.keyClick(editor.sections_view, Qt.Key.Key_Delete)
    assert answers.errors == ["The section no longer exists; someone may have deleted it."]
    assert store.undo_stack.count() == 0
    assert all(row.id != gone.id for row in editor.sections.rows())


def test_moving_a_section_with_the_button_saves_and_undoes(
    qtbot: Any, page: StatementsPage, store: Store
) -> None:
    editor = page.editor
    editor.tabs.setCurrentIndex(1)
    before = _statement(store)["sections"]
    editor.sections_view.selectRow(0)
    down = next(
        b for b in editor.tabs.currentWidget().findChildren(QPushButton) if b.text() == "Move down"
    )
    qtbot.mouseClick(down, Qt.MouseButton.LeftButton)
    assert _statement(store)["sections"] == [before[1], before[0], *before[2:]]
    assert store.undo_stack.undoText() == "Move section"
    # The moved section stays selected, so a second click moves it on.
    qtbot.mouseClick(down, Qt.MouseButton.LeftButton)
    assert _statement(store)["sections"][2] == before[0]
    store.undo_stack.undo()
    store.undo_stack.undo()
    assert _statement(store)["sections"] == before
